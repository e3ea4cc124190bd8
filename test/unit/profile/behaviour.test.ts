// The profile's behaviour figures (conversion, lifecycle, fulfilment, returns, margins, tax) on a
// hand-written five-table dataset in memory. Every expected value is worked out by hand from the rows
// below, in the comments next to it; the clock is UTC unless a test says otherwise.
import { beforeAll, describe, expect, it } from 'vitest';
import { profileTables } from '../../../src/profile/profileDataset.js';
import { memoryTables } from '../../../src/profile/tableReader.js';
import { formatProfile } from '../../../src/profile/formatProfile.js';
import type { DatasetProfile, ProfileClock } from '../../../src/profile/profileTypes.js';

const UTC: ProfileClock = { utcOffsetHours: 0, basis: 'utc', note: 'test' };

const CUSTOMERS = `customer_id,first_name,last_name,gender,email,phone,date_of_birth,address_line1,address_line2,city,state,zip_code,country,customer_segment,marketing_opt_in,created_at
1,Ann,Lee,F,ann@x.com,1,1990-01-01,1 A St,,NYC,NY,10001,US,regular,true,2024-01-10 10:00:00
2,Bob,Ray,M,bob@x.com,1,1980-01-01,2 B St,,Salem,OR,97301,US,regular,true,2024-01-20 12:00:00
3,Cat,Kim,F,cat@x.com,1,1970-01-01,3 C St,,LA,CA,90001,US,regular,true,2024-02-05 09:00:00
4,Dan,Orr,M,dan@x.com,1,1960-01-01,4 D St,,LA,CA,90001,US,regular,true,2023-06-01 00:00:00
`;

const PRODUCTS_HEADER = 'product_id,sku,product_name,category,subcategory,brand,price,cost,stock_quantity,is_active,created_at';
const PRODUCT_ROWS = [
  ['1,S1,Shirt,Clothing,Tops,B,40.00,16.00,5,true,2020-01-01 00:00:00', '2024-02-01 00:00:00'],
  ['2,S2,Novel,Books,Fiction,B,10.00,6.00,5,true,2020-01-01 00:00:00', ''],
  ['3,S3,TV,Electronics,TVs,B,600.00,540.00,5,true,2020-01-01 00:00:00', ''],
];

const ORDERS_HEADER = 'order_id,customer_id,order_date,status,payment_method,shipping_method,shipping_address_line1,shipping_city,shipping_state,shipping_zip,subtotal,discount_amount,tax_amount,shipping_cost,total_amount,shipped_at,delivered_at';
const ORDER_ROWS = [
  ['1,1,2024-01-10 15:00:00,delivered,paypal,standard,1 A St,NYC,NY,10001,100.00,0.00,8.50,0.00,108.50,2024-01-11 10:00:00,2024-01-14 10:00:00', ''],
  ['2,1,2024-02-12 09:00:00,returned,paypal,next_day,1 A St,NYC,NY,10001,50.00,10.00,3.40,0.00,43.40,2024-02-12 15:00:00,2024-02-13 18:00:00', '2024-02-20 18:00:00'],
  ['3,2,2024-01-25 20:00:00,delivered,paypal,standard,2 B St,Salem,OR,97301,30.00,0.00,0.00,0.00,30.00,2024-01-28 08:00:00,2024-02-01 08:00:00', ''],
  ['4,3,2024-02-05 10:00:00,cancelled,paypal,standard,3 C St,LA,CA,90001,20.00,0.00,1.25,0.00,21.25,,', ''],
  ['5,2,2024-03-31 23:00:00,returned,paypal,express,2 B St,Salem,OR,97301,600.00,0.00,0.00,0.00,600.00,2024-04-01 08:00:00,2024-04-03 14:00:00', '2024-05-03 14:00:00'],
];

const ITEMS = `order_item_id,order_id,product_id,quantity,unit_price,discount_amount,line_total
1,1,1,2,40.00,0.00,80.00
2,1,2,2,10.00,0.00,20.00
3,2,1,1,40.00,0.00,40.00
4,3,2,3,10.00,0.00,30.00
5,4,2,2,10.00,0.00,20.00
6,5,3,1,600.00,0.00,600.00
`;

