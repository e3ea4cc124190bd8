// validateFiles on files made to attack the reader of the report or the validator's memory: terminal
// escape sequences and NULs in headers, keys and values (the text report shows them escaped, NUL is
// FILE-NUL), records and headers with millions of fields (a violation, not a RangeError), values of
// megabytes (examples are cut), and an examples count past the cap (refused).
import { describe, expect, it } from 'vitest';
import { printable, printableJson, printableLines } from '../../../src/encoding/controlChars.js';
import { MAX_RECORD_FIELDS } from '../../../src/encoding/csvRecords.js';
import { UsageError } from '../../../src/errors.js';
import { formatTextReport } from '../../../src/validate/formatReport.js';
import { DatasetUnreadable, MAX_EXAMPLES } from '../../../src/validate/validateDataset.js';
import { cleanFiles, editableDataset, failedIds, filesOf, rule, validate } from './helpers/editableDataset.js';

/** Every control character in `text` other than LF: C0, DEL and C1. */
function controlsIn(text: string): string[] {
  return [...text].filter((character) => {
    const code = character.charCodeAt(0);
    return (code < 0x20 && code !== 0x0a) || (code >= 0x7f && code <= 0x9f);
  });
}

describe('control characters never reach the terminal', () => {
  it('printable escapes C0 (LF too), DEL and C1; printableLines keeps LF; printableJson keeps the JSON value', () => {
    expect(printable('a\u001b[2Jb\u0000c\nd\te\u007ff\u009bg\u0085')).toBe('a\\x1b[2Jb\\x00c\\x0ad\\x09e\\x7ff\\u009bg\\u0085');
    expect(printableLines('one\u001b]0;title\u0007\ntwo')).toBe('one\\x1b]0;title\\x07\ntwo');
    expect(printable('plain, é 中 😀 \u00a0')).toBe('plain, é 中 😀 \u00a0');
    const value = { 'k\u009b': 'v\u007f\u001b\u0000' };
    const json = printableJson(JSON.stringify(value));
    expect(controlsIn(json)).toEqual([]);
    expect(JSON.parse(json)).toEqual(value);
  });

  it('escape sequences and NULs in a header, keys and values: a text report without a control byte but its line ends, and FILE-NUL', async () => {
    const tables = editableDataset();
    const { customers, products } = tables;
    // An extra column named with an OSC "set the window title" sequence: FILE-HEADER names it.
    customers.header.push('\u001b]0;pwned\u0007');
    for (const fields of customers.rows) fields.push('');
    // A primary key that clears the screen, a value with CSI in its C1 form, DEL and a NUL.
    customers.set(4, 'customer_id', '\u001b[2J\u001b[H');
    customers.set(5, 'gender', '\u009b31m\u007f');
    products.set(2, 'category', 'Books\u0000\u001b[8m');
    const report = await validate(filesOf(tables));
    expect(failedIds(report)).toEqual(expect.arrayContaining(['FILE-HEADER', 'FILE-NUL', 'COL-TYPE', 'PK-UNIQUE']));
    expect(rule(report, 'FILE-NUL').examples).toEqual([{ file: 'products.csv', line: 4, key: '', values: {}, problem: "a NUL byte (PostgreSQL's COPY rejects it)" }]);
    expect(rule(report, 'FILE-HEADER').examples[0]?.problem).toBe('extra columns: \u001b]0;pwned\u0007');

    const text = formatTextReport(report);
    expect(text.split('\n').length).toBeGreaterThan(40);
    expect(controlsIn(text)).toEqual([]);
    expect(text).toContain('extra columns: \\x1b]0;pwned\\x07');
    expect(text).toContain('customer_id=\\x1b[2J\\x1b[H');
    expect(text).toContain('\\u009b31m\\x7f');
    expect(text).toMatch(/^FAILED +FILE-NUL +all +no_nul 1 violation$/m);
  });

  it('an error that quotes a path or a file (one line on stderr) holds no control character', () => {
    expect(new DatasetUnreadable('/data/\u001b[2J\n/orders.csv: missing').message).toBe('/data/\\x1b[2J\\x0a/orders.csv: missing');
  });
});

describe('records too wide or too long for memory are violations', () => {
  it('a record of a million commas in orders.csv: FILE-FIELDS with its field count, the other rows still checked', async () => {
    const files = cleanFiles();
    const orders = files['orders.csv'] as string;
    const secondLine = orders.indexOf('\n') + 1;
    const widened = `${orders.slice(0, secondLine)}${','.repeat(1_000_000)}\n${orders.slice(secondLine)}`;
    const report = await validate({ ...files, 'orders.csv': widened });
    expect(failedIds(report)).toEqual(['FILE-FIELDS']);
    expect(rule(report, 'FILE-FIELDS').examples).toEqual([
      { file: 'orders.csv', line: 2, key: '', values: { fields: '1000001', header_fields: String(orders.slice(0, secondLine).split(',').length) }, problem: expect.stringMatching(/^1000001 fields where the header has \d+$/) as string },
    ]);
    expect(report.files[2]).toMatchObject({ checked: true, rows: orders.split('\n').length - 1 });
  });

  it('a header of 7,000,000 fields: FILE-HEADER, the rows not checked, no RangeError', async () => {
    const files = cleanFiles();
    const customers = Buffer.from(files['customers.csv'] as string, 'utf8');
    const rows = customers.subarray(customers.indexOf(10) + 1);
    const header = new Uint8Array(7_000_000).fill(44);
    header[6_999_999] = 10;
    const report = await validate({ ...files, 'customers.csv': Buffer.concat([header, rows]) });
    expect(failedIds(report)).toEqual(['FILE-HEADER']);
    const problem = `the header has 7000000 fields, more than a record may have (${MAX_RECORD_FIELDS})`;
    expect(rule(report, 'FILE-HEADER').examples).toEqual([{ file: 'customers.csv', line: 1, key: '', values: { header_fields: '7000000' }, problem }]);
    expect(report.files[0]).toMatchObject({ checked: false, note: `its header does not hold the schema's columns (${problem})` });
    expect(rule(report, 'CUS-01').status).toBe('not_checked');
  });

  it('a value of 5 MB: its example is cut to 1000 characters and says how long it was', async () => {
    const tables = editableDataset();
    tables.customers.set(7, 'first_name', 'x'.repeat(5 << 20));
    const report = await validate(filesOf(tables));
    expect(failedIds(report)).toEqual(['COL-TYPE']);
    const example = rule(report, 'COL-TYPE').examples[0];
    expect(example?.values['first_name']).toBe(`${'x'.repeat(1000)}... (${5 << 20} characters)`);
    expect(example?.problem.length).toBeLessThan(1100);
  });
});

describe('examples are capped', () => {
  it(`more than ${MAX_EXAMPLES} examples per rule is refused before any file is read`, async () => {
    for (const examples of [MAX_EXAMPLES + 1, 1e9, -1, 2.5]) {
      const error = await validate({}, { examples }).then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(error, String(examples)).toBeInstanceOf(UsageError);
      expect((error as Error).message).toBe(`examples: must be a whole number from 0 to ${MAX_EXAMPLES}, not ${examples}`);
    }
  });
});
