// ITM-03, ITM-04, ITM-06 and ORD-06 on each order_items row, and the items the per-order sums of ORD-02 and ORD-04 add.
// ITM-01/02 are foreign-key checks and ITM-05 the (order_id, product_id) unique check of keyPlan.
import type { DatasetFacts } from '../facts.js';
import type { RuleBook } from '../ruleBook.js';
import type { TableRules } from '../tableScan.js';
import type { TableLayout } from '../tableLayout.js';
import { formatCents, formatTimestamp, parseCents, parseInteger } from '../valueParsers.js';

/** Where an item of a known order goes: the order's sums (ORD-02, -04, WEB-15) add up every item, in any order. */
export type ItemSink = (orderSlot: number, lineTotalCents: number, productId: number) => void;

export function itemRules(layout: TableLayout, book: RuleBook, facts: DatasetFacts, onItem: ItemSink, keyOf: (fields: readonly string[]) => string): TableRules {
  const file = layout.file;
  const at = {
    order: layout.at('order_id'),
    product: layout.at('product_id'),
    quantity: layout.at('quantity'),
    unitPrice: layout.at('unit_price'),
    discount: layout.at('discount_amount'),
    lineTotal: layout.at('line_total'),
  };
  const arithmetic = book.tally('ITM-03');
  const productPrice = book.tally('ITM-04');
  const afterLaunch = book.tally('ORD-06');
  const beforeDiscontinued = book.tally('ITM-06');
  const { orders, products } = facts;

  return {
    row(fields, line) {
      const quantityText = fields[at.quantity] as string;
      const unitText = fields[at.unitPrice] as string;
      const discountText = fields[at.discount] as string;
      const lineText = fields[at.lineTotal] as string;
      const quantity = parseInteger(quantityText);
      const unit = parseCents(unitText);
      const lineTotal = parseCents(lineText);
      const expected = quantity * unit - parseCents(discountText);
      if (lineTotal !== expected && !Number.isNaN(expected) && !Number.isNaN(lineTotal)) {
        arithmetic.add(file, line, () => ({
          key: keyOf(fields),
          values: { quantity: quantityText, unit_price: unitText, discount_amount: discountText, line_total: lineText },
          problem: `line_total ${lineText} is not quantity x unit_price - discount_amount = ${formatCents(expected)}`,
        }));
      }

      const productText = fields[at.product] as string;
      const productSlot = products ? products.ids.get(parseInteger(productText)) : -1;
      const orderText = fields[at.order] as string;
      const orderSlot = orders ? orders.ids.get(parseInteger(orderText)) : -1;
      // The price at the order's time: the product's price now, unless the product changed after the order.
      if (products && productSlot >= 0 && orders && orderSlot >= 0) {
        const price = products.priceCents[productSlot] as number;
        const changedSinceOrder = (products.updatedAt[productSlot] as number) > (orders.orderDate[orderSlot] as number);
        if (unit !== price && !changedSinceOrder && !Number.isNaN(unit) && !Number.isNaN(price)) {
          productPrice.add(file, line, () => ({
            key: keyOf(fields),
            values: { product_id: productText, unit_price: unitText, 'products.price': formatCents(price) },
            problem: `unit_price ${unitText} is not product ${productText}'s price ${formatCents(price)}, which has not changed since the order`,
          }));
        }
      }
      if (orders && orderSlot >= 0) {
        onItem(orderSlot, lineTotal, parseInteger(productText));
        if (products && productSlot >= 0) {
          const ordered = orders.orderDate[orderSlot] as number;
          const launched = products.createdAt[productSlot] as number;
          if (ordered < launched) {
            afterLaunch.add(file, line, () => ({
              key: keyOf(fields),
              values: { order_id: orderText, product_id: productText, 'orders.order_date': formatTimestamp(ordered), 'products.created_at': formatTimestamp(launched) },
              problem: `order ${orderText} is dated before product ${productText} was created`,
            }));
          }
          const discontinued = products.discontinuedAt[productSlot] as number;
          // NaN (still on sale) compares false.
          if (ordered >= discontinued) {
            beforeDiscontinued.add(file, line, () => ({
              key: keyOf(fields),
              values: { order_id: orderText, product_id: productText, 'orders.order_date': formatTimestamp(ordered), 'products.discontinued_at': formatTimestamp(discontinued) },
              problem: `order ${orderText} is dated at or after product ${productText} was discontinued`,
            }));
          }
        }
      }
    },
  };
}