const EVENTS_HEADER = 'event_id,session_id,customer_id,product_id,event_type,event_timestamp,page_url,search_query,traffic_source,device_type,browser,operating_system';
// [session, customer, product, type, time, query, source, device, order_id]
const EVENT_ROWS: string[][] = [
  ['s1', '1', '', 'page_view', '2024-01-10 14:50:00', '', 'email', 'desktop', ''],
  ['s1', '1', '1', 'product_view', '2024-01-10 14:51:00', '', 'email', 'desktop', ''],
  ['s1', '1', '1', 'add_to_cart', '2024-01-10 14:52:00', '', 'email', 'desktop', ''],
  ['s1', '1', '', 'begin_checkout', '2024-01-10 14:55:00', '', 'email', 'desktop', ''],
  ['s1', '1', '', 'purchase', '2024-01-10 14:59:00', '', 'email', 'desktop', '1'],
  ['s2', '', '', 'page_view', '2024-01-12 10:00:00', '', 'social', 'mobile', ''],
  ['s3', '', '', 'page_view', '2024-01-13 10:00:00', '', 'email', 'mobile', ''],
  ['s3', '', '', 'search', '2024-01-13 10:01:00', 'red shoes', 'email', 'mobile', ''],
  ['s3', '', '', 'search', '2024-01-13 10:02:00', 'red shoes', 'email', 'mobile', ''],
  ['s4', '2', '', 'search', '2024-01-20 10:00:00', 'lamp', 'direct', 'desktop', ''],
  ['s4', '2', '2', 'product_view', '2024-01-20 10:01:00', '', 'direct', 'desktop', ''],
  ['s5', '', '', 'page_view', '2024-02-20 00:00:00', '', 'social', 'mobile', ''],
];

/** The dataset with or without the columns realism 2 adds (order_id, discontinued_at, returned_at). */
function tables(withNewColumns: boolean): Record<string, string> {
  const extra = (header: string, name: string): string => (withNewColumns ? `${header},${name}` : header);
  const lines = (header: string, rows: string[][]): string => `${[header, ...rows.map(([row, added]) => (withNewColumns ? `${row},${added}` : (row as string)))].join('\n')}\n`;
  const eventHeader = withNewColumns ? EVENTS_HEADER.replace('product_id,', 'product_id,order_id,') : EVENTS_HEADER;
  const events = EVENT_ROWS.map(([session, customer, product, type, time, query, source, device, order], index) =>
    [index + 1, session, customer, product, ...(withNewColumns ? [order] : []), type, time, '/', query, source, device, 'Chrome', 'Windows'].join(','),
  );
  return {
    customers: CUSTOMERS,
    products: lines(extra(PRODUCTS_HEADER, 'discontinued_at'), PRODUCT_ROWS),
    orders: lines(extra(ORDERS_HEADER, 'returned_at'), ORDER_ROWS),
    order_items: ITEMS,
    web_events: `${[eventHeader, ...events].join('\n')}\n`,
  };
}

let full: DatasetProfile;
let old: DatasetProfile;

beforeAll(async () => {
  full = await profileTables(memoryTables(tables(true)), UTC);
  old = await profileTables(memoryTables(tables(false)), UTC);
});

