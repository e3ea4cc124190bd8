// validateFiles on the tiny dataset held in memory: a clean dataset passes every rule (in file order,
// shuffled, with sparse ids, with CRLF), a header that lacks a column leaves its rules not checked, and
// input that cannot be read at all rejects with DatasetUnreadable.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { TABLE_NAMES } from '../../../src/schema/tableNames.js';
import { formatTextReport } from '../../../src/validate/formatReport.js';
import { RuleBook } from '../../../src/validate/ruleBook.js';
import { defineRules } from '../../../src/validate/ruleCatalog.js';
import type { ValidationReport } from '../../../src/validate/report.js';
import { DatasetUnreadable, validateFiles } from '../../../src/validate/validateDataset.js';
import { SCHEMAS } from '../helpers/memoryDataset.js';
import {
  cleanFiles,
  editableDataset,
  failedIds,
  filesOf,
  formatCents,
  formatSeconds,
  manifestOf,
  rule,
  sessionsOf,
  shuffle,
  toCents,
  toSeconds,
  validate,
  type EditableTable,
} from './helpers/editableDataset.js';

function catalogIds(): string[] {
  const book = new RuleBook(5);
  defineRules(book, SCHEMAS);
  return book.entries().map((entry) => entry.definition.id);
}

function statuses(report: ValidationReport): [string, string][] {
  return report.rules.map((entry) => [entry.id, entry.status]);
}

/** Every catalog rule passed, except the MAN- rules when there is no manifest. */
function allPassed(withManifest: boolean): [string, string][] {
  return catalogIds().map((id) => [id, !withManifest && id.startsWith('MAN-') ? 'not_checked' : 'passed']);
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error as Error,
  );
}

describe('a clean dataset in memory', () => {
  it('passes every rule of the catalog, manifest included, and reports each file as read', async () => {
    const files = cleanFiles();
    const tables = editableDataset();
    const report = await validate(files, { manifest: manifestOf(files, tables) });
    expect(catalogIds().length).toBeGreaterThan(40);
    expect(statuses(report)).toEqual(allPassed(true));
    expect(report.valid).toBe(true);
    expect(report.directory).toBe('(memory)');
    expect(report.sessions).toBe('judged in file order (the file is in event_id order)');
    expect(report.summary).toEqual({ rules: catalogIds().length, passed: catalogIds().length, failed: 0, notChecked: 0, violations: 0 });
    expect(report.files).toEqual(
      TABLE_NAMES.map((table) => {
        const text = files[`${table}.csv`] as string;
        return {
          table,
          file: `${table}.csv`,
          rows: tables[table].rows.length,
          bytes: Buffer.byteLength(text),
          sha256: createHash('sha256').update(text).digest('hex'),
          lineEnding: 'LF',
          checked: true,
        };
      }),
    );
  });

  it('without a manifest: the MAN- rules are not checked, with the reason, and it is still valid', async () => {
    const report = await validateFiles({ files: cleanFiles(), label: 'tiny' });
    expect(statuses(report)).toEqual(allPassed(false));
    expect(rule(report, 'MAN-ROWS').reason).toMatch(/no manifest\.json/);
    expect(report.valid).toBe(true);
    expect(report.directory).toBe('tiny');
  });

  it('reads Uint8Array files as it reads text', async () => {
    const files = Object.fromEntries(Object.entries(cleanFiles()).map(([name, text]) => [name, new Uint8Array(Buffer.from(text, 'utf8'))]));
    const report = await validateFiles({ files, manifest: Buffer.from(manifestOf(files)) });
    expect(statuses(report)).toEqual(allPassed(true));
  });

  it('is still clean with every table shuffled: the sessions are sorted in memory', async () => {
    const tables = editableDataset();
    TABLE_NAMES.forEach((table, index) => shuffle(tables[table].rows, 99 + index));
    const report = await validate(filesOf(tables));
    expect(report.sessions).toMatch(/^sorted in memory by session and event_id \(not in file order: line \d+: event_id \d+ after \d+\)$/);
    expect(statuses(report)).toEqual(allPassed(false));
  });

  it('is still clean with ids far from 1 and shuffled rows', async () => {
    const tables = editableDataset();
    const offset = 1_000_000_000;
    const shift = (table: EditableTable, column: string): void => {
      const at = table.col(column);
      for (const fields of table.rows) if (fields[at] !== '') fields[at] = String(Number(fields[at]) + offset);
    };
    shift(tables.customers, 'customer_id');
    shift(tables.orders, 'order_id');
    shift(tables.orders, 'customer_id');
    shift(tables.order_items, 'order_id');
    shift(tables.web_events, 'customer_id');
    shift(tables.web_events, 'order_id');
    TABLE_NAMES.forEach((table, index) => shuffle(tables[table].rows, 5 + index));
    const report = await validate(filesOf(tables));
    expect(statuses(report)).toEqual(allPassed(false));
  });

  it('accepts CRLF line ends and says so per file: CRLF, mixed, LF', async () => {
    const tables = editableDataset();
    const files = filesOf(tables);
    files['customers.csv'] = tables.customers.text('\r\n');
    const lines = (files['products.csv'] as string).split('\n');
    files['products.csv'] = `${lines.slice(0, 10).join('\r\n')}\n${lines.slice(10).join('\n')}`;
    const report = await validate(files);
    expect(statuses(report)).toEqual(allPassed(false));
    expect(report.files.map((file) => file.lineEnding)).toEqual(['CRLF', 'mixed', 'LF', 'LF', 'LF']);
  });
});

