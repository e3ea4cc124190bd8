// The shapes analysts expect of a real US online store, asserted with tolerances on staging-size data
// through the figures `ecomgen profile` prints (it streams the files, so this needs a dataset on disk).
// Row-level realism of the same dataset (names, statuses, tax, URLs) is in test/unit/realism.
import { beforeAll, describe, expect, it } from 'vitest';
import { formatProfile, generate, type DatasetProfile } from 'ecomgen';
import { runCli, tempDir } from '../helpers/run.js';
import { US_STATES } from '../../src/vocab/usStates.js';

let profile: DatasetProfile;
let dir: string;

beforeAll(async () => {
  dir = tempDir('realism');
  await generate({ environment: 'staging', seed: 2024, outputDir: dir });
  const json = runCli(['profile', dir, '--format', 'json']);
  if (json.status !== 0) throw new Error(`ecomgen profile failed: ${json.stderr}`);
  profile = JSON.parse(json.stdout) as DatasetProfile;
});

/** The keys of a figure keyed by year, checked before any loop over its values. */
const YEARS = ['2022', '2023', '2024'];

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
    // Bands only, no "<18" or ">90" (and at least five of them, so the check below is not vacuous).
    expect(Object.keys(ages).length).toBeGreaterThanOrEqual(5);
    expect(Object.keys(ages).filter((band) => !/^\d+-\d+$/.test(band))).toEqual([]);
    const largest = Object.entries(ages).sort((a, b) => b[1] - a[1])[0]?.[0];
    expect(['25-34', '35-44']).toContain(largest);
    expect(ages['75-90'] ?? 0).toBeLessThan(0.08);
    const years = Object.keys(profile.customers.registrationsPerYear);
    expect(years).toEqual(expect.arrayContaining(YEARS));
    expect(years.map(Number)).toEqual(years.map((_, index) => Number(years[0]) + index));
    const perYear = Object.values(profile.customers.registrationsPerYear);
    for (let index = 1; index < perYear.length; index++) expect(perYear[index]).toBeGreaterThan(perYear[index - 1] as number);
  });

  it('have emails on a mix of providers, and few VIPs', () => {
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
    // Box sets, collector's and textbook editions list at $45-80 (Barnes & Noble, 2024).
    expect(books?.p90).toBeLessThanOrEqual(50);
    expect(electronics?.median).toBeGreaterThan(100);
    // An 85-inch OLED TV or a workstation laptop lists at $3,000-5,000 at US retailers.
    expect(electronics?.max).toBeLessThanOrEqual(6000);
    expect(electronics?.p90).toBeGreaterThan(500);
    expect(profile.products.priceEndingShares['.99']).toBeGreaterThan(0.5);
    // Cost bands differ by category: apparel from 35% of price, electronics up to 85%.
    expect(profile.products.costToPrice.min).toBeGreaterThanOrEqual(0.3);
    expect(profile.products.costToPrice.max).toBeLessThanOrEqual(0.9);
    expect(profile.products.costToPrice.max - profile.products.costToPrice.min).toBeGreaterThan(0.4);
    expect(profile.products.outOfStockShare).toBeGreaterThan(0.01);
    // Inactive means discontinued: over a catalog that began three years before the window, electronics
    // and apparel (1.5-2 year lives) are largely replaced, books and home goods mostly still on sale.
    expect(profile.products.inactiveShare).toBeGreaterThan(0.2);
    expect(profile.products.inactiveShare).toBeLessThan(0.6);
  });
});

