// A basket draws products on sale at the order's time even from a catalog so small that the popularity
// draws run out: the fallback takes an unused product on sale, and only a basket with more lines than
// products on sale can hold one that is not (no product twice in an order wins).
import { describe, expect, it } from 'vitest';
import { OrderItemsDrawer } from '../../../src/model/orderItemsDrawer.js';
import { worldOf } from '../helpers/memoryDataset.js';

const world = worldOf({ customers: 50, products: 20, orders: 100, order_items: 300, web_events: 1000 }, 42);
const drawer = new OrderItemsDrawer(world);

function onSaleCount(second: number): number {
  let count = 0;
  for (let id = 1; id <= world.productTimeline.countBy(second); id++) if (world.productFacts.onSaleAt(id, second)) count++;
  return count;
}

describe('OrderItemsDrawer on a tiny catalog', () => {
  it('sells only products on sale at the order time while the catalog has enough of them', () => {
    const problems: string[] = [];
    let checkedLines = 0;
    for (let orderId = 1; orderId <= world.counts.orders; orderId++) {
      const second = world.orderTimeline.secondOf(orderId);
      for (const lines of [1, 3, 6]) {
        if (lines > onSaleCount(second)) continue;
        drawer.draw(orderId, lines, second);
        const ids = drawer.items.slice(0, lines).map((item) => item.productId);
        if (new Set(ids).size !== lines) problems.push(`order ${orderId}: a product twice in ${ids.join(',')}`);
        for (const id of ids) {
          checkedLines++;
          if (!world.productFacts.onSaleAt(id, second)) problems.push(`order ${orderId} (${lines} lines): product ${id} not on sale`);
        }
      }
    }
    expect(checkedLines).toBeGreaterThan(500);
    expect(problems.slice(0, 10)).toEqual([]);
  });
});
