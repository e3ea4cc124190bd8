// When an order ships and when it arrives: a warehouse that works Monday-Saturday within its hours and
// a cut-off, and carriers that deliver Monday-Saturday in the daytime after a number of business days
// that depends on the shipping method. All in the shoppers' local time, written back in UTC.
import { SECONDS_PER_DAY, weekdayMondayFirst } from '../../../core/calendar.js';
import { HolidayCalendar } from '../../../core/holidays.js';
import type { Rng } from '../../../core/random.js';
import { WeightedChoice } from '../../../core/weighted.js';
import type { EcomConfig, ShippingMethod, WarehouseDay } from '../../../config/configTypes.js';

const SATURDAY = 5;
const SUNDAY = 6;
const HOUR = 3600;
/** Holidays are known for the window and this many days after it (deliveries of its last orders). */
const DAYS_AFTER_WINDOW = 400;

interface MethodClock {
  readonly handlingDays: WeightedChoice<number>;
  readonly transitDays: WeightedChoice<number>;
  readonly deliveryHour: WeightedChoice<number>;
}

function countChoice(weights: Readonly<Record<string, number>>): WeightedChoice<number> {
  const keys = Object.keys(weights);
  return new WeightedChoice(keys.map(Number), keys.map((key) => weights[key] as number));
}

export class FulfilmentClock {
  private readonly offset: number;
  private readonly holidays: HolidayCalendar;
  private readonly methods = new Map<string, MethodClock>();
  private readonly weekday: WarehouseDay;
  private readonly saturday: WarehouseDay;
  private readonly minPick: number;

  constructor(config: EcomConfig) {
    this.offset = config.window.localUtcOffsetHours * HOUR;
    this.holidays = new HolidayCalendar(config.window.startDay - 1, config.window.endDay + DAYS_AFTER_WINDOW);
    const warehouse = config.orders.warehouse;
    this.weekday = warehouse.weekday;
    this.saturday = warehouse.saturday;
    this.minPick = warehouse.minPickMinutes * 60;
    for (const [name, method] of Object.entries<ShippingMethod>(config.orders.shippingMethods)) {
      this.methods.set(name, {
        handlingDays: countChoice(method.handlingDays),
        transitDays: countChoice(method.transitDays),
        deliveryHour: new WeightedChoice(Array.from({ length: 24 }, (_, hour) => hour), method.deliveryHourly),
      });
    }
  }

  private method(name: string): MethodClock {
    const method = this.methods.get(name);
    if (method === undefined) throw new Error(`no shipping method ${name}`);
    return method;
  }

  /** The warehouse's hours on a local day, or undefined when it is closed (Sundays, carrier holidays). */
  private hours(day: number): WarehouseDay | undefined {
    const weekday = weekdayMondayFirst(day);
    if (weekday === SUNDAY || this.holidays.isHoliday(day)) return undefined;
    return weekday === SATURDAY ? this.saturday : this.weekday;
  }

  /** Carriers deliver Monday to Saturday (USPS, FedEx Home Delivery, UPS residential), not on holidays. */
  private carrierWorks(day: number): boolean {
    return weekdayMondayFirst(day) !== SUNDAY && !this.holidays.isHoliday(day);
  }

  /** The UTC second the order leaves the warehouse. */
  shippedAt(rng: Rng, orderSecond: number, methodName: string): number {
    const local = orderSecond + this.offset;
    const orderDay = Math.floor(local / SECONDS_PER_DAY);
    const inDay = local - orderDay * SECONDS_PER_DAY;
    // The ready day: today if the order beats today's cut-off, else the next working day.
    let day = orderDay;
    const today = this.hours(day);
    if (today === undefined || inDay >= today.cutoffHour * HOUR) {
      do day++;
      while (this.hours(day) === undefined);
    }
    for (let handling = this.method(methodName).handlingDays.pick(rng); handling > 0; handling--) {
      do day++;
      while (this.hours(day) === undefined);
    }
    const hours = this.hours(day) as WarehouseDay;
    const close = hours.closeHour * HOUR;
    let earliest = hours.openHour * HOUR;
    if (day === orderDay) earliest = Math.max(earliest, Math.ceil(inDay) + this.minPick);
    earliest = Math.min(earliest, close - 1);
    return day * SECONDS_PER_DAY + earliest + rng.below(close - earliest) - this.offset;
  }

  /** The UTC second the carrier delivers an order shipped at `shippedSecond`. */
  deliveredAt(rng: Rng, shippedSecond: number, methodName: string): number {
    const method = this.method(methodName);
    let day = Math.floor((shippedSecond + this.offset) / SECONDS_PER_DAY);
    for (let transit = method.transitDays.pick(rng); transit > 0; transit--) {
      do day++;
      while (!this.carrierWorks(day));
    }
    const hour = method.deliveryHour.pick(rng);
    return day * SECONDS_PER_DAY + hour * HOUR + rng.below(HOUR) - this.offset;
  }
}
