// Every rule the data promises (issue: core), checked on a generated dataset read back from its files.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from 'ecomgen';
import { US_STATES } from '../../src/vocab/usStates.js';
import { CATALOG } from '../../src/vocab/catalog.js';
import { readDataset, toCents, toSeconds, type Dataset } from '../helpers/dataset.js';
import { REPO_ROOT, tempDir } from '../helpers/run.js';

let data: Dataset;

beforeAll(async () => {
  const dir = tempDir('rules');
  // A mid-size custom run: more orders per customer than dev, and several shards per table.
  await generate({ customers: 3000, products: 1200, orders: 20000, seed: 12345, outputDir: dir, shardRows: 5000 });
  data = readDataset(dir);
});

/** Values of one column of a table, in file order. */
function column(table: keyof Omit<Dataset, 'manifest' | 'dir'>, name: string): string[] {
  const t = data[table];
  const index = t.col(name);
  return t.rows.map((row) => row[index] as string);
}

function expectIds1ToN(ids: string[]): void {
  expect(ids.findIndex((id, index) => id !== String(index + 1))).toBe(-1);
}

describe('keys and uniqueness', () => {
  it('ids are 1..N in every table and counts are exact', () => {
    expect(data.customers.rows.length).toBe(3000);
    expect(data.products.rows.length).toBe(1200);
    expect(data.orders.rows.length).toBe(20000);
    expect(data.order_items.rows.length).toBe(60000);
    expect(data.web_events.rows.length).toBe(200000);
    expectIds1ToN(column('customers', 'customer_id'));
    expectIds1ToN(column('products', 'product_id'));
    expectIds1ToN(column('orders', 'order_id'));
    expectIds1ToN(column('order_items', 'order_item_id'));
    expectIds1ToN(column('web_events', 'event_id'));
  });

  it('emails and SKUs are unique', () => {
    const emails = column('customers', 'email');
    expect(new Set(emails).size).toBe(emails.length);
    for (const email of emails) expect(email).toMatch(/^[a-z._]+\d+@[a-z.]+\.[a-z]+$/);
    const skus = column('products', 'sku');
    expect(new Set(skus).size).toBe(skus.length);
  });

  it('every order item has a distinct product within its order', () => {
    const seen = new Set<string>();
    const orderIds = column('order_items', 'order_id');
    const productIds = column('order_items', 'product_id');
    orderIds.forEach((orderId, index) => {
      const key = `${orderId}:${productIds[index]}`;
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
    });
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
  });

  it('every order has at least one item', () => {
    const withItems = new Set(column('order_items', 'order_id'));
    for (const id of column('orders', 'order_id')) expect(withItems.has(id), `order ${id}`).toBe(true);
  });
});

describe('order arithmetic, to the cent', () => {
  it('line_total = quantity x unit_price - discount, and unit_price is the product price', () => {
    const priceOf = new Map<string, number>();
    const productIds = column('products', 'product_id');
    column('products', 'price').forEach((price, index) => priceOf.set(productIds[index] as string, toCents(price)));
    const t = data.order_items;
    for (const row of t.rows) {
      const quantity = Number(row[t.col('quantity')]);
      const unit = toCents(row[t.col('unit_price')] as string);
      const discount = toCents(row[t.col('discount_amount')] as string);
      expect(unit).toBe(priceOf.get(row[t.col('product_id')] as string));
      expect(toCents(row[t.col('line_total')] as string)).toBe(quantity * unit - discount);
      expect(discount).toBeGreaterThanOrEqual(0);
    }
  });

  it('subtotal = sum of line totals; total = subtotal - discount + tax + shipping; tax follows the state rate', () => {
    const sums = new Map<string, number>();
    const items = data.order_items;
    for (const row of items.rows) {
      const orderId = row[items.col('order_id')] as string;
      sums.set(orderId, (sums.get(orderId) ?? 0) + toCents(row[items.col('line_total')] as string));
    }
    const rate = new Map(US_STATES.map((state) => [state.code, state.salesTaxBp]));
    const t = data.orders;
    for (const row of t.rows) {
      const subtotal = toCents(row[t.col('subtotal')] as string);
      const discount = toCents(row[t.col('discount_amount')] as string);
      const tax = toCents(row[t.col('tax_amount')] as string);
      const shipping = toCents(row[t.col('shipping_cost')] as string);
      expect(subtotal).toBe(sums.get(row[t.col('order_id')] as string));
      expect(toCents(row[t.col('total_amount')] as string)).toBe(subtotal - discount + tax + shipping);
      const bp = rate.get(row[t.col('shipping_state')] as string) as number;
      expect(tax).toBe(Math.floor(((subtotal - discount) * bp + 5000) / 10000));
    }
  });
});

