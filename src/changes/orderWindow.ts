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

/** OrderLife's amounts, in this order, in one Float64Array row per held order. */
const AMOUNTS = ['subtotal', 'discount', 'tax', 'shipping', 'total'] as const;
const AMOUNT_STRIDE = AMOUNTS.length;
/**
 * An order's whole numbers, at these places in one Uint32Array row per held order: indexes of interned
 * texts, the house number, the customer id and the seconds of its life counted from the window's epoch
 * (see OrderWindow.epoch; 0 for a life event that does not happen, as in OrderLife). A value that does not
 * fit 32 bits stops the stream with an error.
 */
const PAYMENT = 0;
const METHOD = 1;
const HOUSE_NUMBER = 2;
const STREET = 3;
const SUFFIX = 4;
const CITY = 5;
const ZIP = 6;
const STATE = 7;
const CUSTOMER = 8;
const ORDER_SECOND = 9;
const PROCESSING_SECOND = 10;
const CANCELLED_SECOND = 11;
const SHIPPED_SECOND = 12;
const DELIVERED_SECOND = 13;
const RETURNED_SECOND = 14;
const WORD_STRIDE = 15;
/** The most changes an order makes after it is placed (OrderGenerator.changeSeconds): processing, shipped, delivered, returned. */
const MOST_CHANGES = 4;
/** A change slot after an order's last change. */
const NO_CHANGE = 0;
/** HOUSE_NUMBER of an address not drawn in pieces: its STREET is then the whole first line. */
const WHOLE_LINE = 0xffffffff;
/**
 * Rows per page: the columns live in pages of this many orders, one ArrayBuffer each (464 KB), taken from
 * the pages the window dropped before any new one is made. Columns grown by copying left the old and new
 * arrays both resident until the next full collection (~14 MB at a prod window's last growth, in the
 * busiest weeks), and their unused tails and not yet compacted dropped rows stayed resident too.
 */
const PAGE_SHIFT = 12;
const PAGE_ROWS = 1 << PAGE_SHIFT;
const PAGE_MASK = PAGE_ROWS - 1;
const AMOUNTS_BYTES = PAGE_ROWS * AMOUNT_STRIDE * Float64Array.BYTES_PER_ELEMENT;
const WORDS_BYTES = PAGE_ROWS * WORD_STRIDE * Uint32Array.BYTES_PER_ELEMENT;
const CHANGES_BYTES = PAGE_ROWS * MOST_CHANGES * Uint32Array.BYTES_PER_ELEMENT;
/** Dropped pages kept for reuse: a sliding window needs one at a time; more only after it shrinks. */
const FREE_PAGES_KEPT = 2;

/** One page's columns, views of one buffer. */
class Page {
  readonly amounts: Float64Array;
  readonly words: Uint32Array;
  /** Each order's change seconds in time order, NO_CHANGE after its last: a batch's changes are found by one pass over them. */
  readonly changes: Uint32Array;

  constructor() {
    const buffer = new ArrayBuffer(AMOUNTS_BYTES + WORDS_BYTES + CHANGES_BYTES);
    this.amounts = new Float64Array(buffer, 0, PAGE_ROWS * AMOUNT_STRIDE);
    this.words = new Uint32Array(buffer, AMOUNTS_BYTES, PAGE_ROWS * WORD_STRIDE);
    this.changes = new Uint32Array(buffer, AMOUNTS_BYTES + WORDS_BYTES, PAGE_ROWS * MOST_CHANGES);
  }
}

/** `value` as a 32-bit word, or an error naming the order: held numbers must be whole and fit. */
function word(value: number, id: number, what: string): number {
  if (value >>> 0 !== value) throw new Error(`order ${id}'s ${what} ${value} does not fit the change window's 32-bit columns`);
  return value;
}

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
 * they follow from its held seconds (OrderGenerator.changeSeconds). The columns are in fixed-size pages
 * (see PAGE_ROWS): the window slides by dropping whole pages at its front and reusing them at its end.
 */
export class OrderWindow {
  /** Id of the order in row 0 of the first page. */
  private base = 1;
  /** Id of the first order held. */
  private first = 1;
  private count = 0;
  private readonly pages: Page[] = [];
  private readonly free: Page[] = [];
  private readonly strings = new Interned<string>();
  private readonly states = new Interned<PostalAddress['state']>();
  /** What life(id) hands out, refilled on each call (its address made anew). */
  private readonly shown: OrderLife;
  /**
   * The second before the data window's first: held seconds count from it. Every order is placed inside the
   * window and changes after it is placed, so a held second is at least 1 (0 keeps meaning "does not
   * happen") and any window of the calendar (1900-2999, at most 50 years) fits 32 bits, where epoch seconds
   * would not before 1970 or after 2106.
   */
  private readonly epoch: number;

