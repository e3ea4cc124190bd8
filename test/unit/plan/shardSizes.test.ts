import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/loadConfig.js';
import { DEFAULT_CONFIG_FILE } from '../../../src/paths.js';
import { planTables } from '../../../src/plan/planShards.js';
import { shardAlignment } from '../../../src/plan/shardAlignment.js';
import { shardRowsByTable } from '../../../src/plan/shardSizes.js';
import { TABLE_NAMES, type TableCounts } from '../../../src/schema/tableNames.js';

const { config } = loadConfig(DEFAULT_CONFIG_FILE);
const counts: TableCounts = { customers: 100_000, products: 50_000, orders: 500_000, order_items: 1_500_000, web_events: 5_000_000 };

describe('shard sizes per table', () => {
  it('keeps one size for every table where shard edges are part of the bytes (gzip members, Parquet row groups)', () => {
    expect(shardRowsByTable(20_000, 'csv', 'gzip')).toBe(20_000);
    expect(shardRowsByTable(20_000, 'jsonl', 'gzip')).toBe(20_000);
    expect(shardRowsByTable(20_000, 'parquet', 'none')).toBe(20_000);
  });

  it('gives plain CSV and JSON lines shorter shards for the costly tables, each a whole number of blocks', () => {
    for (const format of ['csv', 'jsonl'] as const) {
      const rows = shardRowsByTable(20_000, format, 'none');
      expect(typeof rows).toBe('function');
      const plans = planTables(config, counts, TABLE_NAMES, undefined, rows);
      const inner = Object.fromEntries(plans.map((plan) => [plan.table, (plan.shards[1]?.to ?? 0) - (plan.shards[1]?.from ?? 1) + 1]));
      for (const table of ['customers', 'products', 'orders'] as const) {
        const block = shardAlignment(table, config);
        expect(inner[table], table).toBe(Math.ceil(5_000 / block) * block);
      }
      expect(inner['order_items']).toBe(20_000);
      expect(inner['web_events']).toBe(Math.ceil(20_000 / shardAlignment('web_events', config)) * shardAlignment('web_events', config));
      // Still every id once, in order.
      for (const plan of plans) {
        expect(plan.shards.map((shard) => shard.to - shard.from + 1).reduce((sum, size) => sum + size, 0), plan.table).toBe(counts[plan.table]);
        expect(plan.shards.every((shard, index) => index === 0 || shard.from === (plan.shards[index - 1]?.to ?? 0) + 1), plan.table).toBe(true);
      }
    }
  });

  it('never plans an empty shard size, even for --shard-rows 1', () => {
    const rows = shardRowsByTable(1, 'csv', 'none') as (table: 'customers') => number;
    expect(rows('customers')).toBe(1);
  });
});
