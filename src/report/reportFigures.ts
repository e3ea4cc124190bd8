import { CustomerActivity } from '../profile/lifecycle.js';
import type { ProfileClock } from '../profile/profileTypes.js';
import { LocalClock } from '../profile/timestamps.js';
import { US_STATES } from '../vocab/usStates.js';
import { cohortMatrix, monthText } from './cohortMatrix.js';
import { dayText, holidayMarks } from './holidayMarks.js';
import type { CategoryPrices, ItemsPerOrder, MonthCategoryRevenue, ReportFigures, StateShare } from './reportTypes.js';
import { scanCustomers } from './scanCustomers.js';
import { keyParts, scanOrderItems } from './scanOrderItems.js';
import { scanOrders } from './scanOrders.js';
import { scanProducts } from './scanProducts.js';
import { scanWebSessions } from './scanWebSessions.js';
import type { ReportTables } from './reportTables.js';
import { TABLE_NAMES } from '../schema/tableNames.js';

const CENSUS_TOTAL = US_STATES.reduce((sum, state) => sum + state.population2020, 0);
const POPULATION_SHARE = new Map(US_STATES.map((state) => [state.code, state.population2020 / CENSUS_TOTAL]));

function range(first: number, last: number): number[] {
  return last >= first ? Array.from({ length: last - first + 1 }, (_, index) => first + index) : [];
}

/**
 * What the report draws, from one streaming pass over each table in the order the joins need
 * (customers, products, orders, order_items, web_events). Memory is bounded by arrays sized by the
 * customer, product and order ids and by maps of days, months and labels: never an entry per order line
 * or per event, and one web session at a time. A table the dataset does not hold counts as empty.
 */
export async function reportFigures(tables: ReportTables, clockInfo: ProfileClock): Promise<ReportFigures> {
  const clock = new LocalClock(clockInfo.utcOffsetHours);
  const activity = new CustomerActivity(clock);
  const customers = await scanCustomers(tables, activity);
  const products = await scanProducts(tables);
  const orders = await scanOrders(tables, clock, activity);
  const items = await scanOrderItems(tables, products, orders);
  const web = await scanWebSessions(tables);

  const customerIds = range(1, customers.maxId);
  let buyers = 0;
  let repeatBuyers = 0;
  for (const id of customerIds) {
    const count = activity.orders.get(id);
    if (count > 0) buyers++;
    if (count > 1) repeatBuyers++;
  }

  const firstDay = clock.day(orders.first);
  const lastDay = clock.day(orders.last);
  const ordersOn = (day: number): number => orders.perDay.get(day) ?? 0;
  const days = Number.isFinite(firstDay) ? range(firstDay, lastDay) : [];

  const revenueByMonth: MonthCategoryRevenue[] = [...items.revenue.entries()]
    .map(([key, revenueCents]) => {
      const { month, category } = keyParts(key);
      return { month: monthText(month), category: products.categories[category] ?? 'unknown product', revenueCents };
    })
    .sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : a.category < b.category ? -1 : 1));

  const states: StateShare[] = customers.states
    .entries()
    .map(([state, count]) => ({ state, customers: count, customerShare: count / customers.rows, populationShare: POPULATION_SHARE.get(state) ?? 0 }))
    .sort((a, b) => b.customers - a.customers || (a.state < b.state ? -1 : 1));

  const prices: CategoryPrices[] = [...products.prices.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([category, sample]) => {
      const q = sample.quantiles();
      return { category, products: q.count, min: q.min, p10: q.p10, median: q.median, p90: q.p90, max: q.max };
    });

  const itemCounts = new Map<number, number>();
  for (const id of range(1, orders.maxId)) {
    if (Number.isNaN(orders.monthOf.get(id))) continue;
    const count = items.itemsOf.get(id);
    itemCounts.set(count, (itemCounts.get(count) ?? 0) + 1);
  }
  const itemsPerOrder: ItemsPerOrder[] = [...itemCounts.entries()].sort((a, b) => a[0] - b[0]).map(([count, total]) => ({ items: count, orders: total }));

  return {
    headline: {
      customers: customers.rows,
      products: products.rows,
      orders: orders.rows,
      orderItems: items.rows,
      webEvents: web.rows,
      sessions: web.sessions.sessions,
      revenueCents: orders.revenueCents,
      returnedOrders: orders.returned,
      convertedSessions: web.sessions.converted,
      buyers,
      repeatBuyers,
    },
    tables: TABLE_NAMES.filter((table) => tables.present.has(table)),
    clock: clockInfo,
    ordersPerDay: days.map((day) => ({ day: dayText(day), orders: ordersOn(day) })),
    holidays: holidayMarks(ordersOn, firstDay, lastDay),
    revenueByMonth,
    states,
    prices,
    funnel: web.sessions.funnel(),
    sources: web.sessions.sources(),
    cohorts: cohortMatrix(activity, clock, customerIds, orders.first, orders.last),
    returns: Object.entries(items.baskets.returnRateByCategory()).map(([category, rate]) => ({ category, lines: rate.lines, lineShare: rate.lineShare })),
    itemsPerOrder,
  };
}
