// Parquet shards from typed rows (a generator's values written straight into the columns) against the
// CSV path (the same rows as text, parsed back by csvColumns): the columns, and so the files, must be
// the same bytes, or a Parquet table would depend on which path wrote each shard.
import { describe, expect, it } from 'vitest';
import { tableEncodings } from '../../../src/encoding/outputFormat.js';
import type { ColumnBuffers } from '../../../src/encoding/parquet/columnScratch.js';
import { csvColumns, ParquetValueError } from '../../../src/encoding/parquet/csvColumns.js';
import { encodeParquetShard, encodeTypedShard } from '../../../src/encoding/parquet/shardFile.js';
import { TypedRows } from '../../../src/encoding/parquet/typedRows.js';
import { encodeText } from '../../../src/encoding/rowSink.js';
import { createTableGenerator } from '../../../src/model/tables/registry.js';
import { EventColumns } from '../../../src/model/tables/webEvents/eventColumns.js';
import { WEB_EVENT_COLUMNS } from '../../../src/model/tables/webEvents/columns.js';
import type { ColumnType } from '../../../src/schema/schemaTypes.js';
import { SCHEMAS, tableRows, worldOf } from '../helpers/memoryDataset.js';

const memory = (bytes: number): Uint8Array => new Uint8Array(bytes);

/** Columns as plain arrays, to compare two fills (each read before the next fill reuses the scratch). */
function plain(columns: readonly ColumnBuffers[]): unknown[] {
  return columns.map((column) => ({ length: column.length, nulls: column.nullCount, validity: [...column.validity], values: [...column.values], offsets: column.offsets ? [...column.offsets] : undefined }));
}

const NAMES = ['id', 'at', 'label', 'code'];
const TYPES: ColumnType[] = [{ kind: 'BIGINT' }, { kind: 'TIMESTAMP' }, { kind: 'VARCHAR', length: 100 }, { kind: 'INTEGER' }];
const LONG = 'session-0123456789abcdef-0123456789abcdef';

describe('TypedRows', () => {
  // 19 rows: runs of one label and code (filled at once), an empty label and code 0 (NULL), a run past
  // a bitmap byte, and text whose repeats outgrow a byte loop (copied natively).
  const runs: Array<[label: string, code: number, rows: number]> = [
    ['a', 7, 3],
    ['', 0, 2],
    [LONG, -5, 9],
    ['é', 2147483647, 1],
    ['xy', 0, 4],
  ];
  const seconds = (row: number): number => 1_700_000_000 + row * 3_601.75 - (row === 4 ? 1_800_000_000 : 0);

  it('leaves the columns csvColumns reads from the same values as CSV, filled row by row or run by run', () => {
    const lines: string[] = [];
    const byRow = new TypedRows(NAMES, TYPES);
    for (const [label, code, count] of runs) {
      for (let index = 0; index < count; index++) {
        const row = byRow.count;
        byRow.begin();
        byRow.int(0, row * 1_000_003_001);
        byRow.seconds(1, seconds(row));
        const bytes = encodeText(label);
        byRow.text(2, bytes, 0, bytes.length);
        if (code === 0) byRow.none(3);
        else byRow.int(3, code);
        byRow.end();
        const date = new Date(Math.floor(seconds(row)) * 1000).toISOString();
        lines.push(`${row * 1_000_003_001},${date.slice(0, 10)} ${date.slice(11, 19)},${label},${code === 0 ? '' : code}`);
      }
    }
    const rowColumns = plain(byRow.buffers(memory));

    const byRun = new TypedRows(NAMES, TYPES);
    for (const [label, code, count] of runs) {
      const from = byRun.count;
      for (let index = 0; index < count; index++) {
        const row = byRun.count;
        byRun.begin();
        byRun.int(0, row * 1_000_003_001);
        byRun.seconds(1, seconds(row));
        byRun.end();
      }
      byRun.fillText(2, encodeText(label), from);
      byRun.fillInt(3, code, from);
    }
    const runColumns = plain(byRun.buffers(memory));

    const csv = plain(csvColumns(Buffer.from(`${lines.join('\n')}\n`, 'utf8'), NAMES, TYPES));
    expect(rowColumns).toEqual(csv);
    expect(runColumns).toEqual(csv);
  });

  it('writes a value in place where textRoom gives room', () => {
    const rows = new TypedRows(['label'], [{ kind: 'VARCHAR', length: 20 }]);
    for (const label of ['first', 'second']) {
      rows.begin();
      const view = rows.textRoom(0, label.length);
      const at = rows.textEnd(0);
      view.set(encodeText(label), at);
      rows.wrote(0, at + label.length);
      rows.end();
    }
    expect(plain(rows.buffers(memory))).toEqual(plain(csvColumns(Buffer.from('first\nsecond\n'), ['label'], [{ kind: 'VARCHAR', length: 20 }])));
  });

  it('refuses a value its column cannot hold, as csvColumns refuses its text', () => {
    const rows = new TypedRows(NAMES, TYPES);
    rows.begin();
    expect(() => rows.int(3, 2 ** 31)).toThrow(ParquetValueError);
    expect(() => rows.int(0, 2 ** 53)).toThrow(ParquetValueError);
    expect(() => rows.text(3, encodeText('x'), 0, 1)).toThrow(ParquetValueError);
    expect(() => rows.seconds(2, 0)).toThrow(ParquetValueError);
  });
});

describe('web_events as typed rows', () => {
  const world = worldOf();
  const encoding = tableEncodings(SCHEMAS).web_events;

  const typedFile = (from: number, to: number, until: number): Uint8Array | undefined =>
    encodeTypedShard(encoding, 'snappy', (rows) => createTableGenerator(world, 'web_events').typedRows?.(from, to, rows, until) ?? -1);

  it.each<[number, number, string]>([
    [1, 2000, 'the whole table'],
    [1, 777, 'a shard ending inside a session'],
    [778, 1999, 'a shard starting and ending inside sessions'],
    [1500, 1500, 'one row'],
  ])("gives the CSV path's Parquet bytes for %i-%i (%s), and as of an earlier instant", (from, to) => {
    for (const until of [world.windowLast, world.windowLast - 200 * 86_400]) {
      const csv = tableRows(world, 'web_events', from, to, until);
      const file = typedFile(from, to, until);
      expect(file).toBeDefined();
      expect(Buffer.from(file as Uint8Array).equals(Buffer.from(encodeParquetShard(Buffer.from(csv, 'utf8'), encoding, 'snappy')))).toBe(true);
    }
  });

  it("declines columns that are not web_events' (the CSV path then writes the shard)", () => {
    const renamed = { ...encoding, names: encoding.names.map((name) => (name === 'page_url' ? 'url' : name)) };
    expect(createTableGenerator(world, 'web_events').typedRows?.(1, 10, new TypedRows(renamed.names, renamed.types), world.windowLast)).toBe(-1);
    const retyped = encoding.types.map((type, index): ColumnType => (index === 6 ? { kind: 'DATE' } : type));
    expect(EventColumns.fit(new TypedRows(encoding.names, retyped), WEB_EVENT_COLUMNS)).toBe(false);
    expect(EventColumns.fit(new TypedRows(encoding.names, encoding.types), WEB_EVENT_COLUMNS)).toBe(true);
  });

  it('declines a search query CSV would quote or write as UTF-8', () => {
    for (const [query, declined] of [['red shoes', false], ['a,b', true], ['say "hi"', true], ['café', true], ['', false]] as const) {
      const columns = new EventColumns(new TypedRows(encoding.names, encoding.types));
      columns.search(query);
      expect(columns.declined).toBe(declined);
    }
  });
});
