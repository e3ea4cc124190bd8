import { Rng } from '../../../core/random.js';
import { WeightedChoice } from '../../../core/weighted.js';
import { DEVICE_PROFILES, STATIC_PAGES, TRAFFIC_SOURCES, type Weighted } from '../../../vocab/web.js';
import { forcesQuotes } from '../../../encoding/csvText.js';
import { decimalDigits, encodeText, MAX_INT_BYTES, writeDigits, writeHex } from '../../../encoding/rowSink.js';
import type { RowWriter } from '../../../encoding/rowWriter.js';
import { OrderCustomers } from '../../orderCustomers.js';
import { OrderItemsDrawer } from '../../orderItemsDrawer.js';
import { ProductPicker } from '../../productPicker.js';
import type { World } from '../../world.js';
import type { TypedRows } from '../../../encoding/parquet/typedRows.js';
import { ClickstreamPlan } from './clickstreamPlan.js';
import { gapSteps, type GapSteps } from './gapSteps.js';
import { ProductUrls } from './productUrls.js';
import { SearchQueries } from './searchQueries.js';
import { earliestSessionSecond, PurchaseClock, SegmentSessions } from './segmentSessions.js';
import { sessionEndsOf, type SessionEnds } from './sessionEnds.js';
import { TypedTimestamps } from './typedTimestamps.js';
import { WEB_EVENT_COLUMNS } from './columns.js';
import { EventColumns, typedColumnsFit } from './eventColumns.js';

interface DeviceChoice {
  readonly osChoice: WeightedChoice<number>;
  readonly operatingSystems: readonly {
    readonly browserChoice: WeightedChoice<string>;
    /** Index of this device + OS's first browser among all (device, OS, browser) combinations. */
    readonly firstCombination: number;
  }[];
}

/** Event types: indexes into TYPE_LEADS. */
const TYPE = {
  page_view: 0,
  product_view: 1,
  add_to_cart: 2,
  remove_from_cart: 3,
  begin_checkout: 4,
  search: 5,
  purchase: 6,
} as const;
/** Each type's name, by index (typed rows). */
const TYPE_NAMES = Object.entries(TYPE)
  .sort(([, a], [, b]) => a - b)
  .map(([name]) => encodeText(name));
/**
 * What each type writes between the product id and the timestamp: `,<order id>,<type>,` (only purchases
 * carry an order id, and write `,<order id>` themselves). Joined to the date by TypedTimestamps.
 */
const TYPE_LEADS = [',,page_view,', ',,product_view,', ',,add_to_cart,', ',,remove_from_cart,', ',,begin_checkout,', ',,search,', ',purchase,'].map(encodeText);
/** URL fields are kept with the comma before them: one copy per field instead of two. */
const SEARCH_URL = encodeText(',/search?q=');
const SPACE = 32;
const PLUS = 43;
/** The first non-ASCII UTF-16 code unit. */
const NON_ASCII = 0x80;

const CHECKOUT_URL = encodeText(',/checkout');
const CONFIRMATION_URL = encodeText(',/checkout/confirmation');
const CART_URL = encodeText(',/cart');
const NO_TEXT = new Uint8Array(0);

function inCart(cart: Int32Array, count: number, productId: number): boolean {
  for (let index = 0; index < count; index++) if (cart[index] === productId) return true;
  return false;
}

function choiceOfWeighted(items: readonly Weighted<string>[]): WeightedChoice<string> {
  return new WeightedChoice(items.map((item) => item.value), items.map((item) => item.weight));
}

/** `,` + a 36-character session id + `,`: where the customer id starts in a session's prefix. */
const SESSION_ID_END = 38;
/** The prefix, then a customer id of at most 16 digits and a comma. */
const SESSION_PREFIX_BYTES = SESSION_ID_END + 17;
const COMMA = 44;
const DASH = 45;
const ZERO = 48;
const FOUR = 52;
const NINE = 57;

const TWO_POW_32 = 4294967296;

/**
 * Web events, session by session. The clickstream's span (see ClickstreamPlan) is cut into segments,
 * one per order block, each laid out whole (SegmentSessions) and walked only where it meets the
 * requested range; each session is walked from its own seed: a browsing session from its first event
 * id, a purchase session from its order id. A purchase session is its order's: the order's customer,
 * a product_view then add_to_cart of each of its items, begin_checkout, then the purchase at the order's
 * second carrying its order_id. Rows are written field by field into the sink's bytes: this table is 70%
 * of a run's rows.
 */