  constructor(
    private readonly world: World,
    private readonly orders: OrderGenerator,
  ) {
    this.epoch = world.config.window.startDay * SECONDS_PER_DAY - 1;
    this.shown = { id: 0, customerId: 0, orderSecond: 0, payment: '', method: '', address: undefined, subtotal: 0, discount: 0, tax: 0, shipping: 0, total: 0, processingSecond: 0, cancelledSecond: 0, shippedSecond: 0, deliveredSecond: 0, returnedSecond: 0 };
  }

  private get end(): number {
    return this.first + this.count;
  }

  /** Orders held (those the batches can touch). */
  get held(): number {
    return this.count;
  }

  /** Pages of columns in use. */
  get pagesHeld(): number {
    return this.pages.length;
  }

  /** Holds every order that exists by `until` and can change after `after`, drawing the new ones. */
  hold(after: number, until: number): void {
    const timeline = this.world.orderTimeline;
    const first = timeline.countBy(after - ORDER_LIFE_SECONDS) + 1;
    const last = timeline.countBy(until);
    if (first < this.first || first > this.end) {
      // Backwards (or past every order held): start afresh.
      while (this.pages.length > 0) this.release(this.pages.pop() as Page);
      this.base = first;
      this.count = 0;
      this.first = first;
    }
    this.count -= first - this.first;
    this.first = first;
    // Pages whose every order is dropped go to the end of the window.
    while (this.first - this.base >= PAGE_ROWS) {
      this.release(this.pages.shift() as Page);
      this.base += PAGE_ROWS;
    }
    for (let id = this.end; id <= last; id++) this.add(id);
  }

  private release(page: Page): void {
    if (this.free.length < FREE_PAGES_KEPT) this.free.push(page);
  }

  /** The page holding order `id`'s row (made or reused when `id` starts a new one). */
  private pageOf(id: number): Page {
    const index = (id - this.base) >> PAGE_SHIFT;
    if (index === this.pages.length) this.pages.push(this.free.pop() ?? new Page());
    return this.pages[index] as Page;
  }

  private add(id: number): void {
    const life = this.orders.lifeAt(id, Number.POSITIVE_INFINITY);
    if (!life) throw new Error(`order ${id} has no life`);
    const page = this.pageOf(id);
    const row = (id - this.base) & PAGE_MASK;
    // Field by field: a property looked up by name per field cost more than the draw's bookkeeping.
    const amounts = page.amounts;
    const at = row * AMOUNT_STRIDE;
    amounts[at] = life.subtotal;
    amounts[at + 1] = life.discount;
    amounts[at + 2] = life.tax;
    amounts[at + 3] = life.shipping;
    amounts[at + 4] = life.total;
    const address = life.address as PostalAddress;
    const words = page.words;
    const strings = this.strings;
    const wordAt = row * WORD_STRIDE;
    words[wordAt + PAYMENT] = strings.indexOf(life.payment);
    words[wordAt + METHOD] = strings.indexOf(life.method);
    if (address instanceof DrawnAddress) {
      words[wordAt + HOUSE_NUMBER] = address.houseNumber;
      words[wordAt + STREET] = strings.indexOf(address.street);
      words[wordAt + SUFFIX] = strings.indexOf(address.suffix);
    } else {
      words[wordAt + HOUSE_NUMBER] = WHOLE_LINE;
      words[wordAt + STREET] = strings.indexOf(address.line1);
    }
    words[wordAt + CITY] = strings.indexOf(address.city);
    words[wordAt + ZIP] = strings.indexOf(address.zip);
    words[wordAt + STATE] = this.states.indexOf(address.state);
    words[wordAt + CUSTOMER] = word(life.customerId, id, 'customer id');
    words[wordAt + ORDER_SECOND] = this.heldSecond(life.orderSecond, id, 'order second');
    words[wordAt + PROCESSING_SECOND] = this.heldSecond(life.processingSecond, id, 'processing second');
    words[wordAt + CANCELLED_SECOND] = this.heldSecond(life.cancelledSecond, id, 'cancelled second');
    words[wordAt + SHIPPED_SECOND] = this.heldSecond(life.shippedSecond, id, 'shipped second');
    words[wordAt + DELIVERED_SECOND] = this.heldSecond(life.deliveredSecond, id, 'delivered second');
    words[wordAt + RETURNED_SECOND] = this.heldSecond(life.returnedSecond, id, 'returned second');
    this.count++;
    const orderSecond = life.orderSecond;
    const changes = page.changes;
    const changesAt = row * MOST_CHANGES;
    let made = 0;
    this.orders.changeSeconds(life, (second) => {
      if (second - orderSecond > ORDER_LIFE_SECONDS) throw new Error(`order ${id} changes ${second - orderSecond} s after it was placed, past the longest life the change index covers`);
      if (made === MOST_CHANGES) throw new Error(`order ${id} changes more than ${MOST_CHANGES} times`);
      // A change comes after the order is placed, so it is never NO_CHANGE.
      changes[changesAt + made++] = this.heldSecond(second, id, 'change second');
    });
    changes.fill(NO_CHANGE, changesAt + made, changesAt + MOST_CHANGES);
  }

