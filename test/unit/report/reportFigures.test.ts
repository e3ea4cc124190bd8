// The report's aggregation on a hand-written dataset in memory (only the columns the report reads: the
// reader finds columns by name). Every expected value is worked out by hand from the rows below, in the
// comments next to it; the clock is UTC.
import { beforeAll, describe, expect, it } from 'vitest';
import { memoryTables } from '../../../src/profile/tableReader.js';
import type { ProfileClock } from '../../../src/profile/profileTypes.js';
import { reportFigures } from '../../../src/report/reportFigures.js';
import { holidayMarks } from '../../../src/report/holidayMarks.js';
import { SessionFunnel } from '../../../src/report/sessionFunnel.js';
import type { ReportFigures } from '../../../src/report/reportTypes.js';
import { epochDay } from '../../../src/core/calendar.js';
import { US_STATES } from '../../../src/vocab/usStates.js';
import { TABLE_NAMES, type TableName } from '../../../src/schema/tableNames.js';

const UTC: ProfileClock = { utcOffsetHours: 0, basis: 'utc', note: 'test' };

const TABLES = {
  customers: `customer_id,state,created_at
1,NY,2024-01-10 10:00:00
2,CA,2024-01-20 12:00:00
3,CA,2024-02-05 09:00:00
4,TX,2023-06-01 00:00:00
`,
  products: `product_id,category,price
1,Clothing,40.00
2,Books,10.00
3,Electronics,600.00
4,Books,20.00
`,
  orders: `order_id,customer_id,order_date,status,total_amount
1,1,2024-01-10 15:00:00,delivered,108.50
2,1,2024-02-12 09:00:00,returned,43.40
3,2,2024-02-12 20:00:00,delivered,650.00
4,4,2024-03-01 08:00:00,shipped,20.00
`,
  order_items: `order_item_id,order_id,product_id,quantity,unit_price,line_total
1,1,1,2,40.00,80.00
2,1,2,2,10.00,20.00
3,2,1,1,40.00,40.00
4,3,3,1,600.00,600.00
5,4,4,1,20.00,20.00
`,
  web_events: `event_id,session_id,event_type,device_type,traffic_source
1,s1,page_view,mobile,email
2,s1,product_view,mobile,email
3,s1,add_to_cart,mobile,email
4,s1,begin_checkout,mobile,email
5,s1,purchase,mobile,email
6,s2,page_view,mobile,organic_search
7,s3,product_view,desktop,email
8,s3,add_to_cart,desktop,email
9,s4,product_view,desktop,email
`,
};

let figures: ReportFigures;

const ALL = new Set<TableName>(TABLE_NAMES);

beforeAll(async () => {
  figures = await reportFigures({ source: memoryTables(TABLES), present: ALL }, UTC);
});

