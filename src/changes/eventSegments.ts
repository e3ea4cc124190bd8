// Which web event ids can hold events stamped inside a span of time. The clickstream's event ids are cut
// into segments, one per order block (see ClickstreamPlan), each holding sessions in start order; a
// segment's events fall between its first session's start and a bound from its orders' seconds. A worker
// learns each segment's first start once (one probe of its first event) and then answers any span with
// two searches over per-segment arrays, laying out no segment the span does not meet.
import type { World } from '../model/world.js';
import { ClickstreamPlan } from '../model/tables/webEvents/clickstreamPlan.js';
import { ORDERS_PER_BLOCK } from '../model/orderLayout.js';

/**
 * Slack for the session curve's round trip (a session's start is kept as a quantile of the curve and
 * turned back into a second when walked): the walk itself allows a minute for it.
 */
const CURVE_ROUND_TRIP_SECONDS = 60;

export class EventSegments {
  private readonly plan: ClickstreamPlan;
  /** Per segment: no event of it is stamped after this second (non-decreasing with the segment). */
  private readonly lastSeconds: Float64Array;
  /** Per segment: no event of it or of a later segment is stamped before this second; NaN until probed. */
  private readonly firstSecondsFrom: Float64Array;
  /** Segments from this one to the last have `firstSecondsFrom` filled in. */
  private probedFrom: number;

  /** `firstEventSecond(id)` is the second of event `id`. */
  constructor(
    world: World,
    private readonly firstEventSecond: (eventId: number) => number,
  ) {
    this.plan = new ClickstreamPlan(world);
    const plan = this.plan;
    const count = plan.spanOrders > 0 ? plan.segmentCount : 0;
    this.lastSeconds = new Float64Array(count);
    this.firstSecondsFrom = new Float64Array(count).fill(Number.NaN);
    this.probedFrom = count;
    const config = world.config.webEvents;
    // A browsing session starts by the next block's first order and walks at most its capped gaps.
    const browseSpan = (Math.max(2, config.maxSessionEvents) - 1) * config.gapSeconds.max;
    const orders = world.counts.orders;
    for (let segment = 0; segment < count; segment++) {
      const block = plan.firstBlock + segment;
      const lastOrder = Math.min((block + 1) * ORDERS_PER_BLOCK, orders);
      const nextFirst = (block + 1) * ORDERS_PER_BLOCK + 1;
      const browseStartBy = (nextFirst <= orders ? world.orderTimeline.secondOf(nextFirst) : world.windowLast + 1) + CURVE_ROUND_TRIP_SECONDS;
      // A purchase session ends at its order's second.
      this.lastSeconds[segment] = Math.max(world.orderTimeline.secondOf(lastOrder), browseStartBy + browseSpan);
    }
  }

  /** Whether the clickstream is cut into segments (else every session browses, spread over the window). */
  get segmented(): boolean {
    return this.lastSeconds.length > 0;
  }

  /** Probes the first session of every segment from `segment` on that is not known yet. */
  private probeFrom(segment: number): void {
    const firsts = this.firstSecondsFrom;
    for (let at = this.probedFrom - 1; at >= segment; at--) {
      // The segment's first event starts its earliest session; another session may map a minute earlier.
      const first = this.firstEventSecond(this.plan.eventsBefore(at) + 1) - CURVE_ROUND_TRIP_SECONDS;
      firsts[at] = at + 1 < firsts.length ? Math.min(first, firsts[at + 1] as number) : first;
    }
    this.probedFrom = Math.min(this.probedFrom, segment);
  }

  /** Event ids [low, high] that hold every event stamped in (after, until] (low > high: none). */
  range(after: number, until: number): [number, number] {
    const lasts = this.lastSeconds;
    const count = lasts.length;
    // The first segment with an event after `after` (lastSeconds is non-decreasing).
    let low = 0;
    let high = count;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((lasts[mid] as number) <= after) low = mid + 1;
      else high = mid;
    }
    const first = low;
    if (first >= count) return [1, 0];
    this.probeFrom(first);
    // The last segment whose events (or a later segment's) can come by `until` (firstSecondsFrom is non-decreasing).
    const firsts = this.firstSecondsFrom;
    low = first;
    high = count;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((firsts[mid] as number) <= until) low = mid + 1;
      else high = mid;
    }
    const last = low - 1;
    if (last < first) return [1, 0];
    return [this.plan.eventsBefore(first) + 1, this.plan.eventsBefore(last + 1)];
  }
}

/**
 * No web event is stamped before this second: the clickstream's floor (a purchase session is compressed
 * to start after it, a browsing one starts after its segment's first order), less the curve's round trip.
 * -Infinity when the sessions browse over the whole window, Infinity when there are no events.
 */
export function firstEventSecondBound(world: World): number {
  if (world.counts.web_events === 0) return Number.POSITIVE_INFINITY;
  const plan = new ClickstreamPlan(world);
  if (plan.spanOrders === 0) return Number.NEGATIVE_INFINITY;
  return plan.floorSecond - CURVE_ROUND_TRIP_SECONDS - 1;
}
