// A bad config is one line naming the file, the key path and what is wrong. Each case edits the
// shipped config.yaml in memory (through the yaml library, so only the named key changes) and
// parses the text; no file is written.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse, parseDocument } from 'yaml';
import { loadConfig, parseConfig } from '../../../src/config/loadConfig.js';
import { ConfigError } from '../../../src/errors.js';
import { parseIsoDate } from '../../../src/core/calendar.js';
import { DEFAULT_CONFIG_FILE } from '../../../src/paths.js';
import { TABLE_NAMES } from '../../../src/schema/tableNames.js';

const SHIPPED = readFileSync(DEFAULT_CONFIG_FILE, 'utf8');
const SHIPPED_DOCUMENT = parseDocument(SHIPPED);
const FILE = '/etc/shop/config.yaml';
/** Deliveries from 8:00 to 20:00, local time. */
const DAYTIME = Array.from({ length: 24 }, (_, hour) => (hour >= 8 && hour < 20 ? 1 : 0));

type Path = readonly (string | number)[];

/** The shipped config with `value` at `path` (or the key removed when value is undefined). */
function configWith(path: Path, value: unknown): string {
  const document = SHIPPED_DOCUMENT.clone();
  expect(document.hasIn(path) || value !== undefined, `${path.join('.')} exists`).toBe(true);
  if (value === undefined) document.deleteIn(path);
  else document.setIn(path, value);
  return document.toString();
}