export class WebEventGenerator {
  private readonly rng = new Rng();
  private readonly devices: readonly DeviceChoice[];
  private readonly pageChoice: WeightedChoice<Uint8Array>;
  private readonly sourceFields: readonly string[];
  /** Each traffic source, device, browser and operating system as bytes (typed rows; by combination for the last three). */
  private readonly sourceBytes: readonly Uint8Array[];
  private readonly deviceBytes: Uint8Array[] = [];
  private readonly browserBytes: Uint8Array[] = [];
  private readonly osBytes: Uint8Array[] = [];
  /** The session's source and (device, OS, browser) combination (setTail). */
  private source = 0;
  private combination = 0;
  /** Whether each traffic source is a campaign (its landings are often product pages). */
  private readonly campaign: readonly boolean[];
  /** `,<device>,<browser>,<os>\n` of every (device, OS, browser) combination. */
  private readonly deviceFields: string[] = [];
  /**
   * `,<source>` + a device field, and the same after an empty search query's comma, made on first
   * use: index source * combinations + combination.
   */
  private readonly tails: (Uint8Array | undefined)[] = [];
  private readonly emptyQueryTails: (Uint8Array | undefined)[] = [];
  private readonly categoryChoice: WeightedChoice<number>;
  private readonly searches: SearchQueries;
  /** A browsing session's cart: product ids in the order added. */
  private cart = new Int32Array(16);
  private readonly maskHigh: number;
  private readonly maskLow: number;
  private readonly productUrls: ProductUrls;
  private readonly picker: ProductPicker;
  private readonly customers: OrderCustomers;
  private readonly drawer: OrderItemsDrawer;
  private readonly plan: ClickstreamPlan;
  private readonly clock: PurchaseClock;
  private readonly sessions: SegmentSessions;
  private readonly itemProducts: number[] = [];
  private readonly stamps: TypedTimestamps;
  private sink: RowWriter | undefined;
  /** Set while `typedRows` writes typed values instead of CSV text (sink then stays unset). */
  private typed: EventColumns | undefined;
  /** Whether the vocabulary's texts are all plain CSV fields (typedRows writes only such). */
  private readonly typedVocabulary: boolean;
  private from = 0;
  private to = 0;
  /** Only events stamped in (after, until] are written: a snapshot as of `until`, or a change batch. */
  private after = Number.NEGATIVE_INFINITY;
  private until = Number.POSITIVE_INFINITY;
  private written = 0;
  /** Browsing sessions' durations learned by walking them (change batches only: see SessionEnds). */
  private ends: SessionEnds | undefined;
  /**
   * Per segment, no event of it is stamped after this second (NaN: not known), learned by a change batch's
   * walk that met every session of the segment. A later batch passes over such a segment without laying
   * it out: its span bound (the last order, plus a browsing session's capped length, ~13 hours) makes
   * every hourly slice meet the segments of half a day before it. Only skips depend on it.
   */
  private segmentEnds: Float64Array | undefined;
  /** Called with each written row's second, id and start in the sink (change batches sort by them). */
  private onRow: ((second: number, eventId: number, start: number) => void) | undefined;

  // The session being walked: what every one of its rows repeats, and where it stands.
  /** `,<session id>,<customer id or nothing>,` in its first `prefixLength` bytes. */
  private readonly prefixBuffer = new Uint8Array(SESSION_PREFIX_BYTES);
  private prefixLength = 0;
  /**
   * The row's head, `<event id>,<session id>,<customer id>,`: the prefix is written once per session and
   * the id's digits counted up in place, so a row starts with one copy. One array per length, reused.
   */
  private head: Uint8Array = NO_TEXT;
  /**
   * By length, every slot there from the start (NO_TEXT until its length is first used): an empty array
   * filled as lengths came turned holey at a later length, and that change of elements kind deoptimised
   * the row writers (emit, emitSearch, nextRow) mid-run.
   */
  private readonly heads: Uint8Array[] = Array.from({ length: SESSION_PREFIX_BYTES + MAX_INT_BYTES + 1 }, () => NO_TEXT);
  /** The event id whose digits the head holds (-1: none yet in this session). */
  private headId = -1;
  /** `,<source>,<device>,<browser>,<os>\n` */
  private sessionTail: Uint8Array = NO_TEXT;
  /** `,` + the tail: what follows the URL of a row with no search query. */
  private emptyQueryTail: Uint8Array = NO_TEXT;
  private eventId = 0;
  private firstId = 0;
  private second = 0;
  /** The purchase session's event seconds (PurchaseClock), or null while walking a browsing session. */
  private times: Float64Array | null = null;
  /** A browsing gap's seconds from its exponent (Math.exp read from a table, same answers). */
  private readonly gaps: GapSteps;

