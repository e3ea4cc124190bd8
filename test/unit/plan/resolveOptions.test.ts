// Every bad option is refused before any work with one line that names the flag; good ones get their defaults.
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_TABLE_ROWS, loadConfig } from '../../../src/config/loadConfig.js';
import { UsageError } from '../../../src/errors.js';
import { DEFAULT_CONFIG_FILE } from '../../../src/paths.js';
import { checkCounts } from '../../../src/plan/checkCounts.js';
import type { GenerateOptions } from '../../../src/plan/generateOptions.js';
import { resolveCounts } from '../../../src/plan/resolveCounts.js';
import { resolveOptions } from '../../../src/plan/resolveOptions.js';
import type { TableCounts } from '../../../src/schema/tableNames.js';
import { TABLE_NAMES } from '../../../src/schema/tableNames.js';

const { config } = loadConfig(DEFAULT_CONFIG_FILE);
const DEV = config.environments['dev'] as TableCounts;

/** The UsageError `run` throws; fails the test when it throws nothing or something else. */
function usageError(run: () => unknown): UsageError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as UsageError;
  }
  throw new Error('expected a UsageError, got none');
}

/** One line that starts with the flag at fault, then matches `pattern`. */
function expectOneLine(error: UsageError, flag: string, pattern: RegExp): void {
  expect(error.message).not.toContain('\n');
  expect(error.message.startsWith(`${flag}`), error.message).toBe(true);
  expect(error.message).toMatch(pattern);
}

describe('resolveOptions refuses bad input, naming the flag', () => {
  const cases: [string, GenerateOptions, string, RegExp][] = [
    ['negative seed', { seed: -1 }, '--seed', /^--seed: must be a whole number from 0 to \d+ \(got -1\)$/],
    ['fractional seed', { seed: 1.5 }, '--seed', /\(got 1\.5\)$/],
    ['unsafe seed', { seed: 2 ** 53 }, '--seed', /\(got 9007199254740992\)$/],
    ['zero workers', { workers: 0 }, '--workers', /^--workers: must be a whole number of at least 1 \(got 0\)$/],
    ['fractional workers', { workers: 2.5 }, '--workers', /\(got 2\.5\)$/],
    ['zero shard rows', { shardRows: 0 }, '--shard-rows', /^--shard-rows: must be a whole number of at least 1 \(got 0\)$/],
    ['--force with --resume', { force: true, resume: true }, '--force', /^--force and --resume contradict each other/],
    ['--part without --parts', { part: 1 }, '--part', /^--part and --parts go together$/],
    ['--parts without --part', { parts: 4 }, '--part', /^--part and --parts go together$/],
    ['zero parts', { part: 1, parts: 0 }, '--parts', /^--parts: must be a whole number of at least 1 \(got 0\)$/],
    ['zero part', { part: 0, parts: 4 }, '--part', /^--part: must be a whole number of at least 1 \(got 0\)$/],
    ['part beyond parts', { part: 5, parts: 4 }, '--part', /^--part: 5 is outside 1\.\.4 \(--parts\)$/],
    ['no tables', { tables: [] }, '--tables', /^--tables: name at least one table$/],
    ['unknown table', { tables: ['customers', 'refunds' as never] }, '--tables', /^--tables: unknown table "refunds" \(tables are customers, products, orders, order_items, web_events\)$/],
    ['unknown format', { format: 'xml' as never }, '--format', /^--format: unknown format "xml" \(use csv, jsonl, parquet\)$/],
    ['unknown compression', { compress: 'zip' as never }, '--compress', /^--compress: unknown compression "zip" \(use none, gzip or gzip:1 to gzip:9\)$/],
    ['gzip parquet', { format: 'parquet', compress: 'gzip' }, '--compress', /^--compress: parquet files are compressed inside/],
    ['unknown environment', { environment: 'qa' }, '--environment', /^--environment: unknown environment "qa" \(the config defines dev, staging, prod\)$/],
    ['negative count', { customers: -5 }, '--customers', /^--customers: -5 rows is out of range/],
    ['items fewer than orders', { orders: 100, orderItems: 99 }, '--order-items', /^--order-items: 99 is fewer than the 100 orders/],
  ];

  it.each(cases)('%s', (_, options, flag, pattern) => {
    expectOneLine(usageError(() => resolveOptions(options)), flag, pattern);
  });
});

