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

/** Products whose item return rate is kept at most (20 bytes each): all of prod's; beyond, ids share slots. */
const RATE_SLOTS = 1 << 16;

/**
 * Item return rates by product, and the price each was computed for, kept per thread (one per World):
 * the rate is a pure function of the product's category and the price, so every orders task of a worker
 * shares them. Per task they were two arrays of 8 bytes per product (8 MB a task at 10x prod's catalog),
 * allocated and filled for every shard. Bounded: beyond RATE_SLOTS products, ids share slots
 * (direct-mapped, the id kept as a tag).
 */
class ItemRates {
  readonly slots: number;
  readonly tags: Int32Array;
  readonly rates: Float64Array;
  /** The price each slot's rate was computed for (-1: none yet). */
  readonly prices: Float64Array;

  constructor(products: number) {
    this.slots = Math.max(1, Math.min(products + 1, RATE_SLOTS));
    this.tags = new Int32Array(this.slots);
    this.rates = new Float64Array(this.slots);
    this.prices = new Float64Array(this.slots).fill(-1);
  }
}

const ITEM_RATES = new WeakMap<World, ItemRates>();

function itemRatesOf(world: World): ItemRates {
  let rates = ITEM_RATES.get(world);
  if (rates === undefined) {
    rates = new ItemRates(world.counts.products);
    ITEM_RATES.set(world, rates);
  }
  return rates;
}

export class ReturnPolicy {
  private readonly config: ReturnsConfig;
  private readonly categoryRates: Float64Array;
  private readonly offset: number;
  private readonly itemRates: ItemRates;
  // Orders come in time order: the last day asked and whether it is a holiday purchase.
  private lastDay = Number.NaN;
  private lastDayHoliday = false;

  constructor(private readonly world: World) {
    this.config = world.config.orders.returns;
    this.categoryRates = Float64Array.from(CATALOG, (category) => this.config.categoryRates[category.name] ?? 0);
    this.offset = world.config.window.localUtcOffsetHours * HOUR;
    this.itemRates = itemRatesOf(world);
  }

  /** An item's return rate: its category's, scaled by the price paid (kept per product while it holds). */
  private itemRate(productId: number, priceCents: number): number {
    const kept = this.itemRates;
    const slot = productId % kept.slots;
    if (kept.tags[slot] === productId && kept.prices[slot] === priceCents) return kept.rates[slot] as number;
    const { anchorCents, exponent, min, max } = this.config.priceFactor;
    const priceFactor = Math.min(Math.max(Math.pow(priceCents / anchorCents, exponent), min), max);
    const rate = (this.categoryRates[this.world.productFacts.categoryIndex(productId)] as number) * priceFactor;
    kept.tags[slot] = productId;
    kept.rates[slot] = rate;
    kept.prices[slot] = priceCents;
    return rate;
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
      const rate = this.itemRate(item.productId, item.unitPriceCents);
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
