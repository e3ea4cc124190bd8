// The sessions of one segment of event ids, laid out before any event is walked: each session's kind
// (an order's purchase session or a browsing one), length, start, device, source and first event id.
// Laying out is cheap (a few draws per session), so a worker lays out a whole segment and walks only the
// sessions that meet its range, each from its own seed. Sessions are in start order within a segment
// and a session's event ids are consecutive.
import { Rng } from '../../../core/random.js';
import type { World } from '../../world.js';
import type { OrderCustomers } from '../../orderCustomers.js';
import type { ClickstreamPlan } from './clickstreamPlan.js';
import { gapSteps, type GapSteps } from './gapSteps.js';

/** Draws the (device, OS, browser) combination of a session of device class `device`. */
export type CombinationDraw = (rng: Rng, device: number) => number;

/** Grown-on-demand typed arrays: they keep their contents. */
function growF64(array: Float64Array, size: number): Float64Array {
  if (array.length >= size) return array;
  const grown = new Float64Array(Math.max(size, array.length * 2));
  grown.set(array);
  return grown;
}

function growI32(array: Int32Array, size: number): Int32Array {
  if (array.length >= size) return array;
  const grown = new Int32Array(Math.max(size, array.length * 2));
  grown.set(array);
  return grown;
}

/**
 * The seconds of a purchase session's events: it ends with the purchase at the order's second, after a
 * begin_checkout a few minutes before; earlier gaps are the browsing law's. A session that would start
 * before its customer registered, or before the span begins, is compressed into [that second, order]. The session's rng continues after these draws for its contents.
 */
export class PurchaseClock {
  readonly rng = new Rng();
  seconds: Float64Array = new Float64Array(64);
  private readonly gaps: GapSteps;

  constructor(private readonly world: World) {
    this.gaps = gapSteps(world.config.webEvents.gapSeconds.median, world.config.webEvents.gapSeconds.max);
  }

  /** Fills `seconds[0..length)`; returns the first. */
  times(orderId: number, length: number, orderSecond: number, earliestSecond: number): number {
    const world = this.world;
    const config = world.config.webEvents;
    const rng = this.rng.reseed(world.keys.webPurchase, orderId);
    this.seconds = growF64(this.seconds, length);
    const seconds = this.seconds;
    const end = Math.floor(orderSecond);
    let at = end;
    seconds[length - 1] = end;
    if (length >= 2) {
      at -= rng.between(config.checkoutSeconds.min, config.checkoutSeconds.max);
      seconds[length - 2] = at;
    }
    for (let index = length - 3; index >= 0; index--) {
      at -= this.gaps.step(config.gapSeconds.sigma * rng.normal());
      seconds[index] = at;
    }
    const start = seconds[0] as number;
    if (start < earliestSecond && end > start) {
      const floor = Math.min(earliestSecond, end);
      const scale = (end - floor) / (end - start);
      for (let index = 0; index < length; index++) seconds[index] = Math.ceil(floor + ((seconds[index] as number) - start) * scale);
      seconds[length - 1] = end;
    }
    return seconds[0] as number;
  }
}

export class SegmentSessions {
  count = 0;
  firstIds: Float64Array = new Float64Array(256);
  /**
   * Where each session starts, as a quantile of the session curve (its second is timeAt of it, worked
   * out only for the sessions walked).
   */
  starts: Float64Array = new Float64Array(256);
  lengths: Int32Array = new Int32Array(256);
  /** Order id of a purchase session, 0 for browsing. */
  orders: Int32Array = new Int32Array(256);
  /** The purchase session's customer; its order's index in the order block. */
  customers: Int32Array = new Int32Array(256);
  orderIndexes: Int32Array = new Int32Array(256);
  sources: Int32Array = new Int32Array(256);
  /** The purchase session's (device, OS, browser); a browsing session draws its own when walked. */
  combinations: Int32Array = new Int32Array(256);
  private order: Int32Array = new Int32Array(256);
  private readonly rng = new Rng();
  private extras: Float64Array = new Float64Array(64);
  private scratch: Float64Array = new Float64Array(256);
  private purchaseOrder: Int32Array = new Int32Array(64);
  /**
   * The segment the columns hold, -1 when none (or a browsing block). A layout is a pure function of its
   * segment and nothing else writes the columns, so asking again for the same one is free: a dirty
   * shard makes its late rows from before its first id (same segment, nearly always) and then its own.
   */
  private laidOut = -1;

