// Each table's owner module declares its columns and the random streams its values depend on; these
// tests hold the declarations against the schemas and against what the generators really do.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { STREAM_NAMES, streamKeys, type StreamName } from '../../../src/model/streams.js';
import { GENERATED_COLUMNS, TABLE_STREAMS } from '../../../src/model/tables/columns.js';
import { buildWorld } from '../../../src/model/world.js';
import { TABLE_NAMES, type TableCounts } from '../../../src/schema/tableNames.js';
import { parseCsv } from '../../helpers/csv.js';
import { REPO_ROOT } from '../../helpers/run.js';
import { CONFIG, tableRows, TINY_COUNTS, worldOf } from '../helpers/memoryDataset.js';

const STREAMS = Object.keys(STREAM_NAMES) as StreamName[];
/** Large enough that every stream touches some row of each table that depends on it. */
const COUNTS: TableCounts = { customers: 300, products: 120, orders: 600, order_items: 1700, web_events: 12000 };
const SEED = 7;

describe('table columns', () => {
  it.each(TABLE_NAMES)('%s: the generator module lists the columns of schemas/<table>.json, in order', (table) => {
    const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', `${table}.json`), 'utf8')) as { columns: { name: string }[] };
    expect(schema.columns.length).toBeGreaterThan(0);
    expect([...GENERATED_COLUMNS[table]]).toEqual(schema.columns.map((column) => column.name));
  });

  it.each(TABLE_NAMES)('%s: every generated row has exactly one field per declared column', (table) => {
    const rows = parseCsv(tableRows(worldOf(), table));
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
  const baseline = Object.fromEntries(TABLE_NAMES.map((table) => [table, tableRows(buildWorld(CONFIG, COUNTS, SEED), table)]));
  it.each(STREAMS)('%s reaches exactly the tables that declare it', (stream) => {
    const keys = { ...streamKeys(SEED), [stream]: (streamKeys(SEED)[stream] ^ 0x5bd1e995) >>> 0 };
    const world = buildWorld(CONFIG, COUNTS, SEED, keys);
    const changed = TABLE_NAMES.filter((table) => tableRows(world, table) !== baseline[table]);
    const declaring = TABLE_NAMES.filter((table) => TABLE_STREAMS[table].includes(stream));
    expect(declaring.length).toBeGreaterThan(0);
    expect(changed).toEqual(declaring);
  });
});
