import type { DatasetProfile, Distribution, ProfileClock } from './profileTypes.js';
import { IdCounts, IdNumbers, LabelCounts, NumberSample, topShare } from './counters.js';
import { SECONDS_PER_DAY, thanksgiving } from '../core/calendar.js';
import { DEFAULT_CONFIG_FILE } from '../paths.js';
import { ageAt, ageBand } from './ageBands.js';
import { at, directoryTables, forEachRow, required, type Columns, type TableSource } from './tableReader.js';
import { epochSeconds, LocalClock } from './timestamps.js';
import { CustomerActivity } from './lifecycle.js';
import { FulfilmentTally, TaxTally, WEEKDAYS } from './fulfilmentTally.js';
import { BasketTally, bestSellerHead } from './basketTally.js';
import { queryFigures } from './sessionTally.js';
import { scanWebEvents } from './scanWebEvents.js';
import { orderSeasons } from './orderSeasons.js';
import { christmas, holidayRatios } from './calendarDips.js';
import { profileClock } from './profileClock.js';

export interface ProfileOptions {
  /** The config the dataset was made with, for its local time (default: the package's config.yaml). */
  readonly configFile?: string;
}

/** Whole cents of a decimal money text (`12.34`, `-0.50`). */
function cents(text: string): number {
  return Math.round(Number(text) * 100);
}

/** Columns added by later schema versions: absent in older data, whose metrics are then reported unavailable. */
function optional(col: Columns, table: string, name: string, metric: string, unavailable: string[]): number | undefined {
  const index = col[name];
  if (index === undefined) unavailable.push(`${metric}: no ${table}.${name} column`);
  return index;
}

const ORDER_RETURNED = 1;
const ORDER_PURCHASE_SESSION = 2;

/**
 * The distributions and behaviour an analyst looks at, computed by streaming the five CSV files:
 * geography, ages, prices, seasonality, concentration, status mix, devices, funnel, conversion,
 * lifecycle, fulfilment, returns, margins. Memory is bounded by arrays sized by the customer, product
 * and order counts (never a map entry per session or per event).
 */
export async function profileDataset(dir: string, options: ProfileOptions = {}): Promise<DatasetProfile> {
  return profileTables(directoryTables(dir), profileClock(dir, options.configFile ?? DEFAULT_CONFIG_FILE));
}

