// What happens to a product after its launch: price changes, stock counts and, for some, discontinuation.
// Price and stock run on separate streams of the product's history, so an order's unit price (the price
// at the order's time) walks the price changes alone.
import { SECONDS_PER_DAY } from '../../core/calendar.js';
import { Rng } from '../../core/random.js';
import type { Category, Subcategory } from '../../vocab/categories/index.js';
import { STOCK_LOG_SIGMA } from '../tables/products/stockLaw.js';
import type { World } from '../world.js';
import { exponential } from './customerHistory.js';

/**
 * Regular price changes a year: online prices in the US change every few months (Cavallo, "Scraped Data
 * and Sticky Prices", Review of Economics and Statistics 2018, from daily scraped prices of large US
 * online retailers; the Billion Prices Project's data show the same order of frequency): 2.5 a year, a
 * median price spell of about five months.
 */
export const PRICE_CHANGES_PER_YEAR = 2.5;
/**
 * Size of a change in log terms: mean +1% (a drift about like US goods inflation), spread 10% (Cavallo's
 * scraped prices change by about 10% in absolute value on average).
 */
const PRICE_CHANGE_DRIFT = 0.01;
const PRICE_CHANGE_SIGMA = 0.1;
/**
 * Stock counts recorded a year: US retailers hold about 1.3 months of sales in inventory (Census Bureau,
 * Monthly Retail Trade, inventories/sales ratio 2023-2024), so shelves turn over roughly ten times a year;
 * the catalog records a replenished count quarterly.
 */
export const STOCK_COUNTS_PER_YEAR = 4;

const PRODUCT_EVENT = { price: 1, stock: 2, discontinued: 3 } as const;

export interface ProductState {
  priceCents: number;
  costCents: number;
  stock: number;
  discontinued: boolean;
  updatedSecond: number;
}

export class ProductHistory {
  private readonly priceRng = new Rng();
  private readonly stockRng = new Rng();
  private readonly key: number;
  private readonly windowStart: number;

  constructor(private readonly world: World) {
    this.key = world.keys.productHistory;
    this.windowStart = world.config.window.startDay * SECONDS_PER_DAY;
  }

  /** When the product's history starts: its launch, or the window's start for older products. */
  private historyStart(id: number): number {
    return Math.max(this.world.productTimeline.secondOf(id), this.windowStart);
  }

  /** The last second the product's price and stock may change: the second before its discontinuation. */
  private historyEnd(id: number): number {
    const discontinued = this.world.productFacts.discontinuedAt(id);
    return discontinued > 0 ? discontinued - 1 : this.world.windowLast;
  }

  /**
   * The product's price at `second`, in cents: what an order placed then pays. The walk over the price
   * changes resumes from the worker's cursor for the product when `second` is at or after the last change
   * it applied (orders come in time order), and starts again from the launch price otherwise; both give
   * the prices of one walk from the launch, so the answer does not depend on what was asked before.
   */
  priceAt(id: number, second: number): number {
    const cursors = this.world.priceCursors;
    const slot = cursors.slotOf(id);
    if (!cursors.owns(slot, id) || second < (cursors.applied[slot] as number)) this.startWalk(id, slot);
    const end = Math.min(second, cursors.last[slot] as number);
    let t = cursors.next[slot] as number;
    if (Math.ceil(t) > end) return cursors.price[slot] as number;
    const rng = this.priceRng.restore(cursors.rngState, 4 * slot);
    const sub = this.subcategoryOf(id);
    const ending = this.world.productFacts.priceCents(id) % 100;
    let price = cursors.price[slot] as number;
    let applied = 0;
    do {
      price = nextPrice(price, rng, sub, ending);
      applied = Math.ceil(t);
      t += exponential(rng, PRICE_CHANGES_PER_YEAR);
    } while (Math.ceil(t) <= end);
    cursors.price[slot] = price;
    cursors.applied[slot] = applied;
    cursors.next[slot] = t;
    rng.save(cursors.rngState, 4 * slot);
    return price;
  }

  /** Puts product `id`'s cursor at its launch price, before the first change. */
  private startWalk(id: number, slot: number): void {
    const cursors = this.world.priceCursors;
    const rng = this.priceRng.reseed(this.key, 2 * id);
    cursors.claim(slot, id);
    cursors.price[slot] = this.world.productFacts.priceCents(id);
    cursors.applied[slot] = 0;
    cursors.last[slot] = this.historyEnd(id);
    cursors.next[slot] = this.historyStart(id) + exponential(rng, PRICE_CHANGES_PER_YEAR);
    rng.save(cursors.rngState, 4 * slot);
  }

