// customers and products are checked from their bytes (customerBytes, productBytes on standaloneRecord):
// the reports cannot tell that path from the string path, so this checks that the shipped schemas get a
// byte checker, that it takes every clean plain line, and that it leaves an edited one to the strings.
import { describe, expect, it } from 'vitest';
import { customerBytes } from '../../../src/validate/customerBytes.js';
import { CustomerRowFacts, ProductRowFacts } from '../../../src/validate/facts.js';
import { IdIndex } from '../../../src/validate/idIndex.js';
import type { PlainRow, PlainRowSetup } from '../../../src/validate/plainRows.js';
import { productBytes } from '../../../src/validate/productBytes.js';
import { RowColumns } from '../../../src/validate/rowColumns.js';
import { readHeader, type TableLayout } from '../../../src/validate/tableLayout.js';
import { SCHEMAS } from '../helpers/memoryDataset.js';
import { cleanFiles } from './helpers/editableDataset.js';

const NOW = '2099-01-01 00:00:00';
const LF = 10;

type Table = 'customers' | 'products';

function setupOf(table: Table, text: string, foreignKeys: PlainRowSetup['foreignKeys'] = []): { setup: PlainRowSetup; layout: TableLayout } {
  const schema = SCHEMAS[table];
  const header = text.slice(0, text.indexOf('\n')).split(',');
  const layout = readHeader(schema, `${table}.csv`, header).layout;
  if (!layout) throw new Error(`${table}: header not read`);
  const primaryAt = layout.at(schema.columns.find((column) => column.primaryKey)?.name ?? '');
  // The text unique index each table declares (email, sku), as the key plan hands it to RowColumns.
  const unique = schema.indexes.filter((index) => index.unique && index.columns.length === 1 && layout.at(index.columns[0] as string) !== primaryAt).map((index) => ({ ats: index.columns.map((column) => layout.at(column)), integers: false }));
  expect(unique.length).toBe(1);
  const columns = new RowColumns(primaryAt, unique);
  return { setup: { schema, layout, now: NOW, foreignKeys, columns, facts: {} }, layout };
}

function checkerOf(table: Table, setup: PlainRowSetup): PlainRow | undefined {
  return table === 'customers' ? customerBytes({ ...setup, customers: new CustomerRowFacts() }) : productBytes({ ...setup, products: new ProductRowFacts() });
}

/** The byte offsets of each data line's start, and whether it is plain (ASCII, no quote). */
function dataLines(bytes: Buffer): { start: number; end: number; plain: boolean }[] {
  const lines: { start: number; end: number; plain: boolean }[] = [];
  let start = bytes.indexOf(LF) + 1;
  while (start < bytes.length) {
    const end = bytes.indexOf(LF, start);
    const line = bytes.subarray(start, end);
    lines.push({ start, end, plain: line.every((byte) => byte < 128 && byte !== 34 && byte !== 13) });
    start = end + 1;
  }
  return lines;
}

describe.each(['customers', 'products'] as const)('%s checked from their bytes', (table) => {
  const text = cleanFiles()[`${table}.csv`] as string;

  it('takes every clean plain line, each up to its line end, as one row', () => {
    const { setup } = setupOf(table, text);
    const checker = checkerOf(table, setup);
    if (!checker) throw new Error('the shipped schema got no byte checker');
    const bytes = Buffer.from(text);
    checker.chunk(bytes, 0, bytes.length);
    const plain = dataLines(bytes).filter((line) => line.plain);
    expect(plain.length).toBeGreaterThan(20);
    plain.forEach((line, index) => expect(checker.take(bytes, line.start, bytes.length, index + 2)).toBe(line.end));
    expect(setup.columns.count).toBe(plain.length);
  });

  it('leaves a line with a bad email or is_active (fields read as strings), or a field too many, to the string checks, taking nothing', () => {
    const { setup, layout } = setupOf(table, text);
    const checker = checkerOf(table, setup);
    if (!checker) throw new Error('the shipped schema got no byte checker');
    const line = dataLines(Buffer.from(text)).find((candidate) => candidate.plain);
    if (!line) throw new Error('no plain line');
    const fields = Buffer.from(text).subarray(line.start, line.end).toString('latin1').split(',');
    const editAt = layout.at(table === 'customers' ? 'email' : 'is_active');
    const edits = [fields.map((field, at) => (at === editAt ? 'maybe' : field)), [...fields, 'extra']];
    for (const edited of edits) {
      const bytes = Buffer.from(`${edited.join(',')}\n`);
      checker.chunk(bytes, 0, bytes.length);
      expect(checker.take(bytes, 0, bytes.length, 2)).toBe(-1);
    }
    expect(setup.columns.count).toBe(0);
  });

  it('has no byte checker for a table that refers to another one', () => {
    const { setup } = setupOf(table, text, [{ at: 0, ids: new IdIndex() }]);
    expect(checkerOf(table, setup)).toBeUndefined();
  });
});