describe('reportFigures', () => {
  it('counts the headline from the rows', () => {
    expect(figures.headline).toEqual({
      customers: 4,
      products: 4,
      orders: 4,
      orderItems: 5,
      webEvents: 9,
      sessions: 4,
      revenueCents: 10850 + 4340 + 65000 + 2000,
      returnedOrders: 1,
      // s1 holds the only purchase.
      convertedSessions: 1,
      // Customers 1, 2 and 4 ordered; customer 1 twice.
      buyers: 3,
      repeatBuyers: 1,
    });
  });

  it('gives every day of the window its orders, zero days included', () => {
    // 2024-01-10 .. 2024-03-01: 22 days of January, 29 of February (leap year), 1 of March.
    expect(figures.ordersPerDay).toHaveLength(52);
    expect(figures.ordersPerDay[0]).toEqual({ day: '2024-01-10', orders: 1 });
    expect(figures.ordersPerDay.at(-1)).toEqual({ day: '2024-03-01', orders: 1 });
    expect(figures.ordersPerDay.find((row) => row.day === '2024-02-12')?.orders).toBe(2);
    expect(figures.ordersPerDay.reduce((sum, row) => sum + row.orders, 0)).toBe(4);
    // No Black Friday inside January to March.
    expect(figures.holidays).toEqual([]);
  });

  it('sums line totals per month of the order and category of the product', () => {
    expect(figures.revenueByMonth).toEqual([
      { month: '2024-01', category: 'Books', revenueCents: 2000 },
      { month: '2024-01', category: 'Clothing', revenueCents: 8000 },
      { month: '2024-02', category: 'Clothing', revenueCents: 4000 },
      { month: '2024-02', category: 'Electronics', revenueCents: 60000 },
      { month: '2024-03', category: 'Books', revenueCents: 2000 },
    ]);
  });

  it('sets customers per state against the census population', () => {
    const census = US_STATES.reduce((sum, state) => sum + state.population2020, 0);
    const population = (code: string): number => (US_STATES.find((state) => state.code === code)?.population2020 ?? Number.NaN) / census;
    expect(figures.states).toEqual([
      { state: 'CA', customers: 2, customerShare: 0.5, populationShare: population('CA') },
      { state: 'NY', customers: 1, customerShare: 0.25, populationShare: population('NY') },
      { state: 'TX', customers: 1, customerShare: 0.25, populationShare: population('TX') },
    ]);
  });

  it('gives the price spread per category', () => {
    expect(figures.prices).toEqual([
      // Books [10, 20]: nearest rank p10 is the 1st value, the median and p90 the 2nd.
      { category: 'Books', products: 2, min: 10, p10: 10, median: 20, p90: 20, max: 20 },
      { category: 'Clothing', products: 1, min: 40, p10: 40, median: 40, p90: 40, max: 40 },
      { category: 'Electronics', products: 1, min: 600, p10: 600, median: 600, p90: 600, max: 600 },
    ]);
  });

  it('counts each device\'s sessions reaching each funnel step', () => {
    const step = (device: string, name: string): number | undefined => figures.funnel.find((row) => row.device === device && row.step === name)?.share;
    // desktop: s3 (view, cart), s4 (view). mobile: s1 (every step), s2 (page view only).
    expect(figures.funnel.map((row) => row.device)).toEqual([...Array(5).fill('desktop'), ...Array(5).fill('mobile')]);
    expect(['session', 'view', 'cart', 'checkout', 'purchase'].map((name) => step('desktop', name))).toEqual([1, 1, 0.5, 0, 0]);
    expect(['session', 'view', 'cart', 'checkout', 'purchase'].map((name) => step('mobile', name))).toEqual([1, 0.5, 0.5, 0.5, 0.5]);
  });

  it('gives conversion per traffic source', () => {
    expect(figures.sources).toEqual([
      { source: 'email', sessions: 3, converted: 1, conversion: 1 / 3 },
      { source: 'organic_search', sessions: 1, converted: 0, conversion: 0 },
    ]);
  });

  it('keeps retention per signup-month cohort, only for months inside the window', () => {
    // Window months: January and February 2024 (the window ends at 08:00 on March 1st, which is not a
    // month of the window). Customer 4 signed up in 2023: no cohort. January: customers 1 (orders in
    // January and February) and 2 (February); February: customer 3 (no order).
    expect(figures.cohorts).toEqual([
      { cohort: '2024-01', size: 2, month: 0, retention: 0.5 },
      { cohort: '2024-01', size: 2, month: 1, retention: 1 },
      { cohort: '2024-02', size: 1, month: 0, retention: 0 },
    ]);
  });

  it('gives the return rate of each category\'s lines and the lines per order', () => {
    // Order 2 (returned) holds one of Clothing's two lines.
    expect(figures.returns).toEqual([
      { category: 'Books', lines: 2, lineShare: 0 },
      { category: 'Clothing', lines: 2, lineShare: 0.5 },
      { category: 'Electronics', lines: 1, lineShare: 0 },
    ]);
    expect(figures.itemsPerOrder).toEqual([
      { items: 1, orders: 3 },
      { items: 2, orders: 1 },
    ]);
  });

  it('reads days and months on the dataset\'s clock', async () => {
    // At UTC-6, order 3 (2024-02-12 20:00 UTC) is still the 12th but order 1 (2024-01-10 15:00) too, and
    // order 4 (2024-03-01 08:00 UTC) is 02:00 on March 1st; an order at 03:00 UTC moves to the day before.
    const early = { ...TABLES, orders: TABLES.orders.replace('2024-02-12 09:00:00', '2024-02-12 03:00:00') };
    const local = await reportFigures({ source: memoryTables(early), present: ALL }, { utcOffsetHours: -6, basis: 'config', note: 'test' });
    expect(local.ordersPerDay.find((row) => row.day === '2024-02-11')?.orders).toBe(1);
    expect(local.ordersPerDay.find((row) => row.day === '2024-02-12')?.orders).toBe(1);
  });
});

