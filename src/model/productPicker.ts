import type { Rng } from '../core/random.js';
import type { World } from './world.js';

/** Zipf draws before falling back to a scan: enough that the fallback is rare whatever share is discontinued. */
const MAX_DRAWS = 64;
/** Neighbouring ranks looked at for a product of a wanted category before an unrestricted pick. */
const MAX_CATEGORY_STEPS = 64;

/**
 * Which product a shopper picks at a given second, by popularity, among the products on sale then
 * (launched at or before `second` and not yet discontinued). Order items and web events both pick
 * through this, so what sells and what is viewed follow one law.
 */
export class ProductPicker {
  /** The category of the product `pick` or `pickInCategory` gave last when known without a lookup, else -1. */
  private pickedCategory = -1;

  constructor(private readonly world: World) {}

  /** A product on sale at `second`: a Zipf-ranked draw among those launched, redrawn while it is discontinued. */
  pick(rng: Rng, second: number): number {
    const world = this.world;
    const launched = world.launches.countBy(second);
    const facts = world.productFacts;
    this.pickedCategory = -1;
    if (launched <= 1) return 1;
    const ranks = world.productPopularity;
    const popular = world.popularProducts;
    for (let draw = 0; draw < MAX_DRAWS; draw++) {
      const id = popular.onSaleAt(ranks.drawRank(rng, launched), launched, second);
      if (id > 0) {
        this.pickedCategory = popular.category;
        return id;
      }
    }
    // Bounded fallback: the first product on sale from a random start (the whole launched range at worst).
    const start = rng.below(launched);
    let id = start + 1;
    for (let step = 0; step < launched; step++) {
      const next = ((start + step) % launched) + 1;
      if (facts.onSaleAt(next, second)) {
        id = next;
        break;
      }
    }
    return id;
  }

  /** The category of `id`, the product `pick` gave last (from its record when it had one). */
  categoryOfPicked(id: number): number {
    return this.pickedCategory >= 0 ? this.pickedCategory : this.world.productFacts.categoryIndex(id);
  }

  /**
   * A product of `category` on sale at `second`, by popularity within the category: a Zipf-drawn rank,
   * then the first rank from there whose product is of the category and on sale. Neighbouring ranks are
   * nearly equally popular, so this follows the law restricted to the category, at the cost of a few
   * array lookups instead of a fresh draw per product of another category (five categories: one draw
   * in four or five would be kept). Falls back to an unrestricted pick when none is near.
   */
  pickInCategory(rng: Rng, second: number, category: number): number {
    const world = this.world;
    const launched = world.launches.countBy(second);
    if (launched <= 1) {
      // categoryOfPicked must not answer with an earlier pick's category (order items keep it per line).
      this.pickedCategory = -1;
      return 1;
    }
    const popular = world.popularProducts;
    const first = world.productPopularity.drawRank(rng, launched) - 1;
    const id = popular.firstOfCategoryOnSaleAt(first, Math.min(MAX_CATEGORY_STEPS, launched), launched, category, second);
    if (id <= 0) return this.pick(rng, second);
    // categoryOfPicked must not answer with an earlier pick's category.
    this.pickedCategory = category;
    return id;
  }
}
