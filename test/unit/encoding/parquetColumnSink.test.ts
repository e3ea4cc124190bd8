// ColumnSink (a generator's CSV calls taken as typed values) against the CSV path (the same calls made to
// a RowSink, the bytes read back by csvColumns): the columns, and so the Parquet files, must be the same,
// or a table's bytes would depend on which path wrote each shard; and a shape the sink does not read as
// the CSV path would must make it decline (the worker then takes the CSV path).
import { describe, expect, it } from 'vitest';
import { CalendarText } from '../../../src/core/calendar.js';
import { tableEncodings } from '../../../src/encoding/outputFormat.js';
import type { ColumnBuffers } from '../../../src/encoding/parquet/columnScratch.js';
import { ColumnSink } from '../../../src/encoding/parquet/columnSink.js';
import { csvColumns, ParquetValueError } from '../../../src/encoding/parquet/csvColumns.js';
import { encodeParquetShard, encodeWrittenShard } from '../../../src/encoding/parquet/shardFile.js';
import { encodeText, RowSink } from '../../../src/encoding/rowSink.js';
import type { RowWriter } from '../../../src/encoding/rowWriter.js';
import { createTableGenerator } from '../../../src/model/tables/registry.js';
import type { ColumnType } from '../../../src/schema/schemaTypes.js';
import type { TableName } from '../../../src/schema/tableNames.js';
import { SCHEMAS, tableRows, worldOf } from '../helpers/memoryDataset.js';

const memory = (bytes: number): Uint8Array => new Uint8Array(bytes);
const calendar = new CalendarText();

/** Columns as plain arrays, to compare two fills (each read before the next fill reuses the scratch). */
function plain(columns: readonly ColumnBuffers[]): unknown[] {
  return columns.map((column) => ({ length: column.length, nulls: column.nullCount, validity: [...column.validity], values: [...column.values], offsets: column.offsets ? [...column.offsets] : undefined }));
}

type Script = (writer: RowWriter) => void;

/** The script's calls through a ColumnSink, and through a RowSink read back by csvColumns. */
function bothWays(types: readonly ColumnType[], script: Script): { sink: ColumnSink; typed: unknown[] | undefined; csv: unknown[] } {
  const names = types.map((_, index) => `c${index}`);
  const rowSink = new RowSink(1024);
  script(rowSink);
  const csv = plain(csvColumns(rowSink.bytes(), names, types));
  const sink = new ColumnSink(names, types);
  script(sink);
  return { sink, typed: sink.declined ? undefined : plain(sink.buffers(memory)), csv };
}

const INTEGER: ColumnType = { kind: 'INTEGER' };
const BIGINT: ColumnType = { kind: 'BIGINT' };
const MONEY: ColumnType = { kind: 'DECIMAL', precision: 12, scale: 2 };
const WIDE_MONEY: ColumnType = { kind: 'DECIMAL', precision: 18, scale: 4 };
const TIMESTAMP: ColumnType = { kind: 'TIMESTAMP' };
const DATE: ColumnType = { kind: 'DATE' };
const BOOLEAN: ColumnType = { kind: 'BOOLEAN' };
const TEXT: ColumnType = { kind: 'VARCHAR', length: 100 };

