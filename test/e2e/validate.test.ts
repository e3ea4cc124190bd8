// `ecomgen validate` on real files: a generated dev dataset is clean (in file order and shuffled), and
// each kind of corruption is reported under its rule id with the offending line, exit 1; a dataset that
// cannot be read gives one line on stderr and exit 2.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate, loadSchemas, TABLE_NAMES, type RuleReport, type ValidationReport } from 'ecomgen';
import { readCsv } from '../../src/encoding/csvReader.js';
import { parseCsv } from '../helpers/csv.js';
import { toSeconds } from '../helpers/dataset.js';
import { REPO_ROOT, runCli, tempDir } from '../helpers/run.js';

let clean: string;
/** Every directory made here, removed at the end: each holds a dev dataset (8.7 MB). */
const made: string[] = [];

function madeDir(label: string): string {
  const dir = tempDir(`validate-${label}`);
  made.push(dir);
  return dir;
}

beforeAll(async () => {
  clean = madeDir('clean');
  await generate({ environment: 'dev', seed: 777, outputDir: clean });
});

afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the clean dataset to corrupt; without manifest.json unless asked, so only the corruption fails. */
function copyDataset(label: string, keepManifest = false): string {
  const dir = madeDir(label);
  cpSync(clean, dir, { recursive: true });
  if (!keepManifest) rmSync(join(dir, 'manifest.json'));
  return dir;
}

function encodeField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** A table read into memory to edit; row i sits on line i + 2 of its file. */
class EditableTable {
  readonly header: string[];
  rows: string[][];

  constructor(
    private readonly dir: string,
    private readonly table: string,
  ) {
    const [header, ...rows] = parseCsv(readFileSync(join(dir, `${table}.csv`), 'utf8'));
    this.header = header as string[];
    this.rows = rows;
  }

  col(name: string): number {
    const index = this.header.indexOf(name);
    if (index < 0) throw new Error(`no column ${name}`);
    return index;
  }

  get(row: number, name: string): string {
    return (this.rows[row] as string[])[this.col(name)] as string;
  }

  set(row: number, name: string, value: string): void {
    (this.rows[row] as string[])[this.col(name)] = value;
  }

  save(): void {
    const text = [this.header, ...this.rows].map((fields) => fields.map(encodeField).join(',')).join('\n');
    writeFileSync(join(this.dir, `${this.table}.csv`), `${text}\n`);
  }
}

interface Validation {
  readonly status: number | null;
  readonly report: ValidationReport;
  readonly stderr: string;
}

function validate(dir: string, ...args: string[]): Validation {
  const result = runCli(['validate', dir, '--format', 'json', ...args]);
  return { status: result.status, report: JSON.parse(result.stdout) as ValidationReport, stderr: result.stderr };
}

