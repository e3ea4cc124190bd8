import { SECONDS_PER_DAY } from '../core/calendar.js';
import { LabelCounts, NumberSample, spreadOf } from './counters.js';
import type { Distribution, MethodTiming, Spread } from './profileTypes.js';
import type { LocalClock } from './timestamps.js';

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The timestamps of one order (epoch seconds; NaN when empty). */
export interface OrderClock {
  readonly method: string;
  readonly ordered: number;
  readonly shipped: number;
  readonly delivered: number;
  readonly returned: number;
}

class Timing {
  readonly hours = new NumberSample();
  wholeDays = 0;

  add(seconds: number): void {
    this.hours.push(seconds / 3600);
    if (seconds % SECONDS_PER_DAY === 0) this.wholeDays++;
  }
}

function byMethod(timings: Map<string, Timing>): [string, Timing][] {
  return [...timings.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

/** The warehouse and carrier clock: ship hour and weekday (local), handling and transit by method, returns. */
export class FulfilmentTally {
  private readonly shipHours = new LabelCounts();
  private readonly shipWeekdays = new LabelCounts();
  private readonly handling = new Map<string, Timing>();
  private readonly transit = new Map<string, Timing>();
  private readonly returnLag = new NumberSample();
  private readonly returnMonths = new LabelCounts();

  constructor(private readonly clock: LocalClock) {}

  add(order: OrderClock): void {
    const { method, ordered, shipped, delivered, returned } = order;
    if (!Number.isNaN(shipped)) {
      this.shipHours.add(`${String(this.clock.hour(shipped)).padStart(2, '0')}h`);
      this.shipWeekdays.add(WEEKDAYS[this.clock.weekday(shipped)] as string);
      this.timing(this.handling, method).add(shipped - ordered);
      if (!Number.isNaN(delivered)) this.timing(this.transit, method).add(delivered - shipped);
    }
    if (!Number.isNaN(returned)) {
      if (!Number.isNaN(delivered)) this.returnLag.push((returned - delivered) / SECONDS_PER_DAY);
      this.returnMonths.add(MONTHS[this.clock.monthIndex(returned) % 12] as string);
    }
  }

  private timing(timings: Map<string, Timing>, method: string): Timing {
    let timing = timings.get(method);
    if (!timing) timings.set(method, (timing = new Timing()));
    return timing;
  }

  shipHourShares(): Distribution {
    return Object.fromEntries(Array.from({ length: 24 }, (_, hour) => `${String(hour).padStart(2, '0')}h`).map((label) => [label, this.shipHours.total > 0 ? this.shipHours.get(label) / this.shipHours.total : 0]));
  }

  shipWeekdayShares(): Distribution {
    return Object.fromEntries(WEEKDAYS.map((day) => [day, this.shipWeekdays.total > 0 ? this.shipWeekdays.get(day) / this.shipWeekdays.total : 0]));
  }

  handlingHoursByMethod(): Record<string, Spread> {
    return Object.fromEntries(byMethod(this.handling).map(([method, timing]) => [method, spreadOf(timing.hours)]));
  }

  transitHoursByMethod(): Record<string, MethodTiming> {
    return Object.fromEntries(
      byMethod(this.transit).map(([method, timing]) => {
        const spread = spreadOf(timing.hours);
        return [method, { ...spread, wholeDayShare: spread.count > 0 ? timing.wholeDays / spread.count : 0 }];
      }),
    );
  }

  returnLagDays(): Spread {
    return spreadOf(this.returnLag);
  }

  returnsByMonth(): Distribution {
    return Object.fromEntries(MONTHS.map((month) => [month, this.returnMonths.total > 0 ? this.returnMonths.get(month) / this.returnMonths.total : 0]));
  }
}

/** tax / (subtotal - discount), summed in cents by shipping state. */
export class TaxTally {
  private readonly byState = new Map<string, [number, number]>();

  add(state: string, taxableCents: number, taxCents: number): void {
    let sums = this.byState.get(state);
    if (!sums) this.byState.set(state, (sums = [0, 0]));
    sums[0] += taxCents;
    sums[1] += taxableCents;
  }

  rates(): Distribution {
    return Object.fromEntries([...this.byState.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([state, [tax, taxable]]) => [state, taxable > 0 ? tax / taxable : 0]));
  }
}
