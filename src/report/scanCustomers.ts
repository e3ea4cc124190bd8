import { LabelCounts } from '../profile/counters.js';
import type { CustomerActivity } from '../profile/lifecycle.js';
import { at, required } from '../profile/tableReader.js';
import { forEachReportRow, type ReportTables } from './reportTables.js';
import { epochSeconds } from '../profile/timestamps.js';

export interface CustomersScan {
  readonly rows: number;
  readonly states: LabelCounts;
  readonly maxId: number;
}

/** customers: rows, customers per state, and each signup into `activity` (for the cohorts). */
export async function scanCustomers(tables: ReportTables, activity: CustomerActivity): Promise<CustomersScan> {
  const states = new LabelCounts();
  let rows = 0;
  let maxId = 0;
  await forEachReportRow(tables, 'customers', (col) => {
    const [id, state, created] = [required(col, 'customers', 'customer_id'), required(col, 'customers', 'state'), required(col, 'customers', 'created_at')];
    return (row) => {
      rows++;
      const customerId = Number(at(row, id));
      if (customerId > maxId) maxId = customerId;
      states.add(at(row, state));
      activity.signedUp(customerId, epochSeconds(at(row, created)));
    };
  });
  return { rows, states, maxId };
}
