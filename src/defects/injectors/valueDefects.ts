// Defects of single values: lost, out of range, outside the allowed values, totals that do not add up,
// times in the wrong order or in the future, a foreign key to nothing, formats that drifted.
import type { TableName } from '../../schema/tableNames.js';
import { pickSetColumn, type DirtyRow, type Injector } from './dirtyRow.js';
import { otherThan, pickWeightedWhere, pickWhere } from './pickWhere.js';
import { ORPHAN_ID_SPAN } from './rowDefects.js';
import { cents, dollarsText, moneyText, timestampSeconds, timestampText, yearsLater } from './valueText.js';

type PerTable = Partial<Record<TableName, Injector>>;

/** Where feeds lose values (the examples: phone, address line, shipping city), by weight. */
const MISSING_COLUMNS: Readonly<Record<TableName, readonly (readonly [string, number])[]>> = {
  // Phone is the field shoppers most often refuse or skip at checkout; address and city are lost by
  // address-book imports and partial form posts.
  customers: [['phone', 5], ['address_line1', 2.5], ['city', 1.5], ['zip_code', 1]],
  products: [['brand', 4], ['subcategory', 3], ['cost', 3]],
  orders: [['shipping_city', 5], ['shipping_address_line1', 3], ['shipping_zip', 2]],
  order_items: [['product_id', 4], ['unit_price', 3], ['quantity', 3]],
  // Tracking loses the referrer and the user agent (ad blockers, privacy settings) more than anything.
  web_events: [['traffic_source', 4], ['browser', 3], ['device_type', 2], ['page_url', 1]],
};

/** Empty in a NOT NULL column. */
export const missingValue: Injector = (row) => {
  const column = pickWeightedWhere(row.rng, MISSING_COLUMNS[row.context.table], hasColumn, row);
  return column !== undefined && row.set(column, '', 'missing_value');
};

/** Whether the row's clean value of a list entry's column (its first element) is set. */
function hasColumn(entry: readonly [string, ...unknown[]], row: DirtyRow): boolean {
  return row.has(entry[0]);
}

const REFERENCES: Readonly<Record<TableName, readonly (readonly [string, TableName])[]>> = {
  customers: [],
  products: [],
  orders: [['customer_id', 'customers']],
  order_items: [['order_id', 'orders'], ['product_id', 'products']],
  web_events: [['customer_id', 'customers'], ['product_id', 'products'], ['order_id', 'orders']],
};

/** A key of a parent row that is not in the extract (one created after it): just past the parent's ids. */
export const orphanReference: Injector = (row) => {
  const reference = pickWhere(row.rng, REFERENCES[row.context.table], hasColumn, row);
  if (reference === undefined) return false;
  const [column, target] = reference;
  return row.set(column, String(row.context.counts[target] + 1 + row.rng.below(ORPHAN_ID_SPAN)), 'orphan_reference');
};

function negativeMoney(row: DirtyRow, column: string): boolean {
  const amount = cents(row.value(column));
  return row.set(column, moneyText(-(amount > 0 ? amount : 100 + row.rng.below(1900))), 'out_of_range');
}

export const outOfRange: PerTable = {
  // A birth year mistyped a century back: 150 at registration (CUS-02 allows 18 to 90).
  customers: (row) => {
    const registered = row.value('created_at');
    const born = row.value('date_of_birth');
    if (registered.length < 10 || born.length !== 10) return false;
    const year = Number(registered.slice(0, 4)) - 150;
    const monthDay = born.slice(5) === '02-29' ? '02-28' : born.slice(5);
    return row.set('date_of_birth', `${String(year).padStart(4, '0')}-${monthDay}`, 'out_of_range');
  },
  products: (row) => (row.rng.chance(0.6) ? row.set('price', '0.00', 'out_of_range') : row.set('stock_quantity', String(-1 - row.rng.below(50)), 'out_of_range')),
  // A refund keyed as a negative discount.
  orders: (row) => negativeMoney(row, 'discount_amount'),
  order_items: (row) => {
    const variant = row.rng.below(3);
    if (variant === 0) return row.set('unit_price', '0.00', 'out_of_range');
    // A quantity keyed into the price field's neighbour (100+) or a return booked as a negative line.
    return row.set('quantity', variant === 1 ? String(-Number(row.value('quantity') || '1')) : String(100 + row.rng.below(900)), 'out_of_range');
  },
};

/**
 * Realistic wrong spellings of allowed values: a capitalised label with a trailing space, shouting,
 * another system's word. They fit the column's length, so only the allowed values reject them.
 */
const SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  status: ['complete', 'fulfilled', 'in transit'],
  gender: ['U', 'X'],
  country: ['CA', 'MX'],
  device_type: ['smartphone', 'phone', 'pc'],
  event_type: ['PageView', 'addToCart', 'checkout'],
  payment_method: ['Credit Card', 'PayPal', 'card'],
  shipping_method: ['Standard', 'overnight', 'Express Shipping'],
  category: ['electronics', 'Home and Garden', 'Sporting Goods'],
  customer_segment: ['VIP', 'Premium ', 'gold'],
  browser: ['chrome', 'Mobile Safari', 'IE'],
};

const ENUM_COLUMNS: Readonly<Record<TableName, readonly string[]>> = {
  customers: ['gender', 'state', 'country', 'customer_segment'],
  products: ['category'],
  orders: ['status', 'payment_method', 'shipping_method'],
  order_items: [],
  web_events: ['event_type', 'device_type', 'browser', 'traffic_source'],
};

function misspelled(row: DirtyRow, column: string, value: string): string {
  const variant = row.rng.below(3);
  const synonyms = SYNONYMS[column];
  if (variant === 0 && synonyms) return otherThan(row.rng, synonyms, value);
  if (variant === 1 && value.toUpperCase() !== value) return value.toUpperCase();
  const spaced = value.replace(/_/g, ' ');
  const titled = `${spaced.charAt(0).toUpperCase()}${spaced.slice(1)} `;
  return value.toLowerCase() !== value ? value.toLowerCase() : titled;
}

/** A value outside the column's allowed values, as a hand-kept list or another system spells it. */
export const invalidValue: Injector = (row) => {
  const column = pickSetColumn(row, ENUM_COLUMNS[row.context.table]);
  if (!column) return false;
  return row.set(column, misspelled(row, column, row.value(column)), 'invalid_value');
};

export const arithmeticMismatch: PerTable = {
  orders: (row) => {
    const total = cents(row.value('total_amount'));
    const tax = cents(row.value('tax_amount'));
    const shipping = cents(row.value('shipping_cost'));
    const variant = row.rng.below(3);
    // Tax added twice, shipping left out, or a cent lost to rounding each line instead of the total.
    const dirty = variant === 0 && tax > 0 ? total + tax : variant === 1 && shipping > 0 ? total - shipping : total + (row.rng.chance(0.5) ? 1 : -1);
    return row.set('total_amount', moneyText(Math.max(0, dirty) === dirty ? dirty : total + 1), 'arithmetic_mismatch');
  },
  order_items: (row) => {
    const quantity = Number(row.value('quantity'));
    const unit = cents(row.value('unit_price'));
    const discount = cents(row.value('discount_amount'));
    const total = cents(row.value('line_total'));
    // The discount not taken off, the unit price not multiplied out, or a cent of rounding.
    let dirty = total + 1;
    if (discount > 0 && row.rng.chance(0.5)) dirty = quantity * unit;
    else if (quantity > 1 && row.rng.chance(0.5)) dirty = unit - discount;
    return row.set('line_total', moneyText(dirty < 0 ? total + 1 : dirty), 'arithmetic_mismatch');
  },
};

const HOUR = 3600;
const DAY = 86400;

export const timeOrder: PerTable = {
  products: (row) => {
    const created = timestampSeconds(row.value('created_at'));
    if (!row.has('discontinued_at') || Number.isNaN(created)) return false;
    return row.set('discontinued_at', timestampText(created - DAY - row.rng.below(365 * DAY)), 'time_order');
  },
  // Delivered before shipped (the carrier's scan and the warehouse's swapped), or shipped before ordered.
  orders: (row) => {
    const shipped = row.value('shipped_at');
    const delivered = row.value('delivered_at');
    if (shipped !== '' && delivered !== '') return row.set('shipped_at', delivered, 'time_order') && row.set('delivered_at', shipped, 'time_order');
    const ordered = timestampSeconds(row.value('order_date'));
    if (shipped === '' || Number.isNaN(ordered)) return false;
    return row.set('shipped_at', timestampText(ordered - HOUR - row.rng.below(3 * DAY)), 'time_order');
  },
  // An event stamped before the one before it in its session (a device clock a day behind).
  web_events: (row) => {
    const sessionAt = row.at('session_id');
    const timeAt = row.at('event_timestamp');
    if (sessionAt < 0 || timeAt < 0) return false;
    const session = row.context.previous(sessionAt);
    if (session === undefined || session !== row.value('session_id')) return false;
    const before = timestampSeconds(row.context.previous(timeAt) ?? '');
    if (Number.isNaN(before)) return false;
    return row.set('event_timestamp', timestampText(before - DAY - row.rng.below(HOUR)), 'time_order');
  },
};

