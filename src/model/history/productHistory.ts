// What happens to a product after its launch: price changes, stock counts and, for some, discontinuation.
// Price and stock run on separate streams of the product's history, so an order's unit price (the price
// at the order's time) walks the price changes alone.
import { SECONDS_PER_DAY } from '../../core/calendar.js';
import { Rng } from '../../core/random.js';
import type { Category } from '../../vocab/categories/index.js';
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

  /** The product's price at `second`, in cents: what an order placed then pays. */
  priceAt(id: number, second: number): number {
    const facts = this.world.productFacts;
    let price = facts.priceCents(id);
    const end = Math.min(second, this.historyEnd(id));
    const rng = this.priceRng.reseed(this.key, 2 * id);
    for (let t = this.historyStart(id) + exponential(rng, PRICE_CHANGES_PER_YEAR); Math.ceil(t) <= end; t += exponential(rng, PRICE_CHANGES_PER_YEAR)) {
      price = this.nextPrice(id, price, rng);
    }
    return price;
  }

  /** A regular price change: a log-normal step, kept in the subcategory's range, with the product's retail ending. */
  private nextPrice(id: number, price: number, rng: Rng): number {
    const facts = this.world.productFacts;
    const sub = (this.world.catalog.categories[facts.categoryIndex(id)] as Category).subcategories[facts.subcategoryIndex(id)];
    const raw = price * Math.exp(PRICE_CHANGE_DRIFT + PRICE_CHANGE_SIGMA * rng.normal());
    const clamped = sub ? Math.min(Math.max(raw, sub.minPriceCents), sub.maxPriceCents) : raw;
    const ending = facts.priceCents(id) % 100;
    const dollars = Math.max(1, Math.round((clamped - ending) / 100));
    return dollars * 100 + ending;
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

  /** The product as of `second` (at or after its launch), starting from its launch price, cost and stock. */
  stateAt(id: number, second: number, launchStock: number, state: ProductState): ProductState {
    const facts = this.world.productFacts;
    const launchPrice = facts.priceCents(id);
    const launchCost = facts.costCents(id);
    state.priceCents = launchPrice;
    state.stock = launchStock;
    state.updatedSecond = this.world.productTimeline.secondOf(id);
    const end = Math.min(second, this.historyEnd(id));
    const start = this.historyStart(id);
    const priceRng = this.priceRng.reseed(this.key, 2 * id);
    const stockRng = this.stockRng.reseed(this.key, 2 * id + 1);
    let price = start + exponential(priceRng, PRICE_CHANGES_PER_YEAR);
    while (Math.ceil(price) <= end) {
      state.priceCents = this.nextPrice(id, state.priceCents, priceRng);
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