  /** The subcategory whose price range bounds product `id`'s price changes. */
  private subcategoryOf(id: number): Subcategory | undefined {
    const facts = this.world.productFacts;
    return (this.world.catalog.categories[facts.categoryIndex(id)] as Category).subcategories[facts.subcategoryIndex(id)];
  }

  /** Every change second of the product inside (after, until], each with its kind, in time order. */
  changes(id: number, after: number, until: number, visit: (second: number, kind: number) => void): void {
    const end = Math.min(until, this.historyEnd(id));
    const start = this.historyStart(id);
    const priceRng = this.priceRng.reseed(this.key, 2 * id);
    const stockRng = this.stockRng.reseed(this.key, 2 * id + 1);
    let price = start + exponential(priceRng, PRICE_CHANGES_PER_YEAR);
    let stock = start + exponential(stockRng, STOCK_COUNTS_PER_YEAR);
    while (Math.min(Math.ceil(price), Math.ceil(stock)) <= end) {
      if (Math.ceil(price) <= Math.ceil(stock)) {
        const second = Math.ceil(price);
        if (second > after) visit(second, PRODUCT_EVENT.price);
        priceRng.normal();
        price += exponential(priceRng, PRICE_CHANGES_PER_YEAR);
      } else {
        const second = Math.ceil(stock);
        if (second > after) visit(second, PRODUCT_EVENT.stock);
        this.drawStock(stockRng);
        stock += exponential(stockRng, STOCK_COUNTS_PER_YEAR);
      }
    }
    const discontinued = this.world.productFacts.discontinuedAt(id);
    if (discontinued > after && discontinued > 0 && discontinued <= until) visit(discontinued, PRODUCT_EVENT.discontinued);
  }

  /**
   * The product as of `second` (at or after its launch), starting from its launch price, cost (the
   * core's, which the caller has drawn) and stock.
   */
  stateAt(id: number, second: number, launchStock: number, launchCost: number, state: ProductState): ProductState {
    const facts = this.world.productFacts;
    const launchPrice = facts.priceCents(id);
    state.priceCents = launchPrice;
    state.stock = launchStock;
    state.updatedSecond = this.world.productTimeline.secondOf(id);
    const end = Math.min(second, this.historyEnd(id));
    const start = this.historyStart(id);
    const priceRng = this.priceRng.reseed(this.key, 2 * id);
    const stockRng = this.stockRng.reseed(this.key, 2 * id + 1);
    let price = start + exponential(priceRng, PRICE_CHANGES_PER_YEAR);
    const sub = this.subcategoryOf(id);
    while (Math.ceil(price) <= end) {
      state.priceCents = nextPrice(state.priceCents, priceRng, sub, launchPrice % 100);
      state.updatedSecond = Math.max(state.updatedSecond, Math.ceil(price));
      price += exponential(priceRng, PRICE_CHANGES_PER_YEAR);
    }
    let stock = start + exponential(stockRng, STOCK_COUNTS_PER_YEAR);
    while (Math.ceil(stock) <= end) {
      state.stock = this.drawStock(stockRng);
      state.updatedSecond = Math.max(state.updatedSecond, Math.ceil(stock));
      stock += exponential(stockRng, STOCK_COUNTS_PER_YEAR);
    }
    // Cost keeps its share of the price (the margin), in whole cents inside the category's cost band.
    const { min, max } = this.world.catalog.costBand(facts.categoryIndex(id));
    const p = state.priceCents;
    state.costCents = p === launchPrice ? launchCost : Math.max(1, Math.min(Math.floor(p * max), Math.max(Math.ceil(p * min), Math.round((launchCost * p) / launchPrice))));
    const discontinued = facts.discontinuedAt(id);
    state.discontinued = discontinued > 0 && discontinued <= second;
    if (state.discontinued) {
      state.stock = 0;
      state.updatedSecond = discontinued;
    }
    return state;
  }

  /** A counted stock level: out of stock at the configured rate, else log-normal around the median. */
  private drawStock(rng: Rng): number {
    const config = this.world.config.products;
    return rng.chance(config.outOfStockRate) ? 0 : Math.max(1, Math.round(config.medianStock * Math.exp(STOCK_LOG_SIGMA * rng.normal())));
  }
}

/** A regular price change: a log-normal step, kept in the subcategory's range, with the product's retail ending. */
function nextPrice(price: number, rng: Rng, sub: Subcategory | undefined, ending: number): number {
  const raw = price * Math.exp(PRICE_CHANGE_DRIFT + PRICE_CHANGE_SIGMA * rng.normal());
  const clamped = sub ? Math.min(Math.max(raw, sub.minPriceCents), sub.maxPriceCents) : raw;
  const dollars = Math.max(1, Math.round((clamped - ending) / 100));
  return dollars * 100 + ending;
}