describe('time', () => {
  const window = { start: toSeconds('2022-01-01 00:00:00'), end: toSeconds('2024-12-31 23:59:59') };

  it('orders fall in the window, ids follow time, and orders come after registration and product launch', () => {
    const customerCreated = column('customers', 'created_at').map(toSeconds);
    const productCreated = column('products', 'created_at').map(toSeconds);
    const orderDates = column('orders', 'order_date').map(toSeconds);
    const customerIds = column('orders', 'customer_id').map(Number);
    orderDates.forEach((second, index) => {
      expect(second).toBeGreaterThanOrEqual(window.start);
      expect(second).toBeLessThanOrEqual(window.end);
      if (index > 0) expect(second).toBeGreaterThanOrEqual(orderDates[index - 1] as number);
      expect(second).toBeGreaterThanOrEqual(customerCreated[(customerIds[index] as number) - 1] as number);
    });
    const items = data.order_items;
    for (const row of items.rows) {
      const orderDate = orderDates[Number(row[items.col('order_id')]) - 1] as number;
      expect(orderDate).toBeGreaterThanOrEqual(productCreated[Number(row[items.col('product_id')]) - 1] as number);
    }
  });

  it('status and dates agree, and order_date <= shipped_at <= delivered_at', () => {
    const t = data.orders;
    const statuses = new Set<string>();
    for (const row of t.rows) {
      const status = row[t.col('status')] as string;
      statuses.add(status);
      const ordered = toSeconds(row[t.col('order_date')] as string);
      const shipped = row[t.col('shipped_at')] as string;
      const delivered = row[t.col('delivered_at')] as string;
      if (status === 'pending' || status === 'processing' || status === 'cancelled') {
        expect([shipped, delivered]).toEqual(['', '']);
      } else if (status === 'shipped') {
        expect(shipped).not.toBe('');
        expect(delivered).toBe('');
      } else {
        expect(['delivered', 'returned']).toContain(status);
        expect(shipped).not.toBe('');
        expect(delivered).not.toBe('');
      }
      if (shipped) expect(toSeconds(shipped)).toBeGreaterThanOrEqual(ordered);
      if (delivered) expect(toSeconds(delivered)).toBeGreaterThanOrEqual(toSeconds(shipped));
    }
    expect([...statuses].sort()).toEqual(['cancelled', 'delivered', 'pending', 'processing', 'returned', 'shipped']);
  });

  it('customers are 18 to 90 years old when they register', () => {
    const t = data.customers;
    for (const row of t.rows) {
      const born = new Date(`${row[t.col('date_of_birth')]}T00:00:00Z`);
      const created = new Date(`${(row[t.col('created_at')] as string).replace(' ', 'T')}Z`);
      let age = created.getUTCFullYear() - born.getUTCFullYear();
      const beforeBirthday =
        created.getUTCMonth() < born.getUTCMonth() ||
        (created.getUTCMonth() === born.getUTCMonth() && created.getUTCDate() < born.getUTCDate());
      if (beforeBirthday) age--;
      expect(age).toBeGreaterThanOrEqual(18);
      expect(age).toBeLessThanOrEqual(90);
    }
  });
});

describe('web sessions', () => {
  it('a session is a run of consecutive events with one identity, non-decreasing time, and a valid funnel', () => {
    const t = data.web_events;
    const customerCreated = column('customers', 'created_at').map(toSeconds);
    const window = { start: toSeconds('2022-01-01 00:00:00'), end: toSeconds('2024-12-31 23:59:59') };
    const problems: string[] = [];
    const closed = new Set<string>();
    let current = '';
    let identity = '';
    let last = 0;
    let viewed = new Set<string>();
    let checkedOut = false;
    let purchases = 0;
    for (const row of t.rows) {
      const id = row[t.col('event_id')];
      const session = row[t.col('session_id')] as string;
      const type = row[t.col('event_type')] as string;
      const product = row[t.col('product_id')] as string;
      const customer = row[t.col('customer_id')] as string;
      const second = toSeconds(row[t.col('event_timestamp')] as string);
      const who = [customer, row[t.col('device_type')], row[t.col('browser')], row[t.col('operating_system')], row[t.col('traffic_source')]].join('|');
      if (!(second >= window.start && second <= window.end)) problems.push(`event ${id}: outside the window`);
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
    expect(problems.slice(0, 10)).toEqual([]);
    expect(purchases).toBeGreaterThan(0);
  });

  it('session ids are UUID-shaped', () => {
    for (const id of new Set(column('web_events', 'session_id'))) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });
});

describe('geography and catalog', () => {
  it('city, state and ZIP are a real triple and phones use an area code of the state', () => {
    const zipTable = JSON.parse(readFileSync(join(REPO_ROOT, 'dist/data/us-zip-codes.json'), 'utf8')) as {
      states: Record<string, [string, string][]>;
    };
    const triples = new Set<string>();
    for (const [state, entries] of Object.entries(zipTable.states)) for (const [zip, city] of entries) triples.add(`${city}|${state}|${zip}`);
    const areaCodes = new Map(US_STATES.map((state) => [state.code, new Set(state.areaCodes)]));
    const t = data.customers;
    for (const row of t.rows) {
      const state = row[t.col('state')] as string;
      expect(triples.has(`${row[t.col('city')]}|${state}|${row[t.col('zip_code')]}`)).toBe(true);
      const phone = /^\((\d{3})\) [2-9]\d{2}-\d{4}$/.exec(row[t.col('phone')] as string);
      expect(phone).not.toBeNull();
      expect(areaCodes.get(state)?.has(Number(phone?.[1]))).toBe(true);
    }
    const orders = data.orders;
    for (const row of orders.rows) {
      expect(triples.has(`${row[orders.col('shipping_city')]}|${row[orders.col('shipping_state')]}|${row[orders.col('shipping_zip')]}`)).toBe(true);
    }
  });

  it('subcategories belong to their category and cost is 40-80% of price', () => {
    const subcategories = new Map(CATALOG.map((category) => [category.name as string, new Set(category.subcategories.map((sub) => sub.name))]));
    const t = data.products;
    for (const row of t.rows) {
      expect(subcategories.get(row[t.col('category')] as string)?.has(row[t.col('subcategory')] as string)).toBe(true);
      const price = toCents(row[t.col('price')] as string);
      const cost = toCents(row[t.col('cost')] as string);
      expect(cost).toBeGreaterThanOrEqual(price * 0.4);
      expect(cost).toBeLessThanOrEqual(price * 0.8);
    }
  });
});
