// The web_events shape shared by the baselines: the same 12 columns and value sets as
// schemas/web_events.json, with rough null rates, so the files are of comparable width (~150 B a row).
// The baselines only imitate the shape; none of ecomgen's rules (sessions, funnels, keys) are kept.
export const COLUMNS = [
  'event_id', 'session_id', 'customer_id', 'product_id', 'event_type', 'event_timestamp',
  'page_url', 'search_query', 'traffic_source', 'device_type', 'browser', 'operating_system',
];
export const EVENT_TYPES = ['page_view', 'search', 'product_view', 'add_to_cart', 'remove_from_cart', 'begin_checkout', 'purchase'];
export const TRAFFIC_SOURCES = ['organic_search', 'paid_search', 'social', 'email', 'direct', 'referral'];
export const DEVICE_TYPES = ['desktop', 'mobile', 'tablet'];
export const BROWSERS = ['Chrome', 'Edge', 'Firefox', 'Opera', 'Safari', 'Samsung Internet'];
export const OPERATING_SYSTEMS = ['Android', 'ChromeOS', 'Linux', 'Windows', 'iOS', 'iPadOS', 'macOS'];
export const PAGES = ['/', '/cart', '/checkout', '/account', '/new-arrivals', '/deals', '/category/electronics', '/category/books'];
export const SLUGS = [
  'wireless-earbuds', 'signature-stand-mixer', 'noise-cancelling-over-ear-headphones', 'premium-planter',
  'large-storage-bins', 'commercial-grade-air-fryer', 'men-s-slim-fit-crew-neck-t-shirt', 'yoga-mat',
];
export const QUERIES = ['science fiction', 'running shoes', 'usb c charger', 'garden hose', 'winter jacket', 'air fryer'];
export const CUSTOMERS = 100_000;
export const PRODUCTS = 50_000;
/** Share of events with a logged-in customer, and of events about a product. */
export const CUSTOMER_RATE = 0.6;
export const PRODUCT_RATE = 0.45;
export const SEARCH_RATE = 0.08;
/** 2022-01-01 .. 2024-12-31, in seconds. */
export const WINDOW_START = '2022-01-01';
export const WINDOW_SECONDS = 3 * 365 * 86_400;
