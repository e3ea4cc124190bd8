/**
 * Slots kept at most (40 bytes each). prod's 50k products each get their own slot (2 MB per worker); a
 * bigger catalog shares slots (direct-mapped, the id kept as a tag), so memory stays under 2.7 MB per
 * worker whatever its size, and a product that lost its slot walks its prices again from the start, as
 * without the cursors.
 */
const PRICE_CURSOR_SLOTS = 1 << 16;

/**
 * Where each product's price walk (ProductHistory.priceAt) stopped last: the price then, the second of the
 * last change applied, the time of the next change and the walk's random state. Orders ask for prices in
 * time order, so a walk resumes where it stopped instead of replaying every change since the launch for
 * every order line (the replay was the largest cost of orders and order_items). Storage only: the walk
 * itself stays in ProductHistory. Built once per worker, its arrays on first use.
 */
export class PriceCursors {
  private readonly slots: number;
  /** Which product each slot holds, 0 for none. */
  private tags = new Int32Array(0);
  /** Current price, in cents. */
  price = new Int32Array(0);
  /** Ceiling second of the last change applied, 0 before the first: the cursor holds for any later second. */
  applied = new Uint32Array(0);
  /** The last second the product's price may change (the second before its discontinuation). */
  last = new Uint32Array(0);
  /** Time (fractional second) of the next change, not yet applied. */
  next = new Float64Array(0);
  /** The walk's Rng state, four words a slot. */
  rngState = new Int32Array(0);

  constructor(count: number, maxSlots = PRICE_CURSOR_SLOTS) {
    this.slots = Math.max(1, Math.min(count + 1, maxSlots));
  }

  /** The slot of product `id` (`owns` says whether it holds that product's cursor yet). */
  slotOf(id: number): number {
    if (this.tags.length === 0) this.allocate();
    // Most catalogs fit the slots whole: their ids are their slots, with no division per order line.
    return id < this.slots ? id : id % this.slots;
  }

  owns(slot: number, id: number): boolean {
    return this.tags[slot] === id;
  }

  claim(slot: number, id: number): void {
    this.tags[slot] = id;
  }

  private allocate(): void {
    const slots = this.slots;
    this.tags = new Int32Array(slots);
    this.price = new Int32Array(slots);
    this.applied = new Uint32Array(slots);
    this.last = new Uint32Array(slots);
    this.next = new Float64Array(slots);
    this.rngState = new Int32Array(4 * slots);
  }
}
