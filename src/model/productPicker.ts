import type { Rng } from '../core/random.js';
import type { World } from './world.js';

/** Zipf draws before falling back to a scan: enough that the fallback is rare whatever share is discontinued. */
const MAX_DRAWS = 64;

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
}
