import type { Rng } from '../core/random.js';
import type { World } from './world.js';

/**
 * Which product a shopper picks at a given second, by popularity, among the products on sale then.
 * Order items and web events both pick through this, so what sells and what is viewed follow one law.
 */
export class ProductPicker {
  constructor(private readonly world: World) {}

  /** A product on sale at `second`. */
  pick(rng: Rng, second: number): number {
    const world = this.world;
    return world.productTiers.pick(rng, world.productTimeline.countBy(second));
  }
}
