// Each table's owner module declares its columns and the random streams its values depend on; these
// tests hold the declarations against the schemas and against what the generators really do.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { STREAM_NAMES, streamKeys, type StreamName } from '../../../src/model/streams.js';
import { GENERATED_COLUMNS, TABLE_STREAMS } from '../../../src/model/tables/columns.js';
import { RowSink } from '../../../src/encoding/rowSink.js';
import { createTableGenerator } from '../../../src/model/tables/registry.js';
import { buildWorld, type World } from '../../../src/model/world.js';
import { planTables, type Shard } from '../../../src/plan/planShards.js';
import { TABLE_NAMES, type TableCounts, type TableName } from '../../../src/schema/tableNames.js';
import { parseCsv } from '../../helpers/csv.js';
import { REPO_ROOT } from '../../helpers/run.js';
import { CONFIG, madeTableRows, tableRows, TINY_COUNTS } from '../helpers/memoryDataset.js';

const STREAMS = Object.keys(STREAM_NAMES) as StreamName[];
/** Large enough that every stream touches some row of each table that depends on it. */
// Web events at a real conversion rate cover only the latest orders: enough of them that the span
// reaches registrations and launches (their streams move who browses and what exists).
const COUNTS: TableCounts = { customers: 300, products: 120, orders: 600, order_items: 1700, web_events: 30000 };
const SEED = 7;

describe('table columns', () => {
  it.each(TABLE_NAMES)('%s: the generator module lists the columns of schemas/<table>.json, in order', (table) => {
    const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', `${table}.json`), 'utf8')) as { columns: { name: string }[] };
    expect(schema.columns.length).toBeGreaterThan(0);
    expect([...GENERATED_COLUMNS[table]]).toEqual(schema.columns.map((column) => column.name));
  });

  it.each(TABLE_NAMES)('%s: every generated row has exactly one field per declared column', (table) => {
    const rows = parseCsv(madeTableRows(table));
    expect(rows).toHaveLength(TINY_COUNTS[table]);
    for (const row of rows) expect(row).toHaveLength(GENERATED_COLUMNS[table].length);
  });
});

describe('random streams', () => {
  it('have distinct names, each under the table it belongs to, and distinct keys', () => {
    const names = STREAMS.map((stream) => STREAM_NAMES[stream]);
    expect(names.length).toBeGreaterThan(10);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(TABLE_NAMES.some((table) => name.startsWith(`${table}.`)), name).toBe(true);
    const keys = Object.values(streamKeys(SEED));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('are each declared by at least one table, and tables declare only registered streams', () => {
    const declared = new Set(TABLE_NAMES.flatMap((table) => TABLE_STREAMS[table]));
    expect([...declared].sort()).toEqual([...STREAMS].sort());
  });

  // Moving one stream's key must change exactly the tables that declare it: a table that changes
  // without declaring the stream hides a dependency; one that declares it but never changes lies.
  // Each table is made in the shards a run would cut it into (six a table, as the plan aligns them) and
  // compared shard by shard with the same shards of the baseline: a table is unchanged only when every
  // shard is, so every shard of a table that must not change is made; a declaring table stops at its
  // first changed shard, which is all "changed" needs.
  const shards = Object.fromEntries(TABLE_NAMES.map((table) => [table, planTables(CONFIG, COUNTS, [table], undefined, Math.ceil(COUNTS[table] / 6))[0]?.shards ?? []])) as Record<TableName, readonly Shard[]>;
  // One generator a table for all its shards (as generateShard keeps one for the rows it regenerates):
  // building a web_events generator costs more than its rows, so a fresh one per shard is slower.
  function* shardTexts(world: World, table: TableName): Generator<string> {
    const generator = createTableGenerator(world, table);
    const sink = new RowSink(64 * 1024);
    for (const { from, to } of shards[table]) {
      sink.reset();
      generator.rows(from, to, sink, world.windowLast);
      yield sink.text();
    }
  }
  const baselineWorld = buildWorld(CONFIG, COUNTS, SEED);
  const baseline = Object.fromEntries(TABLE_NAMES.map((table) => [table, [...shardTexts(baselineWorld, table)]])) as Record<TableName, string[]>;
  it('are compared shard by shard, and the shards joined are the table made whole', () => {
    for (const table of TABLE_NAMES) {
      expect(shards[table].length, table).toBeGreaterThan(1);
      expect(baseline[table].join(''), table).toBe(tableRows(baselineWorld, table));
    }
  });
  it.each(STREAMS)('%s reaches exactly the tables that declare it', (stream) => {
    const keys = { ...streamKeys(SEED), [stream]: (streamKeys(SEED)[stream] ^ 0x5bd1e995) >>> 0 };
    const world = buildWorld(CONFIG, COUNTS, SEED, keys);
    const changed = TABLE_NAMES.filter((table) => {
      let index = 0;
      for (const text of shardTexts(world, table)) if (text !== baseline[table][index++]) return true;
      return false;
    });
    const declaring = TABLE_NAMES.filter((table) => TABLE_STREAMS[table].includes(stream));
    expect(declaring.length).toBeGreaterThan(0);
    expect(changed).toEqual(declaring);
  });
});
