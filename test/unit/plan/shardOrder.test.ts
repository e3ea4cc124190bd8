// The run order of a plan's shards: every table's shards in plan order, each exactly once, and each
// order_items shard after the orders shard that draws its items (lagged by the worker count - 1), so the
// items drawn for orders are still kept when the order_items shard runs. Table driven over count shapes,
// parts, shard sizes, table subsets and worker counts.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/loadConfig.js';
import { blockOfItem, ORDERS_PER_BLOCK } from '../../../src/model/orderLayout.js';
import { DEFAULT_CONFIG_FILE } from '../../../src/paths.js';
import { planTables, type Shard } from '../../../src/plan/planShards.js';
import { shardRunOrder } from '../../../src/plan/shardOrder.js';
import { TABLE_NAMES, type TableCounts, type TableName } from '../../../src/schema/tableNames.js';

const { config } = loadConfig(DEFAULT_CONFIG_FILE);

const COUNT_SHAPES: Readonly<Record<string, TableCounts>> = {
  dev: config.environments['dev'] as TableCounts,
  primes: { customers: 997, products: 101, orders: 4099, order_items: 12289, web_events: 16411 },
  single: { customers: 1, products: 1, orders: 1, order_items: 1, web_events: 1 },
  empty: { customers: 0, products: 0, orders: 0, order_items: 0, web_events: 0 },
};
const PARTS = [undefined, { index: 1, count: 3 }, { index: 3, count: 3 }];
const SHARD_ROWS = [64, 1000, 20000];
const TABLE_SUBSETS: readonly (readonly TableName[])[] = [TABLE_NAMES, ['orders', 'order_items'], ['order_items'], ['orders', 'web_events']];
const THREADS = [1, 2, 3];

/** The index in `orders` of the first shard drawing order `orderId`, or -1 when none does. */
function drawingShard(orders: readonly Shard[], orderId: number): number {
  return orders.findIndex((shard) => shard.from <= orderId && orderId <= shard.to);
}

describe('shardRunOrder', () => {
  it('keeps every table in plan order and puts each order_items shard after the orders shard drawing its items', () => {
    const faults: string[] = [];
    let interleavedCases = 0;
    for (const [shape, counts] of Object.entries(COUNT_SHAPES)) {
      for (const part of PARTS) {
        for (const shardRows of SHARD_ROWS) {
          for (const tables of TABLE_SUBSETS) {
            for (const threads of THREADS) {
              const name = `${shape} part ${part ? `${part.index}/${part.count}` : '-'} rows ${shardRows} [${tables.join(',')}] -w ${threads}`;
              const plans = planTables(config, counts, tables, part, shardRows);
              const order = shardRunOrder(plans, counts, threads);
              // Every shard once, and each table's shards in their plan order.
              if (order.length !== plans.reduce((sum, plan) => sum + plan.shards.length, 0)) faults.push(`${name}: ${order.length} shards`);
              for (const plan of plans) {
                const own = order.filter((shard) => shard.table === plan.table);
                if (JSON.stringify(own) !== JSON.stringify(plan.shards)) faults.push(`${name}: ${plan.table} out of plan order`);
              }
              // Tables other than orders and order_items keep their place: none interleaves with another.
              const runs = order.map((shard) => (shard.table === 'order_items' ? 'orders' : shard.table)).filter((table, index, all) => index === 0 || all[index - 1] !== table);
              if (new Set(runs).size !== runs.length) faults.push(`${name}: a table split around another (${runs.join(' ')})`);
              const orders = plans.find((plan) => plan.table === 'orders')?.shards ?? [];
              const items = plans.find((plan) => plan.table === 'order_items')?.shards ?? [];
              if (orders.length < 2 || items.length === 0) continue;
              interleavedCases++;
              const positions = new Map(order.map((shard, index) => [shard, index]));
              const ordersBeforeAt: number[] = [];
              order.forEach((shard, index) => ordersBeforeAt.push((ordersBeforeAt[index - 1] ?? 0) + (index > 0 && (order[index - 1] as Shard).table === 'orders' ? 1 : 0)));
              for (const shard of items) {
                const lastOrder = Math.min(counts.orders, (blockOfItem(counts, shard.to) + 1) * ORDERS_PER_BLOCK);
                const drawnBy = drawingShard(orders, lastOrder);
                // Items whose orders this plan does not draw (another part's) may go anywhere.
                if (drawnBy < 0) continue;
                const position = positions.get(shard) as number;
                // The orders shard it must follow: the drawing one `threads - 1` later (or the last).
                const follows = Math.min(orders.length - 1, drawnBy + threads - 1);
                const ordersBefore = ordersBeforeAt[position] as number;
                if (ordersBefore !== follows + 1) faults.push(`${name}: items ${shard.from}-${shard.to} after ${ordersBefore} orders shards, not ${follows + 1}`);
              }
            }
          }
        }
      }
    }
    expect(interleavedCases).toBeGreaterThan(50);
    expect(faults.slice(0, 10)).toEqual([]);
  });

  it('interleaves prod at two workers: each orders shard but the first is followed by the items of the one before', () => {
    const counts = config.environments['prod'] as TableCounts;
    const order = shardRunOrder(planTables(config, counts, TABLE_NAMES, undefined, 20000), counts, 2);
    const tables = order.map((shard) => shard.table);
    const firstItems = tables.indexOf('order_items');
    // orders 1 and 2, then the items of orders shard 1.
    expect(tables.slice(tables.indexOf('orders'), firstItems)).toEqual(['orders', 'orders']);
    const firstItemsShard = order[firstItems] as Shard;
    expect(firstItemsShard.from).toBe(1);
    // The last orders shard is followed by the rest of order_items, then web_events.
    expect(tables.lastIndexOf('orders')).toBeLessThan(tables.lastIndexOf('order_items'));
    expect(tables.lastIndexOf('order_items')).toBeLessThan(tables.indexOf('web_events'));
  });
});
