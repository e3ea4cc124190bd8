import { describe, expect, it } from 'vitest';
import { AnswerKeyInPlanOrder } from '../../../src/defects/answerKeyInPlanOrder.js';
import { shardRunOrder } from '../../../src/plan/shardOrder.js';
import { planTables } from '../../../src/plan/planShards.js';
import { shardRowsByTable } from '../../../src/plan/shardSizes.js';
import { loadConfig } from '../../../src/config/loadConfig.js';
import { DEFAULT_CONFIG_FILE } from '../../../src/paths.js';
import { TABLE_NAMES, type TableCounts, type TableName } from '../../../src/schema/tableNames.js';

const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');

/** Feeds shards in `order`; each carries the line "<table>,<index within its table>". */
async function written(plan: readonly { table: TableName; shards: number }[], order: readonly TableName[], dirty: (table: TableName) => boolean = () => true): Promise<{ lines: string[]; rows: number }> {
  const lines: string[] = [];
  let rows = 0;
  const key = new AnswerKeyInPlanOrder(plan, async (bytes, count) => {
    lines.push(...text(bytes).split('\n').filter(Boolean));
    rows += count;
  });
  const seen = new Map<TableName, number>();
  for (const table of order) {
    const index = seen.get(table) ?? 0;
    seen.set(table, index + 1);
    await key.arrived(table, dirty(table) ? { bytes: Buffer.from(`${table},${index}\n`), rows: 1 } : undefined);
  }
  return { lines, rows };
}

describe('AnswerKeyInPlanOrder', () => {
  const plan = [
    { table: 'customers' as const, shards: 2 },
    { table: 'orders' as const, shards: 3 },
    { table: 'order_items' as const, shards: 3 },
    { table: 'web_events' as const, shards: 1 },
  ];
  const inPlanOrder = ['customers,0', 'customers,1', 'orders,0', 'orders,1', 'orders,2', 'order_items,0', 'order_items,1', 'order_items,2', 'web_events,0'];

  it('writes interleaved orders and order_items shards table by table, each in its own order', async () => {
    const order: TableName[] = ['customers', 'customers', 'orders', 'order_items', 'orders', 'order_items', 'orders', 'order_items', 'web_events'];
    const { lines, rows } = await written(plan, order);
    expect(lines).toEqual(inPlanOrder);
    expect(rows).toBe(9);
  });

  it('gives the same lines when shards arrive in plan order', async () => {
    const order = plan.flatMap(({ table, shards }) => Array.from({ length: shards }, () => table));
    expect((await written(plan, order)).lines).toEqual(inPlanOrder);
  });

  it('passes over tables with no shard and shards without answer-key lines', async () => {
    const withEmpty = [{ table: 'customers' as const, shards: 1 }, { table: 'products' as const, shards: 0 }, { table: 'orders' as const, shards: 2 }, { table: 'order_items' as const, shards: 2 }];
    const order: TableName[] = ['customers', 'orders', 'order_items', 'orders', 'order_items'];
    const { lines } = await written(withEmpty, order, (table) => table !== 'orders');
    expect(lines).toEqual(['customers,0', 'order_items,0', 'order_items,1']);
  });

  it('keeps a later table waiting until the earlier one has every shard', async () => {
    const lines: string[] = [];
    const key = new AnswerKeyInPlanOrder(plan.slice(1, 3), async (bytes) => void lines.push(text(bytes)));
    await key.arrived('order_items', { bytes: Buffer.from('i0\n'), rows: 1 });
    expect(lines).toEqual([]);
    await key.arrived('orders', { bytes: Buffer.from('o0\n'), rows: 1 });
    await key.arrived('orders', { bytes: Buffer.from('o1\n'), rows: 1 });
    expect(lines).toEqual(['o0\n', 'o1\n']);
    await key.arrived('orders', { bytes: Buffer.from('o2\n'), rows: 1 });
    expect(lines).toEqual(['o0\n', 'o1\n', 'o2\n', 'i0\n']);
  });

  it('refuses a shard the plan does not have', async () => {
    const key = new AnswerKeyInPlanOrder([{ table: 'orders', shards: 1 }], async () => undefined);
    await key.arrived('orders', undefined);
    await expect(key.arrived('orders', undefined)).rejects.toThrow(/orders/);
    await expect(key.arrived('customers', undefined)).rejects.toThrow(/customers/);
  });

  it('puts the real run order of a prod plan back in plan order', async () => {
    const { config } = loadConfig(DEFAULT_CONFIG_FILE);
    const counts = config.environments['prod'] as TableCounts;
    const plans = planTables(config, counts, TABLE_NAMES, undefined, shardRowsByTable(config.generation.shardRows, 'csv', 'none'));
    const runOrder = shardRunOrder(plans, counts, 2).map((shard) => shard.table);
    // The run order really interleaves the two tables, or this test would prove nothing.
    expect(runOrder.indexOf('order_items')).toBeLessThan(runOrder.lastIndexOf('orders'));
    const planOrder = plans.map((plan) => ({ table: plan.table, shards: plan.shards.length }));
    const expected = planOrder.flatMap(({ table, shards }) => Array.from({ length: shards }, (_, index) => `${table},${index}`));
    expect((await written(planOrder, runOrder)).lines).toEqual(expected);
  });
});
