import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { printable } from '../encoding/controlChars.js';
import { CsvFormatError, readCsv } from '../encoding/csvReader.js';
import type { DatasetProfile, Distribution } from './profileTypes.js';
import { IdCounts, LabelCounts, NumberSample, topShare } from './counters.js';
import { existsSync } from 'node:fs';
import { civilDate, epochDay, thanksgiving } from '../core/calendar.js';
import { ageAt, ageBand } from './ageBands.js';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function seconds(timestamp: string): number {
  return Date.parse(`${timestamp.replace(' ', 'T')}Z`) / 1000;
}

type Columns = Readonly<Record<string, number>>;

/** Streams a table's records to `handle`, with a name -> index map of its header. */
async function forEachRow(dir: string, table: string, handle: (row: readonly string[], col: Columns) => void): Promise<void> {
  const file = join(dir, `${table}.csv`);
  if (!existsSync(file)) throw new UsageError(`profile: ${file} is missing`);
  let col: Columns | undefined;
  try {
    await readCsv(file, (row) => {
      if (col) handle(row, col);
      else col = Object.fromEntries(row.map((name, index) => [name, index]));
    });
  } catch (error) {
    // Malformed CSV (a record with too many fields among it) is bad input: exit 2 with its line.
    if (error instanceof CsvFormatError) throw new UsageError(`profile: ${printable(error.message)}`);
    throw error;
  }
}

function field(row: readonly string[], col: Columns, name: string): string {
  const index = col[name];
  if (index === undefined) throw new UsageError(`profile: column ${name} is missing`);
  return row[index] ?? '';
}

/**
 * The distributions an analyst looks at first, computed by streaming the five CSV files: geography,
 * ages, prices, seasonality, concentration of customers and products, status mix, devices, funnel.
 */
