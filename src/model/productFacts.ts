import { Rng } from '../core/random.js';
import type { Catalog, ProductCore } from './catalog.js';

/**
 * Products' category and price, needed by orders and web events for every item and view: recomputed
 * from the products.core stream on first use and kept in typed arrays (a few bytes per product).
 */
export class ProductFacts {
  private readonly rng = new Rng();
  private readonly price: Int32Array;
  private readonly cost: Int32Array;
  private readonly category: Uint8Array;
  private readonly subcategory: Uint8Array;

  constructor(
    private readonly catalog: Catalog,
    private readonly coreKey: number,
    count: number,
  ) {
    this.price = new Int32Array(count + 1);
    this.cost = new Int32Array(count + 1);
    this.category = new Uint8Array(count + 1);
    this.subcategory = new Uint8Array(count + 1);
  }

  private fill(id: number): void {
    const core = this.catalog.drawCore(this.rng.reseed(this.coreKey, id));
    this.price[id] = core.priceCents;
    this.cost[id] = core.costCents;
    this.category[id] = core.category;
    this.subcategory[id] = core.subcategory;
  }

  core(id: number): ProductCore {
    if (this.price[id] === 0) this.fill(id);
    return {
      category: this.category[id] as number,
      subcategory: this.subcategory[id] as number,
      priceCents: this.price[id] as number,
      costCents: this.cost[id] as number,
    };
  }

  priceCents(id: number): number {
    if (this.price[id] === 0) this.fill(id);
    return this.price[id] as number;
  }

  categoryIndex(id: number): number {
    if (this.price[id] === 0) this.fill(id);
    return this.category[id] as number;
  }

  /** Position of the product's subcategory within its category. */
  subcategoryIndex(id: number): number {
    if (this.price[id] === 0) this.fill(id);
    return this.subcategory[id] as number;
  }
}
