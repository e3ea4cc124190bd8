import type { EcomConfig } from '../config/configTypes.js';
import type { TableCounts } from '../schema/tableNames.js';
import { MAX_TABLE_ROWS } from '../config/loadConfig.js';
import { UsageError } from '../errors.js';
import { streamKeys } from '../model/streams.js';
import { buildTimelines } from '../model/timelines.js';

const FLAG: Readonly<Record<keyof TableCounts, string>> = {
  customers: '--customers',
  products: '--products',
  orders: '--orders',
  order_items: '--order-items',
  web_events: '--web-events',
};

/** Refuses counts that cannot make a consistent dataset, before any work starts. */
export function checkCounts(config: EcomConfig, counts: TableCounts, seed: number): void {
  for (const [table, count] of Object.entries(counts) as [keyof TableCounts, number][]) {
    if (!Number.isSafeInteger(count) || count < 0 || count > MAX_TABLE_ROWS) {
      throw new UsageError(`${FLAG[table]}: ${count} rows is out of range (0 to ${MAX_TABLE_ROWS}, the largest INTEGER id)`);
    }
  }
  if (counts.orders > 0 && counts.customers === 0) throw new UsageError('--orders: orders need at least one customer (--customers is 0)');
  if (counts.orders > 0 && counts.products === 0) throw new UsageError('--orders: orders need at least one product (--products is 0)');
  if (counts.order_items > 0 && counts.orders === 0) throw new UsageError('--order-items: order items need at least one order (--orders is 0)');
  if (counts.order_items < counts.orders) {
    throw new UsageError(`--order-items: ${counts.order_items} is fewer than the ${counts.orders} orders; every order needs at least one item`);
  }
  if (counts.web_events > 0 && counts.products === 0) throw new UsageError('--web-events: web events need at least one product (--products is 0)');
  if (counts.orders > 0) {
    const timelines = buildTimelines(config, counts, streamKeys(seed));
    const firstOrderSecond = timelines.orderTimeline.secondOf(1);
    const available = timelines.productTimeline.countBy(firstOrderSecond);
    const cap = Math.min(config.orders.maxItemsPerOrder, available);
    if (counts.order_items > counts.orders * cap) {
      throw new UsageError(
        `--order-items: ${counts.order_items} items cannot fit in ${counts.orders} orders of at most ${cap} distinct products each ` +
          `(orders.max_items_per_order is ${config.orders.maxItemsPerOrder}; ${available} products exist when orders begin)`,
      );
    }
  }
}
