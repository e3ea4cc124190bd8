// The updates and deletes of customers and products inside one change stream's span, indexed by
// time: built once per worker from the seed (a few bytes per change), so a batch finds its changes by a
// binary search instead of visiting every row.
import type { World } from '../world.js';
import { CUSTOMER_EVENT, CustomerHistory } from './customerHistory.js';
import { ProductHistory } from './productHistory.js';

export const CHANGE_OP = { update: 1, delete: 2 } as const;

/** Changes (second, id, op) sorted by second then id, each (id, second) at most once. */
export class ChangeList {
  private seconds = new Float64Array(1024);
  private ids = new Int32Array(1024);
  private ops = new Uint8Array(1024);
  private count = 0;

  add(second: number, id: number, op: number): void {
    if (this.count === this.seconds.length) {
      // A sealed list's columns have their exact length, possibly 0.
      const size = Math.max(1024, this.count * 2);
      const seconds = new Float64Array(size);
      seconds.set(this.seconds);
      this.seconds = seconds;
      const ids = new Int32Array(size);
      ids.set(this.ids);
      this.ids = ids;
      const ops = new Uint8Array(size);
      ops.set(this.ops);
      this.ops = ops;
    }
    this.seconds[this.count] = second;
    this.ids[this.count] = id;
    this.ops[this.count] = op;
    this.count++;
  }

  /**
   * Sorts by (second, id); of two changes of one row in one second the delete, else the first, is kept.
   * The kept changes are copied in order into columns of their exact length: the list lives as long as
   * the stream, and the growing columns' unused half and the sort's index would stay resident with it.
   */
  seal(): void {
    const { seconds, ids, ops } = this;
    const order = new Uint32Array(this.count);
    for (let index = 0; index < this.count; index++) order[index] = index;
    order.sort((a, b) => (seconds[a] as number) - (seconds[b] as number) || (ids[a] as number) - (ids[b] as number) || (ops[b] as number) - (ops[a] as number));
    let kept = 0;
    for (let at = 0; at < order.length; at++) {
      const index = order[at] as number;
      const last = kept > 0 ? (order[kept - 1] as number) : -1;
      if (last >= 0 && seconds[last] === seconds[index] && ids[last] === ids[index]) continue;
      order[kept++] = index;
    }
    this.seconds = new Float64Array(kept);
    this.ids = new Int32Array(kept);
    this.ops = new Uint8Array(kept);
    for (let at = 0; at < kept; at++) {
      const index = order[at] as number;
      this.seconds[at] = seconds[index] as number;
      this.ids[at] = ids[index] as number;
      this.ops[at] = ops[index] as number;
    }
    this.count = kept;
  }

  get size(): number {
    return this.count;
  }

  /** The changes stamped in (after, until], in order. */
  visit(after: number, until: number, visit: (second: number, id: number, op: number) => void): void {
    const { seconds, ids, ops, count } = this;
    let low = 0;
    let high = count;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((seconds[mid] as number) <= after) low = mid + 1;
      else high = mid;
    }
    for (let at = low; at < count; at++) {
      const second = seconds[at] as number;
      if (second > until) break;
      visit(second, ids[at] as number, ops[at] as number);
    }
  }
}

/** Customers' moves, consent and segment changes (updates) and erasures (deletes) in (from, to]. */
export function customerChanges(world: World, from: number, to: number): ChangeList {
  const list = new ChangeList();
  const history = new CustomerHistory(world);
  const last = world.counts.customers > 0 ? world.customerTimeline.countBy(to) : 0;
  for (let id = 1; id <= last; id++) {
    const { count, times, kinds } = history.events(id);
    for (let index = 0; index < count; index++) {
      const second = times[index] as number;
      if (second > from && second <= to) list.add(second, id, kinds[index] === CUSTOMER_EVENT.erased ? CHANGE_OP.delete : CHANGE_OP.update);
    }
  }
  list.seal();
  return list;
}

/** Products' price changes, stock counts and discontinuations in (from, to]. */
export function productChanges(world: World, from: number, to: number): ChangeList {
  const list = new ChangeList();
  const history = new ProductHistory(world);
  const last = world.counts.products > 0 ? world.productTimeline.countBy(to) : 0;
  for (let id = 1; id <= last; id++) history.changes(id, from, to, (second) => list.add(second, id, CHANGE_OP.update));
  list.seal();
  return list;
}