describe('reportFigures on a dataset written with --tables', () => {
  it('reads only the tables the dataset holds; the others count as empty', async () => {
    // Only customers and orders, as `--tables customers,orders` writes: the reader is never asked for
    // the other three (memoryTables would throw "missing").
    const { customers, orders } = TABLES;
    const subset = await reportFigures({ source: memoryTables({ customers, orders }), present: new Set<TableName>(['customers', 'orders']) }, UTC);
    expect(subset.tables).toEqual(['customers', 'orders']);
    expect(subset.headline).toMatchObject({ customers: 4, orders: 4, products: 0, orderItems: 0, webEvents: 0, sessions: 0, revenueCents: 82190, buyers: 3, repeatBuyers: 1 });
    expect(subset.cohorts).toEqual(figures.cohorts);
    expect(subset.ordersPerDay).toEqual(figures.ordersPerDay);
    expect([subset.revenueByMonth, subset.prices, subset.funnel, subset.sources, subset.returns]).toEqual([[], [], [], [], []]);
  });
});

describe('holidayMarks', () => {
  const first = epochDay(2023, 1, 1);
  it('marks the busier of Black Friday and Cyber Monday each year both lie in the window', () => {
    // 2023: Thanksgiving is November 23rd, Black Friday the 24th, Cyber Monday the 27th.
    // 2024: Black Friday is November 29th, Cyber Monday December 2nd, after the window's end.
    const orders = new Map([
      [epochDay(2023, 11, 24), 50],
      [epochDay(2023, 11, 27), 70],
      [epochDay(2024, 11, 29), 90],
    ]);
    const marks = holidayMarks((day) => orders.get(day) ?? 0, first, epochDay(2024, 11, 30));
    expect(marks).toEqual([{ day: '2023-11-27', orders: 70, label: 'Cyber Monday 2023' }]);
    const longer = holidayMarks((day) => orders.get(day) ?? 0, first, epochDay(2024, 12, 31));
    expect(longer.map((mark) => mark.label)).toEqual(['Cyber Monday 2023', 'Black Friday 2024']);
  });

  it('is empty for an empty window', () => {
    expect(holidayMarks(() => 0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY)).toEqual([]);
  });
});

describe('SessionFunnel', () => {
  it('counts a session id seen again after another session as a new session', () => {
    const funnel = new SessionFunnel();
    funnel.add('a', 'product_view', 'mobile', 'direct');
    funnel.add('b', 'purchase', 'tablet', 'email');
    funnel.add('a', 'purchase', 'mobile', 'direct');
    funnel.close();
    expect(funnel.sessions).toBe(3);
    expect(funnel.converted).toBe(2);
    expect(funnel.sources()).toEqual([
      { source: 'direct', sessions: 2, converted: 1, conversion: 0.5 },
      { source: 'email', sessions: 1, converted: 1, conversion: 1 },
    ]);
  });
});
