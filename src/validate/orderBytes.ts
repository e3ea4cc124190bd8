// orders' records checked from their bytes (see plainRows), as order_items' are (itemBytes): the column
// checks (ByteRecord), the foreign keys, and the per-row rules of orderRules (ORD-03, -05, -07, -08,
// -10, -11, -12) and ORD-13, each only as "passes"; a record any of them is not sure of is left to the
// string checks, which report it. A record that passes is taken as the string path takes it (its row,
// its facts for order_items and web_events), with no string per field: prod's 500k orders made a
// string of each of their 19 fields.
import type { IdIndex } from './idIndex.js';
import { ByteRecord, type FieldKind } from './byteRecord.js';
import type { OrderRowFacts } from './facts.js';
import type { PlainRow, PlainRowSetup } from './plainRows.js';
import { MIN_TRANSIT_SECONDS, isKnownStatus, returnDeadline, statusFitsDates } from './rules/orderRules.js';

export interface OrderByteSetup extends PlainRowSetup {
  /** The rows' facts, by row (orderRules' `orders`). */
  readonly orders: OrderRowFacts;
}

/** The byte checker of orders, or undefined when its schema does not fit it (every record takes the string checks). */
export function orderBytes(setup: OrderByteSetup): PlainRow | undefined {
  const { schema, layout, now, columns, facts, orders } = setup;
  if (!columns.integerKeys) return undefined;
  const record = ByteRecord.of(schema, layout, now);
  if (!record) return undefined;
  const customerAt = layout.at('customer_id');
  const orderDateAt = layout.at('order_date');
  const statusAt = layout.at('status');
  const subtotalAt = layout.at('subtotal');
  const discountAt = layout.at('discount_amount');
  const taxAt = layout.at('tax_amount');
  const shippingAt = layout.at('shipping_cost');
  const totalAt = layout.at('total_amount');
  const shippedAt = layout.at('shipped_at');
  const deliveredAt = layout.at('delivered_at');
  const returnedAt = layout.at('returned_at');
  const updatedAt = layout.at('updated_at');
  // The rules read these as numbers (parseInteger, parseCents, parseTimestamp) and the status as text;
  // a schema that types them otherwise takes the string checks.
  const read = (ats: readonly number[], kind: FieldKind): boolean => ats.every((at) => record.kindAt(at) === kind);
  if (!read([customerAt], 'integer') || !read([statusAt], 'allowed')) return undefined;
  if (!read([subtotalAt, discountAt, taxAt, shippingAt, totalAt], 'decimal')) return undefined;
  if (!read([orderDateAt, shippedAt, deliveredAt, returnedAt, updatedAt], 'timestamp')) return undefined;
  // The key columns travel as the numbers read (addIntegers): the primary key, and any unique key's
  // columns (all INTEGER, see keyPlan), must be read as integers; so must a foreign key.
  for (const column of schema.columns) {
    const at = layout.at(column.name);
    const integer = column.type.kind === 'INTEGER' || column.type.kind === 'BIGINT';
    if ((column.primaryKey || integer) && record.kindAt(at) !== 'integer') return undefined;
  }
  const foreignKeys = setup.foreignKeys.filter((foreignKey) => foreignKey.ids !== undefined).map((foreignKey) => ({ at: foreignKey.at, ids: foreignKey.ids as IdIndex }));
  if (foreignKeys.some((foreignKey) => record.kindAt(foreignKey.at) !== 'integer')) return undefined;
  const customers = facts.customers;
  // The customer's foreign-key lookup serves ORD-05 when it is the same index.
  const customerKey = foreignKeys.find((foreignKey) => foreignKey.at === customerAt && foreignKey.ids === customers?.ids);
  let customerSlot = -1;
  const { numbers, texts } = record;

  /** orderRules' and ORD-13's checks of the record read all pass. */
  const rulesPass = (): boolean => {
    const orderDate = numbers[orderDateAt] as number;
    const subtotal = numbers[subtotalAt] as number;
    // ORD-03, in cents: every term an exact integer.
    const total = numbers[totalAt] as number;
    const expected = subtotal - (numbers[discountAt] as number) + (numbers[taxAt] as number) + (numbers[shippingAt] as number);
    if (total !== expected && !Number.isNaN(expected) && !Number.isNaN(total)) return false;
    // ORD-05 (an unknown or NULL customer is not judged here).
    if (customers) {
      const slot = customerKey ? customerSlot : customers.ids.get(numbers[customerAt] as number);
      if (slot >= 0 && orderDate < (customers.createdAt[slot] as number)) return false;
    }
    const status = texts[statusAt] as string;
    const shipped = numbers[shippedAt] as number;
    const delivered = numbers[deliveredAt] as number;
    const returned = numbers[returnedAt] as number;
    const shippedSet = !Number.isNaN(shipped);
    const deliveredSet = !Number.isNaN(delivered);
    const returnedSet = !Number.isNaN(returned);
    // ORD-07, ORD-08 and ORD-12 (NaN compares false), ORD-10.
    if (!statusFitsDates(status, shippedSet, deliveredSet)) return false;
    if (shipped < orderDate || delivered < shipped || delivered < orderDate || delivered - shipped < MIN_TRANSIT_SECONDS) return false;
    if (isKnownStatus(status) && returnedSet !== (status === 'returned')) return false;
    // ORD-11.
    if (returnedSet && deliveredSet && (returned <= delivered || returned > returnDeadline(orderDate, delivered))) return false;
    // ORD-13: updated_at is not before any of the row's times.
    const updated = numbers[updatedAt] as number;
    return !(orderDate > updated || shipped > updated || delivered > updated || returned > updated);
  };

  return {
    chunk(bytes, start, end) {
      record.chunk(bytes, start, end);
    },
    take(bytes, lineStart, end, line) {
      const recordEnd = record.read(bytes, lineStart, end);
      if (recordEnd < 0) return -1;
      for (const foreignKey of foreignKeys) {
        const id = numbers[foreignKey.at] as number;
        // A NULL reference is not checked (a NOT NULL column's was refused by read()).
        if (Number.isNaN(id)) {
          if (foreignKey === customerKey) customerSlot = -1;
          continue;
        }
        const slot = foreignKey.ids.get(id);
        if (slot < 0) return -1;
        if (foreignKey === customerKey) customerSlot = slot;
      }
      if (!rulesPass()) return -1;
      // Passed: taken as the string path takes it.
      const row = columns.addIntegers(line, numbers);
      orders.record(row, numbers[orderDateAt] as number, numbers[subtotalAt] as number, line, numbers[customerAt] as number);
      return recordEnd;
    },
  };
}
