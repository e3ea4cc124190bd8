// The orders a change stream's batches can touch, each drawn once per worker: those placed up to an order's
// life before the batch (they may still change in it) through the batch's end. The window slides forward
// with the batches, so a worker holds one life span of orders however long the stream, and an update's row
// image is written from the drawn life instead of drawing the order again (an order changes 3 to 4 times).
import { SECONDS_PER_DAY } from '../core/calendar.js';
import type { OrderGenerator, OrderLife } from '../model/tables/orders/generator.js';
import type { PostalAddress } from '../model/addresses.js';
import type { World } from '../model/world.js';

/**
 * The longest an order's life runs after it is placed: shipping (handling days, weekends, holidays: about
 * a week at most), transit (under two weeks) and a return inside its window (30 days after delivery, or
 * until January 31 for an order of early November: about 95 days). Orders placed this long before a batch
 * can change in it; a longer life stops the stream with an error rather than miss a change.
 */
const ORDER_LIFE_SECONDS = 120 * SECONDS_PER_DAY;

/** OrderLife's numbers, in this order, in one Float64Array row per held order. */
const NUMBERS = ['customerId', 'orderSecond', 'subtotal', 'discount', 'tax', 'shipping', 'total', 'processingSecond', 'cancelledSecond', 'shippedSecond', 'deliveredSecond', 'returnedSecond'] as const;
const STRIDE = NUMBERS.length;

/**
 * Held orders in columns, not objects: a worker's heap is capped (64 MB old generation) and a life span
 * of prod orders is ~100,000 of them. Numbers go off the heap; strings are references to the address
 * tables' own, except each order's street line.
 */
export class OrderWindow {
  /** Id of the order in row `start`: the first order held. */
  private first = 1;
  private start = 0;
  private count = 0;
  private numbers = new Float64Array(1024 * STRIDE);
  private payments: string[] = [];
  private methods: string[] = [];
  private line1s: string[] = [];
  private cities: string[] = [];
  private zips: string[] = [];
  private states: PostalAddress['state'][] = [];
  /** What life(id) hands out, refilled on each call. */
  private readonly address: { -readonly [K in keyof PostalAddress]: PostalAddress[K] };
  private readonly shown: OrderLife;
  /** The held orders' changes by UTC day: (second, id) pairs in the order they were drawn. */
  private readonly days = new Map<number, number[]>();
  /** No day before this one holds changes of a held order (days before it are dropped). */
  private firstDay = 0;

  constructor(
    private readonly world: World,
    private readonly orders: OrderGenerator,
    /** Dropped rows are moved out of the columns once there are more than this many (and an eighth of the held). */
    private readonly compactAfter = 4096,
  ) {
    const state = world.geography.states[0] as PostalAddress['state'];
    this.address = { line1: '', city: '', state, zip: '' };
    this.shown = { id: 0, customerId: 0, orderSecond: 0, payment: '', method: '', address: this.address, subtotal: 0, discount: 0, tax: 0, shipping: 0, total: 0, processingSecond: 0, cancelledSecond: 0, shippedSecond: 0, deliveredSecond: 0, returnedSecond: 0 };
  }

  private get end(): number {
    return this.first + this.count;
  }

  /** Orders held (those the batches can touch). */
  get held(): number {
    return this.count;
  }

  /** Rows of dropped orders still in the columns (their street lines still alive), not yet moved out. */
  get droppedRows(): number {
    return this.start;
  }

  /** Holds every order that exists by `until` and can change after `after`, drawing the new ones. */
  hold(after: number, until: number): void {
    const timeline = this.world.orderTimeline;
    const first = timeline.countBy(after - ORDER_LIFE_SECONDS) + 1;
    const last = timeline.countBy(until);
    if (first < this.first || first > this.end) {
      // Backwards (or past every order held): start afresh.
      this.start = 0;
      this.count = 0;
      for (const column of this.columns()) column.length = 0;
      this.days.clear();
      this.first = first;
      this.firstDay = first <= this.world.counts.orders ? Math.floor(timeline.secondOf(first) / SECONDS_PER_DAY) : 0;
    }
    const dropped = first - this.first;
    this.start += dropped;
    this.count -= dropped;
    this.first = first;
    // Days that end before the first held order was placed hold only dropped orders' changes.
    if (this.first <= this.world.counts.orders) {
      const firstSecond = timeline.secondOf(this.first);
      for (; (this.firstDay + 1) * SECONDS_PER_DAY <= firstSecond; this.firstDay++) this.days.delete(this.firstDay);
    }
    // Dropped rows are moved out once they are an eighth of the held ones: each keeps its street line
    // alive in the columns (and its numbers' room) until then, and over a year of batches waiting for
    // half the columns to be dead cost each worker ~10 MB of heap that a month's stream never reached.
    if (this.start > this.compactAfter && this.start * 8 > this.count) this.compact();
    const rows = this.start + this.count + Math.max(0, last - this.end + 1);
    if (rows * STRIDE > this.numbers.length) {
      const numbers = new Float64Array(Math.max(rows, (2 * this.numbers.length) / STRIDE) * STRIDE);
      numbers.set(this.numbers);
      this.numbers = numbers;
    }
    for (let id = this.end; id <= last; id++) this.add(id);
  }

