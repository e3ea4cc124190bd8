// The defect pass over shards, in memory: where a shard starts never changes the dirty file or the
// answer key, a rate of 0 changes nothing, and dirty rows become valid JSON lines.
import { describe, expect, it } from 'vitest';
import { tableDefectPlan } from '../../../src/defects/defectPlan.js';
import { parseDefectText, resolveDefects } from '../../../src/defects/defectSettings.js';
import { encodeDirtyJson, lenientJsonLine } from '../../../src/defects/dirtyJson.js';
import { answerKeyText } from '../../../src/defects/shardDefects.js';
import { injectShardDefects } from '../helpers/defectPass.js';
import { appendDirtyTrailer, readDirtyTrailer } from '../../../src/defects/dirtyShard.js';
import { parseRecords } from '../../../src/encoding/csvRecords.js';
import { DEFECT_KINDS } from '../../../src/defects/defectKinds.js';
import { JsonLinesEncoder } from '../../../src/encoding/jsonLines.js';
import { tableEncoding } from '../../../src/encoding/outputFormat.js';
import { RowSink } from '../../../src/encoding/rowSink.js';
import { createTableGenerator } from '../../../src/model/tables/registry.js';
import { TABLE_NAMES, type TableName } from '../../../src/schema/tableNames.js';
import { UsageError } from '../../../src/errors.js';
import { SCHEMAS, TINY_COUNTS, worldOf } from '../helpers/memoryDataset.js';

const world = worldOf();
const SEED = 42;
const EVEN = Object.fromEntries(DEFECT_KINDS.map((kind) => [kind, 1])) as Record<(typeof DEFECT_KINDS)[number], number>;

function settings(rate: number): { rates: Record<TableName, number>; weights: typeof EVEN } {
  return { rates: Object.fromEntries(TABLE_NAMES.map((table) => [table, rate])) as Record<TableName, number>, weights: EVEN };
}

function cleanShard(table: TableName, from: number, to: number): { clean: Uint8Array; rows: number } {
  const sink = new RowSink();
  const rows = createTableGenerator(world, table).rows(from, to, sink, world.windowLast);
  return { clean: new Uint8Array(sink.bytes()), rows };
}

function cleanRows(table: TableName, from: number, to: number): Uint8Array {
  return cleanShard(table, from, to).clean;
}

function regenerate(table: TableName): (id: number) => string {
  return (id) => new TextDecoder().decode(cleanRows(table, id, id)).replace(/\n$/, '');
}

/** The dirty rows and answer key of ids from..to, cut into shards at `cuts`. */
function dirtyOf(table: TableName, rate: number, cuts: readonly number[], typedColumns = false): { csv: string; key: string; rows: number } {
  const plan = tableDefectPlan(settings(rate), table, SEED);
  const edges = [1, ...cuts, TINY_COUNTS[table] + 1];
  let csv = '';
  let key = '';
  let rows = 0;
  for (let index = 0; index + 1 < edges.length; index++) {
    const from = edges[index] as number;
    const to = (edges[index + 1] as number) - 1;
    const out = new RowSink();
    const result = injectShardDefects({ plan, counts: TINY_COUNTS, columns: SCHEMAS[table].columns.map((column) => column.name), typedColumns, from, to, ...cleanShard(table, from, to), regenerate: regenerate(table) }, out);
    csv += out.text();
    key += new TextDecoder().decode(result.answerKey);
    rows += result.rows;
  }
  return { csv, key, rows };
}

describe('the defect pass', () => {
  it.each(TABLE_NAMES)('%s: the same dirty rows and answer key however the ids are cut into shards', (table) => {
    const total = TINY_COUNTS[table];
    const whole = dirtyOf(table, 0.2, []);
    expect(whole.key.length).toBeGreaterThan(0);
    expect(whole.csv.split('\n').length - 1).toBe(whole.rows);
    for (const cuts of [[2], [Math.floor(total / 3), Math.floor(total / 2) + 1], [total]]) {
      const split = dirtyOf(table, 0.2, cuts);
      expect(split.csv, String(cuts)).toBe(whole.csv);
      expect(split.key, String(cuts)).toBe(whole.key);
    }
  });

  it.each(TABLE_NAMES)('%s: at a rate of 0 the rows are the clean bytes and the key is empty', (table) => {
    const dirty = dirtyOf(table, 0, [Math.floor(TINY_COUNTS[table] / 2)]);
    expect(dirty.csv).toBe(new TextDecoder().decode(cleanRows(table, 1, TINY_COUNTS[table])));
    expect(dirty.key).toBe('');
  });

  it('writes a drifted number as a JSON string, and a clean row exactly as the fast encoder does', () => {
    const encoding = tableEncoding(SCHEMAS.order_items.columns);
    const clean = new TextDecoder().decode(cleanRows('order_items', 1, 1));
    const fast = new RowSink();
    new JsonLinesEncoder(encoding).encode(new TextEncoder().encode(clean), fast);
    const fields = clean.trimEnd().split(',');
    expect(lenientJsonLine(fields, encoding)).toBe(fast.text());
    const drifted = [...fields];
    drifted[4] = '$12.50';
    const parsed = JSON.parse(lenientJsonLine(drifted, encoding)) as Record<string, unknown>;
    expect(parsed['unit_price']).toBe('$12.50');
    expect(parsed['quantity']).toBe(Number(fields[3]));
  });

  it('turns a whole dirty shard into JSON lines that parse, one per row', () => {
    const plan = tableDefectPlan(settings(0.3), 'orders', SEED);
    const out = new RowSink();
    const result = injectShardDefects({ plan, counts: TINY_COUNTS, columns: SCHEMAS.orders.columns.map((column) => column.name), typedColumns: false, from: 1, to: 200, ...cleanShard('orders', 1, 200), regenerate: regenerate('orders'), keepDirtyLines: true }, out);
    const json = new RowSink();
    const encoding = tableEncoding(SCHEMAS.orders.columns);
    encodeDirtyJson(out.bytes(), result.dirtyLines, new JsonLinesEncoder(encoding), encoding, json);
    const lines = json.text().trimEnd().split('\n');
    expect(lines).toHaveLength(result.rows);
    const strings = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((row) => typeof row['total_amount'] === 'string');
    expect(strings.length).toBeGreaterThan(0);
  });

  it('lists the dirty lines only when asked (JSON lines), and writes the same bytes and answer key either way', () => {
    const plan = tableDefectPlan(settings(0.3), 'web_events', SEED);
    const pass = (keepDirtyLines: boolean): { csv: Uint8Array; key: string; lines: number } => {
      const out = new RowSink();
      const input = { plan, counts: TINY_COUNTS, columns: SCHEMAS.web_events.columns.map((column) => column.name), typedColumns: false, from: 1, to: 300, ...cleanShard('web_events', 1, 300), regenerate: regenerate('web_events') };
      const result = injectShardDefects({ ...input, keepDirtyLines }, out);
      return { csv: new Uint8Array(out.bytes()), key: new TextDecoder().decode(result.answerKey), lines: result.dirtyLines.length };
    };
    const kept = pass(true);
    const dropped = pass(false);
    expect(kept.lines).toBeGreaterThan(0);
    expect(dropped.lines).toBe(0);
    expect(dropped.csv).toEqual(kept.csv);
    expect(dropped.key).toBe(kept.key);
  });
});

