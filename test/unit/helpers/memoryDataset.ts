// Datasets made in memory for the unit tier: the same generators the workers run, no pool, no files.
import { loadConfig } from '../../../src/config/loadConfig.js';
import type { EcomConfig } from '../../../src/config/configTypes.js';
import { RowSink } from '../../../src/encoding/rowSink.js';
import { createTableGenerator } from '../../../src/model/tables/registry.js';
import { buildWorld, type World } from '../../../src/model/world.js';
import { DEFAULT_CONFIG_FILE, DEFAULT_SCHEMA_DIR } from '../../../src/paths.js';
import { resolveCounts } from '../../../src/plan/resolveCounts.js';
import { loadSchemas } from '../../../src/schema/loadSchemas.js';
import type { SchemaSet } from '../../../src/schema/schemaTypes.js';
import { TABLE_NAMES, type TableCounts, type TableName } from '../../../src/schema/tableNames.js';

export const CONFIG: EcomConfig = loadConfig(DEFAULT_CONFIG_FILE).config;
export const SCHEMAS: SchemaSet = loadSchemas(DEFAULT_SCHEMA_DIR).schemas;

/** A small dataset's counts: every table non-empty, web sessions long enough to reach checkout. */
export const TINY_COUNTS: TableCounts = { customers: 60, products: 40, orders: 200, order_items: 560, web_events: 2000 };

export function worldOf(counts: TableCounts = TINY_COUNTS, seed = 42, config: EcomConfig = CONFIG): World {
  return buildWorld(config, counts, seed);
}

/** Rows [from, to] of one table as CSV text without a header, exactly as a worker writes them. */
export function tableRows(world: World, table: TableName, from = 1, to = world.counts[table], until = world.windowLast): string {
  const sink = new RowSink(64 * 1024);
  if (to >= from) createTableGenerator(world, table).rows(from, to, sink, until);
  return sink.text();
}

export function headerOf(table: TableName, schemas: SchemaSet = SCHEMAS): string {
  return `${schemas[table].columns.map((column) => column.name).join(',')}\n`;
}

export type MemoryDataset = Record<TableName, string>;

/**
 * Datasets already made in this thread, by counts and seed. The unit tier runs its files in two threads
 * without isolation (vitest.config.ts), so a dataset several files ask for is made once per thread;
 * texts are immutable and each caller gets a record of its own.
 */
const madeDatasets = new Map<string, MemoryDataset>();

/** Every table as a whole CSV file's text (header + rows). */
export function memoryDataset(counts: TableCounts = TINY_COUNTS, seed = 42): MemoryDataset {
  const key = `${seed} ${JSON.stringify(TABLE_NAMES.map((table) => counts[table]))}`;
  let made = madeDatasets.get(key);
  if (!made) {
    const world = worldOf(counts, seed);
    made = Object.fromEntries(TABLE_NAMES.map((table) => [table, headerOf(table) + tableRows(world, table)])) as MemoryDataset;
    madeDatasets.set(key, made);
  }
  return { ...made };
}

/** The preset's counts, for tests that want a named environment's shape at its real size. */
export function presetCounts(environment: string): TableCounts {
  return resolveCounts(CONFIG, environment, {});
}

/**
 * A whole table's rows as CSV text without its header, from the dataset of `counts` and `seed` made once
 * per thread (memoryDataset): for tests whose subject is what is done with the rows, not how the
 * generator makes them (test/unit/tables/generators.test.ts makes them afresh).
 */
export function madeTableRows(table: TableName, counts: TableCounts = TINY_COUNTS, seed = 42): string {
  return memoryDataset(counts, seed)[table].slice(headerOf(table).length);
}