function rule(report: ValidationReport, id: string): RuleReport {
  const found = report.rules.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no rule ${id} in the report`);
  return found;
}

function failedIds(report: ValidationReport): string[] {
  return report.rules.filter((candidate) => candidate.status === 'failed').map((candidate) => candidate.id).sort();
}

/** Exit 1, exactly the given rules failed, and the first one's violations on the given lines of `file`. */
function expectViolations(result: Validation, ids: string[], file: string, lines: number[]): RuleReport {
  expect(result.status, result.stderr).toBe(1);
  expect(result.report.valid).toBe(false);
  expect(failedIds(result.report)).toEqual([...ids].sort());
  const first = rule(result.report, ids[0] as string);
  expect(first.violations).toBe(lines.length);
  expect(first.examples.map((example) => `${example.file}:${example.line}`)).toEqual(lines.map((line) => `${file}:${line}`));
  return first;
}

/** Deterministic shuffle of every table's data rows (mulberry32). */
function shuffleRows(dir: string, tables: readonly string[], seed: number): void {
  let state = seed >>> 0;
  const random = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (const table of tables) {
    const [header, ...rows] = readFileSync(join(dir, `${table}.csv`), 'utf8').split('\n').slice(0, -1);
    for (let index = rows.length - 1; index > 0; index--) {
      const other = Math.floor(random() * (index + 1));
      [rows[index], rows[other]] = [rows[other] as string, rows[index] as string];
    }
    writeFileSync(join(dir, `${table}.csv`), `${[header, ...rows].join('\n')}\n`);
  }
}

function formatSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

/** Session id -> row indexes of its events, in file order. */
function sessionsOf(events: EditableTable): Map<string, number[]> {
  const sessions = new Map<string, number[]>();
  events.rows.forEach((row, index) => {
    const id = row[events.col('session_id')] as string;
    sessions.set(id, [...(sessions.get(id) ?? []), index]);
  });
  return sessions;
}

/** Turns the only begin_checkout of a session with a purchase into a page_view; returns the purchases' lines. */
function removeCheckout(events: EditableTable): number[] {
  for (const rows of sessionsOf(events).values()) {
    const types = rows.map((row) => events.get(row, 'event_type'));
    if (types.filter((type) => type === 'begin_checkout').length !== 1 || !types.includes('purchase')) continue;
    events.set(rows[types.indexOf('begin_checkout')] as number, 'event_type', 'page_view');
    return rows.filter((row) => events.get(row, 'event_type') === 'purchase').map((row) => row + 2);
  }
  throw new Error('no session with one begin_checkout and a purchase');
}

/** Moves an anonymous session's second event to before its first; returns that event's line. */
function timeGoesBack(events: EditableTable): number {
  for (const rows of sessionsOf(events).values()) {
    if (rows.length < 3 || events.get(rows[0] as number, 'customer_id') !== '') continue;
    const first = toSeconds(events.get(rows[0] as number, 'event_timestamp'));
    events.set(rows[1] as number, 'event_timestamp', formatSeconds(first - 1));
    return (rows[1] as number) + 2;
  }
  throw new Error('no anonymous session with three events');
}

describe('a clean dataset', () => {
  it('passes every rule, each business rule of the schemas listed by its id: exit 0', () => {
    const { status, report, stderr } = validate(clean);
    expect(status, stderr).toBe(0);
    expect(report.valid).toBe(true);
    expect(report.rules.filter((entry) => entry.status !== 'passed')).toEqual([]);
    const { schemas } = loadSchemas(join(REPO_ROOT, 'schemas'));
    const declared = TABLE_NAMES.flatMap((table) => schemas[table].businessRules.map((businessRule) => businessRule.id));
    expect(declared.length).toBeGreaterThan(25);
    for (const id of declared) expect(rule(report, id).status, id).toBe('passed');
    for (const id of ['FILE-HEADER', 'FILE-UTF8', 'FILE-FIELDS', 'MAN-ROWS', 'MAN-SHA256', 'COL-TYPE', 'PK-UNIQUE', 'FK-orders.customer_id', 'UQ-uq_customers_email']) {
      expect(rule(report, id).status, id).toBe('passed');
    }
    expect(report.files.map((file) => [file.file, file.rows])).toEqual([
      ['customers.csv', 1000],
      ['products.csv', 500],
      ['orders.csv', 5000],
      ['order_items.csv', 15000],
      ['web_events.csv', 50000],
    ]);
    expect(report.sessions).toMatch(/file order/);
  });

  it('prints a readable report with every rule on its own line', () => {
    const result = runCli(['validate', clean]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^valid: 0 rules failed \(0 violations\), \d+ passed, 0 not checked/m);
    for (const id of ['CUS-03', 'ORD-09', 'WEB-10', 'PK-UNIQUE']) expect(result.stdout).toMatch(new RegExp(`^passed +${id} `, 'm'));
  });

  it('is still clean with the rows of every file shuffled (sessions are sorted in memory)', () => {
    const dir = copyDataset('shuffled');
    shuffleRows(dir, TABLE_NAMES, 99);
    const { status, report, stderr } = validate(dir);
    expect(status, stderr).toBe(0);
    expect(report.sessions).toMatch(/^sorted in memory/);
    const notPassed = report.rules.filter((entry) => entry.status !== 'passed');
    expect(notPassed.map((entry) => [entry.id, entry.status])).toEqual([
      ['MAN-FORMAT', 'not_checked'],
      ['MAN-ROWS', 'not_checked'],
      ['MAN-SHA256', 'not_checked'],
    ]);
    expect(notPassed[0]?.reason).toMatch(/no manifest\.json/);
  });

  it('is still clean with ids far from 1 (no dense id range) and shuffled rows', () => {
    const dir = copyDataset('sparse');
    const offset = 1_000_000_000;
    const shift = (table: EditableTable, column: string): void => {
      const at = table.col(column);
      for (const fields of table.rows) if (fields[at] !== '') fields[at] = String(Number(fields[at]) + offset);
    };
    const customers = new EditableTable(dir, 'customers');
    shift(customers, 'customer_id');
    customers.save();
    const orders = new EditableTable(dir, 'orders');
    shift(orders, 'order_id');
    shift(orders, 'customer_id');
    orders.save();
    const items = new EditableTable(dir, 'order_items');
    shift(items, 'order_id');
    items.save();
    const events = new EditableTable(dir, 'web_events');
    shift(events, 'customer_id');
    events.save();
    shuffleRows(dir, TABLE_NAMES, 5);
    const { status, report, stderr } = validate(dir);
    expect(status, stderr).toBe(0);
    expect(report.summary.failed).toBe(0);
    expect(rule(report, 'ORD-09').status).toBe('passed');
    expect(rule(report, 'FK-order_items.order_id').status).toBe('passed');
  });

  it('accepts CRLF line ends and says so', () => {
    const dir = copyDataset('crlf');
    const path = join(dir, 'customers.csv');
    writeFileSync(path, readFileSync(path, 'utf8').replaceAll('\n', '\r\n'));
    const { status, report } = validate(dir);
    expect(status).toBe(0);
    expect(report.files.find((file) => file.table === 'customers')?.lineEnding).toBe('CRLF');
    expect(report.files.find((file) => file.table === 'orders')?.lineEnding).toBe('LF');
  });
});

describe('each corruption is reported under its rule with the offending line: exit 1', () => {
  it('an order total off by one cent: ORD-03', () => {
    const dir = copyDataset('total');
    const orders = new EditableTable(dir, 'orders');
    const row = 123;
    const cents = Math.round(Number(orders.get(row, 'total_amount')) * 100) + 1;
    orders.set(row, 'total_amount', (cents / 100).toFixed(2));
    orders.save();
    const violation = expectViolations(validate(dir), ['ORD-03'], 'orders.csv', [row + 2]);
    expect(violation.examples[0]?.key).toBe(`order_id=${orders.get(row, 'order_id')}`);
    expect(violation.examples[0]?.values['total_amount']).toBe((cents / 100).toFixed(2));
  });

  it("an order's items dropped: ORD-04 on the order's line", () => {
    const dir = copyDataset('items');
    const orders = new EditableTable(dir, 'orders');
    const orderId = orders.get(200, 'order_id');
    const items = new EditableTable(dir, 'order_items');
    const before = items.rows.length;
    items.rows = items.rows.filter((fields) => fields[items.col('order_id')] !== orderId);
    expect(items.rows.length).toBeLessThan(before);
    items.save();
    const violation = expectViolations(validate(dir), ['ORD-04'], 'orders.csv', [202]);
    expect(violation.examples[0]?.key).toBe(`order_id=${orderId}`);
  });

  it('a duplicated email: CUS-01 and its unique index', () => {
    const dir = copyDataset('email');
    const customers = new EditableTable(dir, 'customers');
    customers.set(10, 'email', customers.get(5, 'email'));
    customers.save();
    const violation = expectViolations(validate(dir), ['CUS-01', 'UQ-uq_customers_email'], 'customers.csv', [12]);
    expect(violation.examples[0]?.values['email']).toBe(customers.get(5, 'email'));
  });

  it('a product twice in one order: ITM-05 and its unique index', () => {
    const dir = copyDataset('pair');
    const items = new EditableTable(dir, 'order_items');
    // Two items of one order alike in quantity, price and discount: giving the second the first's
    // product breaks only the (order_id, product_id) uniqueness, not the arithmetic.
    const same = (a: number, b: number): boolean => ['order_id', 'quantity', 'unit_price', 'discount_amount'].every((name) => items.get(a, name) === items.get(b, name));
    const row = items.rows.findIndex((_, index) => index > 0 && same(index - 1, index));
    expect(row).toBeGreaterThan(0);
    items.set(row, 'product_id', items.get(row - 1, 'product_id'));
    items.save();
    expectViolations(validate(dir), ['ITM-05', 'UQ-uq_order_items_order_product'], 'order_items.csv', [row + 2]);
  });

  it('an order of a customer that does not exist: ORD-01 and its foreign key', () => {
    const dir = copyDataset('fk');
    const orders = new EditableTable(dir, 'orders');
    orders.set(50, 'customer_id', '1000001');
    orders.save();
    const violation = expectViolations(validate(dir), ['ORD-01', 'FK-orders.customer_id'], 'orders.csv', [52]);
    expect(violation.examples[0]?.problem).toMatch(/1000001 is not in customers\.csv/);
  });

  it('a purchase without begin_checkout: WEB-07 on the purchase', () => {
    const dir = copyDataset('checkout');
    const events = new EditableTable(dir, 'web_events');
    const purchaseLines = removeCheckout(events);
    events.save();
    expectViolations(validate(dir), ['WEB-07'], 'web_events.csv', purchaseLines);
  });

  it('time going back within a session: WEB-04', () => {
    const dir = copyDataset('time');
    const events = new EditableTable(dir, 'web_events');
    const line = timeGoesBack(events);
    events.save();
    expectViolations(validate(dir), ['WEB-04'], 'web_events.csv', [line]);
  });

  it('shuffled rows give the same verdicts on a corrupted dataset', () => {
    const dir = copyDataset('shuffled-bad');
    const events = new EditableTable(dir, 'web_events');
    const purchases = removeCheckout(events);
    timeGoesBack(events);
    events.save();
    const inOrder = validate(dir).report;
    shuffleRows(dir, TABLE_NAMES, 7);
    const shuffled = validate(dir).report;
    expect(shuffled.sessions).toMatch(/^sorted in memory/);
    const counts = (report: ValidationReport): [string, string, number][] => report.rules.map((entry) => [entry.id, entry.status, entry.violations]);
    expect(counts(shuffled)).toEqual(counts(inOrder));
    expect(rule(shuffled, 'WEB-07').violations).toBe(purchases.length);
    expect(rule(shuffled, 'WEB-04').violations).toBe(1);
  });

  it('columns in another order: FILE-HEADER says so, and the rows are still checked by name', () => {
    const dir = copyDataset('order');
    const customers = new EditableTable(dir, 'customers');
    const first = customers.col('first_name');
    const last = customers.col('last_name');
    for (const fields of [customers.header, ...customers.rows]) [fields[first], fields[last]] = [fields[last] as string, fields[first] as string];
    customers.save();
    const result = validate(dir);
    const violation = expectViolations(result, ['FILE-HEADER'], 'customers.csv', [1]);
    expect(violation.examples[0]?.problem).toMatch(/another order: column 2 is last_name where the schema has first_name/);
    expect(rule(result.report, 'CUS-04').status).toBe('passed');
  });

  it('a missing column: FILE-HEADER, and the rules on that table are not checked', () => {
    const dir = copyDataset('missing-column');
    const customers = new EditableTable(dir, 'customers');
    const phone = customers.col('phone');
    for (const fields of [customers.header, ...customers.rows]) fields.splice(phone, 1);
    customers.save();
    const { status, report } = validate(dir);
    expect(status).toBe(1);
    expect(rule(report, 'FILE-HEADER').examples[0]?.problem).toMatch(/missing columns: phone/);
    expect(rule(report, 'CUS-04').status).toBe('not_checked');
    expect(rule(report, 'ORD-05').reason).toMatch(/customers\.csv rows were not checked/);
  });

  it('an impossible DATE: COL-TYPE', () => {
    const dir = copyDataset('date');
    const customers = new EditableTable(dir, 'customers');
    customers.set(30, 'date_of_birth', '1990-02-30');
    customers.save();
    const violation = expectViolations(validate(dir), ['COL-TYPE'], 'customers.csv', [32]);
    expect(violation.examples[0]?.problem).toBe('date_of_birth is not a DATE (YYYY-MM-DD)');
  });

  it('a record with an extra field: FILE-FIELDS, and it is no row, so references to it dangle', () => {
    const dir = copyDataset('fields');
    const products = new EditableTable(dir, 'products');
    (products.rows[3] as string[]).push('extra');
    products.save();
    const { status, report } = validate(dir);
    expect(status).toBe(1);
    const fields = rule(report, 'FILE-FIELDS');
    expect(fields.violations).toBe(1);
    expect(fields.examples[0]).toMatchObject({ file: 'products.csv', line: 5, problem: '12 fields where the header has 11' });
    const productId = products.get(3, 'product_id');
    for (const id of ['ITM-02', 'WEB-02']) {
      const dangling = rule(report, id);
      expect(dangling.violations).toBeGreaterThan(0);
      for (const example of dangling.examples) expect(example.values['product_id']).toBe(productId);
    }
  });

  it('an invalid UTF-8 byte: FILE-UTF8', () => {
    const dir = copyDataset('utf8');
    const path = join(dir, 'customers.csv');
    const bytes = readFileSync(path);
    let lineStart = 0;
    for (let line = 1; line < 21; line++) lineStart = bytes.indexOf(10, lineStart) + 1;
    bytes[lineStart + 3] = 0xff;
    writeFileSync(path, bytes);
    expectViolations(validate(dir), ['FILE-UTF8'], 'customers.csv', [21]);
  });

  it('a file that differs from manifest.json: MAN-SHA256', () => {
    const dir = copyDataset('sha', true);
    const products = new EditableTable(dir, 'products');
    products.set(3, 'product_name', products.get(3, 'product_name').toUpperCase());
    products.save();
    const result = validate(dir);
    expectViolations(result, ['MAN-SHA256'], 'products.csv', [0]);
    expect(rule(result.report, 'MAN-ROWS').status).toBe('passed');
  });
});

describe('the report', () => {
  it('JSON has an entry per rule with status, count and examples; --examples limits the examples', () => {
    const dir = copyDataset('examples');
    const orders = new EditableTable(dir, 'orders');
    for (const row of [10, 20, 30]) orders.set(row, 'status', 'lost');
    orders.save();
    const { report } = validate(dir, '--examples', '2');
    for (const entry of report.rules) {
      expect(Object.keys(entry)).toEqual(expect.arrayContaining(['id', 'table', 'name', 'description', 'status', 'violations', 'examples']));
    }
    const values = rule(report, 'COL-TYPE');
    expect(values.violations).toBe(3);
    expect(values.examples).toHaveLength(2);
    expect(values.violationsByFile).toEqual({ 'orders.csv': 3 });
    expect(report.summary.failed).toBe(1);
  });

  it('text names the failed rule and its offending rows', () => {
    const dir = copyDataset('text');
    const orders = new EditableTable(dir, 'orders');
    orders.set(123, 'total_amount', '0.00');
    orders.save();
    const result = runCli(['validate', dir]);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^FAILED +ORD-03 +orders +total_arithmetic 1 violation$/m);
    expect(result.stdout).toContain(`orders.csv:125 order_id=${orders.get(123, 'order_id')}: total_amount 0.00 is not`);
    expect(result.stdout).toMatch(/^INVALID: 1 rule failed \(1 violation\)/m);
  });
});

describe('a dataset that cannot be validated: one line on stderr, exit 2', () => {
  function expectUnreadable(args: string[], pattern: RegExp): void {
    const result = runCli(['validate', ...args]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(pattern);
  }

  it('a missing directory', () => {
    expectUnreadable([join(madeDir('gone'), 'nothing-here')], /^ecomgen: .*nothing-here: no such directory$/);
  });

  it('a missing table file', () => {
    const dir = copyDataset('no-orders');
    rmSync(join(dir, 'orders.csv'));
    expectUnreadable([dir], /^ecomgen: .*orders\.csv: missing/);
  });

  it('an unterminated quote', () => {
    const dir = copyDataset('quote');
    const path = join(dir, 'customers.csv');
    const lines = readFileSync(path, 'utf8').split('\n');
    lines[1000] = (lines[1000] as string).replace(',', ',"');
    writeFileSync(path, lines.join('\n'));
    expectUnreadable([dir], /^ecomgen: .*customers\.csv line 1001: malformed CSV: unterminated quoted field$/);
  });

  it('a bad --format', () => {
    expectUnreadable([clean, '--format', 'xml'], /^ecomgen: .*--format/);
  });
});

describe('the streaming CSV reader', () => {
  it('reads quotes, doubled quotes, quoted newlines, CRLF and multi-byte text across any chunk boundary', async () => {
    const records = [
      ['id', 'text', 'note'],
      ['1', 'plain', ''],
      ['2', 'with, comma', 'say "hi"'],
      ['3', 'two\nlines', 'Zoë – ½ € 🎉'],
      ['4', '"', ''],
      ['5', '', 'last'],
    ];
    const text = records.map((fields) => fields.map(encodeField).join(',')).join('\r\n');
    const path = join(madeDir('reader'), 'sample.csv');
    writeFileSync(path, `${text}\n`);
    expect(parseCsv(`${records.map((fields) => fields.map(encodeField).join(',')).join('\n')}\n`)).toEqual(records);
    for (const chunkBytes of [1, 2, 3, 5, 7, 16, 1 << 20]) {
      const read: [string[], number][] = [];
      const stats = await readCsv(path, (fields, line) => read.push([[...fields], line]), { chunkBytes });
      expect(read.map(([fields]) => fields), `chunk ${chunkBytes}`).toEqual(records);
      expect(read.map(([, line]) => line)).toEqual([1, 2, 3, 4, 6, 7]);
      expect(stats.records).toBe(records.length);
      expect(stats.crlfRecords).toBe(records.length - 1);
      expect(stats.invalidUtf8).toBe(0);
    }
  });
});

describe('generate --validate', () => {
  it('generates, then validates the dataset in the same run', () => {
    const dir = tempDir('gen-validate');
    const result = runCli(['generate', '-e', 'dev', '-o', dir, '-q', '--validate']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/ORD-03/);
    expect(result.stdout).not.toMatch(/\bfailed\b.*ORD-03/);
    const refused = runCli(['generate', '-e', 'dev', '-o', tempDir('gen-validate-bad'), '-q', '--validate', '--format', 'jsonl']);
    expect(refused.status).toBe(2);
    expect(refused.stderr.trim()).toMatch(/^ecomgen: --validate checks a whole dataset of uncompressed CSV files/);
  });
});
