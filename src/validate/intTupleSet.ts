// Unique keys made of INTEGER columns, such as order_items (order_id, product_id): the tuples are
// stored in the open-addressing table itself (width Int32 cells a slot), so a lookup touches one place
// in memory and a new key costs 2 x width x 4 bytes, with no string built per row.
const EMPTY = -2147483648;

export class IntTupleSet {
  private cells: Int32Array;
  private mask: number;
  private count = 0;
  /** Set when more tuples arrived than `maxTuples`: new ones are then refused. */
  overflowed = false;

  constructor(
    private readonly width: number,
    private readonly maxTuples = 64_000_000,
  ) {
    this.cells = new Int32Array(1024 * width).fill(EMPTY);
    this.mask = 1023;
  }

  /** The tuple's values must be int32 and none the EMPTY marker (-2^31); see fits(). */
  static fits(value: number): boolean {
    return Number.isInteger(value) && value > EMPTY && value <= 2147483647;
  }

  /** The slot hash of the `width` values at `values[base...]`. */
  private static hash(values: ArrayLike<number>, base: number, width: number): number {
    let hash = 0x9e3779b1;
    for (let index = 0; index < width; index++) {
      hash = Math.imul(hash ^ (values[base + index] as number), 0x85ebca6b);
      hash ^= hash >>> 13;
    }
    hash = Math.imul(hash, 0xc2b2ae35);
    return hash ^ (hash >>> 16);
  }

  /**
   * True when the `width` values at `values[base...]` were added, false when already present or refused
   * (see overflowed). The coordinator passes a task's key column itself, so no tuple is copied per row.
   */
  add(values: ArrayLike<number>, base = 0): boolean {
    const width = this.width;
    const cells = this.cells;
    const mask = this.mask;
    let slot = IntTupleSet.hash(values, base, width) & mask;
    for (;;) {
      const at = slot * width;
      if (cells[at] === EMPTY) break;
      let same = true;
      for (let index = 0; index < width && same; index++) same = cells[at + index] === values[base + index];
      if (same) return false;
      slot = (slot + 1) & mask;
    }
    if (this.count >= this.maxTuples) {
      this.overflowed = true;
      return false;
    }
    const at = slot * width;
    for (let index = 0; index < width; index++) cells[at + index] = values[base + index] as number;
    this.count++;
    // Load factor 3/4: prod's 1.5M order_items keys fit 2M slots (16 MB), not 4M; linear probes stay short.
    if (this.count * 4 > (mask + 1) * 3) this.grow();
    return true;
  }

  /** Slots in the table, each `width` Int32 cells: what the set holds in memory. */
  get slots(): number {
    return this.mask + 1;
  }

  release(): void {
    this.cells = new Int32Array(this.width).fill(EMPTY);
    this.mask = 0;
    this.count = 0;
  }

  /** Twice the slots; the tuples, all distinct, move to their new slots without being compared. */
  private grow(): void {
    const old = this.cells;
    const width = this.width;
    const slots = (this.mask + 1) * 2;
    const cells = new Int32Array(slots * width).fill(EMPTY);
    const mask = slots - 1;
    for (let from = 0; from < old.length; from += width) {
      if (old[from] === EMPTY) continue;
      let slot = IntTupleSet.hash(old, from, width) & mask;
      while (cells[slot * width] !== EMPTY) slot = (slot + 1) & mask;
      for (let index = 0; index < width; index++) cells[slot * width + index] = old[from + index] as number;
    }
    this.cells = cells;
    this.mask = mask;
  }
}
