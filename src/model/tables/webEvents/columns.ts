// What the web_events generator writes: its columns in file order, and the random streams its values
// depend on. Pure data, so the schema loader can check schemas/web_events.json against it without
// loading the generator.
import type { StreamName } from '../../streams.js';

export const WEB_EVENT_COLUMNS = [
  'event_id', 'session_id', 'customer_id', 'product_id', 'event_type', 'event_timestamp', 'page_url',
  'search_query', 'traffic_source', 'device_type', 'browser', 'operating_system',
] as const;

export const WEB_EVENT_STREAMS: readonly StreamName[] = ['webBlock', 'webSessionMaskHigh', 'webSessionMaskLow', 'customerCreatedAt', 'customerTiers', 'productCreatedAt', 'productTiers', 'productCore'];
