import { IdNumbers } from '../profile/counters.js';
import type { CustomerActivity } from '../profile/lifecycle.js';
import { at, required } from '../profile/tableReader.js';
import { forEachReportRow, type ReportTables } from './reportTables.js';
import { epochSeconds, type LocalClock } from '../profile/timestamps.js';
import { cents } from './money.js';

export interface OrdersScan {
  readonly rows: number;
  readonly revenueCents: number;
  readonly returned: number;
  /** order id -> local month index of its order_date (NaN: no such order). */
  readonly monthOf: IdNumbers;
  /** order id -> 1 when its status is `returned`. */
  readonly returnedOf: IdNumbers;
  /** local epoch day -> orders. */
  readonly perDay: ReadonlyMap<number, number>;
  readonly maxId: number;
  /** order_date span, epoch seconds (Infinity / -Infinity when empty). */
  readonly first: number;
  readonly last: number;
}

/** orders: counts per local day, revenue, returns, and each order into `activity` (for the cohorts). */
export async function scanOrders(tables: ReportTables, clock: LocalClock, activity: CustomerActivity): Promise<OrdersScan> {
  const monthOf = new IdNumbers(Number.NaN);
  const returnedOf = new IdNumbers(0);
  const perDay = new Map<number, number>();
  let rows = 0;
  let revenueCents = 0;
  let returned = 0;
  let maxId = 0;
  let first = Infinity;
  let last = -Infinity;
  await forEachReportRow(tables, 'orders', (col) => {
    const c = (name: string): number => required(col, 'orders', name);
    const [id, customer, date, status, total] = [c('order_id'), c('customer_id'), c('order_date'), c('status'), c('total_amount')];
    return (row) => {
      rows++;
      const orderId = Number(at(row, id));
      if (orderId > maxId) maxId = orderId;
      const second = epochSeconds(at(row, date));
      if (second < first) first = second;
      if (second > last) last = second;
      monthOf.set(orderId, clock.monthIndex(second));
      const day = clock.day(second);
      perDay.set(day, (perDay.get(day) ?? 0) + 1);
      revenueCents += cents(at(row, total));
      if (at(row, status) === 'returned') {
        returned++;
        returnedOf.set(orderId, 1);
      }
      activity.ordered(Number(at(row, customer)), second);
    };
  });
  return { rows, revenueCents, returned, monthOf, returnedOf, perDay, maxId, first, last };
}
