import { LabelCounts, NumberSample } from './counters.js';
import type { SessionRates } from './profileTypes.js';

/** One web event, as the session tally needs it. */
export interface SessionEvent {
  readonly session: string;
  readonly type: string;
  readonly anonymous: boolean;
  readonly device: string;
  readonly source: string;
  readonly os: string;
  readonly browser: string;
}

const VIEW = 1;
const CART = 2;
const CHECKOUT = 4;
const PURCHASE = 8;

/** Sessions, converted (with a purchase) and bounced (one event), per label. */
class RateCounts {
  private readonly counts = new Map<string, [number, number, number]>();

  add(label: string, converted: boolean, bounced: boolean): void {
    let entry = this.counts.get(label);
    if (!entry) this.counts.set(label, (entry = [0, 0, 0]));
    entry[0]++;
    if (converted) entry[1]++;
    if (bounced) entry[2]++;
  }

  /** Largest label first. */
  rates(): Record<string, SessionRates> {
    const entries = [...this.counts.entries()].sort((a, b) => b[1][0] - a[1][0] || (a[0] < b[0] ? -1 : 1));
    return Object.fromEntries(entries.map(([label, [sessions, converted, bounced]]) => [label, { sessions, conversion: converted / sessions, bounce: bounced / sessions }]));
  }
}

/**
 * Per-session figures from web events in file order. A session's events are consecutive (event ids
 * follow sessions), so only the current session is held: memory does not grow with the session count
 * (a map of every session cost ~0.8 GB at prod). A session id seen again later counts as a new session.
 */
export class SessionTally {
  private current: string | undefined;
  private flags = 0;
  private events = 0;
  private anonymous = false;
  private device = '';
  private source = '';
  sessions = 0;
  readonly lengths = new NumberSample();
  readonly lengthCounts = new LabelCounts();
  readonly devices = new LabelCounts();
  readonly sources = new LabelCounts();
  readonly browserByOs = new Map<string, LabelCounts>();
  readonly funnel = { view: 0, cart: 0, checkout: 0, purchase: 0, anonymous: 0, anonymousPurchase: 0, viewAndCart: 0, bounced: 0 };
  private readonly byDevice = new RateCounts();
  private readonly bySource = new RateCounts();

  add(event: SessionEvent): void {
    if (event.session !== this.current) {
      this.close();
      this.current = event.session;
      this.anonymous = event.anonymous;
      this.device = event.device;
      this.source = event.source;
      this.devices.add(event.device);
      this.sources.add(event.source);
      let browsers = this.browserByOs.get(event.os);
      if (!browsers) this.browserByOs.set(event.os, (browsers = new LabelCounts()));
      browsers.add(event.browser);
    }
    this.events++;
    if (event.type === 'product_view') this.flags |= VIEW;
    else if (event.type === 'add_to_cart') this.flags |= CART;
    else if (event.type === 'begin_checkout') this.flags |= CHECKOUT;
    else if (event.type === 'purchase') this.flags |= PURCHASE;
  }

  /** Counts the session in progress: call once after the last event. */
  close(): void {
    if (this.current === undefined) return;
    const { funnel, flags } = this;
    this.sessions++;
    this.lengths.push(this.events);
    this.lengthCounts.add(String(this.events));
    const converted = (flags & PURCHASE) !== 0;
    const bounced = this.events === 1;
    if (flags & VIEW) funnel.view++;
    if (flags & CART) funnel.cart++;
    if (flags & VIEW && flags & CART) funnel.viewAndCart++;
    if (flags & CHECKOUT) funnel.checkout++;
    if (converted) funnel.purchase++;
    if (bounced) funnel.bounced++;
    if (this.anonymous) funnel.anonymous++;
    if (this.anonymous && converted) funnel.anonymousPurchase++;
    this.byDevice.add(this.device, converted, bounced);
    this.bySource.add(this.source, converted, bounced);
    this.current = undefined;
    this.flags = 0;
    this.events = 0;
  }

  deviceRates(): Record<string, SessionRates> {
    return this.byDevice.rates();
  }

  sourceRates(): Record<string, SessionRates> {
    return this.bySource.rates();
  }
}

/** How often each search query is used: distinct count, the head's share, the top and median counts. */
export function queryFigures(queries: LabelCounts): { events: number; distinctQueries: number; top10Share: number; topQuery: string | null; topQueryCount: number; medianQueryCount: number } {
  const entries = queries.entries().sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const top10 = entries.slice(0, 10).reduce((sum, [, count]) => sum + count, 0);
  const median = entries.length ? (entries[Math.floor(entries.length / 2)]?.[1] ?? 0) : 0;
  return {
    events: queries.total,
    distinctQueries: entries.length,
    top10Share: queries.total > 0 ? top10 / queries.total : 0,
    topQuery: entries[0]?.[0] ?? null,
    topQueryCount: entries[0]?.[1] ?? 0,
    medianQueryCount: median,
  };
}