describe('orders', () => {
  it('follow seasons, weekdays, shopping peaks and growth', () => {
    const { novDecDailyVsYearDaily, yearOverYearGrowth, blackFridayVsNovemberDay, cyberMondayVsNovemberDay } = profile.orders;
    // Every year of the window has each figure: the loops below cannot pass on an empty map.
    expect(Object.keys(novDecDailyVsYearDaily)).toEqual(YEARS);
    expect(Object.keys(yearOverYearGrowth)).toEqual(['2023 vs 2022', '2024 vs 2023']);
    expect(Object.keys(blackFridayVsNovemberDay)).toEqual(YEARS);
    expect(Object.keys(cyberMondayVsNovemberDay)).toEqual(YEARS);
    for (const [year, ratio] of Object.entries(novDecDailyVsYearDaily)) expect(ratio, year).toBeGreaterThanOrEqual(1.4);
    for (const [years, ratio] of Object.entries(yearOverYearGrowth)) expect(ratio, years).toBeGreaterThan(1.1);
    for (const [year, ratio] of Object.entries(blackFridayVsNovemberDay)) expect(ratio, year).toBeGreaterThan(2);
    for (const [year, ratio] of Object.entries(cyberMondayVsNovemberDay)) expect(ratio, year).toBeGreaterThan(2);
    const weekdays = Object.values(profile.orders.weekdayShares);
    expect(weekdays).toHaveLength(7);
    expect(Math.max(...weekdays) / Math.min(...weekdays)).toBeGreaterThan(1.05);
    // Local evening is busier than the small hours (08-11 UTC is 2-5 am in Central time).
    expect(Object.keys(profile.orders.hourShares)).toHaveLength(24);
    expect(profile.orders.hourShares['02h']).toBeGreaterThan(3 * (profile.orders.hourShares['09h'] as number));
  });

  it('come from few heavy customers and many light ones', () => {
    expect(profile.orders.topCustomers20PctShare).toBeGreaterThanOrEqual(0.5);
    expect(profile.orders.customersWithoutOrdersShare).toBeGreaterThan(0.1);
    expect(profile.orders.customersWithOneOrderShare).toBeGreaterThan(0.05);
  });

  it('have a realistic status mix and shipping times', () => {
    const status = profile.orders.statusShares;
    expect(status['cancelled']).toBeGreaterThanOrEqual(0.03);
    expect(status['cancelled']).toBeLessThanOrEqual(0.05);
    expect(profile.orders.returnedShareOfDelivered).toBeGreaterThanOrEqual(0.05);
    expect(profile.orders.returnedShareOfDelivered).toBeLessThanOrEqual(0.1);
    expect(profile.orders.hoursToShip.max).toBeLessThanOrEqual(72);
    expect(profile.orders.daysToDeliver.min).toBeGreaterThanOrEqual(1);
    expect(profile.orders.daysToDeliver.max).toBeLessThanOrEqual(7);
  });

  it('discount a minority, are mostly paid by card, and mostly ship to the customer', () => {
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
    const byOs = profile.webEvents.browserByOs;
    expect(Object.keys(byOs)).toEqual(expect.arrayContaining(['Android', 'Windows', 'iOS', 'macOS']));
    // The browsers these rules confine do occur, on their own systems.
    expect(byOs['iOS']?.['Safari']).toBeGreaterThan(0);
    expect(byOs['Android']?.['Samsung Internet']).toBeGreaterThan(0);
    for (const [os, browsers] of Object.entries(byOs)) {
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
    expect(profile.webEvents.sessionLength.max).toBeLessThanOrEqual(40);  });
});

describe('ecomgen profile', () => {
  it('prints the same figures as text that it gives as JSON, with every table counted', () => {
    const text = runCli(['profile', dir]);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toBe(formatProfile(profile));
    for (const section of ['customers (10,000 rows)', 'products (5,000 rows)', 'orders (50,000 rows)', 'order_items (150,000 rows)', 'web_events (500,000 rows']) {
      expect(text.stdout).toContain(section);
    }
    expect(text.stdout).toMatch(/funnel \(share of sessions\): product_view [\d.]+% -> add_to_cart/);
  });

  it('refuses a directory that does not exist with one line and exit 2', () => {
    const missing = runCli(['profile', `${dir}/nope`]);
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim()).toMatch(/^ecomgen: profile: .* is not a directory$/);
  });
});