/** The ConfigError message parsing `text` throws (failing the test when it does not throw one). */
function errorOf(text: string): string {
  try {
    parseConfig(text, FILE);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('parseConfig accepted the config');
}

describe('parseConfig of the shipped config', () => {
  it('reads the presets, window and seed as the YAML states them', () => {
    const raw = parse(SHIPPED) as { seed: number; window: { start: string; end: string }; environments: Record<string, Record<string, number>> };
    const config = parseConfig(SHIPPED, FILE);
    expect(config.seed).toBe(raw.seed);
    expect(config.window.start).toBe(raw.window.start);
    expect(config.window.startDay).toBe(parseIsoDate(raw.window.start));
    expect(config.window.endDay).toBe(parseIsoDate(raw.window.end));
    expect(Object.keys(config.environments)).toEqual(Object.keys(raw.environments));
    expect(Object.keys(raw.environments).length).toBeGreaterThan(0);
    for (const [name, counts] of Object.entries(raw.environments)) {
      expect(config.environments[name], name).toEqual(Object.fromEntries(TABLE_NAMES.map((table) => [table, counts[table]])));
    }
  });

  it('loadConfig hashes the text it read', () => {
    const { sha256 } = loadConfig(DEFAULT_CONFIG_FILE);
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(loadConfig(DEFAULT_CONFIG_FILE).sha256).toBe(sha256);
  });

  it('a custom environment is accepted like the shipped ones', () => {
    const counts = { customers: 3, products: 2, orders: 5, order_items: 9, web_events: 0 };
    expect(parseConfig(configWith(['environments', 'qa'], counts), FILE).environments['qa']).toEqual(counts);
  });
});

describe('parseConfig errors name the file and the key path', () => {
  it.each<[string, Path, unknown, string]>([
    ['wrong type', ['environments', 'prod', 'web_events'], 'lots', 'environments.prod.web_events must be a number (got "lots")'],
    ['a list for a number', ['seed'], [42], 'seed must be a number (got a list)'],
    ['a fraction for a whole number', ['seed'], 1.5, 'seed must be a whole number (got 1.5)'],
    ['a negative row count', ['environments', 'prod', 'orders'], -1, 'environments.prod.orders must be at least 0 (got -1)'],
    ['a row count past INTEGER', ['environments', 'dev', 'customers'], 2_147_483_648, 'environments.dev.customers must be at most 2147483647 (got 2147483648)'],
    ['a missing top-level key', ['seed'], undefined, 'seed is missing'],
    ['a missing nested key', ['environments', 'staging', 'web_events'], undefined, 'environments.staging.web_events is missing'],
    ['a missing section', ['web_events'], undefined, 'web_events is missing'],
    ['a negative weight', ['customers', 'email_domains', 'gmail.com'], -3, 'customers.email_domains.gmail.com must be at least 0 (got -3)'],
    ['all weights zero', ['customers', 'gender_shares'], { F: 0, M: 0 }, 'customers.gender_shares needs at least one positive weight'],
    ['an unknown weighted name', ['orders', 'payment_methods', 'cash'], 5, 'orders.payment_methods.cash is not one of credit_card, debit_card, paypal, apple_pay, google_pay, bank_transfer'],
    ['an impossible date', ['window', 'start'], '2022-02-30', 'window.start must be a date written YYYY-MM-DD (got "2022-02-30")'],
    ['a date in another format', ['window', 'end'], '12/31/2024', 'window.end must be a date written YYYY-MM-DD (got "12/31/2024")'],
    ['a number for a date', ['window', 'start'], 20220101, 'window.start must be a text (got 20220101)'],
    ['an end before the start', ['window', 'end'], '2021-12-31', 'window end must not be before start'],
    ['an offset past UTC+14', ['window', 'local_utc_offset_hours'], 15, 'window.local_utc_offset_hours must be at most 14 (got 15)'],
    ['no environments', ['environments'], {}, 'environments must define at least one environment'],
    ['a list for a mapping', ['environments'], ['dev'], 'environments must be a mapping (got a list)'],
    ['a null preset', ['environments', 'dev'], null, 'environments.dev must be a mapping (got null)'],
    ['a probability above 1', ['customers', 'address_line2_rate'], 1.5, 'customers.address_line2_rate must be at most 1 (got 1.5)'],
    ['zero growth', ['customers', 'yearly_growth'], 0, 'customers.yearly_growth must be greater than 0 (got 0)'],
    ['eleven months', ['orders', 'monthly'], [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], 'orders.monthly must list exactly 12 values (got 11)'],
    ['a bad value inside a list', ['orders', 'hourly', 3], -1, 'orders.hourly[3] must be at least 0 (got -1)'],
    ['an empty list', ['orders', 'coupon_percents'], [], 'orders.coupon_percents must list at least 1 values (got 0)'],
    ['a cut-off after closing', ['orders', 'warehouse', 'saturday', 'cutoff_hour'], 15, 'orders.warehouse.saturday.close_hour must be at least 16 (got 14)'],
    ['an unknown shipping method', ['orders', 'shipping_methods', 'drone'], { weight: 1, cost_cents: 0, handling_days: { '0': 1 }, transit_days: { '1': 1 }, delivery_hourly: new Array<number>(24).fill(1) }, 'orders.shipping_methods has drone, which is not one of standard, express, next_day'],
    ['an unknown category', ['products', 'cost_ratio', 'Toys'], { min: 0.5, max: 0.6 }, 'products.cost_ratio has Toys, which is not one of Electronics, Clothing, Home & Garden, Sports, Books'],
    ['a category without a life', ['products', 'life_years', 'Books'], undefined, 'products.life_years.Books'],
    ['a quantity past 10', ['orders', 'quantity_weights', '11'], 1, 'orders.quantity_weights keys must be quantities 1 to 10 (got 11)'],
    ['a cost ratio max below its min', ['products', 'cost_ratio', 'Electronics', 'max'], 0.1, 'products.cost_ratio.Electronics.max must be at least'],
    ['a session cap below the mean', ['web_events', 'max_session_events'], 1, 'web_events.max_session_events must be at least'],
    ['an age band past 90', ['customers', 'age_bands', 0, 'to'], 91, 'customers.age_bands[0].to must be at most 90 (got 91)'],
  ])('%s', (_, path, value, message) => {
    const error = errorOf(configWith(path, value));
    expect(error.split('\n')).toHaveLength(1);
    expect(error.startsWith(`${FILE}: ${message}`), error).toBe(true);
  });

  it('no tier with a positive order weight', () => {
    const document = SHIPPED_DOCUMENT.clone();
    const tiers = document.getIn(['customers', 'tiers']) as { items: unknown[] };
    expect(tiers.items.length).toBeGreaterThan(0);
    tiers.items.forEach((_, index) => document.setIn(['customers', 'tiers', index, 'order_weight'], 0));
    expect(errorOf(document.toString())).toBe(`${FILE}: customers.tiers needs a tier with a positive order_weight`);
  });

  it('a top level that is not a mapping', () => {
    expect(errorOf('42\n')).toBe(`${FILE}: (top level) must be a mapping (got 42)`);
  });

  it('a YAML syntax error, with line and column first', () => {
    const line = SHIPPED.split('\n').findIndex((text) => text.startsWith('seed: 42')) + 1;
    expect(line).toBeGreaterThan(0);
    const error = errorOf(SHIPPED.replace('seed: 42', 'seed: [42'));
    expect(error).toMatch(new RegExp(`^${FILE}: line \\d+, column \\d+ YAML syntax error: \\S`));
    expect(Number(/line (\d+)/.exec(error)?.[1])).toBeGreaterThanOrEqual(line);
    expect(error.split('\n')).toHaveLength(1);
  });

  it('loadConfig of a missing file names it and the reason', () => {
    const missing = '/nonexistent/ecomgen/config.yaml';
    expect(() => loadConfig(missing)).toThrow(new ConfigError(`${missing}: cannot read the config file (ENOENT)`));
  });
});

describe('every config value is checked against its domain (one line: the file, the key, the bound)', () => {
  // Each was accepted before and corrupted the data with exit 0 (all-zero hours made every
  // orders.customer_id a NUL byte), overflowed a sum or a timestamp, or made a later stage throw.
  it.each<[string, Path, unknown, string]>([
    ['orders.hourly all zero', ['orders', 'hourly'], new Array(24).fill(0), 'orders.hourly needs at least one positive weight'],
    ['web_events.hourly all zero', ['web_events', 'hourly'], new Array(24).fill(0), 'web_events.hourly needs at least one positive weight'],
    ['an hour weight of 1e308', ['orders', 'hourly', 5], 1e308, 'orders.hourly[5] must be at most 1000000 (got 1e+308)'],
    ['a NaN weight', ['orders', 'payment_methods', 'paypal'], Number.NaN, 'orders.payment_methods.paypal must be a number (got NaN)'],
    ['an infinite weight', ['customers', 'gender_shares', 'F'], Number.POSITIVE_INFINITY, 'customers.gender_shares.F must be a number (got Infinity)'],
    ['a huge payment weight', ['orders', 'payment_methods', 'paypal'], 1e300, 'orders.payment_methods.paypal must be at most 1000000 (got 1e+300)'],
    ['a huge quantity weight', ['orders', 'quantity_weights', '2'], 2e6, 'orders.quantity_weights.2 must be at most 1000000 (got 2000000)'],
    ['a huge email domain weight', ['customers', 'email_domains', 'aol.com'], 1e7, 'customers.email_domains.aol.com must be at most 1000000 (got 10000000)'],
    ['a huge segment weight', ['customers', 'tiers', 0, 'segments', 'vip'], 1e9, 'customers.tiers[0].segments.vip must be at most 1000000 (got 1000000000)'],
    ['a huge tier order weight', ['customers', 'tiers', 1, 'order_weight'], 1e308, 'customers.tiers[1].order_weight must be at most 1000000 (got 1e+308)'],
    ['a checkout sign-up share above 1', ['customers', 'lifecycle', 'checkout_signup_share'], 1.5, 'customers.lifecycle.checkout_signup_share must be at most 1 (got 1.5)'],
    ['an early repeat share above 1', ['customers', 'lifecycle', 'early_repeat', 'share'], 2, 'customers.lifecycle.early_repeat.share must be at most 1 (got 2)'],
    ['an early repeat mean of 0 days', ['customers', 'lifecycle', 'early_repeat', 'mean_days'], 0, 'customers.lifecycle.early_repeat.mean_days must be greater than 0 (got 0)'],
    ['a mean lifetime under a day', ['customers', 'lifecycle', 'mean_lifetime_days'], 0.5, 'customers.lifecycle.mean_lifetime_days must be at least 1 (got 0.5)'],
    ['a huge popularity exponent', ['products', 'popularity', 'zipf_exponent'], 1e308, 'products.popularity.zipf_exponent must be at most 5 (got 1e+308)'],
    ['a huge price ending weight', ['products', 'price_endings', '99'], 1e308, 'products.price_endings.99 must be at most 1000000 (got 1e+308)'],
    ['all age bands weightless', ['customers', 'age_bands'], [{ from: 18, to: 90, weight: 0 }], 'customers.age_bands needs at least one positive weight'],
    ['a huge age band weight', ['customers', 'age_bands', 2, 'weight'], 1e308, 'customers.age_bands[2].weight must be at most 1000000 (got 1e+308)'],
    ['a huge monthly multiplier', ['orders', 'monthly', 10], 1e308, 'orders.monthly[10] must be at most 1000000 (got 1e+308)'],
    ['a zero weekday multiplier', ['orders', 'weekday', 6], 0, 'orders.weekday[6] must be greater than 0 (got 0)'],
    ['a huge black friday', ['orders', 'black_friday'], 1e308, 'orders.black_friday must be at most 1000000 (got 1e+308)'],
    ['a huge cyber monday', ['orders', 'cyber_monday'], 1e7, 'orders.cyber_monday must be at most 1000000 (got 10000000)'],
    ['no shipping method with weight', ['orders', 'shipping_methods'], { standard: { weight: 0, cost_cents: 599, handling_days: { '1': 1 }, transit_days: { '3': 1 }, delivery_hourly: DAYTIME } }, 'orders.shipping_methods needs at least one positive weight'],
    ['a huge shipping weight', ['orders', 'shipping_methods', 'express', 'weight'], 1e308, 'orders.shipping_methods.express.weight must be at most 1000000 (got 1e+308)'],
    ['a shipping cost past a safe integer', ['orders', 'shipping_methods', 'standard', 'cost_cents'], 1e20, 'orders.shipping_methods.standard.cost_cents must be a whole number (got 100000000000000000000)'],
    ['a negative shipping cost', ['orders', 'shipping_methods', 'standard', 'cost_cents'], -1, 'orders.shipping_methods.standard.cost_cents must be at least 0 (got -1)'],
    ['handling of 11 days', ['orders', 'shipping_methods', 'express', 'handling_days'], { '1': 1, '11': 1 }, 'orders.shipping_methods.express.handling_days keys must be whole numbers 0 to 10 (got 11)'],
    ['transit past a month', ['orders', 'shipping_methods', 'next_day', 'transit_days'], { '31': 1 }, 'orders.shipping_methods.next_day.transit_days keys must be whole numbers 1 to 30 (got 31)'],
    ['transit of 0 days', ['orders', 'shipping_methods', 'next_day', 'transit_days'], { '0': 1 }, 'orders.shipping_methods.next_day.transit_days keys must be whole numbers 1 to 30 (got 0)'],
    ['a delivery at night', ['orders', 'shipping_methods', 'standard', 'delivery_hourly'], new Array<number>(24).fill(1), "orders.shipping_methods.standard.delivery_hourly must be 0 before 8:00, 12 hours after the warehouse closes (validate's ORD-12 relies on it)"],
    ['a return window past 30 days', ['orders', 'returns', 'window_days'], 45, 'orders.returns.window_days must be at most 30 (got 45)'],
    ['a return rate for an unknown category', ['orders', 'returns', 'category_rates', 'Toys'], 0.1, 'orders.returns.category_rates has Toys, which is not one of Electronics, Clothing, Home & Garden, Sports, Books'],
    ['a holiday evening hour past 23', ['orders', 'christmas_eve', 'evening_from_hour'], 24, 'orders.christmas_eve.evening_from_hour must be at most 23 (got 24)'],
    ['median stock of 1e308', ['products', 'median_stock'], 1e308, 'products.median_stock must be at most 2147483647 (got 1e+308)'],
    ['median stock of 0', ['products', 'median_stock'], 0, 'products.median_stock must be at least 1 (got 0)'],
    ['a negative rate', ['orders', 'cancel_rate'], -0.1, 'orders.cancel_rate must be at least 0 (got -0.1)'],
    ['a funnel step above 1', ['web_events', 'funnel', 'search'], 2, 'web_events.funnel.search must be at most 1 (got 2)'],
    ['a share above 1', ['web_events', 'logged_in_share'], 1.01, 'web_events.logged_in_share must be at most 1 (got 1.01)'],
    ['a cost ratio above 1', ['products', 'cost_ratio', 'Books', 'max'], 1.5, 'products.cost_ratio.Books.max must be at most 1 (got 1.5)'],
    ['more items per order than an order holds', ['ratios', 'order_items_per_order'], 13, 'ratios.order_items_per_order must be at most 12 (got 13)'],
    ['events per order of 1e308', ['ratios', 'web_events_per_order'], 1e308, 'ratios.web_events_per_order must be at most 2147483647 (got 1e+308)'],
    ['shard rows past the cap', ['generation', 'shard_rows'], 200_000, 'generation.shard_rows must be at most 100000 (got 200000)'],
    ['an events block past the shard cap', ['web_events', 'events_per_block'], 1_000_000, 'web_events.events_per_block must be at most 100000 (got 1000000)'],
    ['pending past a year', ['orders', 'pending_hours'], 1e308, 'orders.pending_hours must be at most 8760 (got 1e+308)'],
    ['a session gap cap past a day', ['web_events', 'gap_seconds', 'max'], 1e9, 'web_events.gap_seconds.max must be at most 86400 (got 1000000000)'],
    ['a session gap median past a day', ['web_events', 'gap_seconds', 'median'], 1e308, 'web_events.gap_seconds.median must be at most 86400 (got 1e+308)'],
    ['a huge gap sigma', ['web_events', 'gap_seconds', 'sigma'], 1e308, 'web_events.gap_seconds.sigma must be at most 10 (got 1e+308)'],
    ['a window before 1900', ['window', 'start'], '1800-01-01', 'window.start must be from 1900-01-01 to 2999-12-31 (got 1800-01-01)'],
    ['a window past 2999', ['window', 'end'], '9999-12-31', 'window.end must be from 1900-01-01 to 2999-12-31 (got 9999-12-31)'],
    ['a window of 75 years', ['window', 'start'], '1950-01-01', 'window end must be less than 50 years after start'],
    ['an email domain that is not one', ['customers', 'email_domains', 'not a domain'], 1, 'customers.email_domains keys must be domain names such as gmail.com (got "not a domain")'],
    ['a key with a line break', ['orders', 'payment_methods', 'cash\ncheque'], 1, 'orders.payment_methods.cash\\ncheque is not one of credit_card, debit_card, paypal, apple_pay, google_pay, bank_transfer'],
    ['a long text value', ['window', 'start'], 'x'.repeat(500), `window.start must be a date written YYYY-MM-DD (got "${'x'.repeat(38)}…)`],
  ])('%s', (_, path, value, message) => {
    expect(errorOf(configWith(path, value))).toBe(`${FILE}: ${message}`);
  });

  it('a 50-year window less a day is accepted, and its bounds are the calendar\'s', () => {
    const document = SHIPPED_DOCUMENT.clone();
    document.setIn(['window', 'start'], '1975-01-02');
    document.setIn(['window', 'end'], '2024-12-31');
    expect(parseConfig(document.toString(), FILE).window.start).toBe('1975-01-02');
  });
});

describe('YAML that is not a config: one short line naming the file', () => {
  it('an alias bomb is refused before it expands', () => {
    const lines = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let level = 1; level < 9; level++) {
      const name = String.fromCharCode(97 + level);
      const previous = String.fromCharCode(96 + level);
      lines.push(`${name}: &${name} [${new Array(9).fill(`*${previous}`).join(', ')}]`);
    }
    expect(errorOf(lines.join('\n'))).toBe(`${FILE}: YAML error: Excessive alias count indicates a resource exhaustion attack`);
  });

  it('an alias to no anchor', () => {
    expect(errorOf('seed: *nowhere\n')).toBe(`${FILE}: YAML error: Unresolved alias (the anchor must be set before the alias): nowhere`);
  });

  it('a syntax error quoting a long token with control characters', () => {
    const error = errorOf(`seed: 42\nwindow: "\u0001${'x'.repeat(5000)}\n  b`);
    expect(error).toMatch(new RegExp(`^${FILE}: line \\d+, column \\d+ YAML syntax error: `));
    expect(error.split('\n')).toHaveLength(1);
    expect(error.length).toBeLessThan(200);
  });
});
