import { SECONDS_PER_DAY } from '../core/calendar.js';
import type { CustomerActivity } from '../profile/lifecycle.js';
import type { LocalClock } from '../profile/timestamps.js';
import type { CohortCell } from './reportTypes.js';

/** Months after signup the heatmap shows (0-12), as the profile's cohortRetention. */
const COHORT_MONTHS = 13;

export function monthText(monthIndex: number): string {
  return `${Math.floor(monthIndex / 12)}-${String((monthIndex % 12) + 1).padStart(2, '0')}`;
}

/**
 * Retention per signup-month cohort: of the customers who signed up in month c, the share with an
 * order in month c + m, for m = 0..12. Cohorts are the signup months inside the orders' window
 * [windowFirst, windowLast] (epoch seconds), and a cell exists only when month c + m is inside it too
 * (a later month is not observed, not zero): the profile's lifecycle rule, kept per cohort.
 */
export function cohortMatrix(activity: CustomerActivity, clock: LocalClock, customerIds: Iterable<number>, windowFirst: number, windowLast: number): CohortCell[] {
  if (!(windowFirst <= windowLast)) return [];
  // As the profile: a window cut at UTC midnight starts in the last local hours of the month before.
  const firstMonth = clock.monthIndex(windowFirst + SECONDS_PER_DAY);
  const lastMonth = clock.monthIndex(windowLast - SECONDS_PER_DAY);
  const sizes = new Map<number, number>();
  const active = new Map<number, Int32Array>();
  for (const id of customerIds) {
    const signup = activity.signup.get(id);
    if (Number.isNaN(signup)) continue;
    const month = clock.monthIndex(signup);
    if (month < firstMonth || month > lastMonth) continue;
    sizes.set(month, (sizes.get(month) ?? 0) + 1);
    let counts = active.get(month);
    if (!counts) active.set(month, (counts = new Int32Array(COHORT_MONTHS)));
    const bits = activity.activeMonths.get(id);
    for (let m = 0; m < COHORT_MONTHS; m++) if (bits & (1 << m)) counts[m] = (counts[m] as number) + 1;
  }
  const cells: CohortCell[] = [];
  for (const [month, size] of [...sizes.entries()].sort((a, b) => a[0] - b[0])) {
    const counts = active.get(month) as Int32Array;
    for (let m = 0; m < COHORT_MONTHS && month + m <= lastMonth; m++) cells.push({ cohort: monthText(month), size, month: m, retention: (counts[m] as number) / size });
  }
  return cells;
}
