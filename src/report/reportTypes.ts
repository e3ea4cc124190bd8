import type { ProfileClock } from '../profile/profileTypes.js';
import type { TableName } from '../schema/tableNames.js';

/** The figures at the top of the report, exact (money in cents) so a test can recompute them from the files. */
export interface Headline {
  readonly customers: number;
  readonly products: number;
  readonly orders: number;
  readonly orderItems: number;
  readonly webEvents: number;
  readonly sessions: number;
  /** Sum of orders.total_amount. */
  readonly revenueCents: number;
  /** Orders whose status is `returned`. */
  readonly returnedOrders: number;
  /** Sessions holding a purchase event. */
  readonly convertedSessions: number;
  /** Customers with at least one order, and with two or more. */
  readonly buyers: number;
  readonly repeatBuyers: number;
}

interface DayOrders {
  /** Local calendar day, `YYYY-MM-DD`. */
  readonly day: string;
  readonly orders: number;
}

/** A named shopping day on the orders-per-day chart. */
export interface HolidayMark extends DayOrders {
  readonly label: string;
}

export interface MonthCategoryRevenue {
  /** Local calendar month, `YYYY-MM`. */
  readonly month: string;
  readonly category: string;
  /** Sum of order_items.line_total of the month's orders in the category. */
  readonly revenueCents: number;
}

export interface StateShare {
  readonly state: string;
  readonly customers: number;
  readonly customerShare: number;
  /** The state's share of the 2020 Census resident population (0 for a code outside the 50 states + DC). */
  readonly populationShare: number;
}

export interface CategoryPrices {
  readonly category: string;
  readonly products: number;
  readonly min: number;
  readonly p10: number;
  readonly median: number;
  readonly p90: number;
  readonly max: number;
}

/** Sessions of one device that reached a funnel step (a session counts once per step it holds). */
export interface FunnelStep {
  readonly device: string;
  readonly step: string;
  /** Position of the step in the funnel, 0 = every session. */
  readonly order: number;
  readonly sessions: number;
  /** Of the device's sessions. */
  readonly share: number;
}

export interface SourceConversion {
  readonly source: string;
  readonly sessions: number;
  readonly converted: number;
  readonly conversion: number;
}

export interface CohortCell {
  /** Signup month, `YYYY-MM` (local). */
  readonly cohort: string;
  readonly size: number;
  /** Months after the signup month (0 = the signup month itself). */
  readonly month: number;
  /** Share of the cohort with an order in that month. */
  readonly retention: number;
}

interface CategoryReturns {
  readonly category: string;
  readonly lines: number;
  /** Share of the category's order lines whose order was returned. */
  readonly lineShare: number;
}

export interface ItemsPerOrder {
  readonly items: number;
  readonly orders: number;
}

/** Everything the report draws, aggregated in one streaming pass per table. */
export interface ReportFigures {
  readonly headline: Headline;
  /** The tables the dataset holds (all five unless it was written with `--tables`). */
  readonly tables: readonly TableName[];
  readonly clock: ProfileClock;
  readonly ordersPerDay: readonly DayOrders[];
  readonly holidays: readonly HolidayMark[];
  readonly revenueByMonth: readonly MonthCategoryRevenue[];
  readonly states: readonly StateShare[];
  readonly prices: readonly CategoryPrices[];
  readonly funnel: readonly FunnelStep[];
  readonly sources: readonly SourceConversion[];
  readonly cohorts: readonly CohortCell[];
  readonly returns: readonly CategoryReturns[];
  readonly itemsPerOrder: readonly ItemsPerOrder[];
}