describe('a header the rows cannot be checked against', () => {
  it('a missing column: FILE-HEADER, and the rules reading that table are not checked', async () => {
    const tables = editableDataset();
    const { customers } = tables;
    const phone = customers.col('phone');
    for (const fields of [customers.header, ...customers.rows]) fields.splice(phone, 1);
    const report = await validate(filesOf(tables));
    expect(failedIds(report)).toEqual(['FILE-HEADER']);
    expect(rule(report, 'FILE-HEADER').examples[0]?.problem).toBe('missing columns: phone');
    const notChecked = report.rules.filter((entry) => entry.status === 'not_checked').map((entry) => entry.id);
    expect(notChecked).toEqual(
      expect.arrayContaining(['CUS-01', 'CUS-02', 'CUS-03', 'CUS-04', 'UQ-uq_customers_email', 'ORD-01', 'FK-orders.customer_id', 'ORD-05', 'WEB-01', 'WEB-03']),
    );
    expect(notChecked.filter((id) => id.startsWith('PRD') || id === 'ORD-03')).toEqual([]);
    expect(rule(report, 'ORD-05').reason).toBe("customers.csv rows were not checked: its header does not hold the schema's columns (missing columns: phone)");
    expect(report.files[0]).toMatchObject({ checked: false, note: "its header does not hold the schema's columns (missing columns: phone)", rows: customers.rows.length });
  });

  it('an empty file: FILE-HEADER says there is no header, and its rows are not checked', async () => {
    const files = { ...cleanFiles(), 'products.csv': '' };
    const report = await validate(files);
    expect(failedIds(report)).toEqual(['FILE-HEADER']);
    expect(rule(report, 'FILE-HEADER').examples).toEqual([{ file: 'products.csv', line: 1, key: '', values: {}, problem: 'the file is empty: no header' }]);
    expect(rule(report, 'PRD-02').status).toBe('not_checked');
    expect(report.files[1]).toMatchObject({ rows: 0, bytes: 0, checked: false });
  });

  it('a header-only order_items: every order lacks items (ORD-04) and purchase carts match no items (WEB-15), nothing else fails', async () => {
    const tables = editableDataset();
    tables.order_items.rows = [];
    const report = await validate(filesOf(tables));
    expect(failedIds(report)).toEqual(['ORD-04', 'WEB-15']);
    expect(rule(report, 'ORD-04').violations).toBe(tables.orders.rows.length);
    expect(report.files[3]).toMatchObject({ rows: 0, checked: true });
  });
});