describe('sessions', () => {
  it('convert (a purchase event) and bounce (one event) overall, by device and by source', () => {
    const s = full.behaviour.sessions;
    // 5 sessions: s1 purchases; s2 and s5 have one event.
    expect(s.conversion).toBe(1 / 5);
    expect(s.bounce).toBe(2 / 5);
    expect(s.byDevice).toEqual({ mobile: { sessions: 3, conversion: 0, bounce: 2 / 3 }, desktop: { sessions: 2, conversion: 1 / 2, bounce: 0 } });
    expect(s.bySource).toEqual({
      email: { sessions: 2, conversion: 1 / 2, bounce: 0 },
      social: { sessions: 2, conversion: 0, bounce: 1 },
      direct: { sessions: 1, conversion: 0, bounce: 0 },
    });
    // Lengths 5, 1, 3, 2, 1.
    expect(s.lengthShares).toEqual({ 1: 2 / 5, 2: 1 / 5, 3: 1 / 5, 5: 1 / 5 });
  });

  it('per order of the clickstream span, and the share of those orders a purchase event names', () => {
    const span = full.behaviour.sessions.span;
    expect(span.first).toBe('2024-01-10 14:50:00');
    expect(span.last).toBe('2024-02-20 00:00:00');
    // Orders 1-4 fall inside the span, order 5 (March 31) after it; only order 1 has a purchase event.
    expect(span.ordersInSpan).toBe(4);
    expect(span.sessionsPerOrder).toBe(5 / 4);
    expect(span.ordersWithPurchaseSession).toBe(1 / 4);
    expect(old.behaviour.sessions.span.ordersWithPurchaseSession).toBeNull();
    expect(old.behaviour.sessions.span.sessionsPerOrder).toBe(5 / 4);
  });

  it('count distinct search queries, the top 10 share and the top and median uses', () => {
    // "red shoes" twice, "lamp" once.
    expect(full.behaviour.sessions.search).toEqual({ events: 3, distinctQueries: 2, top10Share: 1, topQuery: 'red shoes', topQueryCount: 2, medianQueryCount: 1 });
  });

  it('keep the funnel figures they had when every session was held in a map', () => {
    expect(full.webEvents.sessions).toBe(5);
    expect(full.webEvents.funnel.sessionsWithPurchase).toBe(1 / 5);
    expect(full.webEvents.funnel.sessionsWithProductView).toBe(2 / 5);
    expect(full.webEvents.anonymousSessionShare).toBe(3 / 5);
    expect(full.webEvents.deviceShares).toEqual({ mobile: 3 / 5, desktop: 2 / 5 });
  });
});

describe('baskets', () => {
  it('return rate by category, of lines and of the orders holding the category', () => {
    // Returned orders: 2 (a shirt) and 5 (a TV). Shirts: lines 1 and 3; books: lines 2, 4, 5; TV: line 6.
    expect(full.behaviour.baskets.returnRateByCategory).toEqual({
      Books: { lines: 3, lineShare: 0, orders: 3, orderShare: 0 },
      Clothing: { lines: 2, lineShare: 1 / 2, orders: 2, orderShare: 1 / 2 },
      Electronics: { lines: 1, lineShare: 1, orders: 1, orderShare: 1 },
    });
  });

  it('return rate by unit price band', () => {
    const bands = full.behaviour.baskets.returnRateByPriceBand;
    expect(Object.keys(bands)).toEqual(['<$25', '$25-50', '$50-100', '$100-250', '$250-500', '$500+']);
    expect(bands['<$25']).toEqual({ lines: 3, lineShare: 0, orders: 3, orderShare: 0 });
    expect(bands['$25-50']).toEqual({ lines: 2, lineShare: 1 / 2, orders: 2, orderShare: 1 / 2 });
    expect(bands['$100-250']).toEqual({ lines: 0, lineShare: 0, orders: 0, orderShare: 0 });
    expect(bands['$500+']).toEqual({ lines: 1, lineShare: 1, orders: 1, orderShare: 1 });
  });

  it('gross margin by category: (line totals - units x cost) / line totals', () => {
    const margin = full.behaviour.baskets.grossMarginByCategory;
    expect(margin['Clothing']).toBeCloseTo((120 - 3 * 16) / 120, 12);
    expect(margin['Books']).toBeCloseTo((70 - 7 * 6) / 70, 12);
    expect(margin['Electronics']).toBeCloseTo((600 - 540) / 600, 12);
  });

  it('best-seller head: units by rank, ranks past the catalog left out, no #1/#20 under 20 products', () => {
    // Units: novel 7, shirt 3, TV 1.
    expect(full.behaviour.baskets.bestSellerUnits).toEqual({ '#1': 7, '#2': 3 });
    expect(full.behaviour.baskets.bestSellerFirstToTwentieth).toBeNull();
  });

  it('order lines placed after their product was discontinued, unavailable without the column', () => {
    // The shirt is discontinued on Feb 1; order 2 (Feb 12) still sells one.
    expect(full.behaviour.baskets.linesAfterDiscontinuation).toBe(1);
    expect(old.behaviour.baskets.linesAfterDiscontinuation).toBeNull();
  });
});

