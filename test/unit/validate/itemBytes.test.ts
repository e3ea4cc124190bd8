// order_items' plain lines are checked from their bytes (byteRecord, itemBytes): a decimal read from bytes
// is the cents parseCents reads from its text, a record the byte checks pass passes every string check of
// its columns with the same numbers, and a dataset whose order_items carry hundreds of corruptions gives
// the report and violations the string path gives (read whole, no byte path) when read in byte ranges.
import { describe, expect, it } from 'vitest';
import type { ColumnSchema } from '../../../src/schema/schemaTypes.js';
import { decimalCents } from '../../../src/validate/byteFields.js';
import { ByteRecord } from '../../../src/validate/byteRecord.js';
import { compileFieldCheck } from '../../../src/validate/columnCheck.js';
import { IntTupleSet } from '../../../src/validate/intTupleSet.js';
import type { ValidationReport } from '../../../src/validate/report.js';
import { readHeader } from '../../../src/validate/tableLayout.js';
import { validateFilesInDetail, type ValidationDetail } from '../../../src/validate/validateDataset.js';
import { compileQualityCheck } from '../../../src/validate/valueQuality.js';
import { parseCents, parseInteger } from '../../../src/validate/valueParsers.js';
import { SCHEMAS } from '../helpers/memoryDataset.js';
import { editableDataset, filesOf, type EditableTable } from './helpers/editableDataset.js';

const NOW = '2030-01-01 00:00:00';

/** A deterministic stream of numbers in [0, 1) (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Field values that break, or only look odd to, some check of order_items' columns. */
const ODD_VALUES = ['', '0', '01', '-1', '-0', '1.5', '1.50', '12.500', '0.00', '0.001', ' 5', '5 ', '5.', '.5', '1e3', '+3', 'x', '99999999999', '2147483648', '2147483647', '00.10', '11', '10', '123456789.99', '12345678.99'];

/** `record`'s text, with field `at` of some records replaced by an odd value or another record's. */
function corrupt(table: EditableTable, next: () => number, count: number): void {
  for (let edit = 0; edit < count; edit++) {
    const row = Math.floor(next() * table.rows.length);
    const name = table.header[Math.floor(next() * table.header.length)] as string;
    const pick = next();
    if (pick < 0.7) table.set(row, name, ODD_VALUES[Math.floor(next() * ODD_VALUES.length)] as string);
    else if (pick < 0.85) table.set(row, name, table.get(Math.floor(next() * table.rows.length), name));
    else table.set(row, name, String(Number(table.get(row, name)) + 1));
  }
}

function decimalColumn(precision: number, scale: number, min?: number): ColumnSchema {
  return { name: 'price', type: { kind: 'DECIMAL', precision, scale }, typeText: `DECIMAL(${precision},${scale})`, description: '', nullable: false, primaryKey: false, ...(min !== undefined ? { min } : {}) };
}

/** `text` in the middle of other bytes, as a field sits in its line. */
function framed(text: string): { bytes: Buffer; start: number; end: number } {
  const bytes = Buffer.from(`9,${text},x`, 'latin1');
  return { bytes, start: 2, end: 2 + text.length };
}

describe('decimalCents', () => {
  it('reads the cents parseCents reads, and only from values the DECIMAL check passes', () => {
    const next = random(5);
    const values = [...ODD_VALUES, '0.5', '0.05', '10', '99999999.99', '100000000.00', '7.1', '7.10'];
    for (let index = 0; index < 3000; index++) {
      const cents = Math.floor(next() * 10 ** Math.floor(next() * 11));
      values.push((cents / 100).toFixed(2), String(Math.floor(cents / 100)), (cents / 100).toFixed(1));
    }
    let read = 0;
    for (const [precision, scale] of [[10, 2], [6, 2], [5, 1], [4, 0]] as const) {
      const check = compileFieldCheck(decimalColumn(precision, scale));
      for (const value of values) {
        const { bytes, start, end } = framed(value);
        const cents = decimalCents(bytes, start, end, precision - scale, scale);
        if (Number.isNaN(cents)) continue;
        read++;
        expect(check(value), `${value} DECIMAL(${precision},${scale})`).toBeUndefined();
        expect(cents, value).toBe(parseCents(value));
        expect(cents / 100, value).toBe(Number(value));
      }
    }
    // Most of the generated values are plain decimals the byte check reads.
    expect(read).toBeGreaterThan(values.length * 2);
  });
});

