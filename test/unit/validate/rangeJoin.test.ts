// A table read as byte ranges, each checked on its own (chunkScan) and joined in file order (tableJoin),
// gives the report and the violations one pass over the whole table gives. The ranges here are a few
// hundred bytes, so every check over many rows (primary and unique keys, an order's items, one purchase
// per order, sessions) meets rows from different ranges. All in memory: workers are an e2e matter.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { memorySource } from '../../../src/encoding/byteSource.js';
import { csvRanges } from '../../../src/read/csvRanges.js';
import { RuleBook, ViolationLog } from '../../../src/validate/ruleBook.js';
import type { ValidationReport } from '../../../src/validate/report.js';
import { DatasetUnreadable, validateFilesInDetail, type ValidationDetail } from '../../../src/validate/validateDataset.js';
import { cleanFiles, editableDataset, filesOf, formatSeconds, rule, sessionsOf, shuffle, toSeconds, type Tables } from './helpers/editableDataset.js';

const RANGE_BYTES = 300;
/**
 * Ranges of a kilobyte, still ~300 of them over web_events (rows a few hundred bytes apart still sit in
 * different ranges), for the tests about what is far apart: each 300-byte range costs the validator ~2 ms,
 * and a kilobyte cuts the ranged run's CPU time by three.
 */
const WIDER_RANGE_BYTES = 1024;

/** The report without its timings and clock, which differ between any two runs. */
function comparable(report: ValidationReport): string {
  return JSON.stringify({ ...report, elapsedMs: 0 }).replace(/after [0-9: -]+ UTC/g, 'after (now)');
}

async function bothWays(files: Record<string, string>, rangeBytes = RANGE_BYTES): Promise<{ whole: ValidationDetail; ranges: ValidationDetail }> {
  const whole = await validateFilesInDetail({ files }, { examples: 1000 });
  const ranges = await validateFilesInDetail({ files }, { examples: 1000, rangeBytes });
  return { whole, ranges };
}

function expectSame({ whole, ranges }: { whole: ValidationDetail; ranges: ValidationDetail }): void {
  expect(comparable(ranges.report)).toBe(comparable(whole.report));
  expect(ranges.violations).toEqual(whole.violations);
}

describe('csvRanges', () => {
  it('cuts a file just after line ends into ranges that cover it, with the header of its first line', async () => {
    const text = cleanFiles()['web_events.csv'] as string;
    const found = await csvRanges(memorySource('web_events.csv', text), RANGE_BYTES);
    if (!found) throw new Error('not cut');
    expect(found.header.join(',')).toBe(text.slice(0, text.indexOf('\n')));
    expect(found.ranges.length).toBeGreaterThan(text.length / RANGE_BYTES / 2);
    expect(found.ranges[0]?.[0]).toBe(0);
    expect(found.ranges[found.ranges.length - 1]?.[1]).toBe(Buffer.byteLength(text));
    found.ranges.forEach(([start, end], index) => {
      expect(end).toBeGreaterThan(start);
      if (index > 0) expect(text[start - 1]).toBe('\n');
      if (index > 0) expect(found.ranges[index - 1]?.[1]).toBe(start);
    });
  });

  it('does not cut a file whose header holds a quote, or one smaller than two ranges', async () => {
    expect(await csvRanges(memorySource('a.csv', `"a",b\n${'1,2\n'.repeat(1000)}`), RANGE_BYTES)).toBeUndefined();
    expect(await csvRanges(memorySource('a.csv', 'a,b\n1,2\n'), RANGE_BYTES)).toBeUndefined();
  });
});