export async function profileDataset(dir: string): Promise<DatasetProfile> {
  // customers
  const states = new LabelCounts();
  const ages = new LabelCounts();
  const segments = new LabelCounts();
  const genders = new LabelCounts();
  const domains = new LabelCounts();
  const registrationYears = new LabelCounts();
  const homeAddress: string[] = [];
  let customers = 0;
  await forEachRow(dir, 'customers', (row, col) => {
    customers++;
    const id = Number(field(row, col, 'customer_id'));
    states.add(field(row, col, 'state'));
    const created = field(row, col, 'created_at');
    ages.add(ageBand(ageAt(field(row, col, 'date_of_birth'), created)));
    segments.add(field(row, col, 'customer_segment'));
    genders.add(field(row, col, 'gender'));
    domains.add(field(row, col, 'email').split('@')[1] ?? '');
    registrationYears.add(created.slice(0, 4));
    homeAddress[id] = `${field(row, col, 'address_line1')}|${field(row, col, 'zip_code')}`;
  });

  // products
  const categories = new LabelCounts();
  const priceSamples = new Map<string, NumberSample>();
  const endings = new LabelCounts();
  const costRatio = new NumberSample();
  let products = 0;
  let inactive = 0;
  let outOfStock = 0;
  await forEachRow(dir, 'products', (row, col) => {
    products++;
    const category = field(row, col, 'category');
    categories.add(category);
    const price = Number(field(row, col, 'price'));
    if (!priceSamples.has(category)) priceSamples.set(category, new NumberSample());
    priceSamples.get(category)?.push(price);
    endings.add(`.${field(row, col, 'price').split('.')[1] ?? '00'}`);
    costRatio.push(Number(field(row, col, 'cost')) / price);
    if (field(row, col, 'is_active') === 'false') inactive++;
    if (field(row, col, 'stock_quantity') === '0') outOfStock++;
  });

  // orders
  const months = new LabelCounts();
  const days = new LabelCounts();
  const weekdays = new LabelCounts();
  const hours = new LabelCounts();
  const statuses = new LabelCounts();
  const payments = new LabelCounts();
  const shipping = new LabelCounts();
  const ordersPerCustomer = new IdCounts();
  const hoursToShip = new NumberSample();
  const daysToDeliver = new NumberSample();
  let orders = 0;
  let coupons = 0;
  let ownAddress = 0;
  let totalCents = 0;
  await forEachRow(dir, 'orders', (row, col) => {
    orders++;
    const ordered = field(row, col, 'order_date');
    months.add(ordered.slice(0, 7));
    days.add(ordered.slice(0, 10));
    const date = new Date(`${ordered.replace(' ', 'T')}Z`);
    weekdays.add(WEEKDAYS[(date.getUTCDay() + 6) % 7] as string);
    hours.add(`${ordered.slice(11, 13)}h`);
    statuses.add(field(row, col, 'status'));
    payments.add(field(row, col, 'payment_method'));
    shipping.add(field(row, col, 'shipping_method'));
    const customerId = Number(field(row, col, 'customer_id'));
    ordersPerCustomer.add(customerId);
    if (Number(field(row, col, 'discount_amount')) > 0) coupons++;
    if (homeAddress[customerId] === `${field(row, col, 'shipping_address_line1')}|${field(row, col, 'shipping_zip')}`) ownAddress++;
    totalCents += Math.round(Number(field(row, col, 'total_amount')) * 100);
    const shipped = field(row, col, 'shipped_at');
    const delivered = field(row, col, 'delivered_at');
    if (shipped) hoursToShip.push((seconds(shipped) - seconds(ordered)) / 3600);
    if (shipped && delivered) daysToDeliver.push((seconds(delivered) - seconds(shipped)) / 86400);
  });
  const years = [...new Set(months.entries().map(([month]) => Number(month.slice(0, 4))))].sort();
  const novDec: Record<string, number> = {};
  const growth: Record<string, number> = {};
  const blackFriday: Record<string, number> = {};
  const cyberMonday: Record<string, number> = {};
  for (const year of years) {
    const inYear = months.entries().filter(([month]) => month.startsWith(`${year}-`));
    const yearCount = inYear.reduce((sum, [, count]) => sum + count, 0);
    const novDecCount = inYear.filter(([month]) => month.endsWith('-11') || month.endsWith('-12')).reduce((sum, [, count]) => sum + count, 0);
    if (inYear.length === 12) novDec[String(year)] = novDecCount / 61 / (yearCount / (epochDay(year + 1, 1, 1) - epochDay(year, 1, 1)));
    const previous = months.entries().filter(([month]) => month.startsWith(`${year - 1}-`));
    if (previous.length === 12 && inYear.length === 12) growth[`${year} vs ${year - 1}`] = yearCount / previous.reduce((sum, [, count]) => sum + count, 0);
    const november = Array.from({ length: 30 }, (_, index) => days.get(`${year}-11-${String(index + 1).padStart(2, '0')}`)).sort((a, b) => a - b);
    const medianNovember = november[15] ?? 0;
    const thanksgivingDay = civilDate(thanksgiving(year)).dayOfMonth;
    const fridayKey = `${year}-11-${String(thanksgivingDay + 1).padStart(2, '0')}`;
    const mondayDate = new Date(Date.UTC(year, 10, thanksgivingDay + 4));
    const mondayKey = mondayDate.toISOString().slice(0, 10);
    if (medianNovember > 0) {
      blackFriday[String(year)] = days.get(fridayKey) / medianNovember;
      cyberMonday[String(year)] = days.get(mondayKey) / medianNovember;
    }
  }
  const customersByOrders = ordersPerCustomer.sortedDescending(customers);
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
  let items = 0;
  await forEachRow(dir, 'order_items', (row, col) => {
    items++;
    itemsPerOrder.add(Number(field(row, col, 'order_id')));
    const quantity = Number(field(row, col, 'quantity'));
    quantities.add(String(quantity));
    unitsPerProduct.add(Number(field(row, col, 'product_id')), quantity);
  });
  const itemCounts = new LabelCounts();
  for (let id = 1; id <= orders; id++) itemCounts.add(String(itemsPerOrder.get(id)));
  const productsByUnits = Array.from({ length: products }, (_, index) => index + 1).sort((a, b) => unitsPerProduct.get(b) - unitsPerProduct.get(a));
  const topProducts = new Set(productsByUnits.slice(0, Math.round(products * 0.1)));

  // web events
  const eventTypes = new LabelCounts();
  const devices = new LabelCounts();
  const sources = new LabelCounts();
  const browserByOs = new Map<string, LabelCounts>();
  const sessions = new Map<string, number>();
  let events = 0;
  let views = 0;
  let topViews = 0;
  const VIEW = 1;
  const CART = 2;
  const CHECKOUT = 4;
  const PURCHASE = 8;
  const ANONYMOUS = 16;
  const FLAGS = 32;
  await forEachRow(dir, 'web_events', (row, col) => {
    events++;
    const type = field(row, col, 'event_type');
    eventTypes.add(type);
    const session = field(row, col, 'session_id');
    let state = sessions.get(session);
    if (state === undefined) {
      state = field(row, col, 'customer_id') === '' ? ANONYMOUS : 0;
      devices.add(field(row, col, 'device_type'));
      sources.add(field(row, col, 'traffic_source'));
      const os = field(row, col, 'operating_system');
      if (!browserByOs.has(os)) browserByOs.set(os, new LabelCounts());
      browserByOs.get(os)?.add(field(row, col, 'browser'));
    }
    if (type === 'product_view') {
      state |= VIEW;
      views++;
      if (topProducts.has(Number(field(row, col, 'product_id')))) topViews++;
    } else if (type === 'add_to_cart') state |= CART;
    else if (type === 'begin_checkout') state |= CHECKOUT;
    else if (type === 'purchase') state |= PURCHASE;
    sessions.set(session, state + FLAGS);
  });
  const lengths = new NumberSample();
  const sessionCounts = { view: 0, cart: 0, checkout: 0, purchase: 0, anonymous: 0, anonymousPurchase: 0, viewAndCart: 0 };
  for (const state of sessions.values()) {
    const flags = state % FLAGS;
    lengths.push(Math.floor(state / FLAGS));
    if (flags & VIEW) sessionCounts.view++;
    if (flags & CART) sessionCounts.cart++;
    if (flags & VIEW && flags & CART) sessionCounts.viewAndCart++;
    if (flags & CHECKOUT) sessionCounts.checkout++;
    if (flags & PURCHASE) sessionCounts.purchase++;
    if (flags & ANONYMOUS) sessionCounts.anonymous++;
    if (flags & ANONYMOUS && flags & PURCHASE) sessionCounts.anonymousPurchase++;
  }
  const share = (part: number, whole: number): number => (whole > 0 ? part / whole : 0);
  const deliveredOrReturned = statuses.get('delivered') + statuses.get('returned');

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
      novDecDailyVsYearDaily: novDec,
      yearOverYearGrowth: growth,
      weekdayShares: Object.fromEntries(WEEKDAYS.map((day) => [day, share(weekdays.get(day), orders)])) as Distribution,
      hourShares: hours.shares(true),
      blackFridayVsNovemberDay: blackFriday,
      cyberMondayVsNovemberDay: cyberMonday,
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
      topProducts10PctUnitShare: topShare(unitsPerProduct.sortedDescending(products), 0.1),
    },
    webEvents: {
      rows: events,
      sessions: sessions.size,
      sessionLength: lengths.quantiles(),
      eventTypeShares: eventTypes.shares(),
      deviceShares: devices.shares(),
      trafficSourceShares: sources.shares(),
      browserByOs: Object.fromEntries([...browserByOs.entries()].sort().map(([os, counts]) => [os, counts.shares()])),
      anonymousSessionShare: share(sessionCounts.anonymous, sessions.size),
      funnel: {
        sessionsWithProductView: share(sessionCounts.view, sessions.size),
        sessionsWithAddToCart: share(sessionCounts.cart, sessions.size),
        sessionsWithCheckout: share(sessionCounts.checkout, sessions.size),
        sessionsWithPurchase: share(sessionCounts.purchase, sessions.size),
        addToCartOfViewingSessions: share(sessionCounts.viewAndCart, sessionCounts.view),
        anonymousPurchases: sessionCounts.anonymousPurchase,
      },
      topProducts10PctViewShare: share(topViews, views),
    },
  };
}