  constructor(private readonly world: World) {
    this.gaps = gapSteps(world.config.webEvents.gapSeconds.median, world.config.webEvents.gapSeconds.max);
    this.devices = DEVICE_PROFILES.map((profile) => ({
      osChoice: new WeightedChoice(profile.operatingSystems.map((_, index) => index), profile.operatingSystems.map((os) => os.weight)),
      operatingSystems: profile.operatingSystems.map((os) => {
        const firstCombination = this.deviceFields.length;
        for (const browser of os.browsers) {
          this.deviceFields.push(`,${profile.device},${browser.value},${os.os}\n`);
          this.deviceBytes.push(encodeText(profile.device));
          this.browserBytes.push(encodeText(browser.value));
          this.osBytes.push(encodeText(os.os));
        }
        return { browserChoice: choiceOfWeighted(os.browsers), firstCombination };
      }),
    }));
    this.pageChoice = new WeightedChoice(STATIC_PAGES.map((page) => encodeText(`,${page.value}`)), STATIC_PAGES.map((page) => page.weight));
    const sourceNames = TRAFFIC_SOURCES.map((source) => source.value);
    this.sourceFields = sourceNames.map((source) => `,${source}`);
    this.sourceBytes = sourceNames.map(encodeText);
    this.campaign = sourceNames.map((name) => name === 'paid_search' || name === 'social' || name === 'email' || name === 'display');
    this.categoryChoice = new WeightedChoice(world.catalog.categories.map((_, index) => index), world.catalog.categories.map((c) => c.share));
    this.searches = new SearchQueries(world.catalog, world.config.webEvents.searchTypoRate);
    this.maskHigh = world.keys.webSessionMaskHigh & 0xffff;
    this.maskLow = world.keys.webSessionMaskLow;
    this.productUrls = new ProductUrls(world);
    this.stamps = new TypedTimestamps(TYPE_LEADS, world.calendar);
    this.picker = new ProductPicker(world);
    this.customers = new OrderCustomers(world);
    this.drawer = new OrderItemsDrawer(world);
    this.plan = new ClickstreamPlan(world);
    this.clock = new PurchaseClock(world);
    this.sessions = new SegmentSessions(world, this.plan, (rng, device) => this.drawCombination(rng, device), this.clock, this.customers);
    this.typedVocabulary = typedColumnsFit([
      ...this.sourceBytes, ...this.deviceBytes, ...this.browserBytes, ...this.osBytes,
      ...this.pageChoice.values.map((url) => url.subarray(1)), CHECKOUT_URL.subarray(1), CONFIRMATION_URL.subarray(1), CART_URL.subarray(1), SEARCH_URL.subarray(1),
    ]);
  }

  private drawCombination(rng: Rng, deviceIndex: number): number {
    const device = this.devices[deviceIndex] as DeviceChoice;
    const os = device.operatingSystems[device.osChoice.pickIndex(rng)];
    if (!os) throw new Error('device without operating systems');
    return os.firstCombination + os.browserChoice.pickIndex(rng);
  }

  /** Makes the session's tails those of (source, device combination). */
  private setTail(sourceIndex: number, combination: number): void {
    this.source = sourceIndex;
    this.combination = combination;
    const index = sourceIndex * this.deviceFields.length + combination;
    let tail = this.tails[index];
    let emptyQueryTail = this.emptyQueryTails[index];
    if (tail === undefined || emptyQueryTail === undefined) {
      const text = `${this.sourceFields[sourceIndex] as string}${this.deviceFields[combination] as string}`;
      tail = encodeText(text);
      emptyQueryTail = encodeText(`,${text}`);
      this.tails[index] = tail;
      this.emptyQueryTails[index] = emptyQueryTail;
    }
    this.sessionTail = tail;
    this.emptyQueryTail = emptyQueryTail;
  }