/** The profile of the five tables `tables` reads, hours and weekdays read on `clockInfo`. */
export async function profileTables(tables: TableSource, clockInfo: ProfileClock): Promise<DatasetProfile> {
  const clock = new LocalClock(clockInfo.utcOffsetHours);
  const unavailable: string[] = [];

  // customers
  const states = new LabelCounts();
  const ages = new LabelCounts();
  const segments = new LabelCounts();
  const genders = new LabelCounts();
  const domains = new LabelCounts();
  const registrationYears = new LabelCounts();
  const homeAddress: string[] = [];
  const activity = new CustomerActivity(clock);
  let customers = 0;
  await forEachRow(tables, 'customers', (col) => {
    const c = (name: string): number => required(col, 'customers', name);
    const [id, state, created, birth, segment, gender, email, address, zip] = [c('customer_id'), c('state'), c('created_at'), c('date_of_birth'), c('customer_segment'), c('gender'), c('email'), c('address_line1'), c('zip_code')];
    return (row) => {
      customers++;
      const customerId = Number(at(row, id));
      states.add(at(row, state));
      const createdAt = at(row, created);
      ages.add(ageBand(ageAt(at(row, birth), createdAt)));
      segments.add(at(row, segment));
      genders.add(at(row, gender));
      domains.add(at(row, email).split('@')[1] ?? '');
      registrationYears.add(createdAt.slice(0, 4));
      homeAddress[customerId] = `${at(row, address)}|${at(row, zip)}`;
      activity.signedUp(customerId, epochSeconds(createdAt));
    };
  });

  // products
  const categories = new LabelCounts();
  const categoryNames: string[] = [];
  const categoryIndex = new Map<string, number>();
  const productCategory = new IdNumbers(-1);
  const productCostCents = new IdNumbers(0);
  const discontinuedAt = new IdNumbers(Number.NaN);
  const priceSamples = new Map<string, NumberSample>();
  const endings = new LabelCounts();
  const costRatio = new NumberSample();
  let products = 0;
  let inactive = 0;
  let outOfStock = 0;
  let hasDiscontinued = false;
  await forEachRow(tables, 'products', (col) => {
    const c = (name: string): number => required(col, 'products', name);
    const [id, categoryColumn, priceColumn, costColumn, active, stock] = [c('product_id'), c('category'), c('price'), c('cost'), c('is_active'), c('stock_quantity')];
    const discontinued = optional(col, 'products', 'discontinued_at', 'order lines after discontinuation', unavailable);
    hasDiscontinued = discontinued !== undefined;
    return (row) => {
      products++;
      const productId = Number(at(row, id));
      const category = at(row, categoryColumn);
      categories.add(category);
      let index = categoryIndex.get(category);
      if (index === undefined) {
        categoryIndex.set(category, (index = categoryNames.length));
        categoryNames.push(category);
      }
      productCategory.set(productId, index);
      const priceText = at(row, priceColumn);
      const price = Number(priceText);
      let sample = priceSamples.get(category);
      if (!sample) priceSamples.set(category, (sample = new NumberSample()));
      sample.push(price);
      endings.add(`.${priceText.split('.')[1] ?? '00'}`);
      const costText = at(row, costColumn);
      costRatio.push(Number(costText) / price);
      productCostCents.set(productId, cents(costText));
      if (discontinued !== undefined) discontinuedAt.set(productId, epochSeconds(at(row, discontinued)));
      if (at(row, active) === 'false') inactive++;
      if (at(row, stock) === '0') outOfStock++;
    };
  });

  // orders
  const months = new LabelCounts();
  const days = new LabelCounts();
  const localDays = new Map<number, number>();
  const weekdays = new LabelCounts();
  const hours = new LabelCounts();
  const statuses = new LabelCounts();
  const payments = new LabelCounts();
  const shipping = new LabelCounts();
  const hoursToShip = new NumberSample();
  const daysToDeliver = new NumberSample();
  const fulfilment = new FulfilmentTally(clock);
  const taxes = new TaxTally();
  const orderSecond = new IdNumbers(Number.NaN);
  const orderFlags = new IdNumbers(0);
  let orders = 0;
  let coupons = 0;
  let ownAddress = 0;
  let totalCents = 0;
  let firstOrderSecond = Infinity;
  let lastOrderSecond = -Infinity;
  let hasReturnedAt = false;
  await forEachRow(tables, 'orders', (col) => {
    const c = (name: string): number => required(col, 'orders', name);
    const [id, customer, date, status, payment, method, line1, zip, state, subtotal, discount, tax, total, shippedColumn, deliveredColumn] = [
      c('order_id'), c('customer_id'), c('order_date'), c('status'), c('payment_method'), c('shipping_method'), c('shipping_address_line1'), c('shipping_zip'),
      c('shipping_state'), c('subtotal'), c('discount_amount'), c('tax_amount'), c('total_amount'), c('shipped_at'), c('delivered_at'),
    ];
    const returnedColumn = optional(col, 'orders', 'returned_at', 'return lag and returns by month', unavailable);
    hasReturnedAt = returnedColumn !== undefined;
    return (row) => {
      orders++;
      const orderId = Number(at(row, id));
      const ordered = at(row, date);
      const second = epochSeconds(ordered);
      // A dirty run's drifted or missing order date: the row has no place in any time figure.
      if (Number.isNaN(second)) return;
      orderSecond.set(orderId, second);
      firstOrderSecond = Math.min(firstOrderSecond, second);
      lastOrderSecond = Math.max(lastOrderSecond, second);
      months.add(ordered.slice(0, 7));
      days.add(ordered.slice(0, 10));
      const localDay = clock.day(second);
      localDays.set(localDay, (localDays.get(localDay) ?? 0) + 1);
      weekdays.add(WEEKDAYS[(Math.floor(second / SECONDS_PER_DAY) + 3) % 7] as string);
      hours.add(`${ordered.slice(11, 13)}h`);
      const statusText = at(row, status);
      statuses.add(statusText);
      if (statusText === 'returned') orderFlags.or(orderId, ORDER_RETURNED);
      payments.add(at(row, payment));
      const methodText = at(row, method);
      shipping.add(methodText);
      const customerId = Number(at(row, customer));
      activity.ordered(customerId, second);
      const discountCents = cents(at(row, discount));
      if (discountCents > 0) coupons++;
      if (homeAddress[customerId] === `${at(row, line1)}|${at(row, zip)}`) ownAddress++;
      totalCents += cents(at(row, total));
      taxes.add(at(row, state), cents(at(row, subtotal)) - discountCents, cents(at(row, tax)));
      const shipped = epochSeconds(at(row, shippedColumn));
      const delivered = epochSeconds(at(row, deliveredColumn));
      if (!Number.isNaN(shipped)) hoursToShip.push((shipped - second) / 3600);
      if (!Number.isNaN(shipped) && !Number.isNaN(delivered)) daysToDeliver.push((delivered - shipped) / SECONDS_PER_DAY);
      const returned = returnedColumn === undefined ? Number.NaN : epochSeconds(at(row, returnedColumn));
      fulfilment.add({ method: methodText, ordered: second, shipped, delivered, returned });
    };
  });
  const seasons = orderSeasons(months, days);
  const customersByOrders = activity.orders.sortedDescending(customers);
  let withoutOrders = 0;
  let withOneOrder = 0;
  for (const count of customersByOrders) {
    if (count === 0) withoutOrders++;
    if (count === 1) withOneOrder++;
  }

  // order items
  const itemsPerOrder = new IdCounts();
  const quantities = new LabelCounts();
  const unitsPerProduct = new IdCounts();
  const baskets = new BasketTally(categoryNames);
  let items = 0;
  let afterDiscontinuation = 0;
  await forEachRow(tables, 'order_items', (col) => {
    const c = (name: string): number => required(col, 'order_items', name);
    const [orderColumn, productColumn, quantityColumn, unitPrice, lineTotal] = [c('order_id'), c('product_id'), c('quantity'), c('unit_price'), c('line_total')];
    return (row) => {
      items++;
      const orderId = Number(at(row, orderColumn));
      const productId = Number(at(row, productColumn));
      itemsPerOrder.add(orderId);
      const quantity = Number(at(row, quantityColumn));
      quantities.add(String(quantity));
      unitsPerProduct.add(productId, quantity);
      baskets.add({
        orderId,
        category: productCategory.get(productId),
        unitPriceCents: cents(at(row, unitPrice)),
        quantity,
        lineTotalCents: cents(at(row, lineTotal)),
        unitCostCents: productCostCents.get(productId),
        returned: (orderFlags.get(orderId) & ORDER_RETURNED) !== 0,
      });
      if (orderSecond.get(orderId) > discontinuedAt.get(productId)) afterDiscontinuation++;
    };
  });
  baskets.close();
  const itemCounts = new LabelCounts();
  for (let id = 1; id <= orders; id++) itemCounts.add(String(itemsPerOrder.get(id)));
  const unitsDescending = unitsPerProduct.sortedDescending(products);
  const productsByUnits = Array.from({ length: products }, (_, index) => index + 1).sort((a, b) => unitsPerProduct.get(b) - unitsPerProduct.get(a));
  const topProducts = new Set(productsByUnits.slice(0, Math.round(products * 0.1)));

  // web events
  const web = await scanWebEvents(tables, topProducts, (orderId) => orderFlags.or(orderId, ORDER_PURCHASE_SESSION));
  const { sessions, firstEvent, lastEvent } = web;
  let ordersInSpan = 0;
  let spanOrdersWithSession = 0;
  for (let id = 1; id <= orders; id++) {
    const second = orderSecond.get(id);
    if (!(second >= firstEvent && second <= lastEvent)) continue;
    ordersInSpan++;
    if (orderFlags.get(id) & ORDER_PURCHASE_SESSION) spanOrdersWithSession++;
  }
  if (!web.hasOrderId) unavailable.push('orders with a purchase session: no web_events.order_id column');
  const funnel = sessions.funnel;
  const share = (part: number, whole: number): number => (whole > 0 ? part / whole : 0);
  const deliveredOrReturned = statuses.get('delivered') + statuses.get('returned');
  const timestampText = (second: number): string | null => (Number.isFinite(second) ? new Date(second * 1000).toISOString().slice(0, 19).replace('T', ' ') : null);
  const head = bestSellerHead(unitsDescending);

  return {
    customers: {
      rows: customers,
      statesPresent: states.size,
      stateShares: states.shares(),
      ageAtRegistration: ages.shares(true),
      segmentShares: segments.shares(),
      genderShares: genders.shares(),
      emailDomainShares: domains.shares(),
      registrationsPerYear: registrationYears.counted(),
    },
    products: {
      rows: products,
      categoryShares: categories.shares(),
      priceByCategory: Object.fromEntries([...priceSamples.entries()].sort().map(([category, sample]) => [category, sample.quantiles()])),
      priceEndingShares: endings.shares(),
      costToPrice: costRatio.quantiles(),
      inactiveShare: share(inactive, products),
      outOfStockShare: share(outOfStock, products),
    },
    orders: {
      rows: orders,
      perMonth: months.counted(),
      novDecDailyVsYearDaily: seasons.novDec,
      yearOverYearGrowth: seasons.growth,
      weekdayShares: Object.fromEntries(WEEKDAYS.map((day) => [day, share(weekdays.get(day), orders)])) as Distribution,
      hourShares: hours.shares(true),
      blackFridayVsNovemberDay: seasons.blackFriday,
      cyberMondayVsNovemberDay: seasons.cyberMonday,
      statusShares: statuses.shares(),
      returnedShareOfDelivered: share(statuses.get('returned'), deliveredOrReturned),
      paymentShares: payments.shares(),
      shippingShares: shipping.shares(),
      couponShare: share(coupons, orders),
      ownAddressShare: share(ownAddress, orders),
      averageOrderValue: share(totalCents, orders) / 100,
      hoursToShip: hoursToShip.quantiles(),
      daysToDeliver: daysToDeliver.quantiles(),
      topCustomers20PctShare: topShare(customersByOrders, 0.2),
      customersWithoutOrdersShare: share(withoutOrders, customers),
      customersWithOneOrderShare: share(withOneOrder, customers),
    },
    orderItems: {
      rows: items,
      itemsPerOrder: itemCounts.shares(true),
      meanItemsPerOrder: share(items, orders),
      quantityShares: quantities.shares(true),
      topProducts10PctUnitShare: topShare(unitsDescending, 0.1),
    },
    webEvents: {
      rows: web.events,
      sessions: sessions.sessions,
      sessionLength: sessions.lengths.quantiles(),
      eventTypeShares: web.eventTypes.shares(),
      deviceShares: sessions.devices.shares(),
      trafficSourceShares: sessions.sources.shares(),
      browserByOs: Object.fromEntries([...sessions.browserByOs.entries()].sort().map(([os, counts]) => [os, counts.shares()])),
      anonymousSessionShare: share(funnel.anonymous, sessions.sessions),
      funnel: {
        sessionsWithProductView: share(funnel.view, sessions.sessions),
        sessionsWithAddToCart: share(funnel.cart, sessions.sessions),
        sessionsWithCheckout: share(funnel.checkout, sessions.sessions),
        sessionsWithPurchase: share(funnel.purchase, sessions.sessions),
        addToCartOfViewingSessions: share(funnel.viewAndCart, funnel.view),
        anonymousPurchases: funnel.anonymousPurchase,
      },
      topProducts10PctViewShare: share(web.topViews, web.views),
    },
    behaviour: {
      clock: clockInfo,
      unavailable,
      lifecycle: activity.figures(customers, firstOrderSecond, lastOrderSecond),
      fulfilment: {
        shipHourShares: fulfilment.shipHourShares(),
        shipWeekdayShares: fulfilment.shipWeekdayShares(),
        handlingHoursByMethod: fulfilment.handlingHoursByMethod(),
        transitHoursByMethod: fulfilment.transitHoursByMethod(),
        returnLagDays: hasReturnedAt ? fulfilment.returnLagDays() : null,
        returnsByMonth: hasReturnedAt ? fulfilment.returnsByMonth() : null,
      },
      calendar: {
        christmasVsSameWeekday: holidayRatios(christmas, (day) => localDays.get(day) ?? 0, clock.day(firstOrderSecond), clock.day(lastOrderSecond)),
        thanksgivingVsSameWeekday: holidayRatios(thanksgiving, (day) => localDays.get(day) ?? 0, clock.day(firstOrderSecond), clock.day(lastOrderSecond)),
      },
      taxRateByState: taxes.rates(),
      baskets: {
        returnRateByCategory: baskets.returnRateByCategory(),
        returnRateByPriceBand: baskets.returnRateByPriceBand(),
        grossMarginByCategory: baskets.grossMarginByCategory(),
        bestSellerUnits: head.units,
        bestSellerFirstToTwentieth: head.firstToTwentieth,
        linesAfterDiscontinuation: hasDiscontinued ? afterDiscontinuation : null,
      },
      sessions: {
        conversion: share(funnel.purchase, sessions.sessions),
        bounce: share(funnel.bounced, sessions.sessions),
        byDevice: sessions.deviceRates(),
        bySource: sessions.sourceRates(),
        lengthShares: sessions.lengthCounts.shares(true),
        span: {
          first: timestampText(firstEvent),
          last: timestampText(lastEvent),
          ordersInSpan,
          sessionsPerOrder: ordersInSpan > 0 ? sessions.sessions / ordersInSpan : null,
          ordersWithPurchaseSession: web.hasOrderId ? share(spanOrdersWithSession, ordersInSpan) : null,
        },
        search: queryFigures(web.queries),
      },
    },
  };
}
