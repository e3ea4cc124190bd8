import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { parseDocument } from 'yaml';
import { parseIsoDate } from '../core/calendar.js';
import type { EcomConfig, ShippingMethod } from './configTypes.js';
import type { TableCounts } from '../schema/tableNames.js';
import { TABLE_NAMES } from '../schema/tableNames.js';
import { ConfigError, YamlReader } from './yamlReader.js';

/** Ids are INTEGER in the schemas (BIGINT for events); this bound keeps them in range. */
export const MAX_TABLE_ROWS = 2_147_483_647;

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

function readRange(reader: YamlReader, min: number): [number, number] {
  const [low, high] = reader.numbers({ integer: true, min }, { exact: 2 }) as [number, number];
  reader.check(low <= high, `must be [low, high] with low <= high (got [${low}, ${high}])`);
  return [low, high];
}

function sharesSumTo100(reader: YamlReader, shares: readonly number[]): void {
  const sum = shares.reduce((a, b) => a + b, 0);
  reader.check(sum === 100, `share_pct values must add up to 100 (they add up to ${sum})`);
}

export function parseConfig(text: string, file: string): EcomConfig {
  const document = parseDocument(text, { prettyErrors: true });
  const firstError = document.errors[0];
  if (firstError) {
    const where = firstError.linePos?.[0];
    const position = where ? ` line ${where.line}, column ${where.col}` : '';
    // prettyErrors appends " at line L, column C:" and a code excerpt; the position is reported first.
    const reason = (firstError.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    throw new ConfigError(`${file}:${position} YAML syntax error: ${reason}`);
  }
  const root = new YamlReader(file, document.toJS(), '');

  const window = root.field('window');
  const startText = window.field('start').string();
  const endText = window.field('end').string();
  const startDay = parseIsoDate(startText);
  const endDay = parseIsoDate(endText);
  window.field('start').check(startDay !== undefined, `must be a date written YYYY-MM-DD (got ${JSON.stringify(startText)})`);
  window.field('end').check(endDay !== undefined, `must be a date written YYYY-MM-DD (got ${JSON.stringify(endText)})`);
  window.check((endDay as number) >= (startDay as number), 'end must not be before start');

  const environmentsNode = root.field('environments');
  const environments: Record<string, TableCounts> = {};
  for (const name of environmentsNode.keys()) environments[name] = readCounts(environmentsNode.field(name));
  environmentsNode.check(Object.keys(environments).length > 0, 'must define at least one environment');

  const customers = root.field('customers');
  const tiersNode = customers.field('tiers');
  const tiers = tiersNode.list({ min: 1 }).map((tier) => ({
    sharePct: tier.field('share_pct').number({ integer: true, min: 1, max: 100 }),
    orderWeight: tier.field('order_weight').number({ min: 0 }),
    segments: tier.field('segments').weights(SEGMENTS),
  }));
  sharesSumTo100(tiersNode, tiers.map((tier) => tier.sharePct));
  tiersNode.check(tiers.some((tier) => tier.orderWeight > 0), 'needs a tier with a positive order_weight');

  const products = root.field('products');
  const popularityNode = products.field('popularity_tiers');
  const popularityTiers = popularityNode.list({ min: 1 }).map((tier) => ({
    sharePct: tier.field('share_pct').number({ integer: true, min: 1, max: 100 }),
    weight: tier.field('weight').number({ min: 0, exclusiveMin: true }),
  }));
  sharesSumTo100(popularityNode, popularityTiers.map((tier) => tier.sharePct));
  const costRatio = products.field('cost_ratio');
  const costMin = costRatio.field('min').number({ min: 0, max: 1, exclusiveMin: true });
  const costMax = costRatio.field('max').number({ min: costMin, max: 1 });

  const orders = root.field('orders');
  const shippingNode = orders.field('shipping_methods');
  const shippingMethods: Record<string, ShippingMethod> = {};
  for (const name of shippingNode.keys()) {
    shippingNode.check(SHIPPING_METHODS.includes(name), `has ${name}, which is not one of ${SHIPPING_METHODS.join(', ')}`);
    const method = shippingNode.field(name);
    shippingMethods[name] = {
      weight: method.field('weight').number({ min: 0 }),
      costCents: method.field('cost_cents').number({ integer: true, min: 0 }),
      handlingHours: readRange(method.field('handling_hours'), 0),
      transitDays: readRange(method.field('transit_days'), 1),
    };
  }
  const quantityWeights = orders.field('quantity_weights').weights();
  for (const key of Object.keys(quantityWeights)) {
    orders.field('quantity_weights').check(/^(10|[1-9])$/.test(key), `keys must be quantities 1 to 10 (got ${key})`);
  }

  const web = root.field('web_events');
  const funnel = web.field('funnel');
  const gap = web.field('gap_seconds');
  const meanSessionEvents = web.field('mean_session_events').number({ min: 1 });

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
      orderItemsPerOrder: root.field('ratios').field('order_items_per_order').number({ min: 1 }),
      webEventsPerOrder: root.field('ratios').field('web_events_per_order').number({ min: 0 }),
    },
    generation: { shardRows: root.field('generation').field('shard_rows').number({ integer: true, min: 1, max: 10_000_000 }) },
    customers: {
      registrationLeadYears: customers.field('registration_lead_years').number({ min: 0, max: 50 }),
      yearlyGrowth: customers.field('yearly_growth').number({ min: 0, exclusiveMin: true, max: 100 }),
      genderShares: customers.field('gender_shares').weights(['F', 'M']),
      ageBands: customers.field('age_bands').list({ min: 1 }).map((band) => {
        const from = band.field('from').number({ integer: true, min: 18, max: 90 });
        const to = band.field('to').number({ integer: true, min: from, max: 90 });
        return { from, to, weight: band.field('weight').number({ min: 0 }) };
      }),
      addressLine2Rate: customers.field('address_line2_rate').probability(),
      marketingOptInRate: customers.field('marketing_opt_in_rate').probability(),
      emailDomains: customers.field('email_domains').weights(),
      tiers,
    },
    products: {
      catalogLeadYears: products.field('catalog_lead_years').number({ min: 0, max: 50 }),
      yearlyGrowth: products.field('yearly_growth').number({ min: 0, exclusiveMin: true, max: 100 }),
      inactiveRate: products.field('inactive_rate').probability(),
      outOfStockRate: products.field('out_of_stock_rate').probability(),
      medianStock: products.field('median_stock').number({ min: 1 }),
      priceEndings: products.field('price_endings').weights(['99', '49', '00', '95']),
      costRatio: { min: costMin, max: costMax },
      popularityTiers,
    },
    orders: {
      yearlyGrowth: orders.field('yearly_growth').number({ min: 0, exclusiveMin: true, max: 100 }),
      monthly: orders.field('monthly').numbers({ min: 0, exclusiveMin: true }, { exact: 12 }),
      weekday: orders.field('weekday').numbers({ min: 0, exclusiveMin: true }, { exact: 7 }),
      blackFriday: orders.field('black_friday').number({ min: 0, exclusiveMin: true }),
      cyberMonday: orders.field('cyber_monday').number({ min: 0, exclusiveMin: true }),
      hourly: orders.field('hourly').numbers({ min: 0 }, { exact: 24 }),
      maxItemsPerOrder: orders.field('max_items_per_order').number({ integer: true, min: 1, max: 100 }),
      priceSensitivity: {
        anchorCents: orders.field('price_sensitivity').field('anchor_cents').number({ integer: true, min: 1 }),
        elasticity: orders.field('price_sensitivity').field('elasticity').number({ min: 0, max: 5 }),
      },
      quantityWeights,
      itemDiscountRate: orders.field('item_discount_rate').probability(),
      itemDiscountPercents: orders.field('item_discount_percents').numbers({ integer: true, min: 1, max: 90 }, { min: 1 }),
      couponRate: orders.field('coupon_rate').probability(),
      couponPercents: orders.field('coupon_percents').numbers({ integer: true, min: 1, max: 90 }, { min: 1 }),
      ownAddressShare: orders.field('own_address_share').probability(),
      cancelRate: orders.field('cancel_rate').probability(),
      returnRate: orders.field('return_rate').probability(),
      pendingHours: orders.field('pending_hours').number({ min: 0 }),
      paymentMethods: orders.field('payment_methods').weights(PAYMENT_METHODS),
      shippingMethods,
      freeShippingThresholdCents: orders.field('free_shipping_threshold_cents').number({ integer: true, min: 0 }),
    },
    webEvents: {
      eventsPerBlock: web.field('events_per_block').number({ integer: true, min: 16, max: 1_000_000 }),
      loggedInShare: web.field('logged_in_share').probability(),
      meanSessionEvents,
      maxSessionEvents: web.field('max_session_events').number({ integer: true, min: Math.ceil(meanSessionEvents), max: 1000 }),
      gapSeconds: {
        median: gap.field('median').number({ min: 1 }),
        sigma: gap.field('sigma').number({ min: 0 }),
        max: gap.field('max').number({ integer: true, min: 1 }),
      },
      hourly: web.field('hourly').numbers({ min: 0 }, { exact: 24 }),
      funnel: {
        campaignLandsOnProduct: funnel.field('campaign_lands_on_product').probability(),
        search: funnel.field('search').probability(),
        sitePageView: funnel.field('site_page_view').probability(),
        addToCartAfterView: funnel.field('add_to_cart_after_view').probability(),
        removeFromCart: funnel.field('remove_from_cart').probability(),
        checkoutWithCart: funnel.field('checkout_with_cart').probability(),
        purchaseAfterCheckout: funnel.field('purchase_after_checkout').probability(),
        abandonAtCheckout: funnel.field('abandon_at_checkout').probability(),
      },
    },
  };
}

export function loadConfig(file: string): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new ConfigError(`${file}: cannot read the config file (${code})`);
  }
  return { config: parseConfig(text, file), sha256: createHash('sha256').update(text).digest('hex') };
}
