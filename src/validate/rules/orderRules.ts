// ORD-03, -05, -07, -08 on each orders row; ORD-02, -04 and -09 once order_items has been read, from the
// per-order facts (they need every item, or every order, whatever the file order). ORD-01 is the
// foreign-key check of keyPlan; ORD-06 is checked per item in itemRules.
import type { DatasetFacts, OrderRowFacts } from '../facts.js';
import type { RuleBook } from '../ruleBook.js';
import type { TableRules } from '../tableScan.js';
import type { TableLayout } from '../tableLayout.js';
import { formatCents, formatTimestamp, parseCents, parseInteger, parseTimestamp } from '../valueParsers.js';

const UNSHIPPED = new Set(['pending', 'processing', 'cancelled']);
const SHIPPED_ONLY = new Set(['shipped']);
const DELIVERED = new Set(['delivered', 'returned']);

export function orderRules(layout: TableLayout, book: RuleBook, facts: DatasetFacts, orders: OrderRowFacts, keyOf: (fields: readonly string[]) => string): TableRules {
  const file = layout.file;
  const at = {
    customer: layout.at('customer_id'),
    orderDate: layout.at('order_date'),
    status: layout.at('status'),
    subtotal: layout.at('subtotal'),
    discount: layout.at('discount_amount'),
    tax: layout.at('tax_amount'),
    shipping: layout.at('shipping_cost'),
    total: layout.at('total_amount'),
    shippedAt: layout.at('shipped_at'),
    deliveredAt: layout.at('delivered_at'),
  };
  const arithmetic = book.tally('ORD-03');
  const afterRegistration = book.tally('ORD-05');
  const statusDates = book.tally('ORD-07');
  const dateOrder = book.tally('ORD-08');
  const customers = facts.customers;

  return {
    row(fields, line, slot) {
      const orderDateText = fields[at.orderDate] as string;
      const orderDate = parseTimestamp(orderDateText);
      const subtotalText = fields[at.subtotal] as string;
      const subtotal = parseCents(subtotalText);
      if (slot >= 0) orders.record(slot, orderDate, subtotal, line, parseInteger(fields[at.customer] as string));

      const discount = parseCents(fields[at.discount] as string);
      const tax = parseCents(fields[at.tax] as string);
      const shipping = parseCents(fields[at.shipping] as string);
      const total = parseCents(fields[at.total] as string);
      const expected = subtotal - discount + tax + shipping;
      if (total !== expected && !Number.isNaN(expected) && !Number.isNaN(total)) {
        arithmetic.add(file, line, () => ({
          key: keyOf(fields),
          values: { subtotal: subtotalText, discount_amount: fields[at.discount] as string, tax_amount: fields[at.tax] as string, shipping_cost: fields[at.shipping] as string, total_amount: fields[at.total] as string },
          problem: `total_amount ${formatCents(total)} is not subtotal - discount_amount + tax_amount + shipping_cost = ${formatCents(expected)}`,
        }));
      }

      if (customers) {
        const customerText = fields[at.customer] as string;
        const customerSlot = customers.ids.get(parseInteger(customerText));
        const registered = customerSlot >= 0 ? (customers.createdAt[customerSlot] as number) : Number.NaN;
        if (orderDate < registered) {
          afterRegistration.add(file, line, () => ({
            key: keyOf(fields),
            values: { order_date: orderDateText, customer_id: customerText, 'customers.created_at': formatTimestamp(registered) },
            problem: 'order_date is before the customer registered',
          }));
        }
      }

      const status = fields[at.status] as string;
      const shippedText = fields[at.shippedAt] as string;
      const deliveredText = fields[at.deliveredAt] as string;
      const shippedSet = shippedText !== '';
      const deliveredSet = deliveredText !== '';
      const consistent = UNSHIPPED.has(status)
        ? !shippedSet && !deliveredSet
        : SHIPPED_ONLY.has(status)
          ? shippedSet && !deliveredSet
          : DELIVERED.has(status)
            ? shippedSet && deliveredSet
            : true;
      if (!consistent) {
        statusDates.add(file, line, () => ({
          key: keyOf(fields),
          values: { status, shipped_at: shippedText, delivered_at: deliveredText },
          problem: `a ${status} order ${shippedSet ? 'has' : 'lacks'} shipped_at and ${deliveredSet ? 'has' : 'lacks'} delivered_at`,
        }));
      }

      const shipped = shippedSet ? parseTimestamp(shippedText) : Number.NaN;
      const delivered = deliveredSet ? parseTimestamp(deliveredText) : Number.NaN;
      if (shipped < orderDate || delivered < shipped || delivered < orderDate) {
        dateOrder.add(file, line, () => ({
          key: keyOf(fields),
          values: { order_date: orderDateText, shipped_at: shippedText, delivered_at: deliveredText },
          problem: shipped < orderDate ? 'shipped_at is before order_date' : delivered < shipped ? 'delivered_at is before shipped_at' : 'delivered_at is before order_date',
        }));
      }
    },
  };
}

/** ORD-02 (subtotal = sum of items), ORD-04 (has items), ORD-09 (ids follow order_date), over all orders. */
export function checkOrdersAfterItems(book: RuleBook, file: string, orders: OrderRowFacts, itemsRead: boolean): void {
  const subtotal = book.tally('ORD-02');
  const hasItems = book.tally('ORD-04');
  const idsFollowTime = book.tally('ORD-09');
  let latest = Number.NEGATIVE_INFINITY;
  let latestId = 0;
  orders.ids.forEachInIdOrder((id, slot) => {
    const line = orders.line[slot] as number;
    const date = orders.orderDate[slot] as number;
    if (date < latest) {
      const earlierId = latestId;
      const earlierDate = latest;
      idsFollowTime.add(file, line, () => ({
        key: `order_id=${id}`,
        values: { order_date: formatTimestamp(date), [`order_date of order ${earlierId}`]: formatTimestamp(earlierDate) },
        problem: `order ${id} is dated before order ${earlierId}, which has a smaller id`,
      }));
    } else if (date >= latest) {
      latest = date;
      latestId = id;
    }
    if (!itemsRead) return;
    const count = orders.itemCount[slot] as number;
    if (count === 0) {
      hasItems.add(file, line, () => ({ key: `order_id=${id}`, values: {}, problem: `order ${id} has no order_items` }));
      return;
    }
    const sum = orders.itemCents[slot] as number;
    const stated = orders.subtotalCents[slot] as number;
    if (sum !== stated && !Number.isNaN(sum) && !Number.isNaN(stated)) {
      subtotal.add(file, line, () => ({
        key: `order_id=${id}`,
        values: { subtotal: formatCents(stated), 'sum of line_total': formatCents(sum), items: String(count) },
        problem: `subtotal ${formatCents(stated)} is not the sum of its ${count} line totals, ${formatCents(sum)}`,
      }));
    }
  });
}