describe('verdicts that depend on more than one row', () => {
  it('a product record with an extra field is no row, so items and events of it dangle', async () => {
    const tables = editableDataset();
    const { products, order_items: items, web_events: events } = tables;
    const product = products.get(3, 'product_id');
    (products.rows[3] as string[]).push('extra');
    const report = await validate(filesOf(tables));
    const header = String(products.header.length);
    const fields = String(products.header.length + 1);
    expect(rule(report, 'FILE-FIELDS').examples).toEqual([{ file: 'products.csv', line: 5, key: '', values: { fields, header_fields: header }, problem: `${fields} fields where the header has ${header}` }]);
    const itemRows = items.where((row) => items.get(row, 'product_id') === product);
    const eventRows = events.where((row) => events.get(row, 'product_id') === product);
    expect(itemRows.length + eventRows.length).toBeGreaterThan(0);
    expect(rule(report, 'ITM-02').violations).toBe(itemRows.length);
    expect(rule(report, 'WEB-02').violations).toBe(eventRows.length);
    for (const id of ['ITM-02', 'WEB-02']) for (const example of rule(report, id).examples) expect(example.values['product_id']).toBe(product);
  });

  it('shuffled rows give the same verdicts as file order on a corrupted dataset', async () => {
    const tables = editableDataset();
    const events = tables.web_events;
    const sessions = [...sessionsOf(events).values()].filter((rows) => rows.length >= 3);
    expect(sessions.length).toBeGreaterThan(4);
    // Time going back in two sessions, a dropped event in a third (WEB-04, WEB-10).
    for (const rows of sessions.slice(0, 2)) {
      const [first, second] = rows as [number, number];
      events.set(second, 'event_timestamp', formatSeconds(toSeconds(events.get(first, 'event_timestamp')) - 1));
    }
    const dropped = (sessions[2] as number[])[1] as number;
    events.rows.splice(dropped, 1);
    const inOrder = await validate(filesOf(tables));
    expect(inOrder.sessions).toMatch(/^judged in file order/);
    shuffle(events.rows, 7);
    const shuffled = await validate(filesOf(tables));
    expect(shuffled.sessions).toMatch(/^sorted in memory/);
    const counts = (report: ValidationReport): [string, string, number][] => report.rules.map((entry) => [entry.id, entry.status, entry.violations]);
    expect(counts(shuffled)).toEqual(counts(inOrder));
    expect(failedIds(shuffled)).toEqual(['WEB-04', 'WEB-05', 'WEB-10'].filter((id) => rule(inOrder, id).violations > 0));
    expect(rule(shuffled, 'WEB-04').violations).toBeGreaterThanOrEqual(2);
    expect(rule(shuffled, 'WEB-10').violations).toBe(1);
  });

  it('--examples: the violations are all counted, the examples limited', async () => {
    const tables = editableDataset();
    for (const row of [10, 20, 30]) tables.orders.set(row, 'status', 'lost');
    const report = await validate(filesOf(tables), { examples: 2 });
    const values = rule(report, 'COL-TYPE');
    expect(values.violations).toBe(3);
    expect(values.examples.map((example) => example.line)).toEqual([12, 22]);
    expect(values.violationsByFile).toEqual({ 'orders.csv': 3 });
    expect(report.summary.failed).toBe(1);
    for (const entry of report.rules) expect(Object.keys(entry)).toEqual(expect.arrayContaining(['id', 'table', 'name', 'description', 'status', 'violations', 'violationsByFile', 'examples']));
  });

  it('the text report names the failed rule, its offending row and the summary', async () => {
    const tables = editableDataset();
    const { orders } = tables;
    orders.set(123, 'total_amount', formatCents(toCents(orders.get(123, 'total_amount')) + 1));
    const text = formatTextReport(await validate(filesOf(tables)));
    expect(text).toMatch(/^FAILED +ORD-03 +orders +total_arithmetic 1 violation$/m);
    expect(text).toContain(`orders.csv:125 order_id=${orders.get(123, 'order_id')}: total_amount ${orders.get(123, 'total_amount')} is not`);
    expect(text).toMatch(/^NOT CHECKED +MAN-ROWS +all +manifest_rows no manifest\.json in the directory$/m);
    expect(text).toMatch(/^passed +CUS-03 +customers +geography_consistent$/m);
    expect(text).toMatch(/^INVALID: 1 rule failed \(1 violation\), \d+ passed, 3 not checked/m);
  });
});

