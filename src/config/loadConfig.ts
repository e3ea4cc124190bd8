import { createHash } from 'node:crypto';
// Imported with this module even though a run of the shipped config never parses YAML (parsedConfig.ts):
// loading it on first use instead raised validate's peak RSS on prod by 15-20 MB (287-299 -> 305-321 MB,
// paired runs; cause not found) against its 300 MB bound, for ~80 ms of start-up CPU saved.
import { parseDocument } from 'yaml';
import { SECONDS_PER_DAY, parseIsoDate } from '../core/calendar.js';
import { CATEGORY_NAMES, type EcomConfig, type ShippingMethod } from './configTypes.js';
import type { TableCounts } from '../schema/tableNames.js';
import { TABLE_NAMES } from '../schema/tableNames.js';
import { ConfigError } from '../errors.js';
import { MAX_WEIGHT, YamlReader } from './yamlReader.js';
import { readEveningDay, readReturns, readShippingMethod, readWarehouse } from './fulfilmentConfig.js';
import { messageExcerpt } from './messageExcerpt.js';
import { readInputText } from './readInputText.js';
import { builtConfig } from './parsedConfig.js';

/** Ids are INTEGER in the schemas (BIGINT for events); this bound keeps them in range. */
export const MAX_TABLE_ROWS = 2_147_483_647;

/**
 * Rows of one shard. A worker holds a shard's bytes and the pool keeps two shards a worker in flight,
 * so memory grows with it (prod, 2 workers: 198 MB at 20,000 rows, 267 MB at 100,000, 583 MB at
 * 500,000; JSON lines 223 and 420 MB) while shards past 20,000 rows are no faster.
 */
export const MAX_SHARD_ROWS = 100_000;

/**
 * The calendar the data can live in. Dates are written YYYY-MM-DD (four-digit years) and customers
 * are born up to 140 years before the window (50 years of registration lead, ages up to 90).
 */
const FIRST_WINDOW_DATE = '1900-01-01';
const LAST_WINDOW_DATE = '2999-12-31';
/** Growth compounds per year over the window and its lead: 100 years at growth 100 stays finite. */
const MAX_WINDOW_YEARS = 50;
const HOURS_PER_YEAR = 8760;

const PAYMENT_METHODS = ['credit_card', 'debit_card', 'paypal', 'apple_pay', 'google_pay', 'bank_transfer'];
const SHIPPING_METHODS = ['standard', 'express', 'next_day'];
const SEGMENTS = ['regular', 'premium', 'vip', 'business'];

export interface LoadedConfig {
  readonly config: EcomConfig;
  readonly sha256: string;
}

function readCounts(reader: YamlReader): TableCounts {
  const counts = {} as Record<(typeof TABLE_NAMES)[number], number>;
  for (const table of TABLE_NAMES) counts[table] = reader.field(table).number({ integer: true, min: 0, max: MAX_TABLE_ROWS });
  return counts;
}

/** Day multipliers of the time curves (monthly, weekday, peak days): positive, bounded like weights. */
const MULTIPLIER = { min: 0, exclusiveMin: true, max: MAX_WEIGHT } as const;