describe('ColumnSink', () => {
  it('reads every call into the columns csvColumns reads from its CSV, fast path or not', () => {
    const types = [INTEGER, BIGINT, MONEY, WIDE_MONEY, TIMESTAMP, DATE, BOOLEAN, TEXT, TEXT, INTEGER, TEXT, TEXT];
    const { typed, csv } = bothWays(types, (writer) => {
      for (let row = 0; row < 21; row++) {
        writer.int(row * 3 - 7);
        writer.comma();
        if (row % 4 !== 0) writer.int(row * 1_000_003_001 - 2 ** 40);
        writer.comma();
        writer.cents(row * 12_345 - 99_999);
        writer.comma();
        writer.cents(-row);
        writer.comma();
        // Whole seconds (the fast path), before 1970, a fraction: all read as the CSV's text reads.
        writer.timestamp(row === 3 ? -86_399 : row === 5 ? 1_700_000_000.5 : 1_700_000_000 + row * 86_461, calendar);
        writer.comma();
        const date = writer.reserve(10);
        writer.advanceTo(calendar.writeDate(date, writer.position, 19_000 + row));
        writer.comma();
        writer.encoded(encodeText(row % 3 === 0 ? 'true,' : row % 3 === 1 ? 'false,' : ','));
        // Text in pieces, a house number's field, quoted and non-ASCII text, an empty (NULL) field.
        writer.plain('ab');
        writer.byte(46);
        writer.int(row);
        writer.comma();
        if (row % 5 === 1) writer.numberedField(row + 10, 'Main', row % 2 === 0 ? 'Street' : '');
        else if (row % 5 === 2) writer.field(`say "hi", ${row}`);
        else if (row % 5 === 3) writer.field(`café ${row}`);
        else if (row % 5 === 4) writer.numberedField(row, 'O"Hara, Jr', 'Way');
        writer.comma();
        // A typed column written as text (read back by csvColumns' own reader), then numbers as text.
        if (row % 2 === 0) writer.plain(`${row}`);
        writer.comma();
        writer.timestamp(1_600_000_000 + row, calendar);
        writer.comma();
        writer.timestamp(1_650_000_000 + row * 7, calendar);
        writer.cents(row);
        writer.newline();
      }
      // A record cut short: the rest of its columns NULL. Then a last record without its newline.
      writer.int(1);
      writer.newline();
      writer.int(2);
      writer.comma();
      writer.int(3);
    });
    expect(typed).toEqual(csv);
  });

  it('takes a typed field written in pieces as the CSV text they make together', () => {
    // "1" then 25 is 125; "12" then 0.05 is 120.05; "7" then 2^40; no text, then an instant.
    const { typed, csv } = bothWays([INTEGER, MONEY, BIGINT, TIMESTAMP], (writer) => {
      writer.plain('1');
      writer.int(25);
      writer.comma();
      writer.plain('12');
      writer.cents(5);
      writer.comma();
      writer.byte(55);
      writer.int(2 ** 40);
      writer.comma();
      writer.plain('');
      writer.timestamp(1_700_000_000, calendar);
      writer.newline();
    });
    expect(typed).toEqual(csv);
  });

  it('refuses a value its column cannot hold, as csvColumns refuses its text', () => {
    for (const [type, write] of [
      [INTEGER, (writer: RowWriter) => writer.int(2 ** 31)],
      [INTEGER, (writer: RowWriter) => writer.plain('x')],
      [{ kind: 'DECIMAL', precision: 10, scale: 1 }, (writer: RowWriter) => writer.cents(1234)],
      [BOOLEAN, (writer: RowWriter) => writer.plain('yes')],
    ] as const) {
      const script: Script = (writer) => {
        write(writer);
        writer.newline();
      };
      expect(() => bothWays([type], script)).toThrow(ParquetValueError);
      const sink = new ColumnSink(['c'], [type]);
      expect(() => script(sink)).toThrow(ParquetValueError);
    }
  });

  it('declines what the CSV would read across field boundaries', () => {
    const declines: Script[] = [
      (writer) => writer.plain('a,b'),
      (writer) => writer.encoded(encodeText('"quoted"')),
      (writer) => {
        writer.field('a,b');
        writer.plain('c');
      },
      (writer) => {
        writer.plain('c');
        writer.field('a "b"');
      },
      (writer) => {
        writer.plain('x');
        writer.comma();
        writer.comma();
        writer.plain('past the last column');
      },
      (writer) => {
        writer.comma();
        writer.field('1,5');
      },
      (writer) => {
        writer.comma();
        writer.cents(5);
        writer.int(3);
      },
    ];
    for (const script of declines) {
      const sink = new ColumnSink(['text', 'money'], [TEXT, MONEY]);
      script(sink);
      sink.newline();
      expect(sink.declined).toBe(true);
    }
  });
});

describe('the CSV tables through ColumnSink', () => {
  const world = worldOf();
  const encodings = tableEncodings(SCHEMAS);

  it.each<TableName>(['customers', 'products', 'orders', 'order_items'])("give the CSV path's Parquet bytes: %s, whole and as of an earlier instant", (table) => {
    const encoding = encodings[table];
    for (const until of [world.windowLast, world.windowLast - 200 * 86_400]) {
      const to = world.counts[table];
      const csv = tableRows(world, table, 1, to, until);
      const file = encodeWrittenShard(encoding, 'snappy', (sink) => createTableGenerator(world, table).rows(1, to, sink, until));
      expect(file).toBeDefined();
      expect(Buffer.from(file as Uint8Array).equals(Buffer.from(encodeParquetShard(Buffer.from(csv, 'utf8'), encoding, 'snappy')))).toBe(true);
    }
  });
});