describe('a dataset that cannot be validated rejects with DatasetUnreadable', () => {
  it('a missing table', async () => {
    const files: Record<string, string> = { ...cleanFiles() };
    delete files['orders.csv'];
    const error = await rejection(validateFiles({ files }));
    expect(error).toBeInstanceOf(DatasetUnreadable);
    expect(error.message).toBe('orders.csv: missing (a dataset has customers.csv, products.csv, orders.csv, order_items.csv, web_events.csv)');
  });

  it('an unterminated quote, with its line', async () => {
    const lines = (cleanFiles()['customers.csv'] as string).split('\n');
    lines[40] = (lines[40] as string).replace(',', ',"');
    const error = await rejection(validateFiles({ files: { ...cleanFiles(), 'customers.csv': lines.join('\n') } }));
    expect(error).toBeInstanceOf(DatasetUnreadable);
    expect(error.message).toBe('customers.csv line 41: malformed CSV: unterminated quoted field');
  });

  it('text after a closing quote, with its line', async () => {
    const lines = (cleanFiles()['orders.csv'] as string).split('\n');
    lines[7] = `"x"y${(lines[7] as string).slice((lines[7] as string).indexOf(','))}`;
    const error = await rejection(validateFiles({ files: { ...cleanFiles(), 'orders.csv': lines.join('\n') } }));
    expect(error).toBeInstanceOf(DatasetUnreadable);
    expect(error.message).toMatch(/^orders\.csv line 8: malformed CSV: text after a closing quote/);
  });
});

describe("COL-FUTURE's clock", () => {
  // A product updated in 2099: in the future for a dataset that stands at 2024, not for one whose manifest
  // says it stands in 2100, and in the future by today's clock when there is no manifest.
  function withLateUpdate(): Record<string, string> {
    const tables = editableDataset();
    const products = tables.products;
    products.set(0, 'updated_at', '2099-01-01 00:00:00');
    return filesOf(tables);
  }
  function manifestAsOf(files: Record<string, string>, asOf: string): string {
    return JSON.stringify({ ...(JSON.parse(manifestOf(files)) as object), as_of: asOf });
  }

  it("is the manifest's as_of when there is one, and today's clock without", async () => {
    const files = withLateUpdate();
    const later = await validate(files, { manifest: manifestAsOf(files, '2100-01-01 00:00:00') });
    expect(rule(later, 'COL-FUTURE').status).toBe('passed');
    expect(rule(later, 'MAN-SHA256').status).toBe('passed');
    const earlier = await validate(files, { manifest: manifestAsOf(files, '2024-12-31 23:59:59') });
    expect(rule(earlier, 'COL-FUTURE').status).toBe('failed');
    expect(rule(earlier, 'COL-FUTURE').examples[0]?.problem).toBe('updated_at 2099-01-01 00:00:00 is in the future (after 2024-12-31 23:59:59 UTC)');
    const unlisted = await validate(files);
    expect(rule(unlisted, 'COL-FUTURE').status).toBe('failed');
    expect(rule(unlisted, 'COL-FUTURE').examples[0]?.problem).toMatch(/^updated_at 2099-01-01 00:00:00 is in the future \(after 20\d\d-/);
  });
});
