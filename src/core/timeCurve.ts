import { SECONDS_PER_DAY, civilDate, thanksgiving, weekdayMondayFirst } from './calendar.js';

/** How activity is spread over time: growth, seasons, weekdays, shopping peaks and hours of the day. */
export interface CurveShape {
  /** Multiplier of daily volume per 365 days (1 = flat). */
  readonly yearlyGrowth: number;
  /** Twelve multipliers, January first. */
  readonly monthly?: readonly number[];
  /** Seven multipliers, Monday first. */
  readonly weekday?: readonly number[];
  readonly blackFriday?: number;
  readonly cyberMonday?: number;
  /** Twenty-four weights of the hours of a day (UTC). */
  readonly hourly?: readonly number[];
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
  private readonly hourCumulative: Float64Array;
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
    const peakDays = new Map<number, number>();
    const firstYear = civilDate(startDay).year;
    const lastYear = civilDate(startDay + dayCount - 1).year;
    for (let year = firstYear; year <= lastYear; year++) {
      const blackFriday = thanksgiving(year) + 1;
      if (shape.blackFriday !== undefined) peakDays.set(blackFriday, shape.blackFriday);
      if (shape.cyberMonday !== undefined) peakDays.set(blackFriday + 3, shape.cyberMonday);
    }
    let sum = 0;
    for (let index = 0; index < dayCount; index++) {
      const day = startDay + index;
      const month = civilDate(day).month;
      const weight =
        Math.pow(shape.yearlyGrowth, index / 365) *
        (shape.monthly?.[month - 1] ?? 1) *
        (shape.weekday?.[weekdayMondayFirst(day)] ?? 1) *
        (peakDays.get(day) ?? 1);
      this.dayWeights[index] = weight;
      this.dayCumulative[index] = sum;
      sum += weight;
    }
    this.dayCumulative[dayCount] = sum;
    this.total = sum;
    const hourly = shape.hourly ?? new Array<number>(24).fill(1);
    this.hourCumulative = new Float64Array(25);
    const hourTotal = hourly.reduce((a, b) => a + b, 0);
    let hourSum = 0;
    for (let hour = 0; hour < 24; hour++) {
      this.hourCumulative[hour] = hourSum / hourTotal;
      hourSum += hourly[hour] ?? 0;
    }
    this.hourCumulative[24] = 1;
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
    const hours = this.hourCumulative;
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
    const hourStart = this.hourCumulative[hour] as number;
    const hourEnd = this.hourCumulative[hour + 1] as number;
    const dayFraction = hourStart + ((inDay - hour * 3600) / 3600) * (hourEnd - hourStart);
    return ((this.dayCumulative[day] as number) + dayFraction * (this.dayWeights[day] as number)) / this.total;
  }
}
