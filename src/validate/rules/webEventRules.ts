// WEB-03, -08, -09, -11, -13 and -14 on each web_events row; the purchases of known orders (WEB-16, one
// purchase per order, needs every earlier row: see webJoin) and the events the session rules judge (see
// sessions/) go to a sink. WEB-01/02/12 are the foreign-key checks of keyPlan.
import type { DatasetFacts } from '../facts.js';
import type { RuleBook } from '../ruleBook.js';
import type { TableRules } from '../tableScan.js';
import type { TableLayout } from '../tableLayout.js';
import { formatTimestamp } from '../valueParsers.js';
import type { EventReader } from '../sessions/eventReader.js';
import { ADD_TO_CART, NULL_ID, PRODUCT_VIEW, PURCHASE, REMOVE_FROM_CART, SessionEvent } from '../sessions/sessionRules.js';

/** What the rules over many rows need of a web_events row (`row` is its index among the rows read). */
export interface WebEventSink {
  /** A purchase event of an order that exists (its slot), with the text of its order_id. */
  purchase(row: number, orderSlot: number, orderText: string): void;
  /** An event the session rules can judge (usable event_id and session_id). */
  event(row: number, event: SessionEvent): void;
}

export function webEventRules(layout: TableLayout, book: RuleBook, facts: DatasetFacts, reader: EventReader, sink: WebEventSink, keyOf: (fields: readonly string[]) => string): TableRules {
  const file = layout.file;
  const afterRegistration = book.tally('WEB-03');
  const purchaseCustomer = book.tally('WEB-08');
  const productEvents = book.tally('WEB-09');
  const orderOnPurchase = book.tally('WEB-11');
  const orderCustomer = book.tally('WEB-13');
  const orderDate = book.tally('WEB-14');
  const orders = facts.orders;
  const orderAt = layout.at('order_id');
  const event = new SessionEvent();
  const customers = facts.customers;
  const typeAt = layout.at('event_type');
  const timestampAt = layout.at('event_timestamp');
  const productAt = layout.at('product_id');
  const customerAt = layout.at('customer_id');

  return {
    row(fields, line, row) {
      const usable = reader.read(fields, line, event);
      if (customers && event.customer !== NULL_ID) {
        const slot = customers.ids.get(event.customer);
        const registered = slot >= 0 ? (customers.createdAt[slot] as number) : Number.NaN;
        if (event.timestamp < registered) {
          afterRegistration.add(file, line, () => ({
            key: keyOf(fields),
            values: { customer_id: fields[customerAt] as string, event_timestamp: fields[timestampAt] as string, 'customers.created_at': formatTimestamp(registered) },
            problem: 'the event is before the customer registered',
          }));
        }
      }
      if (event.kind === PURCHASE && event.customer === NULL_ID) {
        purchaseCustomer.add(file, line, () => ({ key: keyOf(fields), values: { event_type: 'purchase', customer_id: '' }, problem: 'a purchase without a customer' }));
      }
      if (event.product !== NULL_ID && event.kind !== PRODUCT_VIEW && event.kind !== ADD_TO_CART && event.kind !== REMOVE_FROM_CART) {
        const type = fields[typeAt] as string;
        productEvents.add(file, line, () => ({ key: keyOf(fields), values: { event_type: type, product_id: fields[productAt] as string }, problem: `a ${type} event carries a product_id` }));
      }
      const orderText = fields[orderAt] as string;
      if ((event.kind === PURCHASE) !== (orderText !== '')) {
        const type = fields[typeAt] as string;
        orderOnPurchase.add(file, line, () => ({
          key: keyOf(fields),
          values: { event_type: type, order_id: orderText },
          problem: event.kind === PURCHASE ? 'a purchase without an order_id' : `a ${type} event carries an order_id`,
        }));
      }
      const orderSlot = orders && event.kind === PURCHASE && event.order !== NULL_ID ? orders.ids.get(event.order) : -1;
      if (orders && orderSlot >= 0) {
        const customer = orders.customer[orderSlot] as number;
        if (customer !== 0 && event.customer !== NULL_ID && event.customer !== customer) {
          orderCustomer.add(file, line, () => ({
            key: keyOf(fields),
            values: { order_id: orderText, customer_id: fields[customerAt] as string, 'orders.customer_id': String(customer) },
            problem: "the purchase's customer is not the order's",
          }));
        }
        const placed = orders.orderDate[orderSlot] as number;
        if (event.timestamp !== placed && !Number.isNaN(placed) && !Number.isNaN(event.timestamp)) {
          orderDate.add(file, line, () => ({
            key: keyOf(fields),
            values: { order_id: orderText, event_timestamp: fields[timestampAt] as string, 'orders.order_date': formatTimestamp(placed) },
            problem: "the purchase is not at the order's order_date",
          }));
        }
        sink.purchase(row, orderSlot, orderText);
      }
      if (usable) sink.event(row, event);
    },
  };
}
