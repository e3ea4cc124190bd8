// Every rule the data promises (issue: core), checked on a mid-size dataset made in memory by the same
// generators the workers run (the bytes a CLI run writes: test/unit/memoryDataset.test.ts), parsed with
// the tests' own CSV reader. Each check gathers its problems and fails with the first ten.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { US_STATES } from '../../../src/vocab/usStates.js';
import { CATALOG } from '../../../src/vocab/categories/index.js';
import { ZIP_TABLE_FILE } from '../../../src/paths.js';
import { resolveCounts } from '../../../src/plan/resolveCounts.js';
import type { TableName } from '../../../src/schema/tableNames.js';
import { tablesFromText, toCents, toSeconds, type Tables } from '../../helpers/dataset.js';
import { CONFIG, memoryDataset, worldOf } from '../helpers/memoryDataset.js';
import { CustomerHistory } from '../../../src/model/history/customerHistory.js';

// A mid-size custom run: more orders per customer than dev; items and events derived from --orders.
const COUNTS = resolveCounts(CONFIG, 'dev', { customers: 3000, products: 1200, orders: 20000 });
const SEED = 12345;
const WINDOW = { start: toSeconds('2022-01-01 00:00:00'), end: toSeconds('2024-12-31 23:59:59') };

let data: Tables;
/** Customers erased by the window's end: their ids are missing from the customers table. */
let erased: ReadonlySet<string>;

// Generating 20,000 orders and their events takes several seconds; on a loaded machine more than the
// unit tier's 10 s hook default.
beforeAll(() => {
  data = tablesFromText(memoryDataset(COUNTS, SEED));
  const history = new CustomerHistory(worldOf(COUNTS, SEED));
  erased = new Set(Array.from({ length: COUNTS.customers }, (_, index) => index + 1).filter((id) => history.erasedSecond(id) > 0).map(String));
});

/**
 * The rows of a table, after checking it holds exactly its count (so no loop below runs over nothing):
 * customers less those erased by the window's end.
 */
function rowsOf(table: TableName): readonly string[][] {
  expect(data[table].rows.length, table).toBe(COUNTS[table] - (table === 'customers' ? erased.size : 0));
  expect(COUNTS[table], table).toBeGreaterThan(0);
  return data[table].rows;
}

/** Values of one column of a table, in row order. */
function column(table: TableName, name: string): string[] {
  const index = data[table].col(name);
  return rowsOf(table).map((row) => row[index] as string);
}

function expectNoProblems(problems: readonly string[]): void {
  expect(problems.slice(0, 10)).toEqual([]);
}

describe('keys and uniqueness', () => {
  it('ids are 1..N in every table and counts are exact (items and events derived as orders x 3 and x 10)', () => {
    expect(COUNTS).toEqual({ customers: 3000, products: 1200, orders: 20000, order_items: 60000, web_events: 200000 });
    const ids: [TableName, string][] = [['customers', 'customer_id'], ['products', 'product_id'], ['orders', 'order_id'], ['order_items', 'order_item_id'], ['web_events', 'event_id']];
    // Deletes happen: some accounts are erased, and exactly their ids are missing.
    expect(erased.size).toBeGreaterThan(0);
    for (const [table, name] of ids) {
      const values = column(table, name);
      const expected = Array.from({ length: COUNTS[table] }, (_, index) => String(index + 1)).filter((id) => table !== 'customers' || !erased.has(id));
      expect(values.findIndex((id, index) => id !== expected[index]), table).toBe(-1);
    }
  });

  it('emails and SKUs are unique', () => {
    const emails = column('customers', 'email');
    expect(new Set(emails).size).toBe(emails.length);
    expectNoProblems(emails.filter((email) => !/^[a-z._]+\d+@[a-z.]+\.[a-z]+$/.test(email)));
    const skus = column('products', 'sku');
    expect(new Set(skus).size).toBe(skus.length);
  });

  it('every order item has a distinct product within its order', () => {
    const productIds = column('order_items', 'product_id');
    const keys = column('order_items', 'order_id').map((orderId, index) => `${orderId}:${productIds[index]}`);
    const seen = new Set<string>();
    expectNoProblems(keys.filter((key) => seen.has(key) || !seen.add(key)));
  });
});

