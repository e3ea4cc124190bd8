/**
 * Blocks kept at most (64 bytes of counts and a 4-byte tag each: ~0.55 MB a worker); prod's 7,813 blocks
 * all fit. A larger dataset keeps only its recent blocks, which is all it can use: order_items reads the
 * blocks the orders pass laid out a shard or two before, and web_events, a whole pass later, finds every
 * slot reused once the blocks are several times the slots (at 10x prod's 78k blocks it missed all of
 * them with 32k slots too, which held 2.2 MB a worker).
 */
const MAX_SLOTS = 1 << 13;
/**
 * Orders are grouped in fixed blocks of this many (part of the data's definition, not of a run): each
 * block holds an exact share of all order items, spread over its orders by a block-seeded draw. Any
 * order's item count and first item id are then found from its block alone, and the total is exact.
 * Defined here, where a block's slot of kept counts is sized; OrderLayout imports it.
 */
export const ORDERS_PER_BLOCK = 64;

/**
 * The item counts of order blocks already laid out by this worker, per World. Orders, order_items and
 * web_events each lay out the same blocks (the draw that spreads a block's items over its orders was
 * ~0.2 s a table pass at prod); the counts are a pure function of the block, so a later pass copies them
 * instead of drawing them again. Direct-mapped, the block as tag: a bigger dataset shares slots and a
 * block that lost its slot is drawn again, as before. Arrays allocated on first use.
 */
export class OrderBlockCounts {
  private readonly slots: number;
  /** Block + 1 held by each slot, 0 for none. */
  private tags = new Int32Array(0);
  private counts = new Uint8Array(0);

  constructor(orders: number, maxSlots = MAX_SLOTS) {
    this.slots = Math.max(1, Math.min(Math.ceil(orders / ORDERS_PER_BLOCK), maxSlots));
  }

  /** Copies block `block`'s `orderCount` item counts into `into` and returns true when they are kept. */
  read(block: number, orderCount: number, into: Uint16Array): boolean {
    if (this.tags.length === 0) return false;
    const slot = block % this.slots;
    if (this.tags[slot] !== block + 1) return false;
    const at = slot * ORDERS_PER_BLOCK;
    for (let index = 0; index < orderCount; index++) into[index] = this.counts[at + index] as number;
    return true;
  }

  /** Keeps block `block`'s item counts (each at most 255: the config caps an order at 100 items). */
  keep(block: number, itemCounts: Uint16Array): void {
    if (itemCounts.length > ORDERS_PER_BLOCK) return;
    if (this.tags.length === 0) {
      this.tags = new Int32Array(this.slots);
      this.counts = new Uint8Array(this.slots * ORDERS_PER_BLOCK);
    }
    const slot = block % this.slots;
    const at = slot * ORDERS_PER_BLOCK;
    this.tags[slot] = 0;
    for (let index = 0; index < itemCounts.length; index++) {
      const count = itemCounts[index] as number;
      if (count > 255) return;
      this.counts[at + index] = count;
    }
    this.tags[slot] = block + 1;
  }
}
