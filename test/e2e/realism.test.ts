// The shapes analysts expect of a real US online store, asserted with tolerances on staging-size data
// through the same profile that `ecomgen profile` prints.
import { beforeAll, describe, expect, it } from 'vitest';
import { generate, profileDataset, type DatasetProfile } from 'ecomgen';
import { readDataset, toCents, toSeconds, type Dataset } from '../helpers/dataset.js';
import { runCli, tempDir } from '../helpers/run.js';
import { EN_US_DEFINITIONS } from '../../src/model/fakerSource.js';
import { US_STATES } from '../../src/vocab/usStates.js';

let profile: DatasetProfile;
let data: Dataset;
let dir: string;

beforeAll(async () => {
  dir = tempDir('realism');
  await generate({ environment: 'staging', seed: 2024, outputDir: dir });
  profile = await profileDataset(dir);
  data = readDataset(dir);
});

describe('customers', () => {
  it('live in every state and DC, weighted by population', () => {
    expect(profile.customers.statesPresent).toBe(51);
    const ranked = Object.keys(profile.customers.stateShares);
    expect(new Set(ranked.slice(0, 4))).toEqual(new Set(['CA', 'TX', 'FL', 'NY']));
    for (const small of ['WY', 'VT', 'DC']) expect(ranked.indexOf(small)).toBeGreaterThanOrEqual(ranked.length - 8);
    const population = US_STATES.reduce((sum, state) => sum + state.population2020, 0);
    const california = (US_STATES.find((state) => state.code === 'CA')?.population2020 ?? 0) / population;
    expect(profile.customers.stateShares['CA']).toBeCloseTo(california, 1);
  });

  it('are adults with a realistic age spread, and registrations grow year over year', () => {
    const ages = profile.customers.ageAtRegistration;
    expect(Object.keys(ages).every((band) => /^\d+-\d+$/.test(band))).toBe(true);
    const largest = Object.entries(ages).sort((a, b) => b[1] - a[1])[0]?.[0];
    expect(['25-34', '35-44']).toContain(largest);
    expect(ages['75-90'] ?? 0).toBeLessThan(0.08);
    const perYear = Object.values(profile.customers.registrationsPerYear);
    for (let index = 1; index < perYear.length; index++) expect(perYear[index]).toBeGreaterThan(perYear[index - 1] as number);
  });

  it('have first names consistent with gender, and emails on a mix of providers', () => {
    const names = EN_US_DEFINITIONS.person?.first_name as { female: string[]; male: string[] };
    const female = new Set(names.female);
    const male = new Set(names.male);
    const t = data.customers;
    for (const row of t.rows) {
      const first = row[t.col('first_name')] as string;
      expect((row[t.col('gender')] === 'F' ? female : male).has(first), first).toBe(true);
      const local = (row[t.col('email')] as string).split('@')[0] as string;
      const firstLetters = first.toLowerCase().replace(/[^a-z]/g, '');
      expect(local.includes(firstLetters) || local.startsWith(firstLetters.charAt(0))).toBe(true);
    }
    expect(Object.keys(profile.customers.emailDomainShares)[0]).toBe('gmail.com');
    expect(profile.customers.emailDomainShares['gmail.com']).toBeLessThan(0.6);
    expect(Object.keys(profile.customers.emailDomainShares).length).toBeGreaterThanOrEqual(6);
    expect(profile.customers.segmentShares['regular']).toBeGreaterThan(0.5);
    expect(profile.customers.segmentShares['vip']).toBeLessThan(0.1);
  });
});

describe('products', () => {
  it('are priced by category like a real store', () => {
    const books = profile.products.priceByCategory['Books'];
    const electronics = profile.products.priceByCategory['Electronics'];
    expect(books?.p10).toBeGreaterThanOrEqual(8);
    expect(books?.p90).toBeLessThanOrEqual(40);
    expect(electronics?.median).toBeGreaterThan(100);
    expect(electronics?.max).toBeLessThanOrEqual(2500);
    expect(electronics?.p90).toBeGreaterThan(500);
    expect(profile.products.priceEndingShares['.99']).toBeGreaterThan(0.5);
    expect(profile.products.costToPrice.min).toBeGreaterThanOrEqual(0.4);
    expect(profile.products.costToPrice.max).toBeLessThanOrEqual(0.8);
    expect(profile.products.outOfStockShare).toBeGreaterThan(0.01);
    expect(profile.products.inactiveShare).toBeGreaterThan(0.005);
    expect(profile.products.inactiveShare).toBeLessThan(0.1);
  });
});