describe('IntTupleSet', () => {
  it('holds what a Set of the tuples holds, added from arrays or rows of a column, with room made ahead or not', () => {
    const next = random(3);
    const reserved = new IntTupleSet(2);
    reserved.reserve(30_000);
    const grown = new IntTupleSet(2);
    const set = new Set<string>();
    const rows = new Int32Array(2 * 40_000);
    for (let row = 0; row < 40_000; row++) {
      rows[row * 2] = Math.floor(next() * 5000) - 100;
      rows[row * 2 + 1] = Math.floor(next() * 8);
    }
    for (let row = 0; row < 40_000; row++) {
      const tuple = [rows[row * 2] as number, rows[row * 2 + 1] as number];
      const key = tuple.join(',');
      const fresh = !set.has(key);
      set.add(key);
      expect(reserved.addAt(rows, row * 2)).toBe(fresh);
      expect(grown.add(tuple)).toBe(fresh);
    }
    // Some tuples repeat, most do not: both answers were seen.
    expect(set.size).toBeGreaterThan(20_000);
    expect(set.size).toBeLessThan(40_000);
  });
});

describe('ByteRecord', () => {
  it("passes an order_items record only when every field passes its column's string checks, with the string path's numbers", () => {
    const schema = SCHEMAS.order_items;
    const table = editableDataset().order_items;
    const layout = readHeader(schema, 'order_items.csv', table.header).layout;
    if (!layout) throw new Error('no layout');
    const record = ByteRecord.compile(schema, layout, NOW);
    if (!record) throw new Error('order_items has no byte check');
    const checks = schema.columns.map((column) => ({ at: layout.at(column.name), column, field: compileFieldCheck(column), quality: compileQualityCheck(column, NOW) }));
    const cleanRows = table.rows.length;
    // Edits of a quarter of the rows' count: many corrupted rows, and most rows still clean.
    corrupt(table, random(11), Math.floor(cleanRows / 4));
    const lines = table.text().split('\n').slice(1, -1);
    let passed = 0;
    lines.forEach((line, index) => {
      const bytes = Buffer.from(`${line}\n`, 'latin1');
      const fields = line.split(',');
      if (fields.length !== layout.width) return;
      const bounds = new Int32Array(layout.width + 1);
      let at = 0;
      fields.forEach((field, column) => {
        bounds[column] = at;
        at += field.length + 1;
      });
      bounds[layout.width] = at;
      record.chunk(bytes, 0, bytes.length);
      if (!record.pass(bytes, bounds)) return;
      passed++;
      for (const { at: fieldAt, column, field, quality } of checks) {
        const value = fields[fieldAt] as string;
        expect(field(value), `line ${index + 2} ${column.name}=${value}`).toBeUndefined();
        if (value !== '') expect(quality?.(value)).toBeUndefined();
        const number = record.numbers[fieldAt] as number;
        if (value === '') expect(number).toBeNaN();
        else expect(number, `${column.name}=${value}`).toBe(column.type.kind === 'DECIMAL' ? parseCents(value) : parseInteger(value));
      }
    });
    expect(passed).toBeGreaterThan(cleanRows / 2);
    expect(passed).toBeLessThan(lines.length);
  });
});

/** The report without its timings and clock, which differ between any two runs. */
function comparable(report: ValidationReport): string {
  return JSON.stringify({ ...report, elapsedMs: 0 }).replace(/after [0-9: -]+ UTC/g, 'after (now)');
}

describe('order_items read from bytes', () => {
  it('gives the report and violations of the string path on hundreds of corrupted rows', async () => {
    const tables = editableDataset();
    corrupt(tables.order_items, random(23), 600);
    const files = filesOf(tables);
    // Read whole, a table takes the string path only; in 2 KB ranges, its plain lines take the byte path.
    const whole: ValidationDetail = await validateFilesInDetail({ files }, { examples: 1000 });
    const ranges: ValidationDetail = await validateFilesInDetail({ files }, { examples: 1000, rangeBytes: 2048 });
    const failed = whole.report.rules.filter((rule) => rule.status === 'failed').map((rule) => rule.id);
    expect(failed).toEqual(expect.arrayContaining(['COL-TYPE', 'PK-UNIQUE', 'ITM-03', 'ITM-04', 'FK-order_items.order_id', 'UQ-uq_order_items_order_product']));
    expect(comparable(ranges.report)).toBe(comparable(whole.report));
    expect(ranges.violations).toEqual(whole.violations);
  });
});
