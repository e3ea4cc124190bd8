// The orders a change stream's batches can touch, each drawn once per worker: those placed up to an order's
// life before the batch (they may still change in it) through the batch's end. The window slides forward
// with the batches, so a worker holds one life span of orders however long the stream, and an update's row
// image is written from the drawn life instead of drawing the order again (an order changes 3 to 4 times).
import { SECONDS_PER_DAY } from '../core/calendar.js';
import type { OrderGenerator, OrderLife } from '../model/tables/orders/generator.js';
import { DrawnAddress, type PostalAddress } from '../model/addresses.js';
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
/** An order's texts, at these places in one Uint32Array row per held order: indexes of interned values, but the house number. */
const PAYMENT = 0;
const METHOD = 1;
const HOUSE_NUMBER = 2;
const STREET = 3;
const SUFFIX = 4;
const CITY = 5;
const ZIP = 6;
const STATE = 7;
const TEXT_STRIDE = 8;
/** The most changes an order makes after it is placed (OrderGenerator.changeSeconds): processing, shipped, delivered, returned. */
const MOST_CHANGES = 4;
/** HOUSE_NUMBER of an address not drawn in pieces: its STREET is then the whole first line. */
const WHOLE_LINE = 0xffffffff;
/** A column grows by a quarter (not doubled) when it is full: its unused tail is resident like the rest. */
const GROWTH = 1.25;

/** Each distinct value once, by index: an order keeps a 4-byte index instead of a reference per field. */
class Interned<Value> {
  private readonly indexes = new Map<Value, number>();
  private readonly values: Value[] = [];

  indexOf(value: Value): number {
    let index = this.indexes.get(value);
    if (index === undefined) {
      index = this.values.length;
      this.values.push(value);
      this.indexes.set(value, index);
    }
    return index;
  }

  at(index: number): Value {
    return this.values[index] as Value;
  }
}

/**
 * Held orders in typed columns, not objects: a life span of prod orders is ~100,000 of them, and as
 * objects, strings and per-day change lists they took ~37 MB of a worker (heap ~18 MB, numbers 19 MB).
 * Texts are indexes into tables of the distinct values (payment and shipping methods, streets, cities,
 * ZIPs, states), a drawn street line is kept in its pieces, and an order's changes are not kept at all:
 * they follow from its held seconds (OrderGenerator.changeSeconds).
 */
export class OrderWindow {
  /** Id of the order in row `start`: the first order held. */
  private first = 1;
  private start = 0;
  private count = 0;
  private numbers = new Float64Array(1024 * STRIDE);
  private texts = new Uint32Array(1024 * TEXT_STRIDE);
  /** Each held order's change seconds in time order, NaN after its last: a batch's changes are found by one pass over them. */
  private changes = new Float64Array(1024 * MOST_CHANGES);
  private readonly strings = new Interned<string>();
  private readonly states = new Interned<PostalAddress['state']>();
  /** What life(id) hands out, refilled on each call (its address made anew). */
  private readonly shown: OrderLife;

  constructor(
    private readonly world: World,
    private readonly orders: OrderGenerator,
    /** Dropped rows are moved out of the columns once there are more than this many (and an eighth of the held). */
    private readonly compactAfter = 4096,
  ) {
    this.shown = { id: 0, customerId: 0, orderSecond: 0, payment: '', method: '', address: undefined, subtotal: 0, discount: 0, tax: 0, shipping: 0, total: 0, processingSecond: 0, cancelledSecond: 0, shippedSecond: 0, deliveredSecond: 0, returnedSecond: 0 };
  }

  private get end(): number {
    return this.first + this.count;
  }

  /** Orders held (those the batches can touch). */
  get held(): number {
    return this.count;
  }

