import type { Rng } from '../core/random.js';
import type { TableCounts } from '../schema/tableNames.js';
import type { World } from './world.js';
import { ORDERS_PER_BLOCK } from './orderBlockCounts.js';

export { ORDERS_PER_BLOCK };

/** floor(a * b / c) without losing precision when a * b passes 2^53. */
function mulDivFloor(a: number, b: number, c: number): number {
  const product = a * b;
  if (product <= Number.MAX_SAFE_INTEGER) return Math.floor(product / c);
  return Number((BigInt(a) * BigInt(b)) / BigInt(c));
}

type OrderCounts = Pick<TableCounts, 'orders' | 'order_items'>;

/** Number of items belonging to the first `orderCount` orders (each block holds an exact share). */
function itemsBefore(counts: OrderCounts, orderCount: number): number {
  const { orders, order_items: items } = counts;
  return orderCount >= orders ? items : mulDivFloor(orderCount, items, orders);
}

/** The order block holding order item `itemId`: a function of the counts alone. */
export function blockOfItem(counts: OrderCounts, itemId: number): number {
  const { orders, order_items: items } = counts;
  const lastBlock = Math.floor((orders - 1) / ORDERS_PER_BLOCK);
  let block = Math.min(lastBlock, Math.floor(mulDivFloor(itemId - 1, orders, items) / ORDERS_PER_BLOCK));
  while (block < lastBlock && itemsBefore(counts, (block + 1) * ORDERS_PER_BLOCK) <= itemId - 1) block++;
  while (block > 0 && itemsBefore(counts, block * ORDERS_PER_BLOCK) > itemId - 1) block--;
  return block;
}

/**
 * How strongly an order with `count` items (1 to cap) still draws extra items: 1 - ((count-1)/(cap-1))^2,
 * near 1 for small baskets, falling to 0 at the cap.
 */
function basketTaper(count: number, cap: number): number {
  if (count >= cap) return 0;
  const filled = (count - 1) / (cap - 1);
  return 1 - filled * filled;
}

export interface OrderBlockLayout {
  readonly block: number;
  readonly firstOrderId: number;
  readonly orderCount: number;
  /** Id of the block's first order item. */
  readonly firstItemId: number;
  readonly itemCounts: Uint16Array;
  readonly orderSeconds: Float64Array;
}

export class OrderLayout {
  private cached: OrderBlockLayout | undefined;
  // Scratch for one block's draw, every slot below the block's order count written before it is read:
  // three typed arrays allocated per block were a quarter of the layout's time.
  private readonly caps = new Uint16Array(ORDERS_PER_BLOCK);
  private readonly weights = new Float64Array(ORDERS_PER_BLOCK);
  private readonly bases = new Float64Array(ORDERS_PER_BLOCK);

  constructor(
    private readonly world: World,
    private readonly rng: Rng,
  ) {}

  /** Number of items belonging to the first `orderCount` orders. */
  itemsBefore(orderCount: number): number {
    return itemsBefore(this.world.counts, orderCount);
  }

  /** The most items any order can have: the cap, and the products that exist when orders begin. */
  itemCap(orderSecond: number): number {
    return Math.min(this.world.config.orders.maxItemsPerOrder, this.world.launches.countBy(orderSecond));
  }

  blockOf(orderId: number): number {
    return Math.floor((orderId - 1) / ORDERS_PER_BLOCK);
  }

  /** The block holding order item `itemId`. */
  blockOfItem(itemId: number): number {
    return blockOfItem(this.world.counts, itemId);
  }

  layout(block: number): OrderBlockLayout {
    if (this.cached?.block === block) return this.cached;
    const world = this.world;
    const firstOrderId = block * ORDERS_PER_BLOCK + 1;
    const orderCount = Math.min(ORDERS_PER_BLOCK, world.counts.orders - block * ORDERS_PER_BLOCK);
    const firstItemIndex = this.itemsBefore(block * ORDERS_PER_BLOCK);
    const totalItems = this.itemsBefore(block * ORDERS_PER_BLOCK + orderCount) - firstItemIndex;
    const itemCounts = new Uint16Array(orderCount);
    const orderSeconds = new Float64Array(orderCount);
    for (let index = 0; index < orderCount; index++) orderSeconds[index] = world.orderTimeline.secondOf(firstOrderId + index);
    const firstItemId = firstItemIndex + 1;
    if (!world.orderBlockCounts.read(block, orderCount, itemCounts)) {
      this.drawCounts(block, totalItems, orderSeconds, itemCounts);
      world.orderBlockCounts.keep(block, itemCounts);
    }
    this.cached = { block, firstOrderId, orderCount, firstItemId, itemCounts, orderSeconds };
    return this.cached;
  }

  /** Spreads the block's `totalItems` items over its orders (`itemCounts`, all 0 on entry). */
  private drawCounts(block: number, totalItems: number, orderSeconds: Float64Array, itemCounts: Uint16Array): void {
    const orderCount = itemCounts.length;
    itemCounts.fill(1);
    const { caps, weights, bases } = this;
    const rng = this.rng.reseed(this.world.keys.orderBlock, block);
    let weightSum = 0;
    for (let index = 0; index < orderCount; index++) {
      const second = orderSeconds[index] as number;
      caps[index] = this.itemCap(second);
      // Exponential weights make each order's extra items geometric: one item is the most common
      // basket, with a long tail, and the block's mean is exactly the requested ratio.
      const base = caps[index] === 1 ? 0 : 1e-9 - Math.log(1 - rng.float());
      bases[index] = base;
      weights[index] = base;
      weightSum += base;
    }
    for (let extra = totalItems - orderCount; extra > 0; extra--) {
      let target = rng.float() * weightSum;
      let chosen = -1;
      for (let index = 0; index < orderCount; index++) {
        const weight = weights[index] as number;
        if (weight === 0) continue;
        chosen = index;
        if (target < weight) break;
        target -= weight;
      }
      if (chosen < 0) throw new Error(`order block ${block} cannot hold ${totalItems} items`);
      const count = (itemCounts[chosen] as number) + 1;
      itemCounts[chosen] = count;
      // The order's pull tapers as it nears its cap and is 0 there, so the geometric tail fades out
      // instead of piling up at the cap (a hard cap made 12-item baskets outnumber 11-item ones).
      const weight = (bases[chosen] as number) * basketTaper(count, caps[chosen] as number);
      weightSum += weight - (weights[chosen] as number);
      weights[chosen] = weight;
    }
  }
}
