// Every rule the catalog defines is made to fail by one targeted corruption of the clean tiny dataset,
// in memory: exactly that rule (and the rules that share its check) fails, with the expected count and
// the offending lines and keys; every other rule passes. A rule the catalog gains without a corruption
// here fails the coverage test.
import { describe, expect, it } from 'vitest';
import { RuleBook } from '../../../src/validate/ruleBook.js';
import { defineRules } from '../../../src/validate/ruleCatalog.js';
import { SCHEMAS } from '../helpers/memoryDataset.js';
import {
  editableDataset,
  failedIds,
  filesOf,
  formatCents,
  formatSeconds,
  manifestOf,
  rebalanceOrders,
  rule,
  sessionsOf,
  toCents,
  toSeconds,
  validate,
  type EditableTable,
  type Tables,
} from './helpers/editableDataset.js';

interface Expected {
  readonly file: string;
  readonly count: number;
  /** `line key` of the first examples (at most 5), in report order. */
  readonly examples: readonly string[];
  readonly problem?: RegExp;
}

interface Corrupted {
  readonly files: Record<string, string | Uint8Array>;
  readonly manifest: string;
  readonly expected: Expected;
}

interface Corruption {
  readonly name: string;
  /** The rules that fail, all of them one check (a business rule and its key check share a tally). */
  readonly fails: readonly string[];
  readonly make: (tables: Tables) => Corrupted;
}

/** The edited tables, with a manifest that matches them, so only the corruption fails. */
function corrupted(tables: Tables, expected: Expected): Corrupted {
  const files = filesOf(tables);
  return { files, manifest: manifestOf(files, tables), expected };
}

function examples(table: EditableTable, rows: readonly number[], key: string): string[] {
  return rows.slice(0, 5).map((row) => `${row + 2} ${key}=${table.get(row, key)}`);
}

function firstRow(table: EditableTable, predicate: (row: number) => boolean, what: string): number {
  const row = table.rows.findIndex((_, index) => predicate(index));
  if (row < 0) throw new Error(`no ${what} in the tiny dataset`);
  return row;
}

/** Rows of `items` per order_id. */
function itemsByOrder(items: EditableTable): Map<string, number[]> {
  const byOrder = new Map<string, number[]>();
  for (const row of items.rows.keys()) {
    const order = items.get(row, 'order_id');
    byOrder.set(order, [...(byOrder.get(order) ?? []), row]);
  }
  return byOrder;
}

function orderDates(orders: EditableTable): Map<string, number> {
  return new Map(orders.rows.map((_, row) => [orders.get(row, 'order_id'), toSeconds(orders.get(row, 'order_date'))]));
}

/**
 * Moves a customer's registration to one second after the earliest time `earliest` gives it, choosing
 * a customer for whom `clean` (the other table's times) stays after the new registration.
 */
function lateRegistration(tables: Tables, earliest: (customer: string) => number, clean: (customer: string) => number): { customer: string; registered: number } {
  const { customers } = tables;
  for (const row of customers.rows.keys()) {
    const customer = customers.get(row, 'customer_id');
    const first = earliest(customer);
    if (!Number.isFinite(first) || clean(customer) < first + 1) continue;
    customers.set(row, 'created_at', formatSeconds(first + 1));
    // The account's latest change stays at or after its registration (CUS-05).
    if (toSeconds(customers.get(row, 'updated_at')) < first + 1) customers.set(row, 'updated_at', formatSeconds(first + 1));
    return { customer, registered: first + 1 };
  }
  throw new Error('no customer fits');
}

function earliestBy(table: EditableTable, customerColumn: string, timeColumn: string): (customer: string) => number {
  return (customer) => Math.min(...table.where((row) => table.get(row, customerColumn) === customer).map((row) => toSeconds(table.get(row, timeColumn))));
}

