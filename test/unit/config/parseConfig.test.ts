// A bad config is one line naming the file, the key path and what is wrong. Each case edits the
// shipped config.yaml in memory (through the yaml library, so only the named key changes) and
// parses the text; no file is written.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse, parseDocument } from 'yaml';
import { loadConfig, parseConfig } from '../../../src/config/loadConfig.js';
import { ConfigError } from '../../../src/config/yamlReader.js';
import { parseIsoDate } from '../../../src/core/calendar.js';
import { DEFAULT_CONFIG_FILE } from '../../../src/paths.js';
import { TABLE_NAMES } from '../../../src/schema/tableNames.js';

const SHIPPED = readFileSync(DEFAULT_CONFIG_FILE, 'utf8');
const SHIPPED_DOCUMENT = parseDocument(SHIPPED);
const FILE = '/etc/shop/config.yaml';

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
    ['shares not adding up to 100', ['products', 'popularity_tiers', 0, 'share_pct'], 1, 'products.popularity_tiers share_pct values must add up to 100'],
    ['a reversed range', ['orders', 'shipping_methods', 'standard', 'handling_hours'], [5, 2], 'orders.shipping_methods.standard.handling_hours must be [low, high] with low <= high (got [5, 2])'],
    ['an unknown shipping method', ['orders', 'shipping_methods', 'drone'], { weight: 1, cost_cents: 0, handling_hours: [0, 1], transit_days: [1, 2] }, 'orders.shipping_methods has drone, which is not one of standard, express, next_day'],
    ['a quantity past 10', ['orders', 'quantity_weights', '11'], 1, 'orders.quantity_weights keys must be quantities 1 to 10 (got 11)'],
    ['a cost ratio max below its min', ['products', 'cost_ratio', 'max'], 0.1, 'products.cost_ratio.max must be at least'],
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
