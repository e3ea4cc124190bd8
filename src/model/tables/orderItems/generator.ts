import { Rng } from '../../../core/random.js';
import type { RowWriter } from '../../../encoding/rowWriter.js';
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

  /**
   * Writes every item of orders [firstOrder, lastOrder], in id order; `onRow` hears of each (its order's
   * second, its id and where it starts in the sink). What a change batch inserts.
   */
  itemsOfOrders(firstOrder: number, lastOrder: number, sink: RowWriter, onRow: (second: number, itemId: number, start: number) => void): void {
    for (let orderId = firstOrder; orderId <= lastOrder; orderId++) {
      const layout = this.layout.layout(this.layout.blockOf(orderId));
      const index = orderId - layout.firstOrderId;
      let itemId = layout.firstItemId;
      for (let before = 0; before < index; before++) itemId += layout.itemCounts[before] as number;
      const count = layout.itemCounts[index] as number;
      const second = layout.orderSeconds[index] as number;
      this.itemsDrawer.draw(orderId, count, second);
      for (let position = 0; position < count; position++, itemId++) {
        onRow(second, itemId, sink.position);
        this.writeItem(itemId, orderId, this.itemsDrawer.items[position] as OrderItem, sink);
      }
    }
  }

  private writeItem(itemId: number, orderId: number, item: OrderItem, sink: RowWriter): void {
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

  /** Writes the items of ids [from, to] whose order was placed by `until`; returns how many. */
  rows(from: number, to: number, sink: RowWriter, until: number): number {
    let written = 0;
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
        // Items follow their orders' time: the first order placed after `until` ends the rows.
        if ((layout.orderSeconds[index] as number) > until) return written;
        // The orders pass kept its draw of these items when it ran lately (on any worker of the run).
        this.itemsDrawer.recallOrDraw(orderId, count, layout.orderSeconds[index] as number, block, index, itemId - layout.firstItemId);
        for (let position = 0; position < count; position++, itemId++) {
          if (itemId < from || itemId > to) continue;
          this.writeItem(itemId, orderId, this.itemsDrawer.items[position] as OrderItem, sink);
          written++;
        }
      }
    }
    return written;
  }
}