const CORRUPTIONS: readonly Corruption[] = [
  ...(['customers', 'products', 'orders'] as const).map(
    (table): Corruption => ({
      name: `a ${table} row updated a second before it was created`,
      fails: [table === 'customers' ? 'CUS-05' : table === 'products' ? 'PRD-06' : 'ORD-13'],
      make(tables) {
        const rows = tables[table];
        const created = table === 'orders' ? 'order_date' : 'created_at';
        // A product never changed since its launch, so ITM-04 (which reads updated_at) judges its items alike.
        const row = firstRow(rows, (index) => table !== 'products' || rows.get(index, 'updated_at') === rows.get(index, created), 'product never changed');
        rows.set(row, 'updated_at', formatSeconds(toSeconds(rows.get(row, created)) - 1));
        return corrupted(tables, { file: `${table}.csv`, count: 1, examples: examples(rows, [row], `${table === 'customers' ? 'customer' : table === 'products' ? 'product' : 'order'}_id`), problem: /^updated_at is before / });
      },
    }),
  ),
  {
    name: 'two columns swapped in the header and rows',
    fails: ['FILE-HEADER'],
    make(tables) {
      const { customers } = tables;
      const [first, last] = [customers.col('first_name'), customers.col('last_name')];
      for (const fields of [customers.header, ...customers.rows]) [fields[first], fields[last]] = [fields[last] as string, fields[first] as string];
      return corrupted(tables, { file: 'customers.csv', count: 1, examples: ['1 '], problem: /another order: column 2 is last_name where the schema has first_name/ });
    },
  },
  {
    name: 'an invalid UTF-8 byte',
    fails: ['FILE-UTF8'],
    make(tables) {
      const files = filesOf(tables);
      const bytes = Buffer.from(files['customers.csv'] as string, 'utf8');
      const row = 18;
      let lineStart = 0;
      for (let line = 1; line < row + 2; line++) lineStart = bytes.indexOf(10, lineStart) + 1;
      // The first byte of first_name, so the U+FFFD it is read as still fits the column.
      bytes[bytes.indexOf(44, lineStart) + 1] = 0xff;
      const corruptedFiles = { ...files, 'customers.csv': new Uint8Array(bytes) };
      return { files: corruptedFiles, manifest: manifestOf(corruptedFiles, tables), expected: { file: 'customers.csv', count: 1, examples: [`${row + 2} `], problem: /invalid UTF-8/ } };
    },
  },
  {
    name: 'a NUL byte inside a text value',
    fails: ['FILE-NUL'],
    make(tables) {
      const { customers } = tables;
      const row = 23;
      // In place of a letter, so first_name keeps its length and fits its column.
      const name = customers.get(row, 'first_name');
      customers.set(row, 'first_name', `${name.slice(0, 1)}\u0000${name.slice(2)}`);
      return corrupted(tables, { file: 'customers.csv', count: 1, examples: [`${row + 2} `], problem: /a NUL byte \(PostgreSQL's COPY rejects it\)/ });
    },
  },
  {
    name: 'a record with an extra field (the last event, which no rule needs)',
    fails: ['FILE-FIELDS'],
    make(tables) {
      const events = tables.web_events;
      (events.rows[events.rows.length - 1] as string[]).push('extra');
      return corrupted(tables, { file: 'web_events.csv', count: 1, examples: [`${events.rows.length + 1} `], problem: /^14 fields where the header has 13$/ });
    },
  },
  {
    name: 'manifest.json that is not JSON',
    fails: ['MAN-FORMAT'],
    make(tables) {
      return { ...corrupted(tables, { file: 'manifest.json', count: 1, examples: ['0 '], problem: /manifest\.json is not valid JSON/ }), manifest: '{"files": [' };
    },
  },
  {
    name: 'manifest.json with a row count off by one',
    fails: ['MAN-ROWS'],
    make(tables) {
      const files = filesOf(tables);
      const manifest = JSON.parse(manifestOf(files, tables)) as { files: { file: string; rows: number }[] };
      const entry = manifest.files.find((file) => file.file === 'orders.csv');
      if (!entry) throw new Error('no orders.csv in the manifest');
      entry.rows += 1;
      return { files, manifest: JSON.stringify(manifest), expected: { file: 'orders.csv', count: 1, examples: ['0 '], problem: /orders\.csv has 200 rows; manifest\.json says 201/ } };
    },
  },
  {
    name: 'a file changed after manifest.json was written',
    fails: ['MAN-SHA256'],
    make(tables) {
      const manifest = manifestOf(filesOf(tables), tables);
      tables.products.set(3, 'product_name', tables.products.get(3, 'product_name').toUpperCase());
      return { files: filesOf(tables), manifest, expected: { file: 'products.csv', count: 1, examples: ['0 '], problem: /products\.csv differs from the file manifest\.json describes \(sha256\)$/ } };
    },
  },
  {
    name: 'an impossible DATE',
    fails: ['COL-TYPE'],
    make(tables) {
      tables.customers.set(30, 'date_of_birth', '1990-02-30');
      return corrupted(tables, { file: 'customers.csv', count: 1, examples: examples(tables.customers, [30], 'customer_id'), problem: /^date_of_birth is not a DATE \(YYYY-MM-DD\)$/ });
    },
  },
  {
    name: 'a repeated primary key',
    fails: ['PK-UNIQUE'],
    make(tables) {
      const items = tables.order_items;
      items.set(40, 'order_item_id', items.get(39, 'order_item_id'));
      return corrupted(tables, { file: 'order_items.csv', count: 1, examples: examples(items, [40], 'order_item_id'), problem: /appears on an earlier line too/ });
    },
  },
  {
    name: 'an order of a customer that does not exist',
    fails: ['FK-orders.customer_id', 'ORD-01'],
    make(tables) {
      tables.orders.set(50, 'customer_id', '999999');
      return corrupted(tables, { file: 'orders.csv', count: 1, examples: examples(tables.orders, [50], 'order_id'), problem: /^customer_id 999999 is not in customers\.csv$/ });
    },
  },
  {
    name: 'an item of an order that does not exist',
    fails: ['FK-order_items.order_id', 'ITM-01'],
    make(tables) {
      const items = tables.order_items;
      const byOrder = itemsByOrder(items);
      const row = firstRow(items, (index) => (byOrder.get(items.get(index, 'order_id'))?.length ?? 0) >= 2, 'order with two items');
      items.set(row, 'order_id', '999999');
      rebalanceOrders(tables);
      return corrupted(tables, { file: 'order_items.csv', count: 1, examples: examples(items, [row], 'order_item_id'), problem: /^order_id 999999 is not in orders\.csv$/ });
    },
  },
  {
    name: 'an item of a product that does not exist',
    fails: ['FK-order_items.product_id', 'ITM-02'],
    make(tables) {
      tables.order_items.set(77, 'product_id', '999999');
      return corrupted(tables, { file: 'order_items.csv', count: 1, examples: examples(tables.order_items, [77], 'order_item_id') });
    },
  },
  {
    name: "a session's events of a customer that does not exist",
    fails: ['FK-web_events.customer_id', 'WEB-01'],
    make(tables) {
      const events = tables.web_events;
      // A session without a purchase: a purchase's customer must also be its order's (WEB-13).
      const rows = [...sessionsOf(events).values()].find(
        (session) => session.length >= 2 && events.get(session[0] as number, 'customer_id') !== '' && !session.some((row) => events.get(row, 'event_type') === 'purchase'),
      );
      if (!rows) throw new Error('no customer session');
      for (const row of rows) events.set(row, 'customer_id', '999999');
      return corrupted(tables, { file: 'web_events.csv', count: rows.length, examples: examples(events, rows, 'event_id') });
    },
  },
  {
    name: "a product that does not exist, everywhere in one session",
    fails: ['FK-web_events.product_id', 'WEB-02'],
    make(tables) {
      const events = tables.web_events;
      const view = firstRow(events, (row) => events.get(row, 'event_type') === 'product_view', 'product_view');
      const product = events.get(view, 'product_id');
      const session = sessionsOf(events).get(events.get(view, 'session_id')) ?? [];
      const rows = session.filter((row) => events.get(row, 'product_id') === product);
      for (const row of rows) events.set(row, 'product_id', '999999');
      return corrupted(tables, { file: 'web_events.csv', count: rows.length, examples: examples(events, rows, 'event_id') });
    },
  },
  {
    name: 'a repeated email',
    fails: ['CUS-01', 'UQ-uq_customers_email'],
    make(tables) {
      tables.customers.set(10, 'email', tables.customers.get(5, 'email'));
      return corrupted(tables, { file: 'customers.csv', count: 1, examples: examples(tables.customers, [10], 'customer_id'), problem: /^\(email\) repeats an earlier row's$/ });
    },
  },
  {
    name: 'a repeated sku',
    fails: ['PRD-01', 'UQ-uq_products_sku'],
    make(tables) {
      tables.products.set(7, 'sku', tables.products.get(2, 'sku'));
      return corrupted(tables, { file: 'products.csv', count: 1, examples: examples(tables.products, [7], 'product_id') });
    },
  },
  {
    name: 'a product twice in one order (the item copied over its neighbour)',
    fails: ['ITM-05', 'UQ-uq_order_items_order_product'],
    make(tables) {
      const items = tables.order_items;
      const row = firstRow(items, (index) => index > 0 && items.get(index, 'order_id') === items.get(index - 1, 'order_id'), 'order with two items');
      for (const column of ['product_id', 'quantity', 'unit_price', 'discount_amount', 'line_total']) items.set(row, column, items.get(row - 1, column));
      rebalanceOrders(tables);
      return corrupted(tables, { file: 'order_items.csv', count: 1, examples: examples(items, [row], 'order_item_id'), problem: /^\(order_id, product_id\) repeats/ });
    },
  },
  {
    name: 'a customer born ten years before registering',
    fails: ['CUS-02'],
    make(tables) {
      const { customers } = tables;
      const year = Number(customers.get(12, 'created_at').slice(0, 4));
      customers.set(12, 'date_of_birth', `${year - 10}-06-15`);
      return corrupted(tables, { file: 'customers.csv', count: 1, examples: examples(customers, [12], 'customer_id'), problem: /^(9|10) years old at registration$/ });
    },
  },
  {
    name: 'a ZIP code of no city',
    fails: ['CUS-03'],
    make(tables) {
      tables.customers.set(14, 'zip_code', '00000');
      return corrupted(tables, { file: 'customers.csv', count: 1, examples: examples(tables.customers, [14], 'customer_id') });
    },
  },
  {
    name: 'a phone number too short',
    fails: ['CUS-04'],
    make(tables) {
      tables.customers.set(16, 'phone', '555-0100');
      return corrupted(tables, { file: 'customers.csv', count: 1, examples: examples(tables.customers, [16], 'customer_id'), problem: /^phone does not have 10 digits$/ });
    },
  },
  {
    name: 'a cost equal to the price',
    fails: ['PRD-02'],
    make(tables) {
      tables.products.set(3, 'cost', tables.products.get(3, 'price'));
      return corrupted(tables, { file: 'products.csv', count: 1, examples: examples(tables.products, [3], 'product_id'), problem: /^cost is 100\.0% of price$/ });
    },
  },
  {
    name: 'a subcategory of no category',
    fails: ['PRD-03'],
    make(tables) {
      tables.products.set(4, 'subcategory', 'Not A Subcategory');
      return corrupted(tables, { file: 'products.csv', count: 1, examples: examples(tables.products, [4], 'product_id') });
    },
  },
  {
    name: 'a product discontinued the second it was created',
    fails: ['PRD-04'],
    make(tables) {
      const { products, order_items: items } = tables;
      const sold = new Set(items.rows.map((_, row) => items.get(row, 'product_id')));
      const row = firstRow(products, (index) => products.get(index, 'is_active') === 'false' && !sold.has(products.get(index, 'product_id')), 'unsold discontinued product');
      products.set(row, 'discontinued_at', products.get(row, 'created_at'));
      return corrupted(tables, { file: 'products.csv', count: 1, examples: examples(products, [row], 'product_id'), problem: /^discontinued_at is not after created_at$/ });
    },
  },
  {
    name: 'a discontinued product still marked active',
    fails: ['PRD-05'],
    make(tables) {
      const { products } = tables;
      const row = firstRow(products, (index) => products.get(index, 'is_active') === 'false', 'discontinued product');
      products.set(row, 'is_active', 'true');
      return corrupted(tables, { file: 'products.csv', count: 1, examples: examples(products, [row], 'product_id'), problem: /^an active product has a discontinued_at$/ });
    },
  },
  {
    name: 'a subtotal (and total) a cent above the sum of the items',
    fails: ['ORD-02'],
    make(tables) {
      const { orders } = tables;
      for (const column of ['subtotal', 'total_amount']) orders.set(60, column, formatCents(toCents(orders.get(60, column)) + 1));
      return corrupted(tables, { file: 'orders.csv', count: 1, examples: examples(orders, [60], 'order_id'), problem: /is not the sum of its \d+ line totals/ });
    },
  },
  {
    name: 'a total a cent off',
    fails: ['ORD-03'],
    make(tables) {
      const { orders } = tables;
      orders.set(123, 'total_amount', formatCents(toCents(orders.get(123, 'total_amount')) + 1));
      return corrupted(tables, { file: 'orders.csv', count: 1, examples: examples(orders, [123], 'order_id'), problem: /^total_amount \S+ is not subtotal - discount_amount \+ tax_amount \+ shipping_cost = / });
    },
  },
  {
    name: "an order's items dropped",
    fails: ['ORD-04'],
    make(tables) {
      const { orders, order_items: items } = tables;
      const order = orders.get(100, 'order_id');
      const before = items.rows.length;
      items.rows = items.rows.filter((fields) => fields[items.col('order_id')] !== order);
      if (items.rows.length === before) throw new Error(`order ${order} has no items to drop`);
      return corrupted(tables, { file: 'orders.csv', count: 1, examples: examples(orders, [100], 'order_id'), problem: new RegExp(`^order ${order} has no order_items$`) });
    },
  },
  {
    name: 'a customer registered after their first order',
    fails: ['ORD-05'],
    make(tables) {
      const { orders, web_events: events } = tables;
      const { customer, registered } = lateRegistration(tables, earliestBy(orders, 'customer_id', 'order_date'), earliestBy(events, 'customer_id', 'event_timestamp'));
      const rows = orders.where((row) => orders.get(row, 'customer_id') === customer && toSeconds(orders.get(row, 'order_date')) < registered);
      return corrupted(tables, { file: 'orders.csv', count: rows.length, examples: examples(orders, rows, 'order_id'), problem: /^order_date is before the customer registered$/ });
    },
  },
  {
    name: 'a product created after its first order',
    fails: ['ORD-06'],
    make(tables) {
      const { products, order_items: items } = tables;
      const dates = orderDates(tables.orders);
      const orderedAt = (row: number): number => dates.get(items.get(row, 'order_id')) as number;
      const product = products.get(5, 'product_id');
      const productItems = items.where((row) => items.get(row, 'product_id') === product);
      if (productItems.length === 0) throw new Error(`product ${product} has no items`);
      const launched = Math.min(...productItems.map(orderedAt)) + 1;
      products.set(5, 'created_at', formatSeconds(launched));
      const rows = productItems.filter((row) => orderedAt(row) < launched);
      return corrupted(tables, { file: 'order_items.csv', count: rows.length, examples: examples(items, rows, 'order_item_id'), problem: /is dated before product \d+ was created$/ });
    },
  },
  {
    name: "a delivered order's status set to shipped",
    fails: ['ORD-07'],
    make(tables) {
      const { orders } = tables;
      const row = firstRow(orders, (index) => orders.get(index, 'status') === 'delivered', 'delivered order');
      orders.set(row, 'status', 'shipped');
      return corrupted(tables, { file: 'orders.csv', count: 1, examples: examples(orders, [row], 'order_id'), problem: /^a shipped order has shipped_at and has delivered_at$/ });
    },
  },
  {
    name: 'delivered a second before shipping',
    fails: ['ORD-08'],
    make(tables) {
      const { orders } = tables;
      const row = firstRow(orders, (index) => orders.get(index, 'status') === 'delivered', 'delivered order');
      orders.set(row, 'delivered_at', formatSeconds(toSeconds(orders.get(row, 'shipped_at')) - 1));
      return corrupted(tables, { file: 'orders.csv', count: 1, examples: examples(orders, [row], 'order_id'), problem: /^delivered_at is before shipped_at$/ });
    },
  },
  {
    name: 'a delivered order given a returned_at',
    fails: ['ORD-10'],
    make(tables) {
      const { orders } = tables;
      const row = firstRow(orders, (index) => orders.get(index, 'status') === 'delivered', 'delivered order');
      orders.set(row, 'returned_at', formatSeconds(toSeconds(orders.get(row, 'delivered_at')) + 86400));
      orders.set(row, 'updated_at', orders.get(row, 'returned_at'));
      return corrupted(tables, { file: 'orders.csv', count: 1, examples: examples(orders, [row], 'order_id'), problem: /^a delivered order has returned_at$/ });
    },
  },
  {
    name: 'a return 31 days after delivery of an order placed outside November and December',
    fails: ['ORD-11'],
    make(tables) {
      const { orders } = tables;
      const outsideHoliday = (index: number): boolean => Number(orders.get(index, 'order_date').slice(5, 7)) < 11;
      const row = firstRow(orders, (index) => orders.get(index, 'status') === 'delivered' && outsideHoliday(index), 'delivered order placed before November');
      orders.set(row, 'status', 'returned');
      orders.set(row, 'returned_at', formatSeconds(toSeconds(orders.get(row, 'delivered_at')) + 31 * 86400));
      orders.set(row, 'updated_at', orders.get(row, 'returned_at'));
      return corrupted(tables, { file: 'orders.csv', count: 1, examples: examples(orders, [row], 'order_id'), problem: /^returned_at is after the return window closed at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/ });
    },
  },
  {
    name: 'delivered an hour after shipping',
    fails: ['ORD-12'],
    make(tables) {
      const { orders } = tables;
      const row = firstRow(orders, (index) => orders.get(index, 'status') === 'delivered', 'delivered order');
      orders.set(row, 'delivered_at', formatSeconds(toSeconds(orders.get(row, 'shipped_at')) + 3600));
      return corrupted(tables, { file: 'orders.csv', count: 1, examples: examples(orders, [row], 'order_id'), problem: /^delivered_at is 1 h 0 min after shipped_at, less than 12 hours$/ });
    },
  },
  {
    name: 'an order dated a second before the order with the id before it',
    fails: ['ORD-09'],
    make(tables) {
      const { orders, customers, products, order_items: items } = tables;
      const registered = new Map(customers.rows.map((_, row) => [customers.get(row, 'customer_id'), toSeconds(customers.get(row, 'created_at'))]));
      const launched = new Map(products.rows.map((_, row) => [products.get(row, 'product_id'), toSeconds(products.get(row, 'created_at'))]));
      const byOrder = itemsByOrder(items);
      // Earlier, but still after its customer registered and its products were created (ORD-05, ORD-06).
      const fits = (row: number, date: number): boolean =>
        (registered.get(orders.get(row, 'customer_id')) as number) < date &&
        (byOrder.get(orders.get(row, 'order_id')) ?? []).every((item) => (launched.get(items.get(item, 'product_id')) as number) < date);
      const row = firstRow(orders, (index) => index > 0 && fits(index, toSeconds(orders.get(index - 1, 'order_date')) - 1), 'order to move');
      orders.set(row, 'order_date', formatSeconds(toSeconds(orders.get(row - 1, 'order_date')) - 1));
      return corrupted(tables, { file: 'orders.csv', count: 1, examples: examples(orders, [row], 'order_id'), problem: new RegExp(`is dated before order ${orders.get(row - 1, 'order_id')}, which has a smaller id$`) });
    },
  },
  {
    name: 'a product discontinued before its last sale',
    fails: ['ITM-06'],
    make(tables) {
      const { products, order_items: items } = tables;
      const dates = orderDates(tables.orders);
      const orderedAt = (row: number): number => dates.get(items.get(row, 'order_id')) as number;
      // A product sold at two or more times after its launch: discontinued at its last sale, that line breaks the rule.
      const row = firstRow(
        products,
        (index) => {
          const product = products.get(index, 'product_id');
          const times = items.where((item) => items.get(item, 'product_id') === product).map(orderedAt);
          return times.length >= 2 && Math.min(...times) > toSeconds(products.get(index, 'created_at')) && Math.max(...times) > Math.min(...times);
        },
        'product sold twice',
      );
      const product = products.get(row, 'product_id');
      const productItems = items.where((item) => items.get(item, 'product_id') === product);
      const last = Math.max(...productItems.map(orderedAt));
      products.set(row, 'discontinued_at', formatSeconds(last));
      products.set(row, 'is_active', 'false');
      const rows = productItems.filter((item) => orderedAt(item) >= last);
      return corrupted(tables, { file: 'order_items.csv', count: rows.length, examples: examples(items, rows, 'order_item_id'), problem: /is dated at or after product \d+ was discontinued$/ });
    },
  },
  {
    name: 'a line total a cent off (the order rebalanced)',
    fails: ['ITM-03'],
    make(tables) {
      const items = tables.order_items;
      items.set(90, 'line_total', formatCents(toCents(items.get(90, 'line_total')) + 1));
      rebalanceOrders(tables);
      return corrupted(tables, { file: 'order_items.csv', count: 1, examples: examples(items, [90], 'order_item_id'), problem: /is not quantity x unit_price - discount_amount/ });
    },
  },
  {
    name: "a unit price a cent above the product's price (line and order recomputed)",
    fails: ['ITM-04'],
    make(tables) {
      const { order_items: items, products } = tables;
      const dates = orderDates(tables.orders);
      const changed = new Map(products.rows.map((_, row) => [products.get(row, 'product_id'), toSeconds(products.get(row, 'updated_at'))]));
      // An item whose product has not changed since the order: its unit price must be the product's.
      const row = firstRow(items, (index) => (changed.get(items.get(index, 'product_id')) as number) <= (dates.get(items.get(index, 'order_id')) as number), 'item of an unchanged product');
      const unit = toCents(items.get(row, 'unit_price')) + 1;
      items.set(row, 'unit_price', formatCents(unit));
      items.set(row, 'line_total', formatCents(Number(items.get(row, 'quantity')) * unit - toCents(items.get(row, 'discount_amount'))));
      rebalanceOrders(tables);
      return corrupted(tables, { file: 'order_items.csv', count: 1, examples: examples(items, [row], 'order_item_id'), problem: /^unit_price \S+ is not product \d+'s price/ });
    },
  },
  {
    name: 'a customer registered after their first web event',
    fails: ['WEB-03'],
    make(tables) {
      const { orders, web_events: events } = tables;
      const { customer, registered } = lateRegistration(tables, earliestBy(events, 'customer_id', 'event_timestamp'), earliestBy(orders, 'customer_id', 'order_date'));
      const rows = events.where((row) => events.get(row, 'customer_id') === customer && toSeconds(events.get(row, 'event_timestamp')) < registered);
      return corrupted(tables, { file: 'web_events.csv', count: rows.length, examples: examples(events, rows, 'event_id'), problem: /^the event is before the customer registered$/ });
    },
  },
  {
    name: "an anonymous session's second event a second before its first",
    fails: ['WEB-04'],
    make(tables) {
      const events = tables.web_events;
      const rows = [...sessionsOf(events).values()].find((session) => session.length >= 3 && events.get(session[0] as number, 'customer_id') === '');
      if (!rows) throw new Error('no anonymous session with three events');
      const [first, second] = rows as [number, number];
      events.set(second, 'event_timestamp', formatSeconds(toSeconds(events.get(first, 'event_timestamp')) - 1));
      return corrupted(tables, { file: 'web_events.csv', count: 1, examples: examples(events, [second], 'event_id'), problem: /goes back in time/ });
    },
  },
  {
    name: 'the browser changing within a session',
    fails: ['WEB-05'],
    make(tables) {
      const events = tables.web_events;
      const rows = [...sessionsOf(events).values()].find((session) => session.length >= 2) ?? [];
      const second = rows[1] as number;
      events.set(second, 'browser', events.get(second, 'browser') === 'Opera' ? 'Edge' : 'Opera');
      return corrupted(tables, { file: 'web_events.csv', count: 1, examples: examples(events, [second], 'event_id'), problem: /^the visitor changes within the session/ });
    },
  },
  {
    name: 'an add_to_cart of a product the session never viewed',
    fails: ['WEB-06'],
    make(tables) {
      const events = tables.web_events;
      const sessions = sessionsOf(events);
      // Outside purchase sessions, whose carts must also be their orders' items (WEB-15).
      const purchasing = new Set(events.where((index) => events.get(index, 'event_type') === 'purchase').map((index) => events.get(index, 'session_id')));
      const row = firstRow(events, (index) => events.get(index, 'event_type') === 'add_to_cart' && !purchasing.has(events.get(index, 'session_id')), 'add_to_cart');
      const seen = new Set((sessions.get(events.get(row, 'session_id')) ?? []).map((index) => events.get(index, 'product_id')));
      const other = tables.products.rows.map((fields) => fields[tables.products.col('product_id')] as string).find((id) => !seen.has(id));
      if (other === undefined) throw new Error('the session saw every product');
      events.set(row, 'product_id', other);
      return corrupted(tables, { file: 'web_events.csv', count: 1, examples: examples(events, [row], 'event_id'), problem: new RegExp(`^add_to_cart of product ${other} without an earlier product_view`) });
    },
  },
  {
    name: "a session's only begin_checkout made a page_view",
    fails: ['WEB-07'],
    make(tables) {
      const events = tables.web_events;
      const type = (row: number): string => events.get(row, 'event_type');
      const rows = [...sessionsOf(events).values()].find((session) => session.filter((row) => type(row) === 'begin_checkout').length === 1 && session.some((row) => type(row) === 'purchase'));
      if (!rows) throw new Error('no session with one begin_checkout and a purchase');
      const checkout = rows.find((row) => type(row) === 'begin_checkout') as number;
      const purchases = rows.filter((row) => row > checkout && type(row) === 'purchase');
      events.set(checkout, 'event_type', 'page_view');
      return corrupted(tables, { file: 'web_events.csv', count: purchases.length, examples: examples(events, purchases, 'event_id'), problem: /^purchase without an earlier begin_checkout/ });
    },
  },
  {
    name: 'a session with purchases made anonymous',
    fails: ['WEB-08'],
    make(tables) {
      const events = tables.web_events;
      const rows = [...sessionsOf(events).values()].find((session) => session.some((row) => events.get(row, 'event_type') === 'purchase'));
      if (!rows) throw new Error('no session with a purchase');
      for (const row of rows) events.set(row, 'customer_id', '');
      const purchases = rows.filter((row) => events.get(row, 'event_type') === 'purchase');
      return corrupted(tables, { file: 'web_events.csv', count: purchases.length, examples: examples(events, purchases, 'event_id'), problem: /^a purchase without a customer$/ });
    },
  },
  {
    name: 'a page_view carrying a product_id',
    fails: ['WEB-09'],
    make(tables) {
      const events = tables.web_events;
      const row = firstRow(events, (index) => events.get(index, 'event_type') === 'page_view' && events.get(index, 'product_id') === '', 'page_view');
      events.set(row, 'product_id', tables.products.get(0, 'product_id'));
      return corrupted(tables, { file: 'web_events.csv', count: 1, examples: examples(events, [row], 'event_id'), problem: /^a page_view event carries a product_id$/ });
    },
  },
  {
    name: "an event dropped from the middle of a session",
    fails: ['WEB-10'],
    make(tables) {
      const events = tables.web_events;
      const session = (row: number): string => events.get(row, 'session_id');
      const row = firstRow(
        events,
        (index) => index > 0 && ['page_view', 'search'].includes(events.get(index, 'event_type')) && session(index - 1) === session(index) && session(index + 1) === session(index),
        'page_view inside a session',
      );
      events.rows.splice(row, 1);
      return corrupted(tables, { file: 'web_events.csv', count: 1, examples: examples(events, [row], 'event_id'), problem: /is missing or belongs to another session$/ });
    },
  },
  {
    name: 'a page_view carrying an order_id',
    fails: ['WEB-11'],
    make(tables) {
      const events = tables.web_events;
      const row = firstRow(events, (index) => events.get(index, 'event_type') === 'page_view', 'page_view');
      events.set(row, 'order_id', tables.orders.get(0, 'order_id'));
      return corrupted(tables, { file: 'web_events.csv', count: 1, examples: examples(events, [row], 'event_id'), problem: /^a page_view event carries an order_id$/ });
    },
  },
  {
    name: 'a purchase of an order that does not exist',
    fails: ['FK-web_events.order_id', 'WEB-12'],
    make(tables) {
      const events = tables.web_events;
      const row = firstRow(events, (index) => events.get(index, 'event_type') === 'purchase', 'purchase');
      events.set(row, 'order_id', '999999');
      return corrupted(tables, { file: 'web_events.csv', count: 1, examples: examples(events, [row], 'event_id') });
    },
  },
  {
    name: "an order given to another (earlier registered) customer than its purchase session's",
    fails: ['WEB-13'],
    make(tables) {
      const { orders, customers, web_events: events } = tables;
      const row = firstRow(events, (index) => events.get(index, 'event_type') === 'purchase', 'purchase');
      const order = orders.where((index) => orders.get(index, 'order_id') === events.get(row, 'order_id'))[0] as number;
      const placed = toSeconds(orders.get(order, 'order_date'));
      const other = customers.where((index) => customers.get(index, 'customer_id') !== orders.get(order, 'customer_id') && toSeconds(customers.get(index, 'created_at')) <= placed)[0];
      if (other === undefined) throw new Error('no other customer registered before the order');
      orders.set(order, 'customer_id', customers.get(other, 'customer_id'));
      return corrupted(tables, { file: 'web_events.csv', count: 1, examples: examples(events, [row], 'event_id'), problem: /^the purchase's customer is not the order's$/ });
    },
  },
  {
    name: "a purchase a second after its order's order_date",
    fails: ['WEB-14'],
    make(tables) {
      const events = tables.web_events;
      const row = firstRow(events, (index) => events.get(index, 'event_type') === 'purchase', 'purchase');
      events.set(row, 'event_timestamp', formatSeconds(toSeconds(events.get(row, 'event_timestamp')) + 1));
      return corrupted(tables, { file: 'web_events.csv', count: 1, examples: examples(events, [row], 'event_id'), problem: /^the purchase is not at the order's order_date$/ });
    },
  },
  {
    name: "a purchase session's add_to_cart made a product_view",
    fails: ['WEB-15'],
    make(tables) {
      const events = tables.web_events;
      const type = (row: number): string => events.get(row, 'event_type');
      const rows = [...sessionsOf(events).values()].find((session) => session.some((row) => type(row) === 'purchase'));
      if (!rows) throw new Error('no purchase session');
      const add = rows.find((row) => type(row) === 'add_to_cart') as number;
      const purchase = rows.find((row) => type(row) === 'purchase') as number;
      events.set(add, 'event_type', 'product_view');
      return corrupted(tables, { file: 'web_events.csv', count: 1, examples: examples(events, [purchase], 'event_id'), problem: /^the session's cart \(\d+ products, net of removes\) is not order \d+'s \d+ products$/ });
    },
  },
  {
    name: 'an order purchased twice in its session (its begin_checkout a purchase, the event before it the checkout)',
    fails: ['WEB-16'],
    make(tables) {
      const events = tables.web_events;
      const type = (row: number): string => events.get(row, 'event_type');
      const rows = [...sessionsOf(events).values()].find((session) => {
        const at = session.findIndex((row) => type(row) === 'purchase');
        return at >= 3 && ['page_view', 'search', 'product_view'].includes(type(session[at - 2] as number));
      });
      if (!rows) throw new Error('no purchase session with a plain event before its checkout');
      const at = rows.findIndex((row) => type(row) === 'purchase');
      const [before, checkout, purchase] = [rows[at - 2], rows[at - 1], rows[at]] as [number, number, number];
      for (const column of ['product_id', 'search_query']) events.set(before, column, '');
      events.set(before, 'event_type', 'begin_checkout');
      events.set(before, 'page_url', '/checkout');
      events.set(checkout, 'event_type', 'purchase');
      events.set(checkout, 'order_id', events.get(purchase, 'order_id'));
      events.set(checkout, 'page_url', events.get(purchase, 'page_url'));
      events.set(checkout, 'event_timestamp', events.get(purchase, 'event_timestamp'));
      return corrupted(tables, { file: 'web_events.csv', count: 1, examples: examples(events, [purchase], 'event_id'), problem: /is placed by an earlier purchase event too$/ });
    },
  },
  {
    name: 'a trailing space after a street',
    fails: ['COL-SPACE'],
    make(tables) {
      tables.customers.set(7, 'address_line1', `${tables.customers.get(7, 'address_line1')} `);
      return corrupted(tables, { file: 'customers.csv', count: 1, examples: examples(tables.customers, [7], 'customer_id'), problem: /^address_line1 has a leading or trailing space$/ });
    },
  },
  {
    name: 'an email with capitals',
    fails: ['COL-CASE'],
    make(tables) {
      const email = tables.customers.get(8, 'email');
      tables.customers.set(8, 'email', `${email.charAt(0).toUpperCase()}${email.slice(1)}`);
      return corrupted(tables, { file: 'customers.csv', count: 1, examples: examples(tables.customers, [8], 'customer_id'), problem: /^email has upper-case letters$/ });
    },
  },
  {
    name: 'a street name read as Latin-1',
    fails: ['COL-MOJIBAKE'],
    make(tables) {
      tables.customers.set(9, 'address_line1', '12 Jos\u00c3\u00a9 Street');
      return corrupted(tables, { file: 'customers.csv', count: 1, examples: examples(tables.customers, [9], 'customer_id'), problem: /^address_line1 holds mojibake/ });
    },
  },
  {
    name: 'a phone number written with dashes only',
    fails: ['COL-FORMAT'],
    make(tables) {
      const digits = tables.customers.get(10, 'phone').replace(/\D/g, '');
      tables.customers.set(10, 'phone', `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`);
      return corrupted(tables, { file: 'customers.csv', count: 1, examples: examples(tables.customers, [10], 'customer_id'), problem: /^phone is not "\(NXX\) NXX-XXXX"$/ });
    },
  },
  {
    name: 'a discontinuation decades ahead',
    fails: ['COL-FUTURE'],
    make(tables) {
      const products = tables.products;
      // updated_at: a later time breaks no ordering rule (it only has to follow created_at and discontinued_at).
      const row = firstRow(products, (index) => products.get(index, 'updated_at') !== '', 'product');
      products.set(row, 'updated_at', '2099-01-01 00:00:00');
      return corrupted(tables, { file: 'products.csv', count: 1, examples: examples(products, [row], 'product_id'), problem: /^updated_at 2099-01-01 00:00:00 is in the future/ });
    },
  },
];

/** Rules no in-memory corruption can make fail, with why; each still needs a reason to be here. */
const NOT_CORRUPTIBLE: Readonly<Record<string, string>> = {};

describe('each rule fails on its corruption, and only it', () => {
  it.each(CORRUPTIONS.map((corruption) => [corruption.fails.join(' + '), corruption] as const))('%s', async (_, corruption) => {
    const { files, manifest, expected } = corruption.make(editableDataset());
    const report = await validate(files, { manifest });
    expect(failedIds(report)).toEqual([...corruption.fails].sort());
    expect(report.rules.filter((entry) => entry.status === 'not_checked').map((entry) => entry.id)).toEqual(corruption.fails.includes('MAN-FORMAT') ? ['MAN-ROWS', 'MAN-SHA256'] : []);
    expect(expected.count).toBeGreaterThan(0);
    for (const id of corruption.fails) {
      const failed = rule(report, id);
      expect(failed.violations, id).toBe(expected.count);
      expect(failed.violationsByFile, id).toEqual({ [expected.file]: expected.count });
      expect(failed.examples.map((example) => `${example.line} ${example.key}`), id).toEqual(expected.examples);
      expect(failed.examples.every((example) => example.file === expected.file), id).toBe(true);
      if (expected.problem) expect(failed.examples[0]?.problem, id).toMatch(expected.problem);
    }
    expect(report.summary.violations).toBe(expected.count);
    expect(report.valid).toBe(false);
  });
});

describe('the corruptions cover the catalog', () => {
  it('every rule id the catalog defines has a corruption above (or a reason it cannot)', () => {
    const book = new RuleBook(5);
    defineRules(book, SCHEMAS);
    const catalog = book.entries().map((entry) => entry.definition.id);
    expect(catalog.length).toBeGreaterThan(40);
    const covered = new Set(CORRUPTIONS.flatMap((corruption) => corruption.fails));
    const uncovered = catalog.filter((id) => !covered.has(id) && !(id in NOT_CORRUPTIBLE));
    expect(uncovered).toEqual([]);
    // No corruption names a rule the catalog does not have.
    expect([...covered].filter((id) => !catalog.includes(id))).toEqual([]);
  });
});
