// A set of int32 ids that is usually a handful (a session's viewed products, its cart): a short array
// searched in place until it outgrows it, then a Set. The session rules clear one per session (about a
// million in prod), and clearing a Set allocates a new table each time.

const LIST_SIZE = 32;

export class SmallIdSet {
  private readonly list = new Int32Array(LIST_SIZE);
  private count = 0;
  /** The ids once there are more than LIST_SIZE of them. */
  private set: Set<number> | undefined;

  get size(): number {
    return this.set ? this.set.size : this.count;
  }

  private indexOf(id: number): number {
    const { list, count } = this;
    for (let index = 0; index < count; index++) if (list[index] === id) return index;
    return -1;
  }

  has(id: number): boolean {
    return this.set ? this.set.has(id) : this.indexOf(id) >= 0;
  }

  add(id: number): void {
    if (this.set) {
      this.set.add(id);
    } else if (this.indexOf(id) < 0) {
      if (this.count < LIST_SIZE) {
        this.list[this.count++] = id;
      } else {
        this.set = new Set(this.list);
        this.set.add(id);
        this.count = 0;
      }
    }
  }

  delete(id: number): void {
    if (this.set) {
      this.set.delete(id);
      return;
    }
    const index = this.indexOf(id);
    if (index < 0) return;
    this.count--;
    this.list[index] = this.list[this.count] as number;
  }

  clear(): void {
    this.count = 0;
    this.set = undefined;
  }

  /** The ids, in no particular order. */
  values(): Iterable<number> {
    return this.set ?? this.list.subarray(0, this.count);
  }
}