/** A host name of two or more labels, as the part of an email after the @. */
const DOMAIN_NAME = /^(?=.{4,100}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** A window date: a real YYYY-MM-DD inside the calendar the data can live in. */
function readWindowDate(reader: YamlReader): [string, number] {
  const text = reader.string();
  const day = parseIsoDate(text);
  reader.check(day !== undefined, `must be a date written YYYY-MM-DD (got ${messageExcerpt(JSON.stringify(text), 40)})`);
  const first = parseIsoDate(FIRST_WINDOW_DATE) as number;
  const last = parseIsoDate(LAST_WINDOW_DATE) as number;
  reader.check((day as number) >= first && (day as number) <= last, `must be from ${FIRST_WINDOW_DATE} to ${LAST_WINDOW_DATE} (got ${text})`);
  return [text, day as number];
}

function sharesSumTo100(reader: YamlReader, shares: readonly number[]): void {
  const sum = shares.reduce((a, b) => a + b, 0);
  reader.check(sum === 100, `share_pct values must add up to 100 (they add up to ${sum})`);
}

/**
 * Aliases a config may expand: the shipped one has none. An alias bomb (each anchor aliasing the one
 * before, ten times over) expands to billions of nodes; the yaml library stops it past this count.
 */
const MAX_ALIAS_COUNT = 100;

/** The YAML text as plain data, or a one-line ConfigError naming the file. */
export function readYaml(text: string, file: string): unknown {
  const document = parseDocument(text, { prettyErrors: true });
  const firstError = document.errors[0];
  if (firstError) {
    const where = firstError.linePos?.[0];
    const position = where ? ` line ${where.line}, column ${where.col}` : '';
    // prettyErrors appends " at line L, column C:" and a code excerpt; the position is reported first.
    const reason = (firstError.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    throw new ConfigError(`${file}:${position} YAML syntax error: ${messageExcerpt(reason)}`);
  }
  try {
    return document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // The library throws a ReferenceError for too many aliases and for an alias to a missing anchor.
    throw new ConfigError(`${file}: YAML error: ${messageExcerpt(error instanceof Error ? error.message : String(error))}`);
  }
}

export function parseConfig(text: string, file: string): EcomConfig {
  const root = new YamlReader(file, readYaml(text, file), '');

  const window = root.field('window');
  const [startText, startDay] = readWindowDate(window.field('start'));
  const [endText, endDay] = readWindowDate(window.field('end'));
  window.check(endDay >= startDay, 'end must not be before start');
  window.check(endDay - startDay < Math.round(MAX_WINDOW_YEARS * 365.25), `end must be less than ${MAX_WINDOW_YEARS} years after start`);

  const environmentsNode = root.field('environments');
  const environments: Record<string, TableCounts> = {};
  for (const name of environmentsNode.keys()) environments[name] = readCounts(environmentsNode.field(name));
  environmentsNode.check(Object.keys(environments).length > 0, 'must define at least one environment');

  const customers = root.field('customers');
  const tiersNode = customers.field('tiers');
  const tiers = tiersNode.list({ min: 1 }).map((tier) => ({
    sharePct: tier.field('share_pct').number({ integer: true, min: 1, max: 100 }),
    orderWeight: tier.field('order_weight').weight(),
    segments: tier.field('segments').weights(SEGMENTS),
  }));
  sharesSumTo100(tiersNode, tiers.map((tier) => tier.sharePct));
  tiersNode.check(tiers.some((tier) => tier.orderWeight > 0), 'needs a tier with a positive order_weight');
  const lifecycleNode = customers.field('lifecycle');
  const earlyRepeat = lifecycleNode.field('early_repeat');
  const lifecycle = {
    checkoutSignupShare: lifecycleNode.field('checkout_signup_share').probability(),
    earlyRepeat: {
      share: earlyRepeat.field('share').probability(),
      meanDays: earlyRepeat.field('mean_days').number({ min: 0, exclusiveMin: true, max: 36500 }),
    },
    meanLifetimeDays: lifecycleNode.field('mean_lifetime_days').number({ min: 1, max: 36500 }),
  };

  const products = root.field('products');
  const costRatioNode = products.field('cost_ratio');
  const lifeNode = products.field('life_years');
  for (const node of [costRatioNode, lifeNode]) {
    for (const key of node.keys()) node.check((CATEGORY_NAMES as readonly string[]).includes(key), `has ${messageExcerpt(key, 40)}, which is not one of ${CATEGORY_NAMES.join(', ')}`);
  }
  const costRatio = Object.fromEntries(
    CATEGORY_NAMES.map((name) => {
      const node = costRatioNode.field(name);
      const min = node.field('min').number({ min: 0, max: 1, exclusiveMin: true });
      return [name, { min, max: node.field('max').number({ min, max: 1 }) }];
    }),
  ) as EcomConfig['products']['costRatio'];
  const lifeYears = Object.fromEntries(
    CATEGORY_NAMES.map((name) => {
      const node = lifeNode.field(name);
      return [name, { median: node.field('median').number({ min: 0, exclusiveMin: true, max: 100 }), sigma: node.field('sigma').number({ min: 0, max: 3 }) }];
    }),
  ) as EcomConfig['products']['lifeYears'];
  const popularityNode = products.field('popularity');

  const orders = root.field('orders');
  const shippingNode = orders.field('shipping_methods');
  const shippingMethods: Record<string, ShippingMethod> = {};
  for (const name of shippingNode.keys()) {
    shippingNode.check(SHIPPING_METHODS.includes(name), `has ${messageExcerpt(name, 40)}, which is not one of ${SHIPPING_METHODS.join(', ')}`);
    shippingMethods[name] = readShippingMethod(shippingNode.field(name));
  }
  shippingNode.checkSomePositive(Object.values(shippingMethods).map((method) => method.weight));
  const quantityWeights = orders.field('quantity_weights').weights();
  for (const key of Object.keys(quantityWeights)) {
    orders.field('quantity_weights').check(/^(10|[1-9])$/.test(key), `keys must be quantities 1 to 10 (got ${messageExcerpt(key, 40)})`);
  }

  const web = root.field('web_events');
  const funnel = web.field('funnel');
  const gap = web.field('gap_seconds');
  const checkout = web.field('checkout_seconds');
  const checkoutMin = checkout.field('min').number({ integer: true, min: 1, max: SECONDS_PER_DAY });
  const checkoutMax = checkout.field('max').number({ integer: true, min: 1, max: SECONDS_PER_DAY });
  checkout.check(checkoutMin <= checkoutMax, `min must not be above max (got ${checkoutMin} > ${checkoutMax})`);
  const meanSessionEvents = web.field('mean_session_events').number({ min: 1 });
  const maxItemsPerOrder = orders.field('max_items_per_order').number({ integer: true, min: 1, max: 100 });
  const ageBands = customers.field('age_bands').list({ min: 1 }).map((band) => {
    const from = band.field('from').number({ integer: true, min: 18, max: 90 });
    const to = band.field('to').number({ integer: true, min: from, max: 90 });
    return { from, to, weight: band.field('weight').weight() };
  });
  customers.field('age_bands').checkSomePositive(ageBands.map((band) => band.weight));
  const emailDomains = customers.field('email_domains').weights();
  for (const domain of Object.keys(emailDomains)) {
    customers.field('email_domains').check(DOMAIN_NAME.test(domain), `keys must be domain names such as gmail.com (got ${messageExcerpt(JSON.stringify(domain), 60)})`);
  }

  return {
    seed: root.field('seed').number({ integer: true, min: 0, max: Number.MAX_SAFE_INTEGER }),
    window: {
      start: startText,
      end: endText,
      startDay: startDay as number,
      endDay: endDay as number,
      localUtcOffsetHours: window.field('local_utc_offset_hours').number({ integer: true, min: -12, max: 14 }),
    },
    environments,
    ratios: {
      // More items per order than an order can hold makes no dataset (see checkCounts).
      orderItemsPerOrder: root.field('ratios').field('order_items_per_order').number({ min: 1, max: maxItemsPerOrder }),
      webEventsPerOrder: root.field('ratios').field('web_events_per_order').number({ min: 0, max: MAX_TABLE_ROWS }),
    },
    generation: { shardRows: root.field('generation').field('shard_rows').number({ integer: true, min: 1, max: MAX_SHARD_ROWS }) },
    customers: {
      registrationLeadYears: customers.field('registration_lead_years').number({ min: 0, max: 50 }),
      yearlyGrowth: customers.field('yearly_growth').number({ min: 0, exclusiveMin: true, max: 100 }),
      genderShares: customers.field('gender_shares').weights(['F', 'M']),
      ageBands,
      addressLine2Rate: customers.field('address_line2_rate').probability(),
      marketingOptInRate: customers.field('marketing_opt_in_rate').probability(),
      emailDomains,
      tiers,
      lifecycle,
    },
    products: {
      catalogLeadYears: products.field('catalog_lead_years').number({ min: 0, max: 50 }),
      yearlyGrowth: products.field('yearly_growth').number({ min: 0, exclusiveMin: true, max: 100 }),
      outOfStockRate: products.field('out_of_stock_rate').probability(),
      // The column's own bound (products.stock_quantity) is checked against the schemas when a run starts.
      medianStock: products.field('median_stock').number({ min: 1, max: MAX_TABLE_ROWS }),
      priceEndings: products.field('price_endings').weights(['99', '49', '00', '95']),
      costRatio,
      lifeYears,
      popularity: {
        zipfExponent: popularityNode.field('zipf_exponent').number({ min: 0, exclusiveMin: true, max: 5 }),
        zipfOffset: popularityNode.field('zipf_offset').number({ min: 0, max: 1000 }),
      },
    },
    orders: {
      yearlyGrowth: orders.field('yearly_growth').number({ min: 0, exclusiveMin: true, max: 100 }),
      monthly: orders.field('monthly').numbers(MULTIPLIER, { exact: 12 }),
      weekday: orders.field('weekday').numbers(MULTIPLIER, { exact: 7 }),
      blackFriday: orders.field('black_friday').number(MULTIPLIER),
      cyberMonday: orders.field('cyber_monday').number(MULTIPLIER),
      thanksgiving: orders.field('thanksgiving').number(MULTIPLIER),
      christmasDay: orders.field('christmas_day').number(MULTIPLIER),
      christmasEve: readEveningDay(orders.field('christmas_eve'), MULTIPLIER),
      hourly: orders.field('hourly').weightList({ exact: 24 }),
      maxItemsPerOrder,
      priceSensitivity: {
        anchorCents: orders.field('price_sensitivity').field('anchor_cents').number({ integer: true, min: 1 }),
        elasticity: orders.field('price_sensitivity').field('elasticity').number({ min: 0, max: 5 }),
      },
      quantityWeights,
      itemDiscountRate: orders.field('item_discount_rate').probability(),
      itemDiscountPercents: orders.field('item_discount_percents').numbers({ integer: true, min: 1, max: 90 }, { min: 1 }),
      couponRate: orders.field('coupon_rate').probability(),
      sameCategoryShare: orders.field('same_category_share').probability(),
      couponPercents: orders.field('coupon_percents').numbers({ integer: true, min: 1, max: 90 }, { min: 1 }),
      ownAddressShare: orders.field('own_address_share').probability(),
      cancelRate: orders.field('cancel_rate').probability(),
      pendingHours: orders.field('pending_hours').number({ min: 0, max: HOURS_PER_YEAR }),
      paymentMethods: orders.field('payment_methods').weights(PAYMENT_METHODS),
      shippingMethods,
      freeShippingThresholdCents: orders.field('free_shipping_threshold_cents').number({ integer: true, min: 0 }),
      warehouse: readWarehouse(orders.field('warehouse'), shippingNode, shippingMethods),
      returns: readReturns(orders.field('returns')),
    },
    webEvents: {
      targetConversionRate: web.field('target_conversion_rate').number({ min: 0.001, max: 0.5 }),
      purchaseExtraEvents: web.field('purchase_extra_events').number({ integer: true, min: 1, max: 100 }),
      checkoutSeconds: { min: checkoutMin, max: checkoutMax },
      searchTypoRate: web.field('search_typo_rate').probability(),
      // A block is generated whole and a shard holds whole blocks, so it is bounded like a shard.
      eventsPerBlock: web.field('events_per_block').number({ integer: true, min: 16, max: MAX_SHARD_ROWS }),
      loggedInShare: web.field('logged_in_share').probability(),
      meanSessionEvents,
      maxSessionEvents: web.field('max_session_events').number({ integer: true, min: Math.ceil(meanSessionEvents), max: 1000 }),
      gapSeconds: {
        median: gap.field('median').number({ min: 1, max: SECONDS_PER_DAY }),
        sigma: gap.field('sigma').number({ min: 0, max: 10 }),
        max: gap.field('max').number({ integer: true, min: 1, max: SECONDS_PER_DAY }),
      },
      hourly: web.field('hourly').weightList({ exact: 24 }),
      funnel: {
        campaignLandsOnProduct: funnel.field('campaign_lands_on_product').probability(),
        search: funnel.field('search').probability(),
        sitePageView: funnel.field('site_page_view').probability(),
        addToCartAfterView: funnel.field('add_to_cart_after_view').probability(),
        removeFromCart: funnel.field('remove_from_cart').probability(),
        checkoutWithCart: funnel.field('checkout_with_cart').probability(),
        purchaseSessionRemove: funnel.field('purchase_session_remove').probability(),
      },
    },
  };
}

export function loadConfig(file: string): LoadedConfig {
  const text = readInputText(file, 'config', (message) => new ConfigError(message));
  const sha256 = createHash('sha256').update(text).digest('hex');
  // The shipped config's text was parsed at build time; any other text is parsed (and checked) here.
  return { config: builtConfig(sha256) ?? parseConfig(text, file), sha256 };
}