describe('orders', () => {
  it('follow seasons, weekdays, shopping peaks and growth', () => {
    for (const ratio of Object.values(profile.orders.novDecDailyVsYearDaily)) expect(ratio).toBeGreaterThanOrEqual(1.4);
    expect(Object.keys(profile.orders.novDecDailyVsYearDaily)).toEqual(['2022', '2023', '2024']);
    for (const ratio of Object.values(profile.orders.yearOverYearGrowth)) expect(ratio).toBeGreaterThan(1.1);
    for (const ratio of Object.values(profile.orders.blackFridayVsNovemberDay)) expect(ratio).toBeGreaterThan(2);
    for (const ratio of Object.values(profile.orders.cyberMondayVsNovemberDay)) expect(ratio).toBeGreaterThan(2);
    const weekdays = Object.values(profile.orders.weekdayShares);
    expect(Math.max(...weekdays) / Math.min(...weekdays)).toBeGreaterThan(1.05);
    // Local evening is busier than the small hours (08-11 UTC is 2-5 am in Central time).
    expect(profile.orders.hourShares['02h'] ?? 0).toBeGreaterThan(3 * (profile.orders.hourShares['09h'] ?? 1));
  });

  it('come from few heavy customers and many light ones', () => {
    expect(profile.orders.topCustomers20PctShare).toBeGreaterThanOrEqual(0.5);
    expect(profile.orders.customersWithoutOrdersShare).toBeGreaterThan(0.1);
    expect(profile.orders.customersWithOneOrderShare).toBeGreaterThan(0.05);
  });

  it('have a realistic status mix, with the unfinished ones at the end of the window', () => {
    const status = profile.orders.statusShares;
    expect(status['cancelled']).toBeGreaterThanOrEqual(0.03);
    expect(status['cancelled']).toBeLessThanOrEqual(0.05);
    expect(profile.orders.returnedShareOfDelivered).toBeGreaterThanOrEqual(0.05);
    expect(profile.orders.returnedShareOfDelivered).toBeLessThanOrEqual(0.1);
    const t = data.orders;
    const end = toSeconds('2024-12-31 23:59:59');
    for (const row of t.rows) {
      const status = row[t.col('status')] as string;
      const age = end - toSeconds(row[t.col('order_date')] as string);
      if (age > 30 * 86400) expect(['delivered', 'returned', 'cancelled']).toContain(status);
    }
    const lastWeek = t.rows.filter((row) => end - toSeconds(row[t.col('order_date')] as string) < 7 * 86400);
    const open = lastWeek.filter((row) => ['pending', 'processing', 'shipped'].includes(row[t.col('status')] as string));
    expect(open.length / lastWeek.length).toBeGreaterThan(0.3);
    expect(profile.orders.hoursToShip.max).toBeLessThanOrEqual(72);
    expect(profile.orders.daysToDeliver.min).toBeGreaterThanOrEqual(1);
    expect(profile.orders.daysToDeliver.max).toBeLessThanOrEqual(7);
  });

  it('charge state sales tax, ship free above the threshold, and discount a minority', () => {
    const t = data.orders;
    const noTax = new Set(['DE', 'MT', 'NH', 'OR', 'AK']);
    let taxedZeroStates = 0;
    for (const row of t.rows) {
      const taxable = toCents(row[t.col('subtotal')] as string) - toCents(row[t.col('discount_amount')] as string);
      if (noTax.has(row[t.col('shipping_state')] as string) && row[t.col('tax_amount')] !== '0.00') taxedZeroStates++;
      if (row[t.col('shipping_method')] === 'standard') expect(row[t.col('shipping_cost')] === '0.00').toBe(taxable >= 3500);
    }
    expect(taxedZeroStates).toBe(0);
    expect(profile.orders.couponShare).toBeGreaterThan(0.05);
    expect(profile.orders.couponShare).toBeLessThan(0.3);
    const payments = Object.keys(profile.orders.paymentShares);
    expect(payments[0]).toBe('credit_card');
    expect(payments.at(-1)).toBe('bank_transfer');
    expect(profile.orders.ownAddressShare).toBeGreaterThan(0.8);
  });
});