  /**
   * Draws the session id and writes `,<session id>,` at the start of the prefix buffer. The id is
   * UUID-shaped, random-looking, and unique: its last 48 bits are the session's first event id, masked.
   */
  private drawSessionId(rng: Rng, firstEventId: number): void {
    const a = rng.u32();
    const b = rng.u32();
    const c = rng.u32();
    const high = (Math.floor(firstEventId / TWO_POW_32) ^ this.maskHigh) & 0xffff;
    const low = ((firstEventId >>> 0) ^ this.maskLow) >>> 0;
    const bytes = this.prefixBuffer;
    bytes[0] = COMMA;
    let at = writeHex(bytes, 1, a, 8);
    bytes[at++] = DASH;
    at = writeHex(bytes, at, b >>> 16, 4);
    bytes[at++] = DASH;
    bytes[at++] = FOUR;
    at = writeHex(bytes, at, b & 0xfff, 3);
    bytes[at++] = DASH;
    at = writeHex(bytes, at, 8 | (c & 3), 1);
    at = writeHex(bytes, at, (c >>> 4) & 0xfff, 3);
    bytes[at++] = DASH;
    at = writeHex(bytes, at, high, 4);
    at = writeHex(bytes, at, low, 8);
    bytes[at] = COMMA;
  }

  /** Completes the session's prefix with its customer id (nothing for an anonymous session). */
  private setCustomer(customerId: number): void {
    const bytes = this.prefixBuffer;
    let at = SESSION_ID_END;
    if (customerId > 0) at = writeDigits(bytes, at, customerId);
    bytes[at++] = COMMA;
    this.prefixLength = at;
    this.headId = -1;
    // Both walks set the tail and draw the id first: the session is whole here.
    const combination = this.combination;
    this.typed?.session(bytes, customerId, this.sourceBytes[this.source] as Uint8Array, this.deviceBytes[combination] as Uint8Array, this.browserBytes[combination] as Uint8Array, this.osBytes[combination] as Uint8Array);
  }

  /** Points the head at `eventId`: the next id counts the digits up in place, any other rewrites it. */
  private moveHead(eventId: number): void {
    const head = this.head;
    if (eventId === this.headId + 1 && this.headId >= 0) {
      let at = head.length - this.prefixLength - 1;
      while (at >= 0 && head[at] === NINE) head[at--] = ZERO;
      if (at >= 0) {
        head[at] = (head[at] as number) + 1;
        this.headId = eventId;
        return;
      }
    }
    // A new session, a skipped id, or one more digit: the whole head, in the array of its length.
    const digits = decimalDigits(eventId);
    const length = digits + this.prefixLength;
    let next = this.heads[length];
    if (next === undefined || next.length !== length) {
      next = new Uint8Array(length);
      this.heads[length] = next;
    }
    writeDigits(next, 0, eventId);
    const prefix = this.prefixBuffer;
    for (let index = 0; index < this.prefixLength; index++) next[digits + index] = prefix[index] as number;
    this.head = next;
    this.headId = eventId;
  }

  private pickProduct(rng: Rng, second: number, category: number): number {
    let productId = this.picker.pick(rng, second);
    // A search narrows the next views to its category, still by popularity.
    for (let attempt = 0; attempt < 6 && category >= 0 && this.picker.categoryOfPicked(productId) !== category; attempt++) {
      productId = this.picker.pick(rng, second);
    }
    return productId;
  }

  /** Writes the events of ids [from, to] that happened by `until`; returns how many. */
  rows(from: number, to: number, sink: RowWriter, until: number): number {
    return this.rowsBetween(from, to, Number.NEGATIVE_INFINITY, until, sink);
  }

  /**
   * Writes the events of ids [from, to] stamped in (after, until], in id order; `onRow` hears of each
   * (its second, id and where it starts in the sink). Returns how many it wrote.
   */
  rowsBetween(from: number, to: number, after: number, until: number, sink: RowWriter, onRow?: (second: number, eventId: number, start: number) => void): number {
    this.onRow = onRow;
    this.sink = sink;
    try {
      return this.walkRange(from, to, after, until);
    } finally {
      this.sink = undefined;
      this.onRow = undefined;
    }
  }

  /**
   * The events of ids [from, to] that happened by `until` as typed values in `rows` (a Parquet shard,
   * without CSV text to parse back): the same values the CSV rows hold. Returns how many, or -1 when the
   * rows' columns are not web_events' or some value is one CSV would quote (the CSV path then writes
   * the shard; `rows` is left part-filled).
   */
  typedRows(from: number, to: number, rows: TypedRows, until: number): number {
    if (!this.typedVocabulary || !EventColumns.fit(rows, WEB_EVENT_COLUMNS)) return -1;
    const typed = new EventColumns(rows);
    this.typed = typed;
    try {
      const written = this.walkRange(from, to, Number.NEGATIVE_INFINITY, until);
      typed.flush();
      return typed.declined ? -1 : written;
    } finally {
      this.typed = undefined;
      // The CSV head was not kept up to date: the next CSV row rewrites it.
      this.headId = -1;
    }
  }

