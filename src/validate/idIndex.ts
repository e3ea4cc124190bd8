// Maps integer keys (primary keys) to dense slots 0, 1, 2... in arrival order, so facts about a row can
// live in typed arrays indexed by slot. Ids are looked up directly in an Int32Array while the id range
// stays compact (the usual 1..N, in any order); sparse or huge ids switch to an open-addressing hash
// table. Either way it costs bytes per id, never an object per id, and never assumes sorted input.
import { ensureIndex } from './growable.js';

const EMPTY = -1;
/**
 * A direct table may be this many times longer than the number of ids it holds, or up to DIRECT_SLACK
 * ids (32 MB) whatever it holds: shuffled input brings large ids first, before the count catches up.
 */
const DIRECT_SPARSENESS = 4;
const DIRECT_SLACK = 1 << 23;
const DIRECT_MAX = 1 << 27;

export const ID_DUPLICATE = -1;
export const ID_OVERFLOW = -2;

function mix(id: number): number {
  const low = id >>> 0;
  const high = Math.floor(id / 4294967296) | 0;
  let hash = Math.imul(low ^ Math.imul(high, 0x27d4eb2f), 0x9e3779b1);
  hash ^= hash >>> 15;
  hash = Math.imul(hash, 0x85ebca77);
  return hash ^ (hash >>> 13);
}

/** An IdIndex's arrays, for a read-only copy in a worker (see IdIndex.state and IdIndex.fromState). */
export interface IdIndexState {
  readonly count: number;
  readonly direct: Int32Array | undefined;
  readonly keys: Float64Array;
  readonly slots: Int32Array;
  readonly mask: number;
  readonly overflowed: boolean;
}

export class IdIndex {
  private count = 0;
  private direct: Int32Array<ArrayBufferLike> | undefined = new Int32Array(1024).fill(EMPTY);
  private keys: Float64Array<ArrayBufferLike> = new Float64Array(0);
  private slots: Int32Array<ArrayBufferLike> = new Int32Array(0);
  private mask = 0;
  /** Set when more ids arrived than `maxIds`: lookups stay valid for the ids held, new ones are refused. */
  overflowed = false;

  /** The default bounds a table's facts to a few hundred MB; more ids are reported, not held. */
  constructor(private readonly maxIds = 16_000_000) {}

  get size(): number {
    return this.count;
  }

  /** The slot of `id`, or -1 when it was never added. */
  get(id: number): number {
    const direct = this.direct;
    if (direct) return id >= 0 && id < direct.length ? (direct[id] as number) : EMPTY;
    const { keys, slots, mask } = this;
    let at = mix(id) & mask;
    for (;;) {
      const slot = slots[at] as number;
      if (slot === EMPTY || keys[at] === id) return slot;
      at = (at + 1) & mask;
    }
  }

  /** Adds `id` and returns its new slot; ID_DUPLICATE when already present, ID_OVERFLOW when full. */
  add(id: number): number {
    if (this.direct) {
      if (id >= 0 && id < DIRECT_MAX && id < Math.max(DIRECT_SLACK, (this.count + 1) * DIRECT_SPARSENESS)) {
        this.direct = ensureIndex(this.direct, id, EMPTY);
        if (this.direct[id] !== EMPTY) return ID_DUPLICATE;
        if (this.count >= this.maxIds) return this.refuse();
        this.direct[id] = this.count;
        return this.count++;
      }
      this.toHashed();
    }
    if (this.get(id) !== EMPTY) return ID_DUPLICATE;
    if (this.count >= this.maxIds) return this.refuse();
    if ((this.count + 1) * 2 > this.slots.length) this.rehash(Math.max(1024, this.slots.length * 2));
    this.place(id, this.count);
    return this.count++;
  }

  /** Its arrays, each passed through `copy` (into shared memory, for workers that only look ids up). */
  state(copy: <T extends Int32Array | Float64Array>(array: T) => T): IdIndexState {
    return { count: this.count, direct: this.direct ? copy(this.direct) : undefined, keys: copy(this.keys), slots: copy(this.slots), mask: this.mask, overflowed: this.overflowed };
  }

  /** Takes `state`'s arrays (this index's own, shared) in place of its own; no id is added after. */
  useState(state: IdIndexState): void {
    this.direct = state.direct;
    this.keys = state.keys;
    this.slots = state.slots;
  }

  /** An index over `state`'s arrays (shared, not copied): for lookups only. */
  static fromState(state: IdIndexState): IdIndex {
    const index = new IdIndex();
    index.count = state.count;
    index.direct = state.direct;
    index.keys = state.keys;
    index.slots = state.slots;
    index.mask = state.mask;
    index.overflowed = state.overflowed;
    return index;
  }

  /** Calls `visit(id, slot)` for every id in increasing id order. */
  forEachInIdOrder(visit: (id: number, slot: number) => void): void {
    const direct = this.direct;
    if (direct) {
      for (let id = 0; id < direct.length; id++) {
        const slot = direct[id] as number;
        if (slot !== EMPTY) visit(id, slot);
      }
      return;
    }
    const ids = new Float64Array(this.count);
    let filled = 0;
    for (let at = 0; at < this.slots.length; at++) if (this.slots[at] !== EMPTY) ids[filled++] = this.keys[at] as number;
    ids.sort();
    for (const id of ids) visit(id, this.get(id));
  }

  private refuse(): number {
    this.overflowed = true;
    return ID_OVERFLOW;
  }

  private place(id: number, slot: number): void {
    let at = mix(id) & this.mask;
    while (this.slots[at] !== EMPTY) at = (at + 1) & this.mask;
    this.keys[at] = id;
    this.slots[at] = slot;
  }

  private rehash(capacity: number): void {
    const oldKeys = this.keys;
    const oldSlots = this.slots;
    this.keys = new Float64Array(capacity);
    this.slots = new Int32Array(capacity).fill(EMPTY);
    this.mask = capacity - 1;
    for (let at = 0; at < oldSlots.length; at++) {
      const slot = oldSlots[at] as number;
      if (slot !== EMPTY) this.place(oldKeys[at] as number, slot);
    }
  }

  private toHashed(): void {
    const direct = this.direct as Int32Array;
    this.direct = undefined;
    let capacity = 1024;
    while (capacity < (this.count + 1) * 2) capacity *= 2;
    this.rehash(capacity);
    for (let id = 0; id < direct.length; id++) {
      const slot = direct[id] as number;
      if (slot !== EMPTY) this.place(id, slot);
    }
  }
}
