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
  constructor(private readonly world: World) {}

  /** A product on sale at `second`: a Zipf-ranked draw among those launched, redrawn while it is discontinued. */
  pick(rng: Rng, second: number): number {
    const world = this.world;
    const launched = world.productTimeline.countBy(second);
    if (launched <= 1) return 1;
    const facts = world.productFacts;
    const ranks = world.productPopularity;
    for (let draw = 0; draw < MAX_DRAWS; draw++) {
      const id = ranks.idOfRank(ranks.drawRank(rng, launched), launched);
      if (facts.onSaleAt(id, second)) return id;
    }
    // Bounded fallback: the first product on sale from a random start (the whole launched range at worst).
    const start = rng.below(launched);
    for (let step = 0; step < launched; step++) {
      const id = ((start + step) % launched) + 1;
      if (facts.onSaleAt(id, second)) return id;
    }
    return start + 1;
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
    const launched = world.productTimeline.countBy(second);
    if (launched <= 1) return 1;
    const facts = world.productFacts;
    const ranks = world.productPopularity;
    const first = ranks.drawRank(rng, launched) - 1;
    const steps = Math.min(MAX_CATEGORY_STEPS, launched);
    for (let step = 0; step < steps; step++) {
      const id = ranks.idOfRank(((first + step) % launched) + 1, launched);
      if (facts.categoryIndex(id) === category && facts.onSaleAt(id, second)) return id;
    }
    return this.pick(rng, second);
  }
}