  /** `second` as held: counted from the epoch, 0 kept for a life event that does not happen. */
  private heldSecond(second: number, id: number, what: string): number {
    return second === 0 ? 0 : word(second - this.epoch, id, what);
  }

  private shownSecond(held: number): number {
    return held === 0 ? 0 : held + this.epoch;
  }

  /** Order `id`'s life (valid until the next call); the order must be held. */
  life(id: number): OrderLife {
    if (id < this.first || id >= this.end) throw new Error(`order ${id} is not held by the change window`);
    const page = this.pages[(id - this.base) >> PAGE_SHIFT] as Page;
    const row = (id - this.base) & PAGE_MASK;
    const life = this.shown;
    const amounts = page.amounts;
    const at = row * AMOUNT_STRIDE;
    life.id = id;
    life.subtotal = amounts[at] as number;
    life.discount = amounts[at + 1] as number;
    life.tax = amounts[at + 2] as number;
    life.shipping = amounts[at + 3] as number;
    life.total = amounts[at + 4] as number;
    const words = page.words;
    const strings = this.strings;
    const wordAt = row * WORD_STRIDE;
    life.customerId = words[wordAt + CUSTOMER] as number;
    life.orderSecond = this.shownSecond(words[wordAt + ORDER_SECOND] as number);
    life.processingSecond = this.shownSecond(words[wordAt + PROCESSING_SECOND] as number);
    life.cancelledSecond = this.shownSecond(words[wordAt + CANCELLED_SECOND] as number);
    life.shippedSecond = this.shownSecond(words[wordAt + SHIPPED_SECOND] as number);
    life.deliveredSecond = this.shownSecond(words[wordAt + DELIVERED_SECOND] as number);
    life.returnedSecond = this.shownSecond(words[wordAt + RETURNED_SECOND] as number);
    life.payment = strings.at(words[wordAt + PAYMENT] as number);
    life.method = strings.at(words[wordAt + METHOD] as number);
    const houseNumber = words[wordAt + HOUSE_NUMBER] as number;
    const city = strings.at(words[wordAt + CITY] as number);
    const zip = strings.at(words[wordAt + ZIP] as number);
    const state = this.states.at(words[wordAt + STATE] as number);
    life.address =
      houseNumber === WHOLE_LINE
        ? { line1: strings.at(words[wordAt + STREET] as number), city, state, zip }
        : new DrawnAddress(houseNumber, strings.at(words[wordAt + STREET] as number), strings.at(words[wordAt + SUFFIX] as number), city, state, zip);
    return life;
  }

  /** The held orders' changes stamped in (after, until], by second then id (an order changes once a second). */
  visit(after: number, until: number, visit: (second: number, id: number) => void): void {
    const seconds: number[] = [];
    const ids: number[] = [];
    const heldAfter = after - this.epoch;
    const heldUntil = until - this.epoch;
    for (let id = this.first, end = this.end; id < end; ) {
      const changes = (this.pages[(id - this.base) >> PAGE_SHIFT] as Page).changes;
      const row = (id - this.base) & PAGE_MASK;
      const rows = Math.min(PAGE_ROWS - row, end - id);
      for (let at = row * MOST_CHANGES, stop = (row + rows) * MOST_CHANGES; at < stop; at++) {
        const held = changes[at] as number;
        if (held > heldAfter && held <= heldUntil && held !== NO_CHANGE) {
          seconds.push(held + this.epoch);
          ids.push(id + Math.floor(at / MOST_CHANGES) - row);
        }
      }
      id += rows;
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
