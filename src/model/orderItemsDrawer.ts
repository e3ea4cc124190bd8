import { Rng } from '../core/random.js';
import { WeightedChoice } from '../core/weighted.js';
import { ProductPicker } from './productPicker.js';
import { ProductHistory } from './history/productHistory.js';
import { PriceAcceptance } from './priceAcceptance.js';
import type { World } from './world.js';

export interface OrderItem {
  productId: number;
  quantity: number;
  unitPriceCents: number;
  discountCents: number;
  /** The item discount's percent of the line's gross (discountCents rounds it down), 0 for none. */
  discountPercent: number;
  lineTotalCents: number;
  /** The product's category index (ProductFacts.categoryIndex), known from the pick without a lookup. */
  category: number;
}

const MAX_DISTINCT_ATTEMPTS = 64;

/**
 * The items of an order: distinct products, by popularity, among those that exist at the order's time.
 * Orders (for their subtotal) and order_items (for their rows) both call this, so they always agree.
 */
export class OrderItemsDrawer {
  private readonly rng = new Rng();
  /** Quantities by weight, as numbers (the config's keys are strings; the same index is drawn). */
  private readonly quantityChoice: WeightedChoice<number>;
  readonly items: OrderItem[] = [];
  private readonly picker: ProductPicker;
  private readonly prices: ProductHistory;
  private readonly acceptance: PriceAcceptance;

  constructor(private readonly world: World) {
    const quantities = Object.entries(world.config.orders.quantityWeights);
    this.quantityChoice = new WeightedChoice(quantities.map(([quantity]) => Number(quantity)), quantities.map(([, weight]) => weight));
    this.picker = new ProductPicker(world);
    this.prices = new ProductHistory(world);
    const { anchorCents, elasticity } = world.config.orders.priceSensitivity;
    this.acceptance = new PriceAcceptance(anchorCents, elasticity);
  }

  /**
   * Draws the items as `draw` does and keeps them in the World's DrawnItems, for the order_items pass to
   * recall: the order is order `orderIndex` of block `block`, its first item the block's `lineOffset`-th.
   */
  drawAndKeep(orderId: number, count: number, orderSecond: number, block: number, orderIndex: number, lineOffset: number): number {
    const subtotal = this.draw(orderId, count, orderSecond);
    this.world.drawnItems.keep(block, orderIndex, lineOffset, this.items, count);
    return subtotal;
  }

  /**
   * Fills `this.items` with the `count` items of `orderId` as `draw` does: from the World's DrawnItems
   * when the orders pass kept them (see drawAndKeep for the other arguments), else by drawing them.
   * Recalled items carry no category (-1): the order_items table does not write it.
   */
  recallOrDraw(orderId: number, count: number, orderSecond: number, block: number, orderIndex: number, lineOffset: number): void {
    this.ensureItems(count);
    if (!this.world.drawnItems.read(block, orderIndex, lineOffset, count, this.items)) {
      this.draw(orderId, count, orderSecond);
      return;
    }
    for (let index = 0; index < count; index++) {
      const item = this.items[index] as OrderItem;
      // The same arithmetic as draw's.
      const gross = item.quantity * item.unitPriceCents;
      item.discountCents = item.discountPercent > 0 ? Math.floor((gross * item.discountPercent) / 100) : 0;
      item.lineTotalCents = gross - item.discountCents;
      item.category = -1;
    }
  }

  private ensureItems(count: number): void {
    while (this.items.length < count) {
      this.items.push({ productId: 0, quantity: 0, unitPriceCents: 0, discountCents: 0, discountPercent: 0, lineTotalCents: 0, category: 0 });
    }
  }

  /** Fills `this.items` with the `count` items of `orderId`; returns the subtotal in cents. */
  draw(orderId: number, count: number, orderSecond: number): number {
    const world = this.world;
    const config = world.config.orders;
    const rng = this.rng.reseed(world.keys.orderItems, orderId);
    const { anchorCents } = config.priceSensitivity;
    this.ensureItems(count);
    let subtotal = 0;
    let firstCategory = -1;
    for (let index = 0; index < count; index++) {
      let productId = 0;
      let unitPriceCents = 0;
      let productCategory = -1;
      // A further item keeps to the first item's category when it can; past half the attempts any
      // category will do, so a category with few products on sale cannot stall the basket.
      const category = index > 0 && rng.chance(config.sameCategoryShare) ? firstCategory : -1;
      for (let attempt = 0; attempt < MAX_DISTINCT_ATTEMPTS && productId === 0; attempt++) {
        const candidate =
          category >= 0 && attempt < MAX_DISTINCT_ATTEMPTS / 2
            ? this.picker.pickInCategory(rng, orderSecond, category)
            : this.picker.pick(rng, orderSecond);
        if (this.chosenBefore(candidate, index)) continue;
        const price = this.prices.priceAt(candidate, orderSecond);
        if (price > anchorCents && rng.float() >= this.acceptance.chance(price)) continue;
        productId = candidate;
        unitPriceCents = price;
        productCategory = this.picker.categoryOfPicked(candidate);
      }
      // A tiny catalog can exhaust the draws: the smallest unused id on sale at the order's time keeps the
      // order valid; only a catalog with fewer products on sale than the basket has lines falls back to
      // the smallest unused id.
      if (productId === 0) {
        const launched = world.launches.countBy(orderSecond);
        for (let candidate = 1; productId === 0 && candidate <= launched; candidate++) {
          if (!this.chosenBefore(candidate, index) && world.productFacts.onSaleAt(candidate, orderSecond)) productId = candidate;
        }
        for (let candidate = 1; productId === 0; candidate++) {
          if (!this.chosenBefore(candidate, index)) productId = candidate;
        }
        unitPriceCents = this.prices.priceAt(productId, orderSecond);
        productCategory = world.productFacts.categoryIndex(productId);
      }
      if (index === 0) firstCategory = productCategory;
      const quantity = this.quantityChoice.pick(rng);
      // unitPriceCents: the product's price when the order is placed (prices change over time).
      const gross = quantity * unitPriceCents;
      const discountPercent = rng.chance(config.itemDiscountRate) ? rng.pick(config.itemDiscountPercents) : 0;
      const discountCents = discountPercent > 0 ? Math.floor((gross * discountPercent) / 100) : 0;
      const item = this.items[index] as OrderItem;
      item.productId = productId;
      item.quantity = quantity;
      item.unitPriceCents = unitPriceCents;
      item.discountCents = discountCents;
      item.discountPercent = discountPercent;
      item.lineTotalCents = gross - discountCents;
      item.category = productCategory;
      subtotal += item.lineTotalCents;
    }
    return subtotal;
  }

  private chosenBefore(productId: number, count: number): boolean {
    for (let index = 0; index < count; index++) if ((this.items[index] as OrderItem).productId === productId) return true;
    return false;
  }
}