describe('a dataset read in byte ranges and joined', () => {
  it('clean: the same report and violations as read whole', async () => {
    // Kilobyte ranges: the 300-byte ones run over four clean tables and a web_events of mostly plain
    // ranges in the test of web_events' edits below, which compares every table's report too.
    const both = await bothWays(filesOf(editableDataset()), WIDER_RANGE_BYTES);
    expect(both.whole.report.valid).toBe(true);
    expectSame(both);
  });

  it('shuffled: the same report (sessions sorted in memory) as read whole', async () => {
    const tables = editableDataset();
    for (const table of Object.values(tables)) shuffle(table.rows, 7);
    const both = await bothWays(filesOf(tables), WIDER_RANGE_BYTES);
    expect(both.ranges.report.sessions).toMatch(/^sorted in memory/);
    expectSame(both);
  });

  it('corrupted far apart: repeated keys, an order missing an item, a second purchase and a broken session are found as read whole', async () => {
    const tables: Tables = editableDataset();
    const { customers, order_items: items, web_events: events } = tables;
    const last = customers.rows.length - 1;
    customers.set(last, 'customer_id', customers.get(0, 'customer_id'));
    customers.set(last - 1, 'email', customers.get(1, 'email'));
    items.rows.splice(items.rows.length - 2, 1);
    const purchases = events.where((row) => events.get(row, 'event_type') === 'purchase');
    const first = purchases[0] as number;
    const later = purchases[purchases.length - 1] as number;
    events.set(later, 'order_id', events.get(first, 'order_id'));
    const longest = [...sessionsOf(events).values()].sort((a, b) => b.length - a.length)[0] as number[];
    events.set(longest[longest.length - 1] as number, 'event_id', events.get(longest[0] as number, 'event_id'));
    const both = await bothWays(filesOf(tables), WIDER_RANGE_BYTES);
    for (const id of ['PK-UNIQUE', 'CUS-01', 'ORD-02', 'WEB-16', 'WEB-10']) expect(rule(both.ranges.report, id).status, id).toBe('failed');
    expect(rule(both.ranges.report, 'PK-UNIQUE').examples.map((example) => example.line)).toContain(last + 2);
    expect(rule(both.ranges.report, 'WEB-16').examples.map((example) => example.line)).toContain(later + 2);
    expectSame(both);
  });

  it('web_events edited every way its byte checks decline: each edit is reported as read whole, in plain chunks and others', async () => {
    const tables = editableDataset();
    const events = tables.web_events;
    const customers = tables.customers;
    const count = events.rows.length;
    // Far apart, so most edits sit in a range of their own among plain ones.
    const at = (part: number): number => Math.floor((count * part) / 40);
    const purchases = events.where((row) => events.get(row, 'event_type') === 'purchase');
    const views = events.where((row) => events.get(row, 'event_type') === 'page_view');
    expect(purchases.length).toBeGreaterThanOrEqual(4);
    const edits: [number, string, string][] = [
      [at(1), 'event_id', ''],
      [at(2), 'event_id', `0${events.get(at(2), 'event_id')}`],
      [at(3), 'session_id', ''],
      [at(4), 'session_id', 'x'.repeat(37)],
      [at(5), 'customer_id', '99999999'],
      [at(6), 'customer_id', '-3'],
      [at(7), 'product_id', '88888888'],
      [at(8), 'event_timestamp', '2024-02-30 10:00:00'],
      [at(9), 'event_timestamp', '2099-01-01 00:00:00'],
      [at(10), 'event_type', 'teleport'],
      [at(11), 'page_url', ` ${events.get(at(11), 'page_url')}`],
      [at(12), 'page_url', `/${'p'.repeat(200)}`],
      [at(13), 'search_query', 'red  shoes'],
      [at(14), 'search_query', 'caf\u00e9 au lait'],
      [at(15), 'device_type', 'toaster'],
      [at(16), 'browser', 'Chrome '],
      [at(17), 'event_timestamp', '2000-01-01 00:00:00'],
      [views[Math.floor(views.length / 2)] as number, 'order_id', events.get(purchases[0] as number, 'order_id')],
      [views[Math.floor(views.length / 3)] as number, 'product_id', events.get(at(7) + 1, 'product_id') || '1'],
      [purchases[0] as number, 'customer_id', ''],
      [purchases[1] as number, 'customer_id', customers.get(0, 'customer_id')],
      [purchases[2] as number, 'event_timestamp', '2024-06-01 12:00:00'],
      [purchases[3] as number, 'order_id', ''],
      [at(18), 'search_query', 'two, "quoted"'],
    ];
    for (const [row, column, value] of edits) events.set(row, column, value);
    const files = filesOf(tables);
    const lines = (files['web_events.csv'] as string).split('\n');
    lines[at(20) + 1] = `${lines[at(20) + 1] ?? ''},extra`;
    lines[at(21) + 1] = `${lines[at(21) + 1] ?? ''}\r`;
    lines[at(22) + 1] = '';
    lines[at(23) + 1] = (lines[at(23) + 1] ?? '').replace('/', '/\u0000');
    lines[at(24) + 1] = (lines[at(24) + 1] ?? '').replace('/', '/\u00c3\u00a9');
    // The last line cut short, without its line end.
    const last = lines.length - 2;
    lines[last] = (lines[last] ?? '').slice(0, 30);
    files['web_events.csv'] = lines.slice(0, -1).join('\n');
    const both = await bothWays(files);
    for (const id of ['COL-TYPE', 'PK-UNIQUE', 'COL-SPACE', 'COL-FUTURE', 'FILE-FIELDS', 'FILE-NUL', 'FK-web_events.customer_id', 'FK-web_events.product_id', 'WEB-03', 'WEB-08', 'WEB-09', 'WEB-11', 'WEB-13', 'WEB-14']) {
      expect(rule(both.ranges.report, id).status, id).toBe('failed');
    }
    expect(both.ranges.report.files.find((file) => file.table === 'web_events')?.lineEnding).toBe('mixed');
    expectSame(both);
  });

  it('order_items edited every way its byte checks decline: each edit is reported as read whole, in plain chunks and others', async () => {
    const tables = editableDataset();
    const items = tables.order_items;
    const count = items.rows.length;
    const at = (part: number): number => Math.floor((count * part) / 30);
    const cents = (row: number, column: string): number => Math.round(Number(items.get(row, column)) * 100);
    const edits: [number, string, string][] = [
      [at(1), 'order_item_id', `0${items.get(at(1), 'order_item_id')}`],
      [at(2), 'order_item_id', '0'],
      [at(3), 'order_id', '99999999'],
      [at(4), 'order_id', '99999999999'],
      [at(5), 'product_id', '88888888'],
      [at(6), 'product_id', '-4'],
      [at(7), 'quantity', '11'],
      [at(8), 'quantity', ''],
      [at(9), 'unit_price', `${items.get(at(9), 'unit_price')}1`],
      [at(10), 'unit_price', '0.00'],
      [at(11), 'unit_price', `0${items.get(at(11), 'unit_price')}`],
      [at(12), 'discount_amount', '-0.50'],
      [at(13), 'line_total', ((cents(at(13), 'line_total') + 1) / 100).toFixed(2)],
      [at(14), 'line_total', '123456789012.00'],
      [at(15), 'unit_price', ((cents(at(15), 'unit_price') + 100) / 100).toFixed(2)],
      [at(16), 'line_total', '1e3'],
      [at(17), 'discount_amount', '.5'],
      [at(18), 'product_id', items.get(at(18) + 1, 'product_id')],
      [at(19), 'order_id', items.get(at(19) + 1, 'order_id')],
    ];
    for (const [row, column, value] of edits) items.set(row, column, value);
    // A key repeated far from its first row, and a field with a comma in quotes.
    items.rows.push([...(items.rows[at(20)] as string[])]);
    items.set(at(21), 'unit_price', '1,5');
    const files = filesOf(tables);
    const lines = (files['order_items.csv'] as string).split('\n');
    lines[at(22) + 1] = `${lines[at(22) + 1] ?? ''},extra`;
    lines[at(23) + 1] = `${lines[at(23) + 1] ?? ''}\r`;
    files['order_items.csv'] = lines.join('\n');
    const both = await bothWays(files);
    for (const id of ['COL-TYPE', 'PK-UNIQUE', 'UQ-uq_order_items_order_product', 'FILE-FIELDS', 'FK-order_items.order_id', 'FK-order_items.product_id', 'ITM-03']) {
      expect(rule(both.ranges.report, id).status, id).toBe('failed');
    }
    expectSame(both);
  });

  it('customers edited every way its byte checks decline: each edit is reported as read whole, in plain chunks and others', async () => {
    const tables = editableDataset();
    const customers = tables.customers;
    const count = customers.rows.length;
    // One edit every other row or so: most sit in a 300-byte range (a chunk) of their own.
    const at = (part: number): number => Math.floor((count * part) / 36);
    const year = (row: number): number => Number(customers.get(row, 'created_at').slice(0, 4));
    const farState = customers.where((row) => customers.get(row, 'state') !== 'AK');
    const firstBuyer = tables.orders.get(0, 'customer_id');
    const buyer = customers.where((row) => customers.get(row, 'customer_id') === firstBuyer)[0] as number;
    const edits: [number, string, string][] = [
      [at(1), 'customer_id', '0'],
      [at(2), 'customer_id', `0${customers.get(at(2), 'customer_id')}`],
      [at(3), 'first_name', ` ${customers.get(at(3), 'first_name')}`],
      [at(4), 'last_name', 'x'.repeat(51)],
      [at(5), 'gender', 'X'],
      [at(6), 'email', customers.get(at(6), 'email').toUpperCase()],
      [at(7), 'email', customers.get(at(7), 'email').replace('@', '.')],
      [at(8), 'email', customers.get(at(9), 'email')],
      [at(10), 'phone', customers.get(at(10), 'phone').replace(/[()]/g, '').replace(' ', '-')],
      [at(11), 'phone', `(0${customers.get(at(11), 'phone').slice(2)}`],
      [at(12), 'phone', `${customers.get(at(12), 'phone').slice(0, 6)}1${customers.get(at(12), 'phone').slice(7)}`],
      [farState[Math.floor(farState.length / 2)] as number, 'phone', '(907) 555-0100'],
      [at(13), 'date_of_birth', '1968-02-30'],
      [at(14), 'date_of_birth', `${year(at(14)) - 10}-06-01`],
      [at(15), 'date_of_birth', `${year(at(15)) - 95}-06-01`],
      [at(16), 'address_line1', customers.get(at(16), 'address_line1').replace(' ', '  ')],
      [at(17), 'address_line2', 'Apt 4B '],
      [at(18), 'city', 'Nowhere Springs'],
      [at(19), 'state', 'XX'],
      [at(20), 'zip_code', '1234'],
      [at(21), 'zip_code', '00000'],
      [at(22), 'country', 'CA'],
      [at(23), 'customer_segment', 'vip'],
      [at(24), 'marketing_opt_in', 'TRUE'],
      [at(25), 'created_at', '2020-13-01 00:00:00'],
      [at(26), 'created_at', '2099-01-01 00:00:00'],
      [at(27), 'updated_at', '2000-01-01 00:00:00'],
      [at(28), 'date_of_birth', '2099-01-01'],
      [at(29), 'email', ''],
      // Registered after its orders and events: ORD-05 and WEB-03 judge them by the facts the byte path records.
      [buyer, 'created_at', '2025-12-30 00:00:00'],
      [buyer, 'updated_at', '2025-12-31 00:00:00'],
    ];
    for (const [row, column, value] of edits) customers.set(row, column, value);
    customers.set(at(30), 'first_name', 'O"Neil, Jr');
    const files = filesOf(tables);
    const lines = (files['customers.csv'] as string).split('\n');
    lines[at(31) + 1] = `${lines[at(31) + 1] ?? ''},extra`;
    lines[at(32) + 1] = `${lines[at(32) + 1] ?? ''}\r`;
    files['customers.csv'] = lines.join('\n');
    const both = await bothWays(files);
    for (const id of ['COL-TYPE', 'COL-SPACE', 'COL-CASE', 'COL-FORMAT', 'COL-FUTURE', 'CUS-01', 'CUS-02', 'CUS-03', 'CUS-04', 'CUS-05', 'FILE-FIELDS', 'ORD-05', 'WEB-03']) {
      expect(rule(both.ranges.report, id).status, id).toBe('failed');
    }
    expectSame(both);
  });

  it('products edited every way its byte checks decline: each edit is reported as read whole, in plain chunks and others', async () => {
    const tables = editableDataset();
    const products = tables.products;
    const count = products.rows.length;
    const at = (part: number): number => Math.floor((count * part) / 24);
    const active = products.where((row) => products.get(row, 'is_active') === 'true');
    const inactive = products.where((row) => products.get(row, 'is_active') === 'false');
    expect(active.length).toBeGreaterThanOrEqual(3);
    expect(inactive.length).toBeGreaterThanOrEqual(4);
    const dayBefore = (row: number, column: string): string => formatSeconds(toSeconds(products.get(row, column)) - 86400);
    const edits: [number, string, string][] = [
      [at(1), 'product_id', '0'],
      [at(2), 'product_id', `0${products.get(at(2), 'product_id')}`],
      [at(3), 'sku', products.get(at(4), 'sku')],
      [at(5), 'sku', 'S'.repeat(21)],
      [at(6), 'product_name', products.get(at(6), 'product_name').replace(' ', '  ')],
      [at(7), 'category', 'Toys'],
      [at(8), 'subcategory', 'Nope'],
      [at(9), 'brand', ` ${products.get(at(9), 'brand')}`],
      [at(10), 'price', '0.00'],
      [at(11), 'price', '1.999'],
      [at(12), 'cost', products.get(at(12), 'price')],
      [at(13), 'price', (Number(products.get(at(13), 'cost')) * 10).toFixed(2)],
      [at(14), 'stock_quantity', '-1'],
      [at(15), 'stock_quantity', '1.5'],
      [at(16), 'is_active', 'TRUE'],
      [at(17), 'created_at', '2099-01-01 00:00:00'],
      [at(18), 'updated_at', '2000-01-01 00:00:00'],
      [at(19), 'discontinued_at', 'never'],
      [active[0] as number, 'discontinued_at', products.get(active[0] as number, 'created_at')],
      [active[1] as number, 'is_active', 'false'],
      [inactive[0] as number, 'is_active', 'true'],
      [inactive[1] as number, 'discontinued_at', '2099-01-01 00:00:00'],
      // PRD-04 alone (discontinued at its launch), PRD-06 alone (changed the day before its launch).
      [inactive[2] as number, 'discontinued_at', products.get(inactive[2] as number, 'created_at')],
      [active[2] as number, 'updated_at', dayBefore(active[2] as number, 'created_at')],
      // PRD-06 alone again: changed the day before it was discontinued.
      [inactive[3] as number, 'updated_at', dayBefore(inactive[3] as number, 'discontinued_at')],
    ];
    expect(toSeconds(products.get(inactive[3] as number, 'discontinued_at')) - toSeconds(products.get(inactive[3] as number, 'created_at'))).toBeGreaterThan(86400);
    for (const [row, column, value] of edits) products.set(row, column, value);
    const files = filesOf(tables);
    const lines = (files['products.csv'] as string).split('\n');
    lines[at(20) + 1] = `${lines[at(20) + 1] ?? ''},extra`;
    files['products.csv'] = lines.join('\n');
    const both = await bothWays(files);
    for (const id of ['COL-TYPE', 'COL-SPACE', 'COL-FUTURE', 'PRD-01', 'PRD-02', 'PRD-03', 'PRD-04', 'PRD-05', 'PRD-06', 'FILE-FIELDS']) {
      expect(rule(both.ranges.report, id).status, id).toBe('failed');
    }
    expectSame(both);
  });

  it('orders edited every way its byte checks decline: each edit is reported as read whole, in plain chunks and others', async () => {
    const tables = editableDataset();
    const orders = tables.orders;
    const count = orders.rows.length;
    const at = (part: number): number => Math.floor((count * part) / 40);
    const withStatus = (status: string): number[] => orders.where((row) => orders.get(row, 'status') === status);
    const [delivered, returned] = [withStatus('delivered'), withStatus('returned')];
    expect(delivered.length).toBeGreaterThanOrEqual(7);
    expect(returned.length).toBeGreaterThanOrEqual(2);
    const cents = (row: number, column: string): number => Math.round(Number(orders.get(row, column)) * 100);
    const moved = (row: number, column: string, seconds: number): string => formatSeconds(toSeconds(orders.get(row, column)) + seconds);
    const edits: [number, string, string][] = [
      [at(1), 'order_id', `0${orders.get(at(1), 'order_id')}`],
      [at(2), 'customer_id', '99999999'],
      [at(3), 'customer_id', '-3'],
      [at(4), 'order_date', '2024-02-30 10:00:00'],
      [at(5), 'order_date', '2099-01-01 00:00:00'],
      [at(6), 'status', 'teleported'],
      [at(7), 'shipping_city', ` ${orders.get(at(7), 'shipping_city')}`],
      [at(8), 'shipping_address_line1', orders.get(at(8), 'shipping_address_line1').replace(' ', '  ')],
      [at(9), 'shipping_zip', '1234'],
      [at(10), 'shipping_zip', '12a45'],
      [at(11), 'subtotal', `${orders.get(at(11), 'subtotal')}1`],
      [at(12), 'total_amount', ((cents(at(12), 'total_amount') + 1) / 100).toFixed(2)],
      [at(13), 'tax_amount', '-0.50'],
      [at(14), 'shipping_cost', '123456789.00'],
      [at(15), 'order_date', '2000-01-01 00:00:00'],
      [at(16), 'shipping_state', 'ZZ'],
      [at(17), 'payment_method', 'cash'],
      [at(18), 'shipping_city', 'X'.repeat(60)],
      [at(19), 'shipping_city', 'Jos\u00e9'],
      [at(20), 'discount_amount', ''],
      [at(21), 'updated_at', '2000-01-01 00:00:00'],
      [at(22), 'shipping_zip', '123456'],
      [at(23), 'discount_amount', `0${orders.get(at(23), 'discount_amount')}`],
      [delivered[0] as number, 'delivered_at', orders.get(delivered[0] as number, 'shipped_at')],
      [delivered[1] as number, 'shipped_at', moved(delivered[1] as number, 'order_date', -3600)],
      [delivered[2] as number, 'status', 'pending'],
      [delivered[3] as number, 'returned_at', orders.get(delivered[3] as number, 'updated_at')],
      [delivered[4] as number, 'shipped_at', ''],
      [delivered[5] as number, 'delivered_at', moved(delivered[5] as number, 'shipped_at', 3 * 3600)],
      [returned[0] as number, 'returned_at', moved(returned[0] as number, 'delivered_at', 200 * 86400)],
      [returned[1] as number, 'returned_at', ''],
      [delivered[6] as number, 'status', 'shipped'],
    ];
    for (const [row, column, value] of edits) orders.set(row, column, value);
    // A key repeated far from its first row, and a field with a comma in quotes.
    orders.rows.push([...(orders.rows[at(24)] as string[])]);
    orders.set(at(25), 'shipping_address_line1', '1 Main St, Apt 2');
    const files = filesOf(tables);
    const lines = (files['orders.csv'] as string).split('\n');
    lines[at(26) + 1] = `${lines[at(26) + 1] ?? ''},extra`;
    lines[at(27) + 1] = `${lines[at(27) + 1] ?? ''}\r`;
    lines[at(28) + 1] = (lines[at(28) + 1] ?? '').split(',').slice(0, -1).join(',');
    files['orders.csv'] = lines.join('\n');
    const both = await bothWays(files);
    const failed = ['COL-TYPE', 'COL-SPACE', 'COL-FORMAT', 'COL-FUTURE', 'PK-UNIQUE', 'FILE-FIELDS', 'FK-orders.customer_id'];
    for (const id of [...failed, 'ORD-03', 'ORD-05', 'ORD-07', 'ORD-08', 'ORD-10', 'ORD-11', 'ORD-12', 'ORD-13']) expect(rule(both.ranges.report, id).status, id).toBe('failed');
    expectSame(both);
  });

  it('a quoted field with line breaks over a cut: the rest of the file is read as one range, and the report is the same', async () => {
    const tables = editableDataset();
    const events = tables.web_events;
    for (let row = 0; row < events.rows.length; row += 9) events.set(row, 'search_query', 'two\nlines, "quoted"\n\nand more');
    const both = await bothWays(filesOf(tables));
    expect(rule(both.ranges.report, 'FILE-FIELDS').status).toBe('passed');
    expectSame(both);
  });

  it('an unterminated quote: the same one-line error, at the same line, as read whole', async () => {
    const files = filesOf(editableDataset());
    const text = files['orders.csv'] as string;
    const cut = text.indexOf('\n', Math.floor(text.length / 2)) + 1;
    files['orders.csv'] = `${text.slice(0, cut)}"${text.slice(cut)}`;
    const whole = await validateFilesInDetail({ files }).catch((error: unknown) => error);
    const ranges = await validateFilesInDetail({ files }, { rangeBytes: RANGE_BYTES }).catch((error: unknown) => error);
    expect(whole).toBeInstanceOf(DatasetUnreadable);
    expect(ranges).toBeInstanceOf(DatasetUnreadable);
    expect((ranges as Error).message).toBe((whole as Error).message);
    expect((whole as Error).message).toMatch(/orders\.csv line \d+: malformed CSV/);
  });
});