describe('order items', () => {
  it('are mostly single-item baskets with a long tail, mean equal to the requested ratio, quantity mostly 1', () => {
    const perOrder = profile.orderItems.itemsPerOrder;
    const mode = Object.entries(perOrder).sort((a, b) => b[1] - a[1])[0]?.[0];
    expect(mode).toBe('1');
    expect(Object.keys(perOrder).length).toBeGreaterThanOrEqual(8);
    expect(profile.orderItems.meanItemsPerOrder).toBe(3);
    expect(profile.orderItems.quantityShares['1']).toBeGreaterThan(0.7);
  });

  it('concentrate on popular products, which also get more views', () => {
    expect(profile.orderItems.topProducts10PctUnitShare).toBeGreaterThanOrEqual(0.4);
    expect(profile.webEvents.topProducts10PctViewShare).toBeGreaterThan(0.3);
  });
});

describe('web events', () => {
  it('have a realistic device mix with consistent browsers', () => {
    const devices = profile.webEvents.deviceShares;
    expect(devices['mobile']).toBeGreaterThan(0.5);
    expect(devices['mobile']).toBeLessThan(0.65);
    expect(devices['desktop']).toBeGreaterThan(0.3);
    expect(devices['desktop']).toBeLessThan(0.45);
    expect(devices['tablet']).toBeGreaterThan(0.02);
    expect(devices['tablet']).toBeLessThan(0.08);
    for (const [os, browsers] of Object.entries(profile.webEvents.browserByOs)) {
      if (!['iOS', 'iPadOS', 'macOS'].includes(os)) expect(browsers['Safari'], os).toBeUndefined();
      if (os !== 'Android') expect(browsers['Samsung Internet'], os).toBeUndefined();
    }
    expect(Object.keys(profile.webEvents.trafficSourceShares).sort()).toEqual(['direct', 'email', 'organic_search', 'paid_search', 'referral', 'social']);
  });

  it('walk a funnel with realistic conversion, and anonymous visitors never purchase', () => {
    const funnel = profile.webEvents.funnel;
    expect(funnel.sessionsWithPurchase).toBeGreaterThan(0.01);
    expect(funnel.sessionsWithPurchase).toBeLessThan(0.06);
    expect(funnel.addToCartOfViewingSessions).toBeLessThan(0.5);
    expect(funnel.sessionsWithAddToCart).toBeGreaterThan(funnel.sessionsWithCheckout);
    expect(funnel.sessionsWithCheckout).toBeGreaterThan(funnel.sessionsWithPurchase);
    expect(funnel.anonymousPurchases).toBe(0);
    expect(profile.webEvents.anonymousSessionShare).toBeGreaterThan(0.25);
    expect(profile.webEvents.sessionLength.median).toBeGreaterThanOrEqual(3);
    expect(profile.webEvents.sessionLength.max).toBeLessThanOrEqual(40);
  });

  it('carry page URLs that match the event and product', () => {
    const t = data.web_events;
    for (const row of t.rows.slice(0, 50000)) {
      const type = row[t.col('event_type')] as string;
      const url = row[t.col('page_url')] as string;
      if (type === 'product_view' || type === 'add_to_cart') expect(url.startsWith(`/products/${row[t.col('product_id')]}-`)).toBe(true);
      if (type === 'search') expect(url).toBe(`/search?q=${(row[t.col('search_query')] as string).replace(/ /g, '+')}`);
      if (type === 'begin_checkout') expect(url).toBe('/checkout');
    }
  });
});

describe('ecomgen profile', () => {
  it('prints every section as text, and the same figures as JSON', () => {
    const text = runCli(['profile', dir]);
    expect(text.status, text.stderr).toBe(0);
    for (const section of ['customers (10,000 rows)', 'products (5,000 rows)', 'orders (50,000 rows)', 'order_items (150,000 rows)', 'web_events (500,000 rows']) {
      expect(text.stdout).toContain(section);
    }
    expect(text.stdout).toMatch(/funnel \(share of sessions\): product_view [\d.]+% -> add_to_cart/);
    const json = runCli(['profile', dir, '--format', 'json']);
    expect(JSON.parse(json.stdout)).toEqual(JSON.parse(JSON.stringify(profile)));
    const missing = runCli(['profile', `${dir}/nope`]);
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim()).toMatch(/^ecomgen: profile: .* is not a directory$/);
  });
});
