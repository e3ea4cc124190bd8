// ORD-03, -05, -07, -08, -10, -11, -12 on each orders row; ORD-02, -04 and -09 once order_items has been read, from the
// per-order facts (they need every item, or every order, whatever the file order). ORD-01 is the
// foreign-key check of keyPlan; ORD-06 is checked per item in itemRules.
import type { DatasetFacts, OrderRowFacts } from '../facts.js';
import type { RuleBook } from '../ruleBook.js';
import type { TableRules } from '../tableScan.js';
import type { TableLayout } from '../tableLayout.js';
import { formatCents, formatTimestamp, parseCents, parseInteger, parseTimestamp } from '../valueParsers.js';

const HOUR = 3600;
const DAY = 86400;
/** ORD-12: the warehouse closes by 20:00 and carriers deliver from 08:00 local time, on a later day. */
export const MIN_TRANSIT_SECONDS = 12 * HOUR;
/** ORD-11: the return window, and the holiday extension for orders placed in November or December. */
const RETURN_WINDOW_DAYS = 30;

/** The last second an order may come back: 30 days after delivery, or Jan 31 for Nov-Dec orders (UTC). */
export function returnDeadline(orderDate: number, delivered: number): number {
  const standard = delivered + RETURN_WINDOW_DAYS * DAY;
  const placed = new Date(orderDate * 1000);
  if (placed.getUTCMonth() < 10) return standard;
  return Math.max(standard, Date.UTC(placed.getUTCFullYear() + 1, 1, 1) / 1000 - 1);
}

function formatDuration(seconds: number): string {
  const hours = Math.floor(seconds / HOUR);
  return `${hours} h ${Math.floor((seconds - hours * HOUR) / 60)} min`;
}

const UNSHIPPED = new Set(['pending', 'processing', 'cancelled']);
const SHIPPED_ONLY = new Set(['shipped']);
const DELIVERED = new Set(['delivered', 'returned']);

/** ORD-07: whether an order of `status` may have (or lack) shipped_at and delivered_at so; an unknown status is COL-TYPE's. */
export function statusFitsDates(status: string, shippedSet: boolean, deliveredSet: boolean): boolean {
  return UNSHIPPED.has(status) ? !shippedSet && !deliveredSet : SHIPPED_ONLY.has(status) ? shippedSet && !deliveredSet : DELIVERED.has(status) ? shippedSet && deliveredSet : true;
}

/** A status ORD-07 and ORD-10 judge. */
export function isKnownStatus(status: string): boolean {
  return UNSHIPPED.has(status) || SHIPPED_ONLY.has(status) || DELIVERED.has(status);
}

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
    returnedAt: layout.at('returned_at'),
  };
  const arithmetic = book.tally('ORD-03');
  const afterRegistration = book.tally('ORD-05');
  const statusDates = book.tally('ORD-07');
  const dateOrder = book.tally('ORD-08');
  const returnedStatus = book.tally('ORD-10');
  const returnWindow = book.tally('ORD-11');
  const transitTime = book.tally('ORD-12');
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
      if (!statusFitsDates(status, shippedSet, deliveredSet)) {
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
      } else if (delivered - shipped < MIN_TRANSIT_SECONDS) {
        transitTime.add(file, line, () => ({
          key: keyOf(fields),
          values: { shipped_at: shippedText, delivered_at: deliveredText },
          problem: `delivered_at is ${formatDuration(delivered - shipped)} after shipped_at, less than 12 hours`,
        }));
      }

      const returnedText = fields[at.returnedAt] as string;
      const returnedSet = returnedText !== '';
      // An unknown status is COL-TYPE's to report (as in ORD-07).
      if (isKnownStatus(status) && returnedSet !== (status === 'returned')) {
        returnedStatus.add(file, line, () => ({
          key: keyOf(fields),
          values: { status, returned_at: returnedText },
          problem: returnedSet ? `a ${status} order has returned_at` : 'a returned order lacks returned_at',
        }));
      }
      if (returnedSet && deliveredSet) {
        const returned = parseTimestamp(returnedText);
        const deadline = returnDeadline(orderDate, delivered);
        if (returned <= delivered || returned > deadline) {
          returnWindow.add(file, line, () => ({
            key: keyOf(fields),
            values: { order_date: orderDateText, delivered_at: deliveredText, returned_at: returnedText },
            problem: returned <= delivered ? 'returned_at is not after delivered_at' : `returned_at is after the return window closed at ${formatTimestamp(deadline)}`,
          }));
        }
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
