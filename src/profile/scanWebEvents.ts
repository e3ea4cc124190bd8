import { LabelCounts } from './counters.js';
import { SessionTally } from './sessionTally.js';
import { at, forEachRow, required, type TableSource } from './tableReader.js';
import { epochSeconds } from './timestamps.js';

/** What one pass over web_events yields. */
export interface WebEventsScan {
  readonly events: number;
  readonly eventTypes: LabelCounts;
  readonly sessions: SessionTally;
  readonly queries: LabelCounts;
  readonly views: number;
  /** Product views of `topProducts`. */
  readonly topViews: number;
  /** The clickstream's span, epoch seconds (Infinity / -Infinity when empty). */
  readonly firstEvent: number;
  readonly lastEvent: number;
  /** Whether the table has web_events.order_id (schema versions before realism 2 do not). */
  readonly hasOrderId: boolean;
}

/**
 * Streams web_events once: event types, sessions (one at a time: WEB-10 keeps a session's events
 * consecutive), search queries, views of the best-sellers, the time span, and `purchased(orderId)` for
 * each purchase event that names its order.
 */
export async function scanWebEvents(tables: TableSource, topProducts: ReadonlySet<number>, purchased: (orderId: number) => void): Promise<WebEventsScan> {
  const eventTypes = new LabelCounts();
  const queries = new LabelCounts();
  const sessions = new SessionTally();
  let events = 0;
  let views = 0;
  let topViews = 0;
  let firstEvent = Infinity;
  let lastEvent = -Infinity;
  let hasOrderId = false;
  await forEachRow(tables, 'web_events', (col) => {
    const c = (name: string): number => required(col, 'web_events', name);
    const [session, customer, product, type, timestamp, query, source, device, browser, os] = [
      c('session_id'), c('customer_id'), c('product_id'), c('event_type'), c('event_timestamp'), c('search_query'), c('traffic_source'), c('device_type'), c('browser'), c('operating_system'),
    ];
    const orderColumn = col['order_id'];
    hasOrderId = orderColumn !== undefined;
    return (row) => {
      events++;
      const typeText = at(row, type);
      eventTypes.add(typeText);
      const second = epochSeconds(at(row, timestamp));
      if (second < firstEvent) firstEvent = second;
      if (second > lastEvent) lastEvent = second;
      sessions.add({ session: at(row, session), type: typeText, anonymous: at(row, customer) === '', device: at(row, device), source: at(row, source), os: at(row, os), browser: at(row, browser) });
      if (typeText === 'product_view') {
        views++;
        if (topProducts.has(Number(at(row, product)))) topViews++;
      } else if (typeText === 'search') {
        const text = at(row, query);
        if (text !== '') queries.add(text);
      } else if (typeText === 'purchase' && orderColumn !== undefined) {
        const orderId = at(row, orderColumn);
        if (orderId !== '') purchased(Number(orderId));
      }
    };
  });
  sessions.close();
  return { events, eventTypes, sessions, queries, views, topViews, firstEvent, lastEvent, hasOrderId };
}