describe('referential integrity', () => {
  it('every foreign key resolves', () => {
    const customers = new Set(column('customers', 'customer_id'));
    const products = new Set(column('products', 'product_id'));
    const orders = new Set(column('orders', 'order_id'));
    const dangling = (ids: string[], keys: Set<string>): string[] => ids.filter((id) => id !== '' && !keys.has(id));
    expect(dangling(column('orders', 'customer_id'), customers)).toEqual([]);
    expect(dangling(column('order_items', 'order_id'), orders)).toEqual([]);
    expect(dangling(column('order_items', 'product_id'), products)).toEqual([]);
    expect(dangling(column('web_events', 'customer_id'), customers)).toEqual([]);
    expect(dangling(column('web_events', 'product_id'), products)).toEqual([]);
    // Events name customers and products at all (an all-empty column would pass the checks above).
    expect(column('web_events', 'customer_id').some((id) => id !== '')).toBe(true);
    expect(column('web_events', 'product_id').some((id) => id !== '')).toBe(true);
  });

  it('every order has at least one item', () => {
    const withItems = new Set(column('order_items', 'order_id'));
    expectNoProblems(column('orders', 'order_id').filter((id) => !withItems.has(id)).map((id) => `order ${id} has no item`));
  });
});

describe('order arithmetic, to the cent', () => {
  it('line_total = quantity x unit_price - discount, and unit_price is the product price unless the product changed since the order', () => {
    const productIds = column('products', 'product_id');
    const priceOf = new Map(column('products', 'price').map((price, index) => [productIds[index] as string, toCents(price)]));
    const changedAt = new Map(column('products', 'updated_at').map((text, index) => [productIds[index] as string, toSeconds(text)]));
    const orderIds = column('orders', 'order_id');
    const orderDate = new Map(column('orders', 'order_date').map((text, index) => [orderIds[index] as string, toSeconds(text)]));
    const t = data.order_items;
    const problems: string[] = [];
    let repriced = 0;
    for (const row of rowsOf('order_items')) {
      const id = row[t.col('order_item_id')];
      const quantity = Number(row[t.col('quantity')]);
      const unit = toCents(row[t.col('unit_price')] as string);
      const discount = toCents(row[t.col('discount_amount')] as string);
      const product = row[t.col('product_id')] as string;
      if (unit !== priceOf.get(product)) {
        repriced++;
        if (!((changedAt.get(product) as number) > (orderDate.get(row[t.col('order_id')] as string) as number))) problems.push(`item ${id}: unit_price ${unit} is not the product price, unchanged since the order`);
      }
      if (toCents(row[t.col('line_total')] as string) !== quantity * unit - discount) problems.push(`item ${id}: line_total ${row[t.col('line_total')]}`);
      if (!(discount >= 0)) problems.push(`item ${id}: discount ${discount}`);
    }
    expectNoProblems(problems);
    // Prices change over time: many items were sold at a price the product no longer has.
    expect(repriced).toBeGreaterThan(rowsOf('order_items').length / 10);
  });

  it('subtotal = sum of line totals; total = subtotal - discount + tax + shipping; tax follows the state rate', () => {
    const sums = new Map<string, number>();
    const items = data.order_items;
    for (const row of rowsOf('order_items')) {
      const orderId = row[items.col('order_id')] as string;
      sums.set(orderId, (sums.get(orderId) ?? 0) + toCents(row[items.col('line_total')] as string));
    }
    const rate = new Map(US_STATES.map((state) => [state.code, state.salesTaxBp]));
    const t = data.orders;
    const problems: string[] = [];
    for (const row of rowsOf('orders')) {
      const id = row[t.col('order_id')] as string;
      const subtotal = toCents(row[t.col('subtotal')] as string);
      const discount = toCents(row[t.col('discount_amount')] as string);
      const tax = toCents(row[t.col('tax_amount')] as string);
      const shipping = toCents(row[t.col('shipping_cost')] as string);
      if (subtotal !== sums.get(id)) problems.push(`order ${id}: subtotal ${subtotal}, items sum to ${sums.get(id)}`);
      if (toCents(row[t.col('total_amount')] as string) !== subtotal - discount + tax + shipping) problems.push(`order ${id}: total_amount`);
      const bp = rate.get(row[t.col('shipping_state')] as string);
      if (bp === undefined || tax !== Math.floor(((subtotal - discount) * bp + 5000) / 10000)) problems.push(`order ${id}: tax ${tax} in ${row[t.col('shipping_state')]}`);
    }
    expectNoProblems(problems);
  });
});