  /** Walks the sessions holding ids [from, to] and writes their events stamped in (after, until]; returns how many. */
  private walkRange(from: number, to: number, after: number, until: number): number {
    this.after = after;
    this.until = until;
    this.written = 0;
    this.from = from;
    this.to = to;
    if (after > Number.NEGATIVE_INFINITY) this.ends ??= sessionEndsOf(this.world);
    const plan = this.plan;
    if (plan.spanOrders === 0) {
      const perBlock = this.world.config.webEvents.eventsPerBlock;
      const lastBlock = Math.floor((to - 1) / perBlock);
      for (let block = Math.floor((from - 1) / perBlock); block <= lastBlock; block++) {
        this.sessions.layoutBlock(block);
        this.walkSessions();
      }
    } else {
      const lastSegment = plan.segmentOf(to);
      const ends = after > Number.NEGATIVE_INFINITY ? (this.segmentEnds ??= new Float64Array(plan.segmentCount).fill(Number.NaN)) : undefined;
      for (let segment = plan.segmentOf(from); segment <= lastSegment; segment++) {
        if (ends !== undefined && (ends[segment] as number) <= after) continue;
        this.sessions.layoutSegment(segment);
        const end = this.walkSessions();
        if (ends !== undefined && end < Number.POSITIVE_INFINITY) ends[segment] = end;
      }
    }
    return this.written;
  }

  /**
   * Walks the laid-out sessions that meet the requested range. Returns a second no event of the segment
   * comes after when this walk met all its sessions and knows each one's end (an ended one's by the
   * range's start), else Infinity.
   */
  private walkSessions(): number {
    const sessions = this.sessions;
    // Sessions hold consecutive id ranges in order: start at the one holding `from`.
    let first = 0;
    let last = sessions.count - 1;
    while (first < last) {
      const mid = Math.ceil((first + last) / 2);
      if ((sessions.firstIds[mid] as number) <= this.from) first = mid;
      else last = mid - 1;
    }
    // The latest end of the sessions met (NaN once one is missed or its end is not known).
    let lastEnd = first === 0 ? Number.NEGATIVE_INFINITY : Number.NaN;
    for (let index = first; index < sessions.count; index++) {
      const firstId = sessions.firstIds[index] as number;
      const length = sessions.lengths[index] as number;
      if (firstId > this.to) return Number.POSITIVE_INFINITY;
      if (firstId + length - 1 < this.from) {
        lastEnd = Number.NaN;
        continue;
      }
      const orderId = sessions.orders[index] as number;
      // A segment's sessions are in start order: once one starts after `until` (a minute's margin for the
      // curve's round trip), no later one of the segment has an event by then (the next segment's may:
      // a purchase session starts before its order). Full runs skip the check.
      if (this.until < this.world.windowLast && this.world.sessionCurve.timeAt(sessions.starts[index] as number) > this.until + 60) return Number.POSITIVE_INFINITY;
      if (orderId > 0) {
        // A purchase session ends at its order's second: a change batch skips, unwalked, those that ended by its start.
        if (this.after > Number.NEGATIVE_INFINITY) {
          const orderSecond = this.world.orderTimeline.secondOf(orderId);
          lastEnd = Math.max(lastEnd, orderSecond);
          if (orderSecond <= this.after) continue;
        }
        this.setTail(sessions.sources[index] as number, sessions.combinations[index] as number);
        this.walkPurchase(index, firstId, length, orderId);
      } else {
        const start = Math.min(Math.floor(this.world.sessionCurve.timeAt(sessions.starts[index] as number)), this.world.windowLast);
        // A browsing session that ended by a change batch's start is skipped: by its gaps' cap per event
        // after it starts, or by its real duration when a walk (this batch's neighbour's) has told it.
        if (this.after > Number.NEGATIVE_INFINITY && this.endedBy(firstId, length, start, this.after)) {
          lastEnd = Math.max(lastEnd, this.after);
          continue;
        }
        lastEnd = Math.max(lastEnd, this.walkBrowse(firstId, length, sessions.sources[index] as number, start));
      }
    }
    return lastEnd === lastEnd ? lastEnd : Number.POSITIVE_INFINITY;
  }