describe('resolveOptions fills in the defaults', () => {
  it('dev preset, the config seed and shard rows, every table, samples on, all cores', () => {
    const settings = resolveOptions({});
    expect(settings.environment).toBe('dev');
    expect(settings.counts).toEqual(DEV);
    expect(settings.seed).toBe(config.seed);
    expect(settings.shardRows).toBe(config.generation.shardRows);
    expect(settings.workers).toBe(availableParallelism());
    expect(settings.tables).toEqual(TABLE_NAMES);
    expect(settings.outputDir).toBe(resolve('sample_data/dev'));
    expect([settings.format, settings.compression, settings.part, settings.samples, settings.force, settings.resume]).toEqual(['csv', 'none', undefined, true, false, false]);
  });

  it('puts --tables in table order and writes no samples for a part run', () => {
    const settings = resolveOptions({ tables: ['web_events', 'customers'], part: 2, parts: 3, samples: true, environment: 'staging', outputDir: 'x/y' });
    expect(settings.tables).toEqual(['customers', 'web_events']);
    expect(settings.part).toEqual({ index: 2, count: 3 });
    expect(settings.samples).toBe(false);
    expect(settings.outputDir).toBe(resolve('x/y'));
    expect(settings.counts).toEqual(config.environments['staging']);
  });
});

describe('resolveCounts', () => {
  it('follows the configured ratios when only --orders is given', () => {
    const counts = resolveCounts(config, 'dev', { orders: 2001 });
    expect(counts).toEqual({
      ...DEV,
      orders: 2001,
      order_items: Math.round(2001 * config.ratios.orderItemsPerOrder),
      web_events: Math.round(2001 * config.ratios.webEventsPerOrder),
    });
  });

  it('keeps explicit counts and the preset for the rest', () => {
    expect(resolveCounts(config, 'prod', { customers: 7, webEvents: 0 })).toEqual({ ...config.environments['prod'], customers: 7, web_events: 0 });
  });
});

describe('checkCounts', () => {
  const counts = (changes: Partial<TableCounts>): TableCounts => ({ ...DEV, ...changes });
  const FLAGS: [keyof TableCounts, string][] = [
    ['customers', '--customers'],
    ['products', '--products'],
    ['orders', '--orders'],
    ['order_items', '--order-items'],
    ['web_events', '--web-events'],
  ];

  it.each(FLAGS.flatMap(([table, flag]) => [-1, 0.5, Number.NaN, MAX_TABLE_ROWS + 1].map((value) => [table, flag, value] as const)))(
    '%s = %d is out of range, named %s',
    (table, flag, value) => {
      const error = usageError(() => checkCounts(config, counts({ [table]: value }), 42));
      expectOneLine(error, flag, new RegExp(`^${flag}: ${value} rows is out of range \\(0 to ${MAX_TABLE_ROWS}, the largest INTEGER id\\)$`));
    },
  );

  it.each([
    ['orders without customers', { customers: 0 }, '--orders', /^--orders: orders need at least one customer \(--customers is 0\)$/],
    ['orders without products', { products: 0, web_events: 0 }, '--orders', /^--orders: orders need at least one product \(--products is 0\)$/],
    ['items without orders', { orders: 0 }, '--order-items', /^--order-items: order items need at least one order \(--orders is 0\)$/],
    ['fewer items than orders', { order_items: DEV.orders - 1 }, '--order-items', new RegExp(`^--order-items: ${DEV.orders - 1} is fewer than the ${DEV.orders} orders`)],
    ['events without products', { products: 0, orders: 0, order_items: 0 }, '--web-events', /^--web-events: web events need at least one product \(--products is 0\)$/],
    ['more items than fit', { order_items: DEV.orders * config.orders.maxItemsPerOrder + 1 }, '--order-items', /^--order-items: \d+ items cannot fit in 5000 orders of at most \d+ distinct products each/],
  ] as const)('%s', (_, changes, flag, pattern) => {
    expectOneLine(usageError(() => checkCounts(config, counts(changes), 42)), flag, pattern);
  });

  it('accepts an empty dataset, the largest id, and items that exactly fill the orders', () => {
    expect(() => checkCounts(config, { customers: 0, products: 0, orders: 0, order_items: 0, web_events: 0 }, 42)).not.toThrow();
    expect(() => checkCounts(config, counts({ customers: MAX_TABLE_ROWS }), 42)).not.toThrow();
    expect(() => checkCounts(config, counts({ order_items: DEV.orders }), 42)).not.toThrow();
  });
});
