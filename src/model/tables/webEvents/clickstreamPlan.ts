// Where the clickstream's events go (part of the data's definition). Events per order are fixed by the
// preset, so at a real conversion rate the sessions cannot cover every order: they cover the most recent
// ones (order ids follow time), as many (K) as fill the events with one purchase session each plus the
// browsing sessions the target conversion implies. The span's event ids are cut into one segment per
// order block; a segment's first event id is a closed form of its block, so any event's segment is
// found by bisection. With no order in the span (too few events, or no orders) every session browses,
// in fixed blocks of events spread over the whole window.
import type { World } from '../../world.js';
import { ORDERS_PER_BLOCK, OrderLayout } from '../../orderLayout.js';
import { Rng } from '../../../core/random.js';
import { SessionMix } from './sessionMix.js';

/** floor(a * b / c) without losing precision when a * b passes 2^53. */
function mulDivFloor(a: number, b: number, c: number): number {
  const product = a * b;
  if (product <= Number.MAX_SAFE_INTEGER) return Math.floor(product / c);
  return Number((BigInt(a) * BigInt(b)) / BigInt(c));
}

export class ClickstreamPlan {
  /** K: the orders with a purchase session, the last K order ids. 0: browsing only. */
  readonly spanOrders: number;
  /** Id of the span's first order. */
  readonly firstOrderId: number;
  readonly firstBlock: number;
  readonly segmentCount: number;
  /** Events of browsing sessions in the span, spread over its segments in proportion to orders. */
  readonly browseEvents: number;
  /**
   * No event comes before this second: just after the last order outside the span, so every order placed
   * while the clickstream runs has its purchase session (a session reaching further back is compressed).
   */
  readonly floorSecond: number;
  readonly mix: SessionMix;
  readonly layout: OrderLayout;
  private readonly itemsBeforeSpan: number;
  private readonly perOrder: number;

  constructor(private readonly world: World) {
    const { counts, config } = world;
    this.mix = new SessionMix(config);
    this.layout = new OrderLayout(world, new Rng());
    this.perOrder = 2 + config.webEvents.purchaseExtraEvents;
    const events = counts.web_events;
    const orders = counts.products > 0 && counts.customers > 0 ? counts.orders : 0;
    const rate = config.webEvents.targetConversionRate;
    const browsePerOrder = ((1 - rate) / rate) * this.mix.meanBrowseLength;
    // The largest K whose purchase sessions and browsing sessions fit the events (monotone in K), the
    // span starting on an order block's first order so each segment's purchase events are exact.
    const needed = (k: number): number =>
      this.perOrder * k + 2 * (this.layout.itemsBefore(orders) - this.layout.itemsBefore(orders - k)) + Math.ceil(k * browsePerOrder);
    const blocks = Math.ceil(orders / ORDERS_PER_BLOCK);
    const ordersFrom = (block: number): number => Math.max(orders - block * ORDERS_PER_BLOCK, 0);
    let lo = 0;
    let hi = blocks;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (needed(ordersFrom(mid)) <= events) hi = mid;
      else lo = mid + 1;
    }
    lo = ordersFrom(lo);
    this.spanOrders = lo;
    this.firstOrderId = orders - lo + 1;
    this.itemsBeforeSpan = this.layout.itemsBefore(orders - lo);
    this.firstBlock = lo > 0 ? this.layout.blockOf(this.firstOrderId) : 0;
    this.segmentCount = lo > 0 ? this.layout.blockOf(orders) - this.firstBlock + 1 : 0;
    this.browseEvents = lo > 0 ? events - this.purchaseEventsBefore(lo) : events;
    this.floorSecond = lo > 0 && this.firstOrderId > 1 ? Math.floor(world.orderTimeline.secondOf(this.firstOrderId - 1)) + 1 : Number.NEGATIVE_INFINITY;
  }

  /** Events of the purchase sessions of the span's first `spanOrders` orders. */
  purchaseEventsBefore(spanOrders: number): number {
    return this.perOrder * spanOrders + 2 * (this.layout.itemsBefore(this.firstOrderId - 1 + spanOrders) - this.itemsBeforeSpan);
  }

  /** Span orders before segment `segment` (0 for the first, K past the last). */
  spanOrdersBefore(segment: number): number {
    if (segment <= 0) return 0;
    const before = (this.firstBlock + segment) * ORDERS_PER_BLOCK - (this.firstOrderId - 1);
    return Math.min(before, this.spanOrders);
  }

  /** Events before segment `segment`: its first event id is this + 1. */
  eventsBefore(segment: number): number {
    if (segment >= this.segmentCount) return this.world.counts.web_events;
    const orders = this.spanOrdersBefore(segment);
    return this.purchaseEventsBefore(orders) + mulDivFloor(this.browseEvents, orders, this.spanOrders);
  }

  /** The segment holding event `eventId`. */
  segmentOf(eventId: number): number {
    let lo = 0;
    let hi = this.segmentCount - 1;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (this.eventsBefore(mid) <= eventId - 1) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Extra events each purchase session has (see layout) sum to this over the segment's orders. */
  extraEventsOf(orders: number): number {
    return (this.perOrder - 2) * orders;
  }
}