  /**
   * The first event id of the sessions that hold the purchase session of order `orderId` or of any later
   * order: the segment of its order block (count + 1 when no later order has one). Sessions of earlier
   * segments are browsing ones or purchases of earlier orders, which end at their order's second.
   */
  firstEventOfOrdersFrom(orderId: number): number {
    const plan = this.plan;
    const first = Math.max(orderId, plan.firstOrderId);
    if (plan.spanOrders === 0 || first > this.world.counts.orders) return this.world.counts.web_events + 1;
    return plan.eventsBefore(plan.layout.blockOf(first) - plan.firstBlock) + 1;
  }

  /** Whether the browsing session of `length` events from `firstId`, starting at `start`, has no event after `second`. */
  private endedBy(firstId: number, length: number, start: number, second: number): boolean {
    if (start + (length - 1) * this.world.config.webEvents.gapSeconds.max <= second) return true;
    const duration = (this.ends as SessionEnds).durationOf(firstId);
    return duration >= 0 && start + duration <= second;
  }

  /**
   * Writes the session's next event (when it falls in the requested range) and moves past it. A null
   * `url` is the product's own page; a URL is held with the comma before it.
   */
  private emit(type: number, productId: number, url: Uint8Array | null): void {
    if (!this.nextRow()) return;
    if (this.typed !== undefined) {
      this.typedRow(this.typed, type, productId, 0, url);
      return;
    }
    // The whole row in one reservation, field by field into the sink's bytes.
    const slugRef = url === null ? this.productUrls.slugRef(productId) : 0;
    const head = this.head;
    const tail = this.emptyQueryTail;
    const sink = this.sink as RowWriter;
    const urlBytes = url === null ? ProductUrls.bytes(slugRef) : url.length;
    const view = sink.reserve(head.length + MAX_INT_BYTES + this.stamps.maxBytes + urlBytes + tail.length);
    let at = sink.position;
    view.set(head, at);
    at += head.length;
    const idStart = at;
    if (productId > 0) at = writeDigits(view, at, productId);
    const idEnd = at;
    at = this.stamps.write(view, at, type, this.second);
    // The URL repeats the product id's digits just written.
    if (url === null) at = this.productUrls.writeUrl(view, at, idStart, idEnd, slugRef);
    else {
      view.set(url, at);
      at += url.length;
    }
    view.set(tail, at);
    sink.advanceTo(at + tail.length);
  }

  /**
   * Moves to the session's next event (its second too, for a timed purchase session); when that event
   * falls in the requested range, counts it and points the head at its id, and returns true.
   */
  private nextRow(): boolean {
    const eventId = this.eventId;
    this.eventId = eventId + 1;
    if (this.times !== null) this.second = this.times[eventId - this.firstId] as number;
    if (eventId < this.from || eventId > this.to || this.second <= this.after || this.second > this.until) return false;
    this.written++;
    this.onRow?.(this.second, eventId, (this.sink as RowWriter).position);
    if (eventId !== this.headId && this.typed === undefined) this.moveHead(eventId);
    return true;
  }

  /** The purchase event: the only one with an order id. */
  private emitPurchase(orderId: number): void {
    if (!this.nextRow()) return;
    if (this.typed !== undefined) {
      this.typedRow(this.typed, TYPE.purchase, 0, orderId, CONFIRMATION_URL);
      return;
    }
    const sink = this.sink as RowWriter;
    const head = this.head;
    const tail = this.emptyQueryTail;
    const view = sink.reserve(head.length + 1 + MAX_INT_BYTES + this.stamps.maxBytes + CONFIRMATION_URL.length + tail.length);
    let at = sink.position;
    view.set(head, at);
    at += head.length;
    view[at++] = COMMA;
    at = writeDigits(view, at, orderId);
    at = this.stamps.write(view, at, TYPE.purchase, this.second);
    view.set(CONFIRMATION_URL, at);
    at += CONFIRMATION_URL.length;
    view.set(tail, at);
    sink.advanceTo(at + tail.length);
  }

  /**
   * The event just counted (nextRow) as typed values: a null `url` is the product's own page, undefined
   * the search URL EventColumns.search made; a URL is held with the comma before it.
   */
  private typedRow(typed: EventColumns, type: number, productId: number, orderId: number, url: Uint8Array | null | undefined): void {
    typed.row(this.eventId - 1, productId, orderId, TYPE_NAMES[type] as Uint8Array, this.second);
    if (url === null) typed.productUrl(this.productUrls, productId);
    else if (url === undefined) typed.searchFields();
    else typed.url(url);
  }

  private isCampaign(source: number): boolean {
    return this.campaign[source] === true;
  }

