import { SECONDS_PER_DAY } from '../core/calendar.js';
import { IdCounts, IdNumbers, NumberSample } from './counters.js';
import type { BehaviourProfile } from './profileTypes.js';
import type { LocalClock } from './timestamps.js';

const COHORT_MONTHS = 13;

/**
 * What the orders scan keeps per customer (arrays sized by customer id): signup second, first order
 * second, orders, and a bit per month m (0-12) after the signup month in which the customer ordered.
 */
export class CustomerActivity {
  readonly signup = new IdNumbers(Number.NaN);
  readonly firstOrder = new IdNumbers(Number.NaN);
  readonly orders = new IdCounts();
  readonly activeMonths = new IdNumbers(0);
  private readonly signupMonth = new IdNumbers(Number.NaN);

  constructor(private readonly clock: LocalClock) {}

  signedUp(customer: number, second: number): void {
    this.signup.set(customer, second);
    this.signupMonth.set(customer, this.clock.monthIndex(second));
  }

  ordered(customer: number, second: number): void {
    this.orders.add(customer);
    const first = this.firstOrder.get(customer);
    if (Number.isNaN(first) || second < first) this.firstOrder.set(customer, second);
    const month = this.clock.monthIndex(second) - this.signupMonth.get(customer);
    if (month >= 0 && month < COHORT_MONTHS) this.activeMonths.or(customer, 1 << month);
  }

  /**
   * Lifecycle figures for customers 1..customers, the orders' window being [windowFirst, windowLast]
   * (epoch seconds): cohorts are the signup months inside the window, and a cohort counts for month m
   * only when signup + m is still inside it (a later month is not observed, not zero).
   */
  figures(customers: number, windowFirst: number, windowLast: number): BehaviourProfile['lifecycle'] {
    // A window cut at UTC midnight begins late on the last local day of the month before (at UTC-6,
    // 18:00 on December 31st): that month holds only hours of the window, so it is not a cohort month.
    const firstMonth = this.clock.monthIndex(windowFirst + SECONDS_PER_DAY);
    const lastMonth = this.clock.monthIndex(windowLast - SECONDS_PER_DAY);
    const cohortSize = new Map<number, number>();
    const cohortActive = new Map<number, Int32Array>();
    const lags = new NumberSample();
    let buyers = 0;
    let repeaters = 0;
    let sameDay = 0;
    for (let id = 1; id <= customers; id++) {
      const orders = this.orders.get(id);
      if (orders > 0) buyers++;
      if (orders > 1) repeaters++;
      // Signups before the window's first month could not order on their signup day: they would bias both figures.
      const signup = this.signup.get(id);
      const month = this.signupMonth.get(id);
      if (Number.isNaN(signup) || month < firstMonth || month > lastMonth) continue;
      const first = this.firstOrder.get(id);
      if (!Number.isNaN(first)) {
        lags.push((first - signup) / SECONDS_PER_DAY);
        if (this.clock.day(first) === this.clock.day(signup)) sameDay++;
      }
      cohortSize.set(month, (cohortSize.get(month) ?? 0) + 1);
      let active = cohortActive.get(month);
      if (!active) cohortActive.set(month, (active = new Int32Array(COHORT_MONTHS)));
      const bits = this.activeMonths.get(id);
      for (let m = 0; m < COHORT_MONTHS; m++) if (bits & (1 << m)) active[m] = (active[m] as number) + 1;
    }
    const retention: (number | null)[] = [];
    const cohortsPerMonth: number[] = [];
    for (let m = 0; m < COHORT_MONTHS; m++) {
      let sum = 0;
      let cohorts = 0;
      for (const [month, size] of cohortSize) {
        if (month + m > lastMonth) continue;
        sum += ((cohortActive.get(month) as Int32Array)[m] as number) / size;
        cohorts++;
      }
      retention.push(cohorts > 0 ? sum / cohorts : null);
      cohortsPerMonth.push(cohorts);
    }
    const lag = lags.quantiles();
    return {
      buyers,
      repeatRateAmongBuyers: buyers > 0 ? repeaters / buyers : 0,
      neverBuyShare: customers > 0 ? (customers - buyers) / customers : 0,
      cohortRetention: retention,
      cohortsPerMonth,
      firstOrderLag: { buyers: lag.count, sameDayShare: lag.count > 0 ? sameDay / lag.count : 0, medianDays: lag.count > 0 ? lag.median : null, p90Days: lag.count > 0 ? lag.p90 : null },
    };
  }
}
