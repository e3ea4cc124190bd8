import { IdCounts } from '../profile/counters.js';
import { BasketTally } from '../profile/basketTally.js';
import { at, required } from '../profile/tableReader.js';
import { forEachReportRow, type ReportTables } from './reportTables.js';
import { cents } from './money.js';
import type { OrdersScan } from './scanOrders.js';
import type { ProductsScan } from './scanProducts.js';

const CATEGORY_SLOTS = 1 << 16;

/** One number per (month, category) pair: a map key that costs no string per order line. */
function revenueKey(month: number, category: number): number {
  return month * CATEGORY_SLOTS + category + 1;
}

export function keyParts(key: number): { month: number; category: number } {
  return { month: Math.floor(key / CATEGORY_SLOTS), category: (key % CATEGORY_SLOTS) - 1 };
}

export interface OrderItemsScan {
  readonly rows: number;
  /** revenueKey(month index, category index) -> line_total cents (category index -1: unknown product). */
  readonly revenue: ReadonlyMap<number, number>;
  readonly baskets: BasketTally;
  readonly itemsOf: IdCounts;
}

/** order_items: revenue per month and category, return rate per category, lines per order. */
export async function scanOrderItems(tables: ReportTables, products: ProductsScan, orders: OrdersScan): Promise<OrderItemsScan> {
  const revenue = new Map<number, number>();
  const baskets = new BasketTally(products.categories);
  const itemsOf = new IdCounts();
  let rows = 0;
  await forEachReportRow(tables, 'order_items', (col) => {
    const c = (name: string): number => required(col, 'order_items', name);
    const [orderColumn, productColumn, quantity, unitPrice, lineTotal] = [c('order_id'), c('product_id'), c('quantity'), c('unit_price'), c('line_total')];
    return (row) => {
      rows++;
      const orderId = Number(at(row, orderColumn));
      const category = products.categoryOf.get(Number(at(row, productColumn)));
      const lineCents = cents(at(row, lineTotal));
      itemsOf.add(orderId);
      const month = orders.monthOf.get(orderId);
      if (!Number.isNaN(month)) {
        const key = revenueKey(month, category);
        revenue.set(key, (revenue.get(key) ?? 0) + lineCents);
      }
      baskets.add({
        orderId,
        category,
        unitPriceCents: cents(at(row, unitPrice)),
        quantity: Number(at(row, quantity)),
        lineTotalCents: lineCents,
        // Margins are not drawn: the tally's cost column stays 0.
        unitCostCents: 0,
        returned: orders.returnedOf.get(orderId) === 1,
      });
    };
  });
  baskets.close();
  return { rows, revenue, baskets, itemsOf };
}