  /** Moves the held rows to the front. */
  private compact(): void {
    const { start, count } = this;
    this.numbers.copyWithin(0, start * STRIDE, (start + count) * STRIDE);
    for (const column of this.columns()) column.splice(0, start);
    this.start = 0;
  }

  private columns(): unknown[][] {
    return [this.payments, this.methods, this.line1s, this.cities, this.zips, this.states];
  }

  private add(id: number): void {
    const life = this.orders.lifeAt(id, Number.POSITIVE_INFINITY);
    if (!life) throw new Error(`order ${id} has no life`);
    const row = this.start + this.count;
    // Field by field in NUMBERS' order: a property looked up by name per field cost more than the draw's bookkeeping.
    const numbers = this.numbers;
    const at = row * STRIDE;
    numbers[at] = life.customerId;
    numbers[at + 1] = life.orderSecond;
    numbers[at + 2] = life.subtotal;
    numbers[at + 3] = life.discount;
    numbers[at + 4] = life.tax;
    numbers[at + 5] = life.shipping;
    numbers[at + 6] = life.total;
    numbers[at + 7] = life.processingSecond;
    numbers[at + 8] = life.cancelledSecond;
    numbers[at + 9] = life.shippedSecond;
    numbers[at + 10] = life.deliveredSecond;
    numbers[at + 11] = life.returnedSecond;
    const address = life.address as PostalAddress;
    this.payments[row] = life.payment;
    this.methods[row] = life.method;
    this.line1s[row] = address.line1;
    this.cities[row] = address.city;
    this.zips[row] = address.zip;
    this.states[row] = address.state;
    this.count++;
    const orderSecond = life.orderSecond;
    this.orders.changeSeconds(life, (second) => {
      if (second - orderSecond > ORDER_LIFE_SECONDS) throw new Error(`order ${id} changes ${second - orderSecond} s after it was placed, past the longest life the change index covers`);
      const day = Math.floor(second / SECONDS_PER_DAY);
      let changes = this.days.get(day);
      if (!changes) {
        changes = [];
        this.days.set(day, changes);
      }
      changes.push(second, id);
    });
  }

  /** Order `id`'s life (valid until the next call); the order must be held. */
  life(id: number): OrderLife {
    if (id < this.first || id >= this.end) throw new Error(`order ${id} is not held by the change window`);
    const row = this.start + id - this.first;
    const life = this.shown;
    const numbers = this.numbers;
    const at = row * STRIDE;
    life.id = id;
    life.customerId = numbers[at] as number;
    life.orderSecond = numbers[at + 1] as number;
    life.subtotal = numbers[at + 2] as number;
    life.discount = numbers[at + 3] as number;
    life.tax = numbers[at + 4] as number;
    life.shipping = numbers[at + 5] as number;
    life.total = numbers[at + 6] as number;
    life.processingSecond = numbers[at + 7] as number;
    life.cancelledSecond = numbers[at + 8] as number;
    life.shippedSecond = numbers[at + 9] as number;
    life.deliveredSecond = numbers[at + 10] as number;
    life.returnedSecond = numbers[at + 11] as number;
    life.payment = this.payments[row] as string;
    life.method = this.methods[row] as string;
    const address = this.address;
    address.line1 = this.line1s[row] as string;
    address.city = this.cities[row] as string;
    address.zip = this.zips[row] as string;
    address.state = this.states[row] as PostalAddress['state'];
    return life;
  }

  /** The held orders' changes stamped in (after, until], by second then id (an order changes once a second). */
  visit(after: number, until: number, visit: (second: number, id: number) => void): void {
    const seconds: number[] = [];
    const ids: number[] = [];
    for (let day = Math.floor((after + 1) / SECONDS_PER_DAY), lastDay = Math.floor(until / SECONDS_PER_DAY); day <= lastDay; day++) {
      const changes = this.days.get(day);
      if (!changes) continue;
      for (let at = 0; at < changes.length; at += 2) {
        const second = changes[at] as number;
        if (second > after && second <= until) {
          seconds.push(second);
          ids.push(changes[at + 1] as number);
        }
      }
    }
    const order = Array.from(seconds, (_, index) => index);
    order.sort((a, b) => (seconds[a] as number) - (seconds[b] as number) || (ids[a] as number) - (ids[b] as number));
    let last = -1;
    for (const index of order) {
      // Two changes of one order in one second are one change (as in ChangeList).
      if (last >= 0 && seconds[last] === seconds[index] && ids[last] === ids[index]) continue;
      visit(seconds[index] as number, ids[index] as number);
      last = index;
    }
  }
}