describe('time', () => {
  it('orders fall in the window, ids follow time, and orders come after registration and product launch and before discontinuation', () => {
    const customerIds0 = column('customers', 'customer_id');
    const createdById = new Map(column('customers', 'created_at').map((text, index) => [Number(customerIds0[index]), toSeconds(text)]));
    const customerCreated = Array.from({ length: COUNTS.customers }, (_, index) => createdById.get(index + 1) ?? Number.NaN);
    const productCreated = column('products', 'created_at').map(toSeconds);
    const productEnded = column('products', 'discontinued_at').map((text) => (text === '' ? Infinity : toSeconds(text)));
    const orderDates = column('orders', 'order_date').map(toSeconds);
    const customerIds = column('orders', 'customer_id').map(Number);
    const problems: string[] = [];
    orderDates.forEach((second, index) => {
      if (!(second >= WINDOW.start && second <= WINDOW.end)) problems.push(`order ${index + 1}: outside the window`);
      if (index > 0 && !(second >= (orderDates[index - 1] as number))) problems.push(`order ${index + 1}: earlier than order ${index}`);
      if (!(second >= (customerCreated[(customerIds[index] as number) - 1] as number))) problems.push(`order ${index + 1}: before its customer registered`);
    });
    const items = data.order_items;
    for (const row of rowsOf('order_items')) {
      const orderDate = orderDates[Number(row[items.col('order_id')]) - 1] as number;
      if (!(orderDate >= (productCreated[Number(row[items.col('product_id')]) - 1] as number))) problems.push(`item ${row[0]}: product launched after the order`);
      if (!(orderDate < (productEnded[Number(row[items.col('product_id')]) - 1] as number))) problems.push(`item ${row[0]}: product discontinued before the order`);
    }
    expectNoProblems(problems);
  });

  it('status and dates agree, and order_date <= shipped_at <= delivered_at', () => {
    const t = data.orders;
    const statuses = new Set<string>();
    const problems: string[] = [];
    for (const row of rowsOf('orders')) {
      const id = row[t.col('order_id')];
      const status = row[t.col('status')] as string;
      statuses.add(status);
      const ordered = toSeconds(row[t.col('order_date')] as string);
      const shipped = row[t.col('shipped_at')] as string;
      const delivered = row[t.col('delivered_at')] as string;
      const expected =
        status === 'pending' || status === 'processing' || status === 'cancelled'
          ? shipped === '' && delivered === ''
          : status === 'shipped'
            ? shipped !== '' && delivered === ''
            : (status === 'delivered' || status === 'returned') && shipped !== '' && delivered !== '';
      if (!expected) problems.push(`order ${id}: ${status} with shipped_at "${shipped}", delivered_at "${delivered}"`);
      if (shipped && !(toSeconds(shipped) >= ordered)) problems.push(`order ${id}: shipped before ordered`);
      if (delivered && !(toSeconds(delivered) >= toSeconds(shipped))) problems.push(`order ${id}: delivered before shipped`);
    }
    expectNoProblems(problems);
    expect([...statuses].sort()).toEqual(['cancelled', 'delivered', 'pending', 'processing', 'returned', 'shipped']);
  });

  it('customers are 18 to 90 years old when they register', () => {
    const t = data.customers;
    const problems: string[] = [];
    for (const row of rowsOf('customers')) {
      const born = new Date(`${row[t.col('date_of_birth')]}T00:00:00Z`);
      const created = new Date(`${(row[t.col('created_at')] as string).replace(' ', 'T')}Z`);
      let age = created.getUTCFullYear() - born.getUTCFullYear();
      const beforeBirthday =
        created.getUTCMonth() < born.getUTCMonth() ||
        (created.getUTCMonth() === born.getUTCMonth() && created.getUTCDate() < born.getUTCDate());
      if (beforeBirthday) age--;
      if (!(age >= 18 && age <= 90)) problems.push(`customer ${row[0]}: ${age} years old at registration`);
    }
    expectNoProblems(problems);
  });
});