describe('lifecycle', () => {
  it('repeat rate among buyers and the share who never buy', () => {
    // Orders: customer 1 two, 2 two, 3 one, 4 none.
    expect(full.behaviour.lifecycle.buyers).toBe(3);
    expect(full.behaviour.lifecycle.repeatRateAmongBuyers).toBe(2 / 3);
    expect(full.behaviour.lifecycle.neverBuyShare).toBe(1 / 4);
  });

  it('cohort retention: mean over signup-month cohorts whose month m is inside the window', () => {
    // Window January-March 2024. January cohort (1, 2) orders in Jan+Feb (1) and Jan+Mar (2); February cohort (3) in Feb.
    // m0: (2/2 + 1/1) / 2; m1: (1/2 + 0/1) / 2; m2: January only (Feb + 2 = April is outside), 1/2.
    const { cohortRetention, cohortsPerMonth } = full.behaviour.lifecycle;
    expect(cohortRetention).toEqual([1, 0.25, 0.5, ...Array.from({ length: 10 }, () => null)]);
    expect(cohortsPerMonth).toEqual([2, 2, 1, ...Array.from({ length: 10 }, () => 0)]);
  });

  it('first-order lag of buyers who signed up in the window: same-day share, median, p90', () => {
    // Lags: customer 1 5 h (same day), 2 5 d 8 h, 3 1 h (same day); customer 4 signed up before the window.
    const lag = full.behaviour.lifecycle.firstOrderLag;
    expect(lag.buyers).toBe(3);
    expect(lag.sameDayShare).toBe(2 / 3);
    expect(lag.medianDays).toBeCloseTo(5 / 24, 12);
    expect(lag.p90Days).toBeCloseTo(5 + 8 / 24, 12);
  });
});

describe('fulfilment', () => {
  it('ship hour and weekday', () => {
    // Shipped: Thu 10h, Mon 15h, Sun 08h, Mon 08h.
    const f = full.behaviour.fulfilment;
    expect(f.shipWeekdayShares).toEqual({ Mon: 0.5, Tue: 0, Wed: 0, Thu: 0.25, Fri: 0, Sat: 0, Sun: 0.25 });
    expect(Object.keys(f.shipHourShares)).toHaveLength(24);
    expect(f.shipHourShares['08h']).toBe(0.5);
    expect(f.shipHourShares['10h']).toBe(0.25);
    expect(f.shipHourShares['15h']).toBe(0.25);
  });

  it('handling and transit hours by method, with the share of exact whole days', () => {
    const f = full.behaviour.fulfilment;
    // Handling: standard 19 h and 60 h, next_day 6 h, express 9 h.
    expect(f.handlingHoursByMethod).toEqual({
      express: { count: 1, p10: 9, median: 9, p90: 9 },
      next_day: { count: 1, p10: 6, median: 6, p90: 6 },
      standard: { count: 2, p10: 19, median: 60, p90: 60 },
    });
    // Transit: standard 72 h and 96 h (both whole days), next_day 27 h, express 54 h.
    expect(f.transitHoursByMethod).toEqual({
      express: { count: 1, p10: 54, median: 54, p90: 54, wholeDayShare: 0 },
      next_day: { count: 1, p10: 27, median: 27, p90: 27, wholeDayShare: 0 },
      standard: { count: 2, p10: 72, median: 96, p90: 96, wholeDayShare: 1 },
    });
  });

  it('return lag and returns by month, unavailable without returned_at', () => {
    // Order 2 returned 7 days after delivery (February), order 5 30 days after (May).
    const f = full.behaviour.fulfilment;
    expect(f.returnLagDays).toEqual({ count: 2, p10: 7, median: 30, p90: 30 });
    expect(f.returnsByMonth?.['Feb']).toBe(0.5);
    expect(f.returnsByMonth?.['May']).toBe(0.5);
    expect(Object.values(f.returnsByMonth ?? {}).reduce((sum, value) => sum + value, 0)).toBe(1);
    expect(old.behaviour.fulfilment.returnLagDays).toBeNull();
    expect(old.behaviour.fulfilment.returnsByMonth).toBeNull();
  });

  it('reads hours and weekdays in the local time of the clock', async () => {
    // At UTC-6, order 3's shipment (Sun 08:00 UTC) is Sun 02h and order 1's (Thu 10:00) Thu 04h.
    const local = await profileTables(memoryTables(tables(true)), { utcOffsetHours: -6, basis: 'config', note: 'test' });
    expect(local.behaviour.fulfilment.shipHourShares['02h']).toBe(0.5);
    expect(local.behaviour.fulfilment.shipHourShares['04h']).toBe(0.25);
    expect(local.behaviour.fulfilment.shipHourShares['09h']).toBe(0.25);
    expect(local.behaviour.clock.basis).toBe('config');
  });
});

