/** Slots of the cache (a power of two): prod's order lines see a few thousand distinct prices above the anchor. */
const SLOTS = 2048;

/**
 * The chance a shopper keeps a product costing `price` cents above the anchor: (anchor / price)^elasticity.
 * `Math.pow` was half of OrderItemsDrawer.draw's own time; prices repeat (few distinct prices, popular
 * products drawn again and again), so each price's answer is kept in a direct-mapped slot, the price as
 * tag. The same call computes it, so a cached answer is the same double as a fresh one.
 */
export class PriceAcceptance {
  private readonly tags = new Float64Array(SLOTS).fill(-1);
  private readonly chances = new Float64Array(SLOTS);

  constructor(
    private readonly anchorCents: number,
    private readonly elasticity: number,
  ) {}

  /** (anchorCents / price)^elasticity, as `Math.pow` gives it. */
  chance(price: number): number {
    const slot = (price >>> 0) & (SLOTS - 1);
    if (this.tags[slot] === price) return this.chances[slot] as number;
    const chance = Math.pow(this.anchorCents / price, this.elasticity);
    this.tags[slot] = price;
    this.chances[slot] = chance;
    return chance;
  }
}