const FUTURE_COLUMNS: Readonly<Record<TableName, readonly string[]>> = {
  customers: ['created_at'],
  products: ['created_at'],
  // Not order_date: ids follow it, so a moved order_date would be blamed on its neighbour (ORD-09).
  orders: ['delivered_at', 'shipped_at', 'returned_at'],
  order_items: [],
  web_events: ['event_timestamp'],
};

/** A timestamp decades ahead: a mistyped year or a device clock set wrong. */
export const futureTimestamp: Injector = (row) => {
  const column = pickSetColumn(row, FUTURE_COLUMNS[row.context.table]);
  if (!column) return false;
  return row.set(column, yearsLater(row.value(column), 20 + row.rng.below(21)), 'future_timestamp');
};

function usDate(text: string): string {
  return `${text.slice(5, 7)}/${text.slice(8, 10)}/${text.slice(0, 4)}`;
}

/** Timestamps as other systems write them: ISO 8601 with T and Z, US dates with AM/PM, epoch milliseconds. */
function driftedTimestamp(row: DirtyRow, text: string): string {
  const variant = row.rng.below(3);
  if (variant === 0) return `${text.slice(0, 10)}T${text.slice(11)}Z`;
  if (variant === 1) {
    const hour = Number(text.slice(11, 13));
    return `${usDate(text)} ${(hour % 12 || 12)}:${text.slice(14, 16)} ${hour < 12 ? 'AM' : 'PM'}`;
  }
  return String(timestampSeconds(text) * 1000);
}

function driftedPhone(row: DirtyRow, phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length !== 10) return `+1 ${phone}`;
  const [area, exchange, line] = [digits.slice(0, 3), digits.slice(3, 6), digits.slice(6)];
  return row.rng.pick([`${area}-${exchange}-${line}`, `${area}.${exchange}.${line}`, `+1 ${area} ${exchange} ${line}`, digits]);
}

/** A ZIP code that lost its leading zero in a spreadsheet, or gained its +4. */
function driftedZip(row: DirtyRow, zip: string): string {
  return zip.startsWith('0') ? zip.replace(/^0+/, '') : `${zip}-${String(row.rng.below(10000)).padStart(4, '0')}`;
}

type Drift = (row: DirtyRow, value: string) => string;

const DRIFT_TIMESTAMP: Drift = driftedTimestamp;
const DRIFT_MONEY: Drift = (row, value) => dollarsText(cents(value));
const DRIFT_BOOLEAN: Drift = (row, value) => (row.rng.chance(0.5) ? (value === 'true' ? 'Y' : 'N') : value === 'true' ? '1' : '0');

/** Per table, the columns whose format drifts and how; `typed` marks drifts a Parquet column cannot hold. */
const DRIFTS: Readonly<Record<TableName, readonly (readonly [string, Drift, 'typed' | 'text'])[]>> = {
  customers: [
    ['date_of_birth', (row, value) => usDate(value), 'typed'],
    ['created_at', DRIFT_TIMESTAMP, 'typed'],
    ['phone', driftedPhone, 'text'],
    ['zip_code', driftedZip, 'text'],
    ['marketing_opt_in', DRIFT_BOOLEAN, 'typed'],
  ],
  products: [
    ['price', DRIFT_MONEY, 'typed'],
    ['created_at', DRIFT_TIMESTAMP, 'typed'],
    ['is_active', DRIFT_BOOLEAN, 'typed'],
  ],
  orders: [
    ['order_date', DRIFT_TIMESTAMP, 'typed'],
    ['total_amount', DRIFT_MONEY, 'typed'],
    ['shipping_zip', driftedZip, 'text'],
  ],
  order_items: [
    ['unit_price', DRIFT_MONEY, 'typed'],
    ['line_total', DRIFT_MONEY, 'typed'],
  ],
  web_events: [['event_timestamp', DRIFT_TIMESTAMP, 'typed']],
};

/** Whether a drift applies: its column is set, and the output can hold what it writes. */
function canDrift([column, , kind]: readonly [string, Drift, 'typed' | 'text'], row: DirtyRow): boolean {
  return row.has(column) && !(kind === 'typed' && row.context.typedColumns);
}

/** A value in another system's format: `03/15/2024`, `$12.50`, `Y`, `555-123-4567`. */
export const formatDrift: Injector = (row) => {
  const picked = pickWhere(row.rng, DRIFTS[row.context.table], canDrift, row);
  if (picked === undefined) return false;
  const [column, drift] = picked;
  return row.set(column, drift(row, row.value(column)), 'format_drift');
};