describe('a dirty shard on its way to the coordinator', () => {
  it('carries its rows, answer-key lines (quoted as in the file) and counts in one buffer, the key copied out', () => {
    const plan = tableDefectPlan(settings(0.3), 'customers', SEED);
    const out = new RowSink();
    const result = injectShardDefects({ plan, counts: TINY_COUNTS, columns: SCHEMAS.customers.columns.map((column) => column.name), typedColumns: false, from: 1, to: 150, ...cleanShard('customers', 1, 150), regenerate: regenerate('customers') }, out);
    const rows = new Uint8Array(out.bytes());
    // Values the answer key must quote or encode: a comma, a quote, a line break, non-ASCII.
    const added = answerKeyText('customers', [{ key: '7', column: 'city', kind: 'mojibake' as const, cleanValue: 'José, "Pepe"', dirtyValue: 'JosÃ©\n' }]);
    const expected = new TextDecoder().decode(result.answerKey) + added;
    const answerKeyRows = result.answerKeyRows + 1;
    expect(result.answerKeyRows).toBeGreaterThan(0);
    appendDirtyTrailer(out, { rows: result.rows, answerKey: new TextEncoder().encode(expected), answerKeyRows, kinds: result.kinds });
    const whole = out.bytes();
    const { bytes, facts } = readDirtyTrailer(whole);
    expect(bytes).toEqual(rows);
    expect(facts.rows).toBe(result.rows);
    expect(facts.answerKeyRows).toBe(answerKeyRows);
    expect(facts.kinds).toEqual(result.kinds);
    const key = new TextDecoder().decode(facts.answerKey);
    expect(key).toBe(expected);
    const parsed = parseRecords(key);
    expect(parsed).toHaveLength(answerKeyRows);
    expect(parsed.at(-1)).toEqual(['customers', '7', 'city', 'mojibake', 'José, "Pepe"', 'JosÃ©\n']);
    // The buffer is reused for a later shard once the table's file has it; the key must not change then.
    whole.fill(0);
    expect(new TextDecoder().decode(facts.answerKey)).toBe(key);
  });
});

describe('defect settings', () => {
  it('are absent for a clean run, and --defects out of 0..1 is refused naming the flag', () => {
    expect(resolveDefects(undefined, undefined)).toBeUndefined();
    expect(resolveDefects(0, undefined)).toBeUndefined();
    expect(() => resolveDefects(1.5, undefined)).toThrow(UsageError);
    expect(() => resolveDefects(1.5, undefined)).toThrow(/^--defects: /);
    const defaults = resolveDefects(0.02, undefined);
    expect(defaults?.rates.orders).toBe(0.02);
    expect(Object.keys(defaults?.weights ?? {})).toEqual([...DEFECT_KINDS]);
  });

  it('read a file of rates per table and weights per kind, and name the key at fault', () => {
    const file = parseDefectText('rate: 0.05\ntables:\n  web_events: 0\nweights:\n  mojibake: 4\n', 'mine.yaml');
    expect(file).toEqual({ rate: 0.05, tables: { web_events: 0 }, weights: { mojibake: 4 } });
    expect(() => parseDefectText('weights:\n  typo: 1\n', 'mine.yaml')).toThrow(/mine\.yaml: weights names an unknown kind "typo"/);
    expect(() => parseDefectText('tables:\n  orders: 2\n', 'mine.yaml')).toThrow(/mine\.yaml: tables\.orders must be at most 1 \(got 2\)/);
    expect(() => parseDefectText('rates: 0.1\n', 'mine.yaml')).toThrow(/has an unknown key "rates"/);
  });
});
