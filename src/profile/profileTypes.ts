/** Shares are fractions of 1; "by" maps are ordered as the report prints them. */
export interface Distribution {
  readonly [key: string]: number;
}

export interface Quantiles {
  readonly count: number;
  readonly min: number;
  readonly p10: number;
  readonly median: number;
  readonly p90: number;
  readonly max: number;
  readonly mean: number;
}

export interface DatasetProfile {
  readonly customers: {
    readonly rows: number;
    readonly statesPresent: number;
    readonly stateShares: Distribution;
    readonly ageAtRegistration: Distribution;
    readonly segmentShares: Distribution;
    readonly genderShares: Distribution;
    readonly emailDomainShares: Distribution;
    readonly registrationsPerYear: Distribution;
  };
  readonly products: {
    readonly rows: number;
    readonly categoryShares: Distribution;
    readonly priceByCategory: Readonly<Record<string, Quantiles>>;
    readonly priceEndingShares: Distribution;
    readonly costToPrice: Quantiles;
    readonly inactiveShare: number;
    readonly outOfStockShare: number;
  };
  readonly orders: {
    readonly rows: number;
    readonly perMonth: Distribution;
    readonly novDecDailyVsYearDaily: Distribution;
    readonly yearOverYearGrowth: Distribution;
    readonly weekdayShares: Distribution;
    readonly hourShares: Distribution;
    readonly blackFridayVsNovemberDay: Distribution;
    readonly cyberMondayVsNovemberDay: Distribution;
    readonly statusShares: Distribution;
    readonly returnedShareOfDelivered: number;
    readonly paymentShares: Distribution;
    readonly shippingShares: Distribution;
    readonly couponShare: number;
    readonly ownAddressShare: number;
    readonly averageOrderValue: number;
    readonly hoursToShip: Quantiles;
    readonly daysToDeliver: Quantiles;
    readonly topCustomers20PctShare: number;
    readonly customersWithoutOrdersShare: number;
    readonly customersWithOneOrderShare: number;
  };
  readonly orderItems: {
    readonly rows: number;
    readonly itemsPerOrder: Distribution;
    readonly meanItemsPerOrder: number;
    readonly quantityShares: Distribution;
    readonly topProducts10PctUnitShare: number;
  };
  readonly webEvents: {
    readonly rows: number;
    readonly sessions: number;
    readonly sessionLength: Quantiles;
    readonly eventTypeShares: Distribution;
    readonly deviceShares: Distribution;
    readonly trafficSourceShares: Distribution;
    readonly browserByOs: Readonly<Record<string, Distribution>>;
    readonly anonymousSessionShare: number;
    readonly funnel: {
      readonly sessionsWithProductView: number;
      readonly sessionsWithAddToCart: number;
      readonly sessionsWithCheckout: number;
      readonly sessionsWithPurchase: number;
      readonly addToCartOfViewingSessions: number;
      readonly anonymousPurchases: number;
    };
    readonly topProducts10PctViewShare: number;
  };
  readonly behaviour: BehaviourProfile;
}

/** p10 / median / p90 of a sample; null figures when it is empty (JSON has no NaN). */
export interface Spread {
  readonly count: number;
  readonly p10: number | null;
  readonly median: number | null;
  readonly p90: number | null;
}

/** Sessions of one device or traffic source, the share that purchase and the share that bounce (one event). */
export interface SessionRates {
  readonly sessions: number;
  readonly conversion: number;
  readonly bounce: number;
}

/** Of the order lines (or of the orders holding at least one such line), the share whose order is returned. */
export interface ReturnRate {
  readonly lines: number;
  readonly lineShare: number;
  readonly orders: number;
  readonly orderShare: number;
}

/** Hours from one timestamp to another, by shipping method. */
export interface MethodTiming extends Spread {
  /** Share of the spans that are exact whole days (86,400 s multiples): a clock-like carrier. */
  readonly wholeDayShare: number;
}

/** How the profile reads local hours and weekdays. */
export interface ProfileClock {
  readonly utcOffsetHours: number;
  /** `config` when the config file matches manifest.json's hash, else `utc` with the reason in `note`. */
  readonly basis: 'config' | 'utc';
  readonly note: string;
}

/** Behaviour an analyst measures across the tables: lifecycle, fulfilment, baskets, sessions. */
export interface BehaviourProfile {
  readonly clock: ProfileClock;
  /** Metrics left out because the data lacks the column they need, each with that column. */
  readonly unavailable: readonly string[];
  readonly lifecycle: {
    readonly buyers: number;
    readonly repeatRateAmongBuyers: number;
    readonly neverBuyShare: number;
    /** Month m (0-12): share of a signup-month cohort ordering in calendar month signup + m, mean over the cohorts whose month m lies inside the orders' window (null: none does). */
    readonly cohortRetention: readonly (number | null)[];
    readonly cohortsPerMonth: readonly number[];
    /** Buyers who signed up in a month of the orders' window: days from signup to first order. */
    readonly firstOrderLag: { readonly buyers: number; readonly sameDayShare: number; readonly medianDays: number | null; readonly p90Days: number | null };
  };
  readonly fulfilment: {
    readonly shipHourShares: Distribution;
    readonly shipWeekdayShares: Distribution;
    readonly handlingHoursByMethod: Readonly<Record<string, Spread>>;
    readonly transitHoursByMethod: Readonly<Record<string, MethodTiming>>;
    readonly returnLagDays: Spread | null;
    /** Returned orders by calendar month of returned_at (Jan..Dec over all years). */
    readonly returnsByMonth: Distribution | null;
  };
  readonly calendar: {
    /** Orders on the day vs the mean of the same weekday 1 and 2 weeks either side (local days inside the window). */
    readonly christmasVsSameWeekday: Distribution;
    readonly thanksgivingVsSameWeekday: Distribution;
  };
  /** tax / (subtotal - discount) by shipping state. */
  readonly taxRateByState: Distribution;
  readonly baskets: {
    readonly returnRateByCategory: Readonly<Record<string, ReturnRate>>;
    readonly returnRateByPriceBand: Readonly<Record<string, ReturnRate>>;
    /** sum(line_total - quantity * cost) / sum(line_total). */
    readonly grossMarginByCategory: Distribution;
    /** Units sold by the products ranked 1, 2, 5, ... by units. */
    readonly bestSellerUnits: Distribution;
    readonly bestSellerFirstToTwentieth: number | null;
    /** Order lines placed after their product's discontinued_at (null: no such column). */
    readonly linesAfterDiscontinuation: number | null;
  };
  readonly sessions: {
    readonly conversion: number;
    readonly bounce: number;
    readonly byDevice: Readonly<Record<string, SessionRates>>;
    readonly bySource: Readonly<Record<string, SessionRates>>;
    /** Session lengths (events) as shares, by length. */
    readonly lengthShares: Distribution;
    readonly span: {
      readonly first: string | null;
      readonly last: string | null;
      readonly ordersInSpan: number;
      readonly sessionsPerOrder: number | null;
      /** Share of the span's orders that a purchase event names in web_events.order_id (null: no such column). */
      readonly ordersWithPurchaseSession: number | null;
    };
    readonly search: {
      readonly events: number;
      readonly distinctQueries: number;
      readonly top10Share: number;
      readonly topQuery: string | null;
      readonly topQueryCount: number;
      readonly medianQueryCount: number;
    };
  };
}