  /** A search: its query written straight from the string (no encoded copy kept per query). */
  private emitSearch(rng: Rng, category: number): void {
    const query = this.searches.pick(rng, category);
    if (!this.nextRow()) return;
    if (this.typed !== undefined) {
      const typed = this.typed;
      typed.search(query);
      this.typedRow(typed, TYPE.search, 0, 0, undefined);
      return;
    }
    const sink = this.sink as RowWriter;
    const head = this.head;
    const tail = this.sessionTail;
    const length = query.length;
    const view = sink.reserve(head.length + this.stamps.maxBytes + SEARCH_URL.length + 2 * length + 1 + tail.length);
    let at = sink.position;
    view.set(head, at);
    at += head.length;
    at = this.stamps.write(view, at, TYPE.search, this.second);
    view.set(SEARCH_URL, at);
    at += SEARCH_URL.length;
    // The URL form (spaces as '+'; a query is ASCII, see SearchQueries), its comma, and the query field
    // in one pass; a query that would need CSV quoting (none does) takes the field writer.
    const fieldAt = at + length + 1;
    let bare = true;
    for (let index = 0; index < length; index++) {
      const code = query.charCodeAt(index);
      view[at + index] = code === SPACE ? PLUS : code;
      view[fieldAt + index] = code;
      if (code >= NON_ASCII || forcesQuotes(code)) bare = false;
    }
    view[at + length] = COMMA;
    if (!bare) {
      sink.advanceTo(fieldAt);
      sink.field(query);
      sink.encoded(tail);
      return;
    }
    view.set(tail, fieldAt + length);
    sink.advanceTo(fieldAt + length + tail.length);
  }

  /**
   * A browsing session: `length` events from its landing, never a purchase. Returns its last event's
   * second, or Infinity when the range ends first.
   */
  private walkBrowse(firstId: number, length: number, source: number, start: number): number {
    const world = this.world;
    const config = world.config.webEvents;
    const funnel = config.funnel;
    const rng = this.rng.reseed(world.keys.webSession, firstId);
    this.setTail(source, this.drawCombination(rng, this.plan.mix.browseDevice.pickIndex(rng)));
    this.times = null;
    this.second = start;
    this.firstId = firstId;
    this.eventId = firstId;
    this.drawSessionId(rng, firstId);
    const customerId = world.counts.customers > 0 && rng.chance(config.loggedInShare) ? this.customers.visitor(rng, start) : 0;
    this.setCustomer(customerId);
    const hasProducts = world.counts.products > 0 && world.launches.countBy(start) > 0;
    if (this.cart.length < length) this.cart = new Int32Array(Math.max(length, this.cart.length * 2));
    const cart = this.cart;
    let cartCount = 0;
    let searchCategory = -1;
    // The product viewed by the event just written, 0 when that event was no product view.
    let justViewed = 0;

    // Landing: campaigns often land on a product page, everything else on a site page.
    if (hasProducts && this.isCampaign(source) && rng.chance(funnel.campaignLandsOnProduct)) {
      const productId = this.pickProduct(rng, this.second, -1);
      justViewed = productId;
      this.emit(TYPE.product_view, productId, null);
    } else {
      this.emit(TYPE.page_view, 0, this.pageChoice.pick(rng));
    }

    while (this.eventId < firstId + length) {
      // Past the range's end no later event of the session is written (its seconds only grow).
      if (this.second > this.until) return Number.POSITIVE_INFINITY;
      this.second = Math.min(this.second + this.gaps.step(config.gapSeconds.sigma * rng.normal()), world.windowLast);
      const roll = rng.float();
      // A cart add happens on the product page just viewed, not pages later.
      const lastViewed = justViewed;
      justViewed = 0;
      if (cartCount > 0 && roll < funnel.checkoutWithCart) {
        // An abandoned checkout: the visitor leaves the cart and goes on browsing (or leaves).
        this.emit(TYPE.begin_checkout, 0, CHECKOUT_URL);
      } else if (cartCount > 0 && roll < funnel.checkoutWithCart + funnel.removeFromCart) {
        const index = rng.below(cartCount);
        const productId = cart[index] as number;
        cart.copyWithin(index, index + 1, cartCount);
        cartCount--;
        this.emit(TYPE.remove_from_cart, productId, CART_URL);
      } else if (lastViewed > 0 && !inCart(cart, cartCount, lastViewed) && rng.chance(funnel.addToCartAfterView)) {
        cart[cartCount++] = lastViewed;
        this.emit(TYPE.add_to_cart, lastViewed, null);
      } else if (rng.chance(funnel.search)) {
        searchCategory = this.categoryChoice.pickIndex(rng);
        this.emitSearch(rng, searchCategory);
      } else if (!hasProducts || rng.chance(funnel.sitePageView)) {
        this.emit(TYPE.page_view, 0, this.pageChoice.pick(rng));
      } else {
        const productId = this.pickProduct(rng, this.second, searchCategory);
        justViewed = productId;
        this.emit(TYPE.product_view, productId, null);
      }
    }
    // Walked to its last event: later batches can pass it over by its real end.
    this.ends?.record(firstId, this.second - start);
    return this.second;
  }