  /** Rows of dropped orders still in the columns, not yet moved out. */
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
      this.first = first;
    }
    const dropped = first - this.first;
    this.start += dropped;
    this.count -= dropped;
    this.first = first;
    // Dropped rows are moved out once they are an eighth of the held ones, so the columns hold about
    // one life span of orders however long the stream.
    if (this.start > this.compactAfter && this.start * 8 > this.count) this.compact();
    const rows = this.start + this.count + Math.max(0, last - this.end + 1);
    if (rows * STRIDE > this.numbers.length) this.grow(Math.max(rows - this.start, Math.ceil((GROWTH * this.numbers.length) / STRIDE)));
    for (let id = this.end; id <= last; id++) this.add(id);
  }

  /** New columns of `capacity` rows, the held rows copied to their front (the dropped ones left behind). */
  private grow(capacity: number): void {
    const { start, count } = this;
    const numbers = new Float64Array(capacity * STRIDE);
    numbers.set(this.numbers.subarray(start * STRIDE, (start + count) * STRIDE));
    this.numbers = numbers;
    const texts = new Uint32Array(capacity * TEXT_STRIDE);
    texts.set(this.texts.subarray(start * TEXT_STRIDE, (start + count) * TEXT_STRIDE));
    this.texts = texts;
    const changes = new Float64Array(capacity * MOST_CHANGES);
    changes.set(this.changes.subarray(start * MOST_CHANGES, (start + count) * MOST_CHANGES));
    this.changes = changes;
    this.start = 0;
  }

  /** Moves the held rows to the front. */
  private compact(): void {
    const { start, count } = this;
    this.numbers.copyWithin(0, start * STRIDE, (start + count) * STRIDE);
    this.texts.copyWithin(0, start * TEXT_STRIDE, (start + count) * TEXT_STRIDE);
    this.changes.copyWithin(0, start * MOST_CHANGES, (start + count) * MOST_CHANGES);
    this.start = 0;
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
    const texts = this.texts;
    const strings = this.strings;
    const textAt = row * TEXT_STRIDE;
    texts[textAt + PAYMENT] = strings.indexOf(life.payment);
    texts[textAt + METHOD] = strings.indexOf(life.method);
    if (address instanceof DrawnAddress) {
      texts[textAt + HOUSE_NUMBER] = address.houseNumber;
      texts[textAt + STREET] = strings.indexOf(address.street);
      texts[textAt + SUFFIX] = strings.indexOf(address.suffix);
    } else {
      texts[textAt + HOUSE_NUMBER] = WHOLE_LINE;
      texts[textAt + STREET] = strings.indexOf(address.line1);
    }
    texts[textAt + CITY] = strings.indexOf(address.city);
    texts[textAt + ZIP] = strings.indexOf(address.zip);
    texts[textAt + STATE] = this.states.indexOf(address.state);
    this.count++;
    const orderSecond = life.orderSecond;
    const changes = this.changes;
    const changesAt = row * MOST_CHANGES;
    let made = 0;
    this.orders.changeSeconds(life, (second) => {
      if (second - orderSecond > ORDER_LIFE_SECONDS) throw new Error(`order ${id} changes ${second - orderSecond} s after it was placed, past the longest life the change index covers`);
      if (made === MOST_CHANGES) throw new Error(`order ${id} changes more than ${MOST_CHANGES} times`);
      changes[changesAt + made++] = second;
    });
    changes.fill(Number.NaN, changesAt + made, changesAt + MOST_CHANGES);
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
    life.subtotal = numbers[at + 2] as number;
    life.discount = numbers[at + 3] as number;
    life.tax = numbers[at + 4] as number;
    life.shipping = numbers[at + 5] as number;
    life.total = numbers[at + 6] as number;
    life.orderSecond = numbers[at + 1] as number;
    life.processingSecond = numbers[at + 7] as number;
    life.cancelledSecond = numbers[at + 8] as number;
    life.shippedSecond = numbers[at + 9] as number;
    life.deliveredSecond = numbers[at + 10] as number;
    life.returnedSecond = numbers[at + 11] as number;
    const texts = this.texts;
    const strings = this.strings;
    const textAt = row * TEXT_STRIDE;
    life.payment = strings.at(texts[textAt + PAYMENT] as number);
    life.method = strings.at(texts[textAt + METHOD] as number);
    const houseNumber = texts[textAt + HOUSE_NUMBER] as number;
    const city = strings.at(texts[textAt + CITY] as number);
    const zip = strings.at(texts[textAt + ZIP] as number);
    const state = this.states.at(texts[textAt + STATE] as number);
    life.address =
      houseNumber === WHOLE_LINE
        ? { line1: strings.at(texts[textAt + STREET] as number), city, state, zip }
        : new DrawnAddress(houseNumber, strings.at(texts[textAt + STREET] as number), strings.at(texts[textAt + SUFFIX] as number), city, state, zip);
    return life;
  }

  /** The held orders' changes stamped in (after, until], by second then id (an order changes once a second). */
  visit(after: number, until: number, visit: (second: number, id: number) => void): void {
    const seconds: number[] = [];
    const ids: number[] = [];
    const changes = this.changes;
    for (let at = this.start * MOST_CHANGES, end = (this.start + this.count) * MOST_CHANGES; at < end; at++) {
      // NaN (no change) is never in the span.
      const second = changes[at] as number;
      if (second > after && second <= until) {
        seconds.push(second);
        ids.push(this.first + Math.floor(at / MOST_CHANGES) - this.start);
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
