import { Rng } from '../../../core/random.js';
import type { RowSink } from '../../../encoding/rowSink.js';
import { OrderItemsDrawer, type OrderItem } from '../../orderItemsDrawer.js';
import { OrderLayout } from '../../orderLayout.js';
import type { World } from '../../world.js';

/** Generates order items [from, to] as CSV rows, walking the order blocks that hold them. */
export class OrderItemGenerator {
  private readonly layout: OrderLayout;
  private readonly itemsDrawer: OrderItemsDrawer;

  constructor(private readonly world: World) {
    this.layout = new OrderLayout(world, new Rng());
    this.itemsDrawer = new OrderItemsDrawer(world);
  }

  rows(from: number, to: number, sink: RowSink): void {
    const lastBlock = this.layout.blockOf(this.world.counts.orders);
    for (let block = this.layout.blockOfItem(from); block <= lastBlock; block++) {
      const layout = this.layout.layout(block);
      if (layout.firstItemId > to) break;
      let itemId = layout.firstItemId;
      for (let index = 0; index < layout.orderCount && itemId <= to; index++) {
        const count = layout.itemCounts[index] as number;
        if (itemId + count <= from) {
          itemId += count;
          continue;
        }
        const orderId = layout.firstOrderId + index;
        this.itemsDrawer.draw(orderId, count, layout.orderSeconds[index] as number);
        for (let position = 0; position < count; position++, itemId++) {
          if (itemId < from || itemId > to) continue;
          const item = this.itemsDrawer.items[position] as OrderItem;
          sink.int(itemId);
          sink.comma();
          sink.int(orderId);
          sink.comma();
          sink.int(item.productId);
          sink.comma();
          sink.int(item.quantity);
          sink.comma();
          sink.cents(item.unitPriceCents);
          sink.comma();
          sink.cents(item.discountCents);
          sink.comma();
          sink.cents(item.lineTotalCents);
          sink.newline();
        }
      }
    }
  }
}