  constructor(
    private readonly world: World,
    private readonly plan: ClickstreamPlan,
    private readonly combination: CombinationDraw,
    private readonly clock: PurchaseClock,
    /** The generator's own: building one costs a day-by-day table of registrations, once per task is enough. */
    private readonly customersOf: OrderCustomers,
  ) {}

  private reserve(size: number): void {
    if (this.firstIds.length >= size) return;
    this.firstIds = growF64(this.firstIds, size);
    this.starts = growF64(this.starts, size);
    this.lengths = growI32(this.lengths, size);
    this.orders = growI32(this.orders, size);
    this.customers = growI32(this.customers, size);
    this.orderIndexes = growI32(this.orderIndexes, size);
    this.sources = growI32(this.sources, size);
    this.combinations = growI32(this.combinations, size);
    this.order = growI32(this.order, size);
  }

  private addBrowse(length: number, source: number, start: number): void {
    const at = this.count++;
    this.reserve(this.count);
    this.lengths[at] = length;
    this.sources[at] = source;
    this.combinations[at] = -1;
    this.starts[at] = start;
    this.orders[at] = 0;
    this.customers[at] = 0;
    this.orderIndexes[at] = 0;
  }

  /** Browsing only: block `block` of `eventsPerBlock` events, sessions spread over the whole window. */
  layoutBlock(block: number): void {
    const world = this.world;
    const perBlock = world.config.webEvents.eventsPerBlock;
    const total = world.counts.web_events;
    const first = block * perBlock + 1;
    const last = Math.min((block + 1) * perBlock, total);
    const rng = this.rng.reseed(world.keys.webBlock, block);
    this.laidOut = -1;
    this.count = 0;
    for (let id = first; id <= last; ) {
      const source = this.plan.mix.browseSource.pickIndex(rng);
      const length = Math.min(this.plan.mix.browseLength(rng, source), last - id + 1);
      this.addBrowse(length, source, Math.min((id - 1 + rng.float()) / total, 1 - 1e-15));
      this.firstIds[this.count - 1] = id;
      id += length;
    }
  }

