import type { TableCounts } from '../schema/tableNames.js';
import { blockOfItem, ORDERS_PER_BLOCK } from '../model/orderLayout.js';
import type { Shard, TablePlan } from './planShards.js';

/**
 * The order in which a run submits its shards: table by table, in plan order, except that the
 * order_items shards holding the items of an orders shard come right after the orders shard `threads - 1`
 * places later. Shards start in submission order, so when they start the worker that drew those items
 * has usually just finished and is the one free to take them, and it recalls the items it kept
 * (DrawnItems) instead of drawing them again. Each table's shards keep their order and ranges, so every
 * file's bytes are the same; only when each file is written changes (a table is complete once its last
 * shard is written).
 */
export function shardRunOrder(plans: readonly TablePlan[], counts: Pick<TableCounts, 'orders' | 'order_items'>, threads: number): Shard[] {
  const orders = plans.find((plan) => plan.table === 'orders')?.shards ?? [];
  const items = plans.find((plan) => plan.table === 'order_items')?.shards ?? [];
  if (orders.length === 0 || items.length === 0) return plans.flatMap((plan) => plan.shards);
  const lag = Math.max(0, threads - 1);
  // The orders shard each order_items shard follows (rising with the items, as both follow ids).
  let drawnBy = 0;
  const after = items.map((shard) => {
    const lastOrder = Math.min(counts.orders, (blockOfItem(counts, shard.to) + 1) * ORDERS_PER_BLOCK);
    while (drawnBy < orders.length && (orders[drawnBy] as Shard).to < lastOrder) drawnBy++;
    return Math.min(orders.length - 1, drawnBy + lag);
  });
  const interleaved: Shard[] = [];
  let next = 0;
  orders.forEach((shard, index) => {
    interleaved.push(shard);
    while (next < items.length && (after[next] as number) <= index) interleaved.push(items[next++] as Shard);
  });
  return plans.flatMap((plan) => (plan.table === 'orders' ? interleaved : plan.table === 'order_items' ? [] : plan.shards));
}
