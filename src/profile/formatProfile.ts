import type { DatasetProfile, Distribution, Quantiles } from './profileTypes.js';
import { formatBehaviour } from './formatBehaviour.js';

const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;
const ratio = (value: number): string => `${value.toFixed(2)}x`;
const number = (value: number, digits = 2): string => value.toLocaleString('en-US', { maximumFractionDigits: digits });

function shares(title: string, distribution: Distribution, limit = Infinity): string[] {
  const entries = Object.entries(distribution);
  const shown = entries.slice(0, limit).map(([label, value]) => `${label} ${percent(value)}`);
  const rest = entries.length > limit ? ` … (+${entries.length - limit} more)` : '';
  return [`  ${title}: ${shown.join(', ')}${rest}`];
}

function quantiles(label: string, q: Quantiles, unit = ''): string {
  return `  ${label}: min ${number(q.min)}${unit}, p10 ${number(q.p10)}${unit}, median ${number(q.median)}${unit}, p90 ${number(q.p90)}${unit}, max ${number(q.max)}${unit}, mean ${number(q.mean)}${unit}`;
}

function ratios(title: string, distribution: Distribution): string {
  return `  ${title}: ${Object.entries(distribution).map(([label, value]) => `${label} ${ratio(value)}`).join(', ') || 'n/a'}`;
}

/** The profile as a report for a terminal: one section per table, one line per distribution. */
export function formatProfile(profile: DatasetProfile): string {
  const { customers, products, orders, orderItems, webEvents } = profile;
  const states = Object.entries(customers.stateShares);
  const lines = [
    `customers (${number(customers.rows)} rows)`,
    `  states present: ${customers.statesPresent} (50 states + DC = 51)`,
    `  largest states: ${states.slice(0, 6).map(([state, value]) => `${state} ${percent(value)}`).join(', ')}`,
    `  smallest states: ${states.slice(-6).map(([state, value]) => `${state} ${percent(value)}`).join(', ')}`,
    ...shares('age at registration', customers.ageAtRegistration),
    ...shares('segment', customers.segmentShares),
    ...shares('gender', customers.genderShares),
    ...shares('email domain', customers.emailDomainShares, 6),
    `  registrations per year: ${Object.entries(customers.registrationsPerYear).map(([year, count]) => `${year} ${number(count)}`).join(', ')}`,
    '',
    `products (${number(products.rows)} rows)`,
    ...shares('category', products.categoryShares),
    ...Object.entries(products.priceByCategory).map(([category, q]) => quantiles(`price ${category}`, q)),
    ...shares('price ending', products.priceEndingShares),
    quantiles('cost / price', products.costToPrice),
    `  inactive ${percent(products.inactiveShare)}, out of stock ${percent(products.outOfStockShare)}`,
    '',
    `orders (${number(orders.rows)} rows)`,
    `  per month: ${Object.entries(orders.perMonth).map(([month, count]) => `${month} ${number(count)}`).join(', ')}`,
    ratios('Nov-Dec daily volume vs the year\'s daily average', orders.novDecDailyVsYearDaily),
    ratios('year-over-year growth', orders.yearOverYearGrowth),
    ratios('Black Friday vs median November day', orders.blackFridayVsNovemberDay),
    ratios('Cyber Monday vs median November day', orders.cyberMondayVsNovemberDay),
    ...shares('weekday', orders.weekdayShares),
    ...shares('hour (UTC)', orders.hourShares),
    ...shares('status', orders.statusShares),
    `  returned of delivered: ${percent(orders.returnedShareOfDelivered)}`,
    ...shares('payment', orders.paymentShares),
    ...shares('shipping', orders.shippingShares),
    `  coupon on ${percent(orders.couponShare)} of orders; shipped to the customer's own address ${percent(orders.ownAddressShare)}; average order value $${number(orders.averageOrderValue)}`,
    quantiles('hours from order to shipping', orders.hoursToShip, ' h'),
    quantiles('days from shipping to delivery', orders.daysToDeliver, ' d'),
    `  top 20% of customers place ${percent(orders.topCustomers20PctShare)} of orders; ${percent(orders.customersWithoutOrdersShare)} of customers never order, ${percent(orders.customersWithOneOrderShare)} order once`,
    '',
    `order_items (${number(orderItems.rows)} rows)`,
    ...shares('items per order', orderItems.itemsPerOrder),
    `  mean items per order: ${number(orderItems.meanItemsPerOrder, 3)}`,
    ...shares('quantity', orderItems.quantityShares),
    `  top 10% of products sell ${percent(orderItems.topProducts10PctUnitShare)} of units`,
    '',
    `web_events (${number(webEvents.rows)} rows, ${number(webEvents.sessions)} sessions)`,
    quantiles('events per session', webEvents.sessionLength),
    ...shares('event type', webEvents.eventTypeShares),
    ...shares('device (sessions)', webEvents.deviceShares),
    ...shares('traffic source (sessions)', webEvents.trafficSourceShares),
    ...Object.entries(webEvents.browserByOs).flatMap(([os, browsers]) => shares(`browsers on ${os}`, browsers)),
    `  anonymous sessions: ${percent(webEvents.anonymousSessionShare)} (purchases by anonymous sessions: ${webEvents.funnel.anonymousPurchases})`,
    `  funnel (share of sessions): product_view ${percent(webEvents.funnel.sessionsWithProductView)} -> add_to_cart ${percent(webEvents.funnel.sessionsWithAddToCart)} -> begin_checkout ${percent(webEvents.funnel.sessionsWithCheckout)} -> purchase ${percent(webEvents.funnel.sessionsWithPurchase)}`,
    `  add_to_cart in ${percent(webEvents.funnel.addToCartOfViewingSessions)} of sessions that view a product`,
    `  product views of the top 10% products by units sold: ${percent(webEvents.topProducts10PctViewShare)}`,
    '',
    ...formatBehaviour(profile.behaviour),
  ];
  return `${lines.join('\n')}\n`;
}