describe('the violation log', () => {
  it('lists a table phase by line, then stage, whatever order its parts arrived in; other phases as found', () => {
    const log = new ViolationLog();
    const book = new RuleBook(5, log);
    const [a, b] = [book.newTally(), book.newTally()];
    const example = (line: number): { file: string; line: number; key: string; values: Record<string, string>; problem: string } => ({ file: 'orders.csv', line, key: '', values: {}, problem: `line ${line}` });
    log.startPhase(0, true);
    log.add(a, example(9), 1);
    log.add(b, example(3), 5);
    log.add(a, example(3), 2);
    log.startPhase(1, false);
    log.add(b, example(8), 0);
    log.add(a, example(2), 0);
    expect(log.entries.map((entry) => entry.example.line)).toEqual([3, 3, 9, 8, 2]);
    expect(log.entries.map((entry) => entry.tally)).toEqual([a, b, a, b, a]);
  });
});

describe('the worker count', () => {
  it('is capped as generate caps it: more threads than the machine can hold is one UsageError, not a crash', async () => {
    const refused = await validateFilesInDetail({ files: cleanFiles() }, { workers: 100_000 }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(UsageError);
    expect((refused as Error).message).toMatch(/^--workers: 100000 is more than this machine can run: at most \d+ /);
  });
});
