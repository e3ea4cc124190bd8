import type { Rng } from '../core/random.js';
import type { World } from './world.js';

/**
 * Who places an order and who browses the store at a given second: orders (for customer_id) and web
 * events (for purchase sessions and logged-in visitors) both ask here, so the two always agree.
 */
export class OrderCustomers {
  constructor(private readonly world: World) {}

  /**
   * The customer of order `orderId`, placed at `orderSecond`. `orderRng` is the order's header stream
   * at its start; the pick may draw from it.
   */
  customerOf(_orderId: number, orderSecond: number, orderRng: Rng): number {
    const world = this.world;
    return world.customerTiers.pick(orderRng, world.customerTimeline.countBy(orderSecond));
  }

  /** A logged-in visitor browsing at `second`, or 0 when no customer has registered yet. */
  visitor(rng: Rng, second: number): number {
    const world = this.world;
    const limit = world.counts.customers > 0 ? world.customerTimeline.countBy(second) : 0;
    return limit > 0 ? world.customerTiers.pick(rng, limit) : 0;
  }
}
