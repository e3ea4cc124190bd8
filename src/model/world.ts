import type { EcomConfig } from '../config/configTypes.js';
import type { TableCounts } from '../schema/tableNames.js';
import { CalendarText, SECONDS_PER_DAY } from '../core/calendar.js';
import type { IdTimeline } from '../core/idTimeline.js';
import type { TimeCurve } from '../core/timeCurve.js';
import { Catalog } from './catalog.js';
import { EN_US_DEFINITIONS, FakerSource } from './fakerSource.js';
import { Geography } from './geography.js';
import { ProductFacts } from './productFacts.js';
import { PriceCursors } from './history/priceCursors.js';
import { PopularProducts } from './popularProducts.js';
import { TimelineTable } from './timelineTable.js';
import { streamKeys, type StreamKeys } from './streams.js';
import { TierPicker } from './tierPicker.js';
import { buildTimelines } from './timelines.js';
import { ZipfRanks } from './zipfRanks.js';
import { OrderBlockCounts } from './orderBlockCounts.js';
import { DrawnItems } from './drawnItems.js';

/** Everything the table generators share: built once per worker from (config, counts, seed), then read-only. */
export interface World {
  readonly seed: number;
  readonly config: EcomConfig;
  readonly counts: TableCounts;
  readonly calendar: CalendarText;
  /** The last second inside the window: "now" for orders' status. */
  readonly windowLast: number;
  readonly customerTimeline: IdTimeline;
  /** The customer timeline's answers from a table (registration seconds and counts by second and day). */
  readonly registrations: TimelineTable;
  readonly productTimeline: IdTimeline;
  /** The product timeline's answers from a table (launch seconds and counts by second). */
  readonly launches: TimelineTable;
  readonly orderTimeline: IdTimeline;
  readonly sessionCurve: TimeCurve;
  readonly customerTiers: TierPicker;
  /** Products' popularity ranks (Zipf): what ProductPicker draws from. */
  readonly productPopularity: ZipfRanks;
  /** What picks ask about the products at the popular ranks, by rank (a cache of the two above). */
  readonly popularProducts: PopularProducts;
  readonly geography: Geography;
  readonly catalog: Catalog;
  readonly names: NameVocabulary;
  readonly fakerSource: FakerSource;
  readonly productFacts: ProductFacts;
  /** Where each product's price walk stopped: order lines resume it (see ProductHistory.priceAt). */
  readonly priceCursors: PriceCursors;
  /** Item counts of the order blocks this worker has laid out (orders, order_items and web_events share them). */
  readonly orderBlockCounts: OrderBlockCounts;
  /** The order lines the orders pass drew lately, for order_items to recall (shared by a run's workers). */
  readonly drawnItems: DrawnItems;
  readonly keys: StreamKeys;
}

interface NameVocabulary {
  readonly female: readonly string[];
  readonly male: readonly string[];
  readonly last: readonly string[];
  readonly streets: readonly string[];
  readonly streetSuffixes: readonly string[];
}

function uniqueWords(words: readonly string[]): string[] {
  return [...new Set(words.filter((word) => /^[A-Za-z][A-Za-z' -]*$/.test(word)))].sort();
}

function nameVocabulary(): NameVocabulary {
  const person = EN_US_DEFINITIONS.person;
  const location = EN_US_DEFINITIONS.location;
  const firstNames = person?.first_name;
  const lastNames = person?.last_name;
  if (!firstNames || !lastNames || !location?.street_name || !location.street_suffix) {
    throw new Error('faker en_US locale lacks person or street names');
  }
  const femaleNames = 'female' in firstNames ? firstNames.female : undefined;
  const maleNames = 'male' in firstNames ? firstNames.male : undefined;
  const genericLast = 'generic' in lastNames ? lastNames.generic : undefined;
  if (!femaleNames || !maleNames || !genericLast) throw new Error('faker en_US locale lacks gendered first names');
  return {
    female: uniqueWords(femaleNames),
    male: uniqueWords(maleNames),
    last: uniqueWords(genericLast),
    streets: uniqueWords(location.street_name),
    streetSuffixes: uniqueWords(location.street_suffix),
  };
}

/** `keys` defaults to the seed's; tests pass others to see which tables a stream reaches. */
export function buildWorld(config: EcomConfig, counts: TableCounts, seed: number, keys: StreamKeys = streamKeys(seed)): World {
  const catalog = new Catalog(config);
  const timelines = buildTimelines(config, counts, keys);
  const windowLast = (config.window.endDay + 1) * SECONDS_PER_DAY - 1;
  const productCount = Math.max(counts.products, 1);
  const productFacts = new ProductFacts(catalog, keys.productCore, { timeline: timelines.productTimeline, lastSecond: windowLast }, counts.products);
  const tiers = config.customers.tiers;
  const popularity = config.products.popularity;
  const productPopularity = new ZipfRanks(productCount, popularity.zipfExponent, popularity.zipfOffset, keys.productTiers);
  return {
    seed,
    config,
    counts,
    calendar: new CalendarText(),
    windowLast,
    ...timelines,
    registrations: new TimelineTable(timelines.customerTimeline, config.window.endDay),
    launches: new TimelineTable(timelines.productTimeline, config.window.endDay),
    customerTiers: new TierPicker(tiers.map((t) => t.sharePct), tiers.map((t) => t.orderWeight), keys.customerTiers),
    productPopularity,
    popularProducts: new PopularProducts(productPopularity, productFacts),
    geography: new Geography(),
    catalog,
    names: nameVocabulary(),
    fakerSource: new FakerSource(),
    productFacts,
    priceCursors: new PriceCursors(counts.products),
    orderBlockCounts: new OrderBlockCounts(counts.orders),
    drawnItems: new DrawnItems(counts),
    keys,
  };
}
