// What the web_events generator writes: its columns in file order, and the random streams its values
// depend on. Pure data, so the schema loader can check schemas/web_events.json against it without
// loading the generator.
import type { StreamName } from '../../streams.js';

export const WEB_EVENT_COLUMNS = [
  'event_id', 'session_id', 'customer_id', 'product_id', 'order_id', 'event_type', 'event_timestamp', 'page_url',
  'search_query', 'traffic_source', 'device_type', 'browser', 'operating_system',
] as const;

/**
 * Purchase sessions are the orders' (their customer, time and items), so web events follow the order
 * streams as well as the customer and product ones their visitors and views come from.
 */
export const WEB_EVENT_STREAMS: readonly StreamName[] = [
  'webBlock', 'webSession', 'webPurchase', 'webSessionMaskHigh', 'webSessionMaskLow',
  'customerCreatedAt', 'customerTiers', 'customerLifecycle', 'customerOrders', 'productCreatedAt', 'productTiers', 'productCore',
  'orderDate', 'orderBlock', 'orderItems', 'customerHistory', 'productHistory',
];