  /** A product that is not one of the order's items, or 0 when a few picks find none. */
  private otherProduct(rng: Rng, second: number, itemCount: number): number {
    const items = this.itemProducts;
    for (let attempt = 0; attempt < 8; attempt++) {
      const productId = this.picker.pick(rng, second);
      let bought = false;
      for (let index = 0; index < itemCount; index++) if (items[index] === productId) bought = true;
      if (!bought) return productId;
    }
    return 0;
  }

  /**
   * An order's purchase session: its landing, each item viewed then added (in a random order with the
   * other extra events: searches, site pages, other products, maybe one product added and removed),
   * begin_checkout and the purchase, timed by the PurchaseClock to end at the order's second.
   */
  private walkPurchase(index: number, firstId: number, length: number, orderId: number): void {
    const world = this.world;
    const funnel = world.config.webEvents.funnel;
    const sessions = this.sessions;
    const layout = this.plan.layout.layout(this.plan.layout.blockOf(orderId));
    const orderIndex = sessions.orderIndexes[index] as number;
    const itemCount = layout.itemCounts[orderIndex] as number;
    const orderSecond = layout.orderSeconds[orderIndex] as number;
    const customerId = sessions.customers[index] as number;
    this.clock.times(orderId, length, orderSecond, earliestSessionSecond(world, this.plan, customerId));
    const rng = this.clock.rng;
    this.times = this.clock.seconds;
    this.firstId = firstId;
    this.eventId = firstId;
    this.drawSessionId(rng, firstId);
    this.setCustomer(customerId);
    this.drawer.draw(orderId, itemCount, orderSecond);
    const items = this.itemProducts;
    for (let item = 0; item < itemCount; item++) items[item] = (this.drawer.items[item] as { productId: number }).productId;
    const second = Math.floor(orderSecond);

    let extras = length - 2 * itemCount - 2;
    let removal = extras >= 4 && rng.chance(funnel.purchaseSessionRemove) ? 1 : 0;
    extras -= 3 * removal;
    // Landing: a site page, or for campaign traffic sometimes a product page.
    const source = sessions.sources[index] as number;
    const landingProduct = this.isCampaign(source) && rng.chance(funnel.campaignLandsOnProduct) ? this.otherProduct(rng, second, itemCount) : 0;
    if (landingProduct > 0) this.emit(TYPE.product_view, landingProduct, null);
    else this.emit(TYPE.page_view, 0, this.pageChoice.pick(rng));
    extras--;

    let next = 0;
    while (next < itemCount || extras > 0 || removal > 0) {
      const roll = rng.below(itemCount - next + extras + removal);
      if (roll < itemCount - next) {
        const productId = items[next++] as number;
        this.emit(TYPE.product_view, productId, null);
        this.emit(TYPE.add_to_cart, productId, null);
      } else if (roll < itemCount - next + removal) {
        removal = 0;
        const productId = this.otherProduct(rng, second, itemCount);
        if (productId > 0) {
          this.emit(TYPE.product_view, productId, null);
          this.emit(TYPE.add_to_cart, productId, null);
          this.emit(TYPE.remove_from_cart, productId, CART_URL);
        } else {
          for (let page = 0; page < 3; page++) this.emit(TYPE.page_view, 0, this.pageChoice.pick(rng));
        }
      } else {
        extras--;
        // A search for the next item's kind of product, a site page, or a look at another product.
        const category = next < itemCount ? world.productFacts.categoryIndex(items[next] as number) : this.categoryChoice.pickIndex(rng);
        const roll2 = rng.float();
        if (roll2 < 0.35) this.emitSearch(rng, category);
        else if (roll2 < 0.5) this.emit(TYPE.page_view, 0, this.pageChoice.pick(rng));
        else {
          const productId = this.pickProduct(rng, second, category);
          this.emit(TYPE.product_view, productId, null);
        }
      }
    }
    this.emit(TYPE.begin_checkout, 0, CHECKOUT_URL);
    this.emitPurchase(orderId);
    this.times = null;
  }
}
