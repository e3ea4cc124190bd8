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
}
