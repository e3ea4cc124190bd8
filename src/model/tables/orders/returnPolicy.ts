// Whether and when a delivered order comes back: the chance follows its items (category and price),
// the time is days to weeks after delivery, and a return only counts inside the return window (30 days,
// or January 31 for November and December orders). Validate's ORD-10 and ORD-11 check the outcome.
import { SECONDS_PER_DAY, civilDate, epochDay } from '../../../core/calendar.js';
import type { Rng } from '../../../core/random.js';
import type { ReturnsConfig } from '../../../config/configTypes.js';
import { CATALOG } from '../../../vocab/categories/index.js';
import type { OrderItem } from '../../orderItemsDrawer.js';
import type { World } from '../../world.js';

const HOUR = 3600;
/** Returns are dropped off or scanned in the daytime, local time: from this hour, for this many hours. */
const RETURN_FIRST_HOUR = 9;
const RETURN_HOURS = 12;

/** Whether an order placed at `orderSecond` (UTC) is a holiday purchase: November or December, UTC. */
function isHolidayPurchase(orderSecond: number): boolean {
  return civilDate(Math.floor(orderSecond / SECONDS_PER_DAY)).month >= 11;
}

/** The last second (UTC) an order may be returned: 30 days (the window) after delivery, or Jan 31. */
export function returnDeadline(orderSecond: number, deliveredSecond: number, windowDays: number): number {
  const standard = deliveredSecond + windowDays * SECONDS_PER_DAY;
  if (!isHolidayPurchase(orderSecond)) return standard;
  const year = civilDate(Math.floor(orderSecond / SECONDS_PER_DAY)).year;
  return Math.max(standard, epochDay(year + 1, 2, 1) * SECONDS_PER_DAY - 1);
}

/** Slots of the price factor cache (a power of two): order lines see a few thousand distinct prices. */
const PRICE_FACTOR_SLOTS = 4096;

/**
 * The return rate's price factor by price, kept per thread (one per World) in direct-mapped slots with
 * the price as tag: an item's rate is its category's times this factor, and the item knows its category
 * from its pick. Kept per product before (three arrays of 50k slots, 1 MB a worker, a cache miss or
 * three per order line); this takes 64 KB. The same call computes a factor, so a kept one is the same
 * double as a fresh one.
 */
class PriceFactors {
  readonly tags = new Float64Array(PRICE_FACTOR_SLOTS).fill(-1);
  readonly factors = new Float64Array(PRICE_FACTOR_SLOTS);
}

const PRICE_FACTORS = new WeakMap<World, PriceFactors>();

function priceFactorsOf(world: World): PriceFactors {
  let factors = PRICE_FACTORS.get(world);
  if (factors === undefined) {
    factors = new PriceFactors();
    PRICE_FACTORS.set(world, factors);
  }
  return factors;
}

export class ReturnPolicy {
  private readonly config: ReturnsConfig;
  private readonly categoryRates: Float64Array;
  private readonly offset: number;
  private readonly priceFactors: PriceFactors;
  // Orders come in time order: the last day asked and whether it is a holiday purchase.
  private lastDay = Number.NaN;
  private lastDayHoliday = false;

  constructor(world: World) {
    this.config = world.config.orders.returns;
    this.categoryRates = Float64Array.from(CATALOG, (category) => this.config.categoryRates[category.name] ?? 0);
    this.offset = world.config.window.localUtcOffsetHours * HOUR;
    this.priceFactors = priceFactorsOf(world);
  }

  /** An item's return rate: its category's, scaled by the price paid. */
  private itemRate(category: number, priceCents: number): number {
    return (this.categoryRates[category] as number) * this.priceFactor(priceCents);
  }

  /** (price / anchor)^exponent within [min, max]: how the price paid scales an item's return rate. */
  private priceFactor(priceCents: number): number {
    const kept = this.priceFactors;
    const slot = (priceCents >>> 0) & (PRICE_FACTOR_SLOTS - 1);
    if (kept.tags[slot] === priceCents) return kept.factors[slot] as number;
    const { anchorCents, exponent, min, max } = this.config.priceFactor;
    const factor = Math.min(Math.max(Math.pow(priceCents / anchorCents, exponent), min), max);
    kept.tags[slot] = priceCents;
    kept.factors[slot] = factor;
    return factor;
  }

  private holidayPurchase(orderSecond: number): boolean {
    const day = Math.floor(orderSecond / SECONDS_PER_DAY);
    if (day !== this.lastDay) {
      this.lastDay = day;
      this.lastDayHoliday = isHolidayPurchase(orderSecond);
    }
    return this.lastDayHoliday;
  }

  /**
   * The chance the order comes back: its items' rates weighted by their line totals (the expected share
   * of its value returned), raised for holiday purchases.
   */
  chance(items: readonly OrderItem[], count: number, orderSecond: number): number {
    let weighted = 0;
    let value = 0;
    for (let index = 0; index < count; index++) {
      const item = items[index] as OrderItem;
      const rate = this.itemRate(item.category, item.unitPriceCents);
      const line = Math.max(item.lineTotalCents, 1);
      weighted += rate * line;
      value += line;
    }
    const rate = value > 0 ? weighted / value : 0;
    return Math.min(this.holidayPurchase(orderSecond) ? rate * this.config.holidayUplift : rate, 1);
  }

  /**
   * When a returning order comes back (UTC second, whole), or undefined when that falls after the
   * return window closes (the shopper kept it). A holiday gift's lag counts from Boxing Day.
   */
  returnedAt(rng: Rng, orderSecond: number, deliveredSecond: number): number | undefined {
    const { lagDays, giftShare, windowDays } = this.config;
    let startDay = Math.floor((deliveredSecond + this.offset) / SECONDS_PER_DAY);
    const gift = rng.chance(giftShare);
    if (gift && this.holidayPurchase(orderSecond)) {
      const boxingDay = epochDay(civilDate(Math.floor(orderSecond / SECONDS_PER_DAY)).year, 12, 26);
      startDay = Math.max(startDay, boxingDay - 1);
    }
    const lag = Math.max(1, Math.round(lagDays.median * Math.exp(lagDays.sigma * rng.normal())));
    const second = (startDay + lag) * SECONDS_PER_DAY + RETURN_FIRST_HOUR * HOUR + rng.below(RETURN_HOURS * HOUR) - this.offset;
    return second <= returnDeadline(orderSecond, deliveredSecond, windowDays) ? second : undefined;
  }
}
