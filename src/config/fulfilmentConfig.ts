// Readers of the orders section's fulfilment keys: shipping methods (handling, transit, delivery hours),
// the warehouse's hours, the return policy and the evening-shaped holidays. Kept apart from loadConfig
// so the orders keys read in one place.
import { CATALOG } from '../vocab/categories/index.js';
import type { EveningDay, ReturnsConfig, ShippingMethod, WarehouseConfig, WarehouseDay } from './configTypes.js';
import { messageExcerpt } from './messageExcerpt.js';
import { MAX_WEIGHT, type YamlReader } from './yamlReader.js';

/**
 * Validate's ORD-12 checks delivered_at >= shipped_at + 12 h whatever the config: the warehouse closes
 * at least this many hours before the carriers' first delivery hour of the next day.
 */
const MIN_SHIP_TO_DELIVERY_HOURS = 12;
/** Validate's ORD-11 checks returns within 30 days of delivery (or the holiday extension). */
const MAX_RETURN_WINDOW_DAYS = 30;

/** Weights keyed by whole numbers from `min` to `max`, at least one positive. */
function countWeights(reader: YamlReader, min: number, max: number): Record<string, number> {
  const weights = reader.weights();
  for (const key of Object.keys(weights)) {
    const count = Number(key);
    reader.check(/^\d+$/.test(key) && count >= min && count <= max, `keys must be whole numbers ${min} to ${max} (got ${messageExcerpt(key, 40)})`);
  }
  return weights;
}

export function readShippingMethod(method: YamlReader): ShippingMethod {
  const deliveryHourly = method.field('delivery_hourly').weightList({ exact: 24 });
  return {
    weight: method.field('weight').weight(),
    // The column's own bound (orders.shipping_cost) is checked against the schemas when a run starts.
    costCents: method.field('cost_cents').number({ integer: true, min: 0 }),
    handlingDays: countWeights(method.field('handling_days'), 0, 10),
    transitDays: countWeights(method.field('transit_days'), 1, 30),
    deliveryHourly,
  };
}

function readWarehouseDay(reader: YamlReader): WarehouseDay {
  const openHour = reader.field('open_hour').number({ integer: true, min: 0, max: 23 });
  const cutoffHour = reader.field('cutoff_hour').number({ integer: true, min: openHour, max: 23 });
  const closeHour = reader.field('close_hour').number({ integer: true, min: cutoffHour + 1, max: 24 });
  return { openHour, cutoffHour, closeHour };
}

/** The warehouse's hours; `methods` are checked to deliver late enough after its latest closing. */
export function readWarehouse(reader: YamlReader, methodsNode: YamlReader, methods: Readonly<Record<string, ShippingMethod>>): WarehouseConfig {
  const weekday = readWarehouseDay(reader.field('weekday'));
  const saturday = readWarehouseDay(reader.field('saturday'));
  const minPickMinutes = reader.field('min_pick_minutes').number({ integer: true, min: 0, max: 600 });
  const latestClose = Math.max(weekday.closeHour, saturday.closeHour);
  for (const [name, method] of Object.entries(methods)) {
    const firstHour = method.deliveryHourly.findIndex((weight) => weight > 0);
    methodsNode.field(name).field('delivery_hourly').check(
      firstHour + 24 - latestClose >= MIN_SHIP_TO_DELIVERY_HOURS,
      `must be 0 before ${latestClose - 12}:00, ${MIN_SHIP_TO_DELIVERY_HOURS} hours after the warehouse closes (validate's ORD-12 relies on it)`,
    );
  }
  return { weekday, saturday, minPickMinutes };
}

export function readReturns(reader: YamlReader): ReturnsConfig {
  const ratesNode = reader.field('category_rates');
  const names: readonly string[] = CATALOG.map((category) => category.name);
  const categoryRates: Record<string, number> = {};
  for (const name of ratesNode.keys()) {
    ratesNode.check(names.includes(name), `has ${messageExcerpt(name, 40)}, which is not one of ${names.join(', ')}`);
    categoryRates[name] = ratesNode.field(name).probability();
  }
  for (const name of names) ratesNode.check(name in categoryRates, `needs a rate for ${name}`);
  const price = reader.field('price_factor');
  const priceMin = price.field('min').number({ min: 0, max: MAX_WEIGHT });
  return {
    categoryRates,
    priceFactor: {
      anchorCents: price.field('anchor_cents').number({ integer: true, min: 1 }),
      exponent: price.field('exponent').number({ min: -5, max: 5 }),
      min: priceMin,
      max: price.field('max').number({ min: priceMin, max: MAX_WEIGHT }),
    },
    holidayUplift: reader.field('holiday_uplift').number({ min: 0, max: 10 }),
    lagDays: {
      median: reader.field('lag_days').field('median').number({ min: 0, exclusiveMin: true, max: 365 }),
      sigma: reader.field('lag_days').field('sigma').number({ min: 0, max: 5 }),
    },
    windowDays: reader.field('window_days').number({ integer: true, min: 1, max: MAX_RETURN_WINDOW_DAYS }),
    giftShare: reader.field('gift_share').probability(),
  };
}

export function readEveningDay(reader: YamlReader, multiplier: { readonly min: number; readonly exclusiveMin: true; readonly max: number }): EveningDay {
  return {
    day: reader.field('day').number(multiplier),
    eveningFromHour: reader.field('evening_from_hour').number({ integer: true, min: 0, max: 23 }),
    evening: reader.field('evening').number(multiplier),
  };
}