describe('tax and availability', () => {
  it('tax / (subtotal - discount) by shipping state', () => {
    // NY: (8.50 + 3.40) / (100 + 40); OR: no tax; CA: 1.25 / 20.
    const rates = full.behaviour.taxRateByState;
    expect(Object.keys(rates)).toEqual(['CA', 'NY', 'OR']);
    expect(rates['NY']).toBeCloseTo(11.9 / 140, 12);
    expect(rates['OR']).toBe(0);
    expect(rates['CA']).toBeCloseTo(0.0625, 12);
  });

  it('lists each metric left out for a missing column, and none when the columns are there', () => {
    expect(full.behaviour.unavailable).toEqual([]);
    expect([...old.behaviour.unavailable].sort()).toEqual([
      'order lines after discontinuation: no products.discontinued_at column',
      'orders with a purchase session: no web_events.order_id column',
      'return lag and returns by month: no orders.returned_at column',
    ]);
  });
});

describe('the text report', () => {
  it('prints the behaviour figures, and n/a with the missing column for what an older dataset lacks', () => {
    const text = formatProfile(full);
    expect(text).toContain('behaviour (hours and weekdays UTC: test)');
    expect(text).toContain('  sessions: conversion 20.00%, bounce (one-event sessions) 40.0%');
    expect(text).toContain('orders with a purchase session 25.0%');
    expect(text).toContain('  cohort retention, months 0-12: 100.0%, 25.0%, 50.0%, n/a, n/a');
    expect(text).toContain('  tax / (subtotal - discount) by state: CA 6.25%, NY 8.50%, OR 0.00%');
    const older = formatProfile(old);
    expect(older).toContain('orders with a purchase session n/a (no web_events.order_id column)');
    expect(older).toContain("  order lines after the product's discontinuation: n/a (no products.discontinued_at column)");
    expect(older).toContain('  return lag (delivery to return): n/a (no orders.returned_at column)');
    expect(older).toContain('  returns by month: n/a (no orders.returned_at column)');
  });

  it('survives a JSON round trip (no NaN among the new figures) unchanged', () => {
    expect(formatProfile(JSON.parse(JSON.stringify(full)) as DatasetProfile).split('\nbehaviour')[1]).toBe(formatProfile(full).split('\nbehaviour')[1]);
  });
});

describe('a dirty run', () => {
  it('leaves an order whose date drifted out of every time figure instead of failing', async () => {
    // Order 5's date in a drifted form (a --defects format_drift): it used to become a year in the
    // thousands and end the profile with "Invalid time value".
    const dirty = tables(true);
    dirty.orders = (dirty.orders as string).replace('2024-03-31 23:00:00', '03/31/2024 23:00:00');
    const profile = await profileTables(memoryTables(dirty), UTC);
    expect(profile.orders.rows).toBe(5);
    expect(Object.keys(profile.orders.perMonth).sort()).toEqual(['2024-01', '2024-02']);
    expect(Object.keys(full.orders.perMonth).sort()).toEqual(['2024-01', '2024-02', '2024-03']);
  });
});