describe('web sessions', () => {
  it('a session is a run of consecutive events with one identity, non-decreasing time, and a valid funnel', () => {
    const t = data.web_events;
    const customerIds0 = column('customers', 'customer_id');
    const createdById = new Map(column('customers', 'created_at').map((text, index) => [Number(customerIds0[index]), toSeconds(text)]));
    const customerCreated = Array.from({ length: COUNTS.customers }, (_, index) => createdById.get(index + 1) ?? Number.NaN);
    const problems: string[] = [];
    const closed = new Set<string>();
    let current = '';
    let identity = '';
    let last = 0;
    let viewed = new Set<string>();
    let checkedOut = false;
    let purchases = 0;
    for (const row of rowsOf('web_events')) {
      const id = row[t.col('event_id')];
      const session = row[t.col('session_id')] as string;
      const type = row[t.col('event_type')] as string;
      const product = row[t.col('product_id')] as string;
      const customer = row[t.col('customer_id')] as string;
      const second = toSeconds(row[t.col('event_timestamp')] as string);
      const who = [customer, row[t.col('device_type')], row[t.col('browser')], row[t.col('operating_system')], row[t.col('traffic_source')]].join('|');
      if (!(second >= WINDOW.start && second <= WINDOW.end)) problems.push(`event ${id}: outside the window`);
      if (session !== current) {
        if (closed.has(session)) problems.push(`event ${id}: session ${session} is split`);
        if (current) closed.add(current);
        current = session;
        identity = who;
        viewed = new Set();
        checkedOut = false;
      } else {
        if (who !== identity) problems.push(`event ${id}: identity changes within the session`);
        if (second < last) problems.push(`event ${id}: time goes back within the session`);
      }
      last = second;
      if (customer !== '' && second < (customerCreated[Number(customer) - 1] as number)) problems.push(`event ${id}: before registration`);
      const productEvent = type === 'product_view' || type === 'add_to_cart' || type === 'remove_from_cart';
      if ((product !== '') !== productEvent) problems.push(`event ${id}: ${type} with product "${product}"`);
      if ((row[t.col('search_query')] !== '') !== (type === 'search')) problems.push(`event ${id}: search_query on ${type}`);
      if (type === 'product_view') viewed.add(product);
      if (type === 'add_to_cart' && !viewed.has(product)) problems.push(`event ${id}: add_to_cart before product_view`);
      if (type === 'begin_checkout') checkedOut = true;
      if (type === 'purchase') {
        if (!checkedOut) problems.push(`event ${id}: purchase without begin_checkout`);
        if (customer === '') problems.push(`event ${id}: anonymous purchase`);
        purchases++;
      }
    }
    expectNoProblems(problems);
    expect(purchases).toBeGreaterThan(0);
    // Many sessions, not one run of events (a single session would make most checks above moot).
    expect(closed.size).toBeGreaterThan(COUNTS.web_events / 50);
  });

  it('session ids are UUID-shaped', () => {
    const ids = new Set(column('web_events', 'session_id'));
    expectNoProblems([...ids].filter((id) => !/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id)));
  });
});

