import type { EcomConfig } from '../config/configTypes.js';
import type { TableCounts } from '../schema/tableNames.js';
import { IdTimeline } from '../core/idTimeline.js';
import { TimeCurve } from '../core/timeCurve.js';
import { namedDayMultipliers } from './shoppingCalendar.js';
import type { StreamKeys } from './streams.js';

export interface Timelines {
  readonly customerTimeline: IdTimeline;
  readonly productTimeline: IdTimeline;
  readonly orderTimeline: IdTimeline;
  readonly sessionCurve: TimeCurve;
}

const YEAR_DAYS = 365;

/** An hourly curve given in local time, as weights of the UTC hours (UTC hour h is local h + offset). */
function toUtcHours(localHourly: readonly number[], offsetHours: number): number[] {
  return Array.from({ length: 24 }, (_, hour) => localHourly[(((hour + offsetHours) % 24) + 24) % 24] as number);
}

/** How each table's ids spread over time: registrations, launches, orders and sessions. */
export function buildTimelines(config: EcomConfig, counts: TableCounts, keys: StreamKeys): Timelines {
  const windowDays = config.window.endDay - config.window.startDay + 1;
  const customerLead = Math.round(config.customers.registrationLeadYears * YEAR_DAYS);
  const productLead = Math.round(config.products.catalogLeadYears * YEAR_DAYS);
  const shopping = {
    yearlyGrowth: config.orders.yearlyGrowth,
    monthly: config.orders.monthly,
    weekday: config.orders.weekday,
    specialDays: namedDayMultipliers(config, config.window.startDay, config.window.endDay),
  };
  const offset = config.window.localUtcOffsetHours;
  const orderHours = toUtcHours(config.orders.hourly, offset);
  const customerCurve = new TimeCurve(config.window.startDay - customerLead, customerLead + windowDays, {
    yearlyGrowth: config.customers.yearlyGrowth,
    hourly: orderHours,
  });
  const productCurve = new TimeCurve(config.window.startDay - productLead, productLead + windowDays, {
    yearlyGrowth: config.products.yearlyGrowth,
  });
  const orderCurve = new TimeCurve(config.window.startDay, windowDays, { ...shopping, hourly: orderHours });
  return {
    customerTimeline: new IdTimeline(customerCurve, Math.max(counts.customers, 1), keys.customerCreatedAt),
    productTimeline: new IdTimeline(productCurve, Math.max(counts.products, 1), keys.productCreatedAt),
    orderTimeline: new IdTimeline(orderCurve, Math.max(counts.orders, 1), keys.orderDate),
    sessionCurve: new TimeCurve(config.window.startDay, windowDays, { ...shopping, hourly: toUtcHours(config.webEvents.hourly, offset) }),
  };
}