  /**
   * Segment `segment` of the span: its orders' purchase sessions, then browsing sessions filling the
   * rest of its events, started between its first order and the next block's, all sorted by start.
   */
  layoutSegment(segment: number): void {
    if (segment === this.laidOut) return;
    this.laidOut = -1;
    const world = this.world;
    const plan = this.plan;
    const block = plan.firstBlock + segment;
    const layout = plan.layout.layout(block);
    const ordersBefore = plan.spanOrdersBefore(segment);
    const ordersAfter = plan.spanOrdersBefore(segment + 1);
    const spanCount = ordersAfter - ordersBefore;
    const firstIndex = layout.orderCount - spanCount;
    const firstEvent = plan.eventsBefore(segment) + 1;
    const segmentEvents = plan.eventsBefore(segment + 1) - firstEvent + 1;
    const purchaseEvents = plan.purchaseEventsBefore(ordersAfter) - plan.purchaseEventsBefore(ordersBefore);
    const rng = this.rng.reseed(world.keys.webBlock, block);
    this.count = 0;
    this.reserve(spanCount);

    // Each purchase session has one extra event (its landing) plus a share of the block's other extras,
    // split by exponential weights: a fixed block sum, so the segment's size stays a closed form.
    const extraTotal = plan.extraEventsOf(spanCount) - spanCount;
    this.extras = growF64(this.extras, spanCount + 1);
    let weightSum = 0;
    for (let index = 0; index < spanCount; index++) {
      weightSum += 1e-9 - Math.log(1 - rng.float());
      this.extras[index + 1] = weightSum;
    }
    this.extras[0] = 0;
    for (let index = 0; index < spanCount; index++) {
      const orderIndex = firstIndex + index;
      const orderId = layout.firstOrderId + orderIndex;
      const items = layout.itemCounts[orderIndex] as number;
      const orderSecond = layout.orderSeconds[orderIndex] as number;
      const extra = 1 + this.extrasBefore(index + 1, spanCount, extraTotal, weightSum) - this.extrasBefore(index, spanCount, extraTotal, weightSum);
      const length = 2 * items + 2 + extra;
      const customer = this.customersOf.customerOf(orderId, orderSecond);
      const at = this.count++;
      this.lengths[at] = length;
      this.orders[at] = orderId;
      this.customers[at] = customer;
      this.orderIndexes[at] = orderIndex;
      this.sources[at] = plan.mix.purchaseSource.pickIndex(rng);
      this.combinations[at] = this.combination(rng, plan.mix.purchaseDevice.pickIndex(rng));
      this.starts[at] = world.sessionCurve.fractionBefore(this.clock.times(orderId, length, orderSecond, earliestSessionSecond(world, plan, customer)));
    }

    const from = world.sessionCurve.fractionBefore(layout.orderSeconds[firstIndex] as number);
    const nextBlockFirst = layout.firstOrderId + layout.orderCount;
    const until = nextBlockFirst <= world.counts.orders ? world.orderTimeline.secondOf(nextBlockFirst) : world.windowLast + 1;
    const to = Math.max(world.sessionCurve.fractionBefore(until), from);
    for (let left = segmentEvents - purchaseEvents; left > 0; ) {
      const source = plan.mix.browseSource.pickIndex(rng);
      const length = Math.min(plan.mix.browseLength(rng, source), left);
      this.addBrowse(length, source, 0);
      left -= length;
    }
    // Browsing starts: uniform over the segment's share of the traffic curve, drawn already sorted
    // (normalised sums of exponential spacings), so the sessions need no sort, only a merge.
    const browseCount = this.count - spanCount;
    const starts = this.starts;
    let spacing = 0;
    for (let index = 0; index < browseCount; index++) {
      spacing += 1e-9 - Math.log(1 - rng.float());
      starts[spanCount + index] = spacing;
    }
    const total = spacing + 1e-9 - Math.log(1 - rng.float());
    for (let index = spanCount; index < this.count; index++) {
      starts[index] = Math.min(from + ((to - from) * (starts[index] as number)) / total, 1 - 1e-15);
    }

    // Purchase sessions by start (a few dozen: insertion), merged with the browsing ones; ties keep
    // the purchase first. Then consecutive event ids.
    const order = this.order;
    const purchases = this.purchaseOrder = growI32(this.purchaseOrder, spanCount);
    for (let index = 0; index < spanCount; index++) {
      let at = index;
      while (at > 0 && (starts[purchases[at - 1] as number] as number) > (starts[index] as number)) {
        purchases[at] = purchases[at - 1] as number;
        at--;
      }
      purchases[at] = index;
    }
    let next = 0;
    let browse = spanCount;
    for (let index = 0; index < this.count; index++) {
      const purchase = next < spanCount ? (purchases[next] as number) : -1;
      if (purchase >= 0 && (browse >= this.count || (starts[purchase] as number) <= (starts[browse] as number))) {
        order[index] = purchase;
        next++;
      } else {
        order[index] = browse++;
      }
    }
    this.sortBy(order);
    let id = firstEvent;
    for (let index = 0; index < this.count; index++) {
      this.firstIds[index] = id;
      id += this.lengths[index] as number;
    }
    this.laidOut = segment;
  }

  /** The extra events of the segment's first `orders` purchase sessions (the last take the exact total). */
  private extrasBefore(orders: number, spanCount: number, extraTotal: number, weightSum: number): number {
    if (orders >= spanCount) return extraTotal;
    return Math.floor((extraTotal * (this.extras[orders] as number)) / weightSum);
  }

  /** Permutes every column by `order` (position i takes the session at order[i]). */
  private sortBy(order: Int32Array): void {
    const count = this.count;
    const scratch = (this.scratch = growF64(this.scratch, count));
    for (const column of [this.starts, this.lengths, this.orders, this.customers, this.orderIndexes, this.sources, this.combinations] as const) {
      for (let index = 0; index < count; index++) scratch[index] = column[index] as number;
      for (let index = 0; index < count; index++) column[index] = scratch[order[index] as number] as number;
    }
  }
}

/**
 * The earliest second of a purchase session by `customerId`: not before the customer registered, nor
 * before the clickstream's span begins (after the last order without a session).
 */
export function earliestSessionSecond(world: World, plan: ClickstreamPlan, customerId: number): number {
  const registered = customerId > 0 ? world.registrations.secondOf(customerId) : Number.NEGATIVE_INFINITY;
  return Math.max(registered, plan.floorSecond);
}