describe('geography and catalog', () => {
  it('city, state and ZIP are a real triple and phones use an area code of the state', () => {
    const zipTable = JSON.parse(readFileSync(ZIP_TABLE_FILE, 'utf8')) as { states: Record<string, [string, string][]> };
    const triples = new Set<string>();
    for (const [state, entries] of Object.entries(zipTable.states)) for (const [zip, city] of entries) triples.add(`${city}|${state}|${zip}`);
    // The reference covers every state and DC, so "not a real triple" cannot pass for want of data.
    expect(Object.keys(zipTable.states)).toEqual(expect.arrayContaining(US_STATES.map((state) => state.code)));
    const areaCodes = new Map(US_STATES.map((state) => [state.code, new Set(state.areaCodes)]));
    const t = data.customers;
    const problems: string[] = [];
    for (const row of rowsOf('customers')) {
      const state = row[t.col('state')] as string;
      const triple = `${row[t.col('city')]}|${state}|${row[t.col('zip_code')]}`;
      if (!triples.has(triple)) problems.push(`customer ${row[0]}: ${triple} is not a real place`);
      const phone = /^\((\d{3})\) [2-9]\d{2}-\d{4}$/.exec(row[t.col('phone')] as string);
      if (!phone || !areaCodes.get(state)?.has(Number(phone[1]))) problems.push(`customer ${row[0]}: phone ${row[t.col('phone')]} in ${state}`);
    }
    const orders = data.orders;
    for (const row of rowsOf('orders')) {
      const triple = `${row[orders.col('shipping_city')]}|${row[orders.col('shipping_state')]}|${row[orders.col('shipping_zip')]}`;
      if (!triples.has(triple)) problems.push(`order ${row[0]}: ships to ${triple}, not a real place`);
    }
    expectNoProblems(problems);
  });

  it("subcategories belong to their category and cost is inside the category's cost band", () => {
    const subcategories = new Map(CATALOG.map((category) => [category.name as string, new Set(category.subcategories.map((sub) => sub.name))]));
    const t = data.products;
    const problems: string[] = [];
    for (const row of rowsOf('products')) {
      const category = row[t.col('category')] as string;
      if (!subcategories.get(category)?.has(row[t.col('subcategory')] as string)) problems.push(`product ${row[0]}: ${row[t.col('subcategory')]} is not in ${category}`);
      const price = toCents(row[t.col('price')] as string);
      const cost = toCents(row[t.col('cost')] as string);
      const band = CONFIG.products.costRatio[category as keyof typeof CONFIG.products.costRatio];
      if (!band || !(cost >= Math.floor(price * band.min) && cost <= Math.ceil(price * band.max))) problems.push(`product ${row[0]}: cost ${cost} for price ${price} in ${category}`);
    }
    expectNoProblems(problems);
  });

  it('discontinued products are exactly the inactive ones, discontinued after launch and inside the window', () => {
    const t = data.products;
    const problems: string[] = [];
    let discontinued = 0;
    for (const row of rowsOf('products')) {
      const text = row[t.col('discontinued_at')] as string;
      const active = row[t.col('is_active')] === 'true';
      if (active !== (text === '')) problems.push(`product ${row[0]}: is_active ${active} with discontinued_at '${text}'`);
      if (text === '') continue;
      discontinued++;
      const at = toSeconds(text);
      if (!(at > toSeconds(row[t.col('created_at')] as string) && at <= WINDOW.end)) problems.push(`product ${row[0]}: discontinued at ${text}`);
    }
    expectNoProblems(problems);
    expect(discontinued).toBeGreaterThan(0);
  });
});
