import { SECONDS_PER_DAY, civilDate, weekdayMondayFirst } from './calendar.js';

/** How activity is spread over time: growth, seasons, weekdays, named days and hours of the day. */
export interface CurveShape {
  /** Multiplier of daily volume per 365 days (1 = flat). */
  readonly yearlyGrowth: number;
  /** Twelve multipliers, January first. */
  readonly monthly?: readonly number[];
  /** Seven multipliers, Monday first. */
  readonly weekday?: readonly number[];
  /** Twenty-four weights of the hours of a day (UTC). */
  readonly hourly?: readonly number[];
  /**
   * Days that differ from the rest (holidays, shopping peaks): epoch day (UTC) -> twenty-four multipliers
   * of its UTC hours. A holiday of the shoppers' local day spans two UTC days, so it gives both.
   */
  readonly specialDays?: ReadonlyMap<number, readonly number[]>;
}

/** Cumulative shares of a day's hours (25 values from 0 to 1). */
function hourCumulative(weights: readonly number[]): Float64Array {
  const cumulative = new Float64Array(25);
  const total = weights.reduce((a, b) => a + b, 0);
  let sum = 0;
  for (let hour = 0; hour < 24; hour++) {
    cumulative[hour] = sum / total;
    sum += weights[hour] ?? 0;
  }
  cumulative[24] = 1;
  return cumulative;
}

/**
 * A piecewise-linear distribution over a span of whole days. `timeAt` maps a quantile to a time and
 * `fractionBefore` maps back, both monotone, which is what lets ids follow time (id k sits at quantile
 * (k-1+jitter)/N) and lets any time be turned into "how many ids exist by then" without scanning.
 */
export class TimeCurve {
  readonly startSecond: number;
  readonly endSecond: number;
  private readonly dayWeights: Float64Array;
  private readonly dayCumulative: Float64Array;
  /** The hour profiles: 0 is the usual day, the others belong to special days. */
  private readonly hourProfiles: Float64Array[];
  /** Per day, its index in hourProfiles. */
  private readonly dayProfile: Uint16Array;
  private readonly total: number;

  constructor(
    readonly startDay: number,
    readonly dayCount: number,
    shape: CurveShape,
  ) {
    if (dayCount < 1) throw new Error('a time curve needs at least one day');
    this.startSecond = startDay * SECONDS_PER_DAY;
    this.endSecond = (startDay + dayCount) * SECONDS_PER_DAY;
    this.dayWeights = new Float64Array(dayCount);
    this.dayCumulative = new Float64Array(dayCount + 1);
    this.dayProfile = new Uint16Array(dayCount);
    const hourly = shape.hourly ?? new Array<number>(24).fill(1);
    const hourTotal = hourly.reduce((a, b) => a + b, 0);
    this.hourProfiles = [hourCumulative(hourly)];
    let sum = 0;
    for (let index = 0; index < dayCount; index++) {
      const day = startDay + index;
      const month = civilDate(day).month;
      let weight =
        Math.pow(shape.yearlyGrowth, index / 365) *
        (shape.monthly?.[month - 1] ?? 1) *
        (shape.weekday?.[weekdayMondayFirst(day)] ?? 1);
      const multipliers = shape.specialDays?.get(day);
      if (multipliers !== undefined) {
        // The day's mass scales by its hours' weighted mean multiplier; its hours get their own shape.
        const weights = hourly.map((hourWeight, hour) => hourWeight * (multipliers[hour] ?? 1));
        weight *= weights.reduce((a, b) => a + b, 0) / hourTotal;
        this.dayProfile[index] = this.hourProfiles.length;
        this.hourProfiles.push(hourCumulative(weights));
      }
      this.dayWeights[index] = weight;
      this.dayCumulative[index] = sum;
      sum += weight;
    }
    this.dayCumulative[dayCount] = sum;
    this.total = sum;
  }

  /** The time (fractional epoch seconds) below which `unit` of the mass lies; unit in [0, 1). */
  timeAt(unit: number): number {
    const target = unit * this.total;
    const cumulative = this.dayCumulative;
    let lo = 0;
    let hi = this.dayCount - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((cumulative[mid] as number) <= target) lo = mid;
      else hi = mid - 1;
    }
    const dayFraction = Math.min(
      Math.max((target - (cumulative[lo] as number)) / (this.dayWeights[lo] as number), 0),
      0.999999999,
    );
    const hours = this.hourProfiles[this.dayProfile[lo] as number] as Float64Array;
    let hour = 0;
    let top = 23;
    while (hour < top) {
      const mid = (hour + top + 1) >>> 1;
      if ((hours[mid] as number) <= dayFraction) hour = mid;
      else top = mid - 1;
    }
    const hourStart = hours[hour] as number;
    const hourWidth = (hours[hour + 1] as number) - hourStart;
    const withinHour = hourWidth > 0 ? (dayFraction - hourStart) / hourWidth : 0;
    return this.startSecond + lo * SECONDS_PER_DAY + hour * 3600 + withinHour * 3600;
  }

  /** The share of the mass strictly before `second`. */
  fractionBefore(second: number): number {
    if (second <= this.startSecond) return 0;
    if (second >= this.endSecond) return 1;
    const offset = second - this.startSecond;
    const day = Math.floor(offset / SECONDS_PER_DAY);
    const inDay = offset - day * SECONDS_PER_DAY;
    const hour = Math.min(Math.floor(inDay / 3600), 23);
    const hours = this.hourProfiles[this.dayProfile[day] as number] as Float64Array;
    const hourStart = hours[hour] as number;
    const hourEnd = hours[hour + 1] as number;
    const dayFraction = hourStart + ((inDay - hour * 3600) / 3600) * (hourEnd - hourStart);
    return ((this.dayCumulative[day] as number) + dayFraction * (this.dayWeights[day] as number)) / this.total;
  }
}
