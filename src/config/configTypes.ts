// The typed form of config/config.yaml, after validation. Field names mirror the YAML keys.

import type { TableCounts } from '../schema/tableNames.js';

interface CustomerTier {
  readonly sharePct: number;
  readonly orderWeight: number;
  readonly segments: Readonly<Record<string, number>>;
}

/** How customers buy over their lives: see src/model/orderCustomers.ts. */
interface CustomerLifecycle {
  readonly checkoutSignupShare: number;
  readonly earlyRepeat: { readonly share: number; readonly meanDays: number };
  readonly meanLifetimeDays: number;
}

interface AgeBand {
  readonly from: number;
  readonly to: number;
  readonly weight: number;
}

/** The catalog's categories, by which cost and product life differ. */
export const CATEGORY_NAMES = ['Electronics', 'Clothing', 'Home & Garden', 'Sports', 'Books'] as const;
type CategoryKey = (typeof CATEGORY_NAMES)[number];

interface CostRatio {
  readonly min: number;
  readonly max: number;
}

interface LifeYears {
  readonly median: number;
  readonly sigma: number;
}

export interface ShippingMethod {
  readonly weight: number;
  readonly costCents: number;
  /** Weights of the warehouse's business days of handling, by number of days (keys 0 to 10). */
  readonly handlingDays: Readonly<Record<string, number>>;
  /** Weights of the carrier's business days in transit, by number of days (keys 1 to 30). */
  readonly transitDays: Readonly<Record<string, number>>;
  /** Twenty-four weights of the local delivery hour, midnight first. */
  readonly deliveryHourly: readonly number[];
}

/** A warehouse day's hours, local time: orders in by the cut-off can ship before closing. */
export interface WarehouseDay {
  readonly openHour: number;
  readonly cutoffHour: number;
  readonly closeHour: number;
}

export interface WarehouseConfig {
  readonly weekday: WarehouseDay;
  readonly saturday: WarehouseDay;
  readonly minPickMinutes: number;
}

export interface ReturnsConfig {
  /** Return rate of an item, by category name. */
  readonly categoryRates: Readonly<Record<string, number>>;
  readonly priceFactor: { readonly anchorCents: number; readonly exponent: number; readonly min: number; readonly max: number };
  readonly holidayUplift: number;
  readonly lagDays: { readonly median: number; readonly sigma: number };
  readonly windowDays: number;
  readonly giftShare: number;
}

/** A day whose evening (from a local hour on) has its own multiplier. */
export interface EveningDay {
  readonly day: number;
  readonly eveningFromHour: number;
  readonly evening: number;
}

export interface EcomConfig {
  readonly seed: number;
  readonly window: {
    readonly start: string;
    readonly end: string;
    readonly startDay: number;
    readonly endDay: number;
    readonly localUtcOffsetHours: number;
  };
  readonly environments: Readonly<Record<string, TableCounts>>;
  readonly ratios: { readonly orderItemsPerOrder: number; readonly webEventsPerOrder: number };
  readonly generation: { readonly shardRows: number };
  readonly customers: {
    readonly registrationLeadYears: number;
    readonly yearlyGrowth: number;
    readonly genderShares: Readonly<Record<string, number>>;
    readonly ageBands: readonly AgeBand[];
    readonly addressLine2Rate: number;
    readonly marketingOptInRate: number;
    readonly emailDomains: Readonly<Record<string, number>>;
    readonly tiers: readonly CustomerTier[];
    readonly lifecycle: CustomerLifecycle;
  };
  readonly products: {
    readonly catalogLeadYears: number;
    readonly yearlyGrowth: number;
    readonly outOfStockRate: number;
    readonly medianStock: number;
    readonly priceEndings: Readonly<Record<string, number>>;
    /** Unit cost as a share of price, drawn uniformly in [min, max], per category. */
    readonly costRatio: Readonly<Record<CategoryKey, CostRatio>>;
    /** How long a product stays on sale (log-normal, years), per category. */
    readonly lifeYears: Readonly<Record<CategoryKey, LifeYears>>;
    /** Zipf-Mandelbrot popularity over products: P(rank r) ∝ (r + zipfOffset)^-zipfExponent. */
    readonly popularity: { readonly zipfExponent: number; readonly zipfOffset: number };
  };
  readonly orders: {
    readonly yearlyGrowth: number;
    readonly monthly: readonly number[];
    readonly weekday: readonly number[];
    readonly blackFriday: number;
    readonly cyberMonday: number;
    readonly thanksgiving: number;
    readonly christmasDay: number;
    readonly christmasEve: EveningDay;
    readonly hourly: readonly number[];
    readonly maxItemsPerOrder: number;
    readonly priceSensitivity: { readonly anchorCents: number; readonly elasticity: number };
    readonly quantityWeights: Readonly<Record<string, number>>;
    readonly itemDiscountRate: number;
    readonly itemDiscountPercents: readonly number[];
    readonly couponRate: number;
    /** Chance that each further item of an order comes from its first item's category. */
    readonly sameCategoryShare: number;
    readonly couponPercents: readonly number[];
    readonly ownAddressShare: number;
    readonly cancelRate: number;
    readonly pendingHours: number;
    readonly paymentMethods: Readonly<Record<string, number>>;
    readonly shippingMethods: Readonly<Record<string, ShippingMethod>>;
    readonly freeShippingThresholdCents: number;
    readonly warehouse: WarehouseConfig;
    readonly returns: ReturnsConfig;
  };
  readonly webEvents: {
    readonly targetConversionRate: number;
    readonly purchaseExtraEvents: number;
    readonly checkoutSeconds: { readonly min: number; readonly max: number };
    readonly searchTypoRate: number;
    readonly eventsPerBlock: number;
    readonly loggedInShare: number;
    readonly meanSessionEvents: number;
    readonly maxSessionEvents: number;
    readonly gapSeconds: { readonly median: number; readonly sigma: number; readonly max: number };
    readonly hourly: readonly number[];
    readonly funnel: {
      readonly campaignLandsOnProduct: number;
      readonly search: number;
      readonly sitePageView: number;
      readonly addToCartAfterView: number;
      readonly removeFromCart: number;
      readonly checkoutWithCart: number;
      readonly purchaseSessionRemove: number;
    };
  };
}
