// Defects of whole rows: a row twice, a key reused by a changed row, a customer registered twice, a row
// delivered late.
import type { Rng } from '../../core/random.js';
import type { TableName } from '../../schema/tableNames.js';
import { type DirtyRow, type Injector } from './dirtyRow.js';
import { otherThan } from './pickWhere.js';
import { keyboardTypo } from './textDamage.js';
import { cents, moneyText } from './valueText.js';

/** Ids of second registrations start this far past the customers' count, clear of orphan keys. */
export const NEAR_DUPLICATE_ID_OFFSET = 100;
/** Orphan keys are the parent's count plus 1 to this: rows that would arrive in a later extract. */
export const ORPHAN_ID_SPAN = 100;
/** A late row is written this many rows after its place: hours of events, a day or two of orders on prod. */
export const LATE_ROWS = { min: 200, max: 2000 } as const;

/** The same line again, right after the original: a retried insert or a re-sent event. */
export const duplicateRow: Injector = (row) => {
  row.addExtra();
  row.note(row.key, 'duplicate_row');
  return true;
};

function otherOf(row: DirtyRow, values: readonly string[], current: string): string {
  return otherThan(row.rng, values, current);
}

/** The column a later version of the row changes: what an upsert delivered as an insert would differ in. */
const CHANGED_COLUMN: Readonly<Record<TableName, (row: DirtyRow) => [string, string] | undefined>> = {
  customers: (row) => ['customer_segment', otherOf(row, ['regular', 'premium', 'vip', 'business'], row.value('customer_segment'))],
  products: (row) => ['stock_quantity', String(Math.max(0, Number(row.value('stock_quantity')) + 1 + row.rng.below(40)))],
  orders: (row) => ['shipping_method', otherOf(row, ['standard', 'express', 'next_day'], row.value('shipping_method'))],
  order_items: () => ['quantity', ''],
  web_events: (row) => ['traffic_source', otherOf(row, ['organic_search', 'paid_search', 'social', 'email', 'direct', 'referral', 'display'], row.value('traffic_source'))],
};

/** A different row under the same key: a later version of the row appended instead of replacing it. */
export const duplicateKey: Injector = (row) => {
  const table = row.context.table;
  if (table === 'order_items') {
    // One more unit, with its line total following, so only the key gives the row away.
    const quantity = Number(row.value('quantity'));
    const unit = cents(row.value('unit_price'));
    const quantityAt = row.at('quantity');
    const totalAt = row.at('line_total');
    if (quantityAt < 0 || totalAt < 0 || !Number.isFinite(quantity)) return false;
    const moreQuantity = String(quantity + 1);
    const moreTotal = moneyText(cents(row.value('line_total')) + unit);
    row.addExtra();
    row.setExtra(quantityAt, moreQuantity);
    row.setExtra(totalAt, moreTotal);
    row.note(row.key, 'duplicate_key', row.value('quantity'), moreQuantity, 'quantity');
    row.note(row.key, 'duplicate_key', row.value('line_total'), moreTotal, 'line_total');
  } else {
    const change = CHANGED_COLUMN[table](row);
    if (!change) return false;
    const [column, value] = change;
    const at = row.at(column);
    if (at < 0 || value === row.value(column)) return false;
    row.addExtra();
    row.setExtra(at, value);
    row.note(row.key, 'duplicate_key', row.value(column), value, column);
  }
  return true;
};

/** The part of an email before the @, where people mistype it. */
function emailTypo(email: string, row: DirtyRow): string {
  const at = email.indexOf('@');
  return keyboardTypo(email, row.rng, 0, at < 0 ? email.length : at);
}

/**
 * The customer registers a second time (a guest checkout, a forgotten password) and types their name
 * and email a little differently: a new customer_id, everything else as before.
 */
export const nearDuplicate: Injector = (row) => {
  const id = row.context.counts.customers + NEAR_DUPLICATE_ID_OFFSET + row.context.id;
  if (id > 2147483647) return false;
  const newKey = String(id);
  row.addExtra();
  row.setExtra(0, newKey);
  row.note(newKey, 'near_duplicate', row.key, newKey, row.context.columns[0] as string);
  const nameColumn = row.rng.chance(0.5) ? 'first_name' : 'last_name';
  for (const [column, dirty] of [
    [nameColumn, keyboardTypo(row.value(nameColumn), row.rng)],
    ['email', emailTypo(row.value('email'), row)],
  ] as const) {
    const at = row.at(column);
    if (at < 0 || dirty === row.value(column)) continue;
    row.setExtra(at, dirty);
    row.note(newKey, 'near_duplicate', row.value(column), dirty, column);
  }
  return true;
};

/**
 * How many rows later row `id` of a table of `total` rows is written when it arrives late, drawn from
 * `rng` (seeded for the row), or 0 when it cannot (the table's last row has nothing after it to arrive
 * behind). The injector and the shards after the row (rowsArrivingFromBefore) both ask this, and the
 * latter needs no DirtyRow for it: one built there with a context of its own made the injectors' code see
 * two kinds of context and row, and the pass's optimised code was thrown away and compiled again.
 */
export function lateRows(rng: Rng, id: number, total: number): number {
  return id >= total ? 0 : LATE_ROWS.min + rng.below(LATE_ROWS.max - LATE_ROWS.min + 1);
}

/** The row is written later in its file, among rows of a later time: an event that arrived late. */
export const lateArriving: Injector = (row) => {
  const context = row.context;
  row.lateBy = lateRows(row.rng, context.id, context.counts[context.table]);
  return row.lateBy > 0;
};
