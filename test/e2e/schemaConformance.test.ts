// The schemas are the contract: headers in schema order, every value of the right type, nullability,
// allowed values and range.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate, loadSchemas, TABLE_NAMES, type Manifest } from 'ecomgen';
import { compileFieldCheck } from '../../src/validate/columnCheck.js';
import { readTable } from '../helpers/csv.js';
import { REPO_ROOT, tempDir } from '../helpers/run.js';
import { createHash } from 'node:crypto';

const { schemas } = loadSchemas(join(REPO_ROOT, 'schemas'));
let dir: string;
let manifest: Manifest;

beforeAll(async () => {
  dir = tempDir('schema');
  manifest = (await generate({ environment: 'dev', seed: 12345, outputDir: dir })).manifest;
});

describe.each(TABLE_NAMES)('%s', (table) => {
  it('has the schema columns as its header and conforming values in every field', () => {
    const data = readTable(dir, `${table}.csv`);
    const columns = schemas[table].columns;
    expect(data.header).toEqual(columns.map((column) => column.name));
    const checks = columns.map(compileFieldCheck);
    const problems: string[] = [];
    const nullsSeen = new Set<string>();
    data.rows.forEach((row, line) => {
      row.forEach((value, index) => {
        const problem = (checks[index] as (value: string) => string | undefined)(value);
        const name = (columns[index] as { name: string }).name;
        if (problem) problems.push(`line ${line + 2} ${name}=${JSON.stringify(value)} ${problem}`);
        if (value === '') nullsSeen.add(name);
      });
    });
    expect(problems.slice(0, 10)).toEqual([]);
    // Money always carries exactly two decimals.
    columns.forEach((column, index) => {
      if (column.type.kind === 'DECIMAL') {
        const bad = data.rows.find((row) => !/^-?\d+\.\d{2}$/.test(row[index] as string));
        expect(bad, column.name).toBeUndefined();
      }
    });
    // Nullable columns do hold NULLs somewhere (dev is large enough to show each).
    const nullable = columns.filter((column) => column.nullable).map((column) => column.name);
    expect([...nullsSeen].sort()).toEqual(nullable.sort());
  });

  it('matches its manifest entry (rows, bytes, sha256)', () => {
    const entry = manifest.files.find((file) => file.table === table);
    const bytes = readFileSync(join(dir, `${table}.csv`));
    expect(entry?.rows).toBe(manifest.counts[table]);
    expect(entry?.bytes).toBe(bytes.length);
    expect(entry?.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(bytes.toString('utf8').split('\n').length - 2).toBe(manifest.counts[table]);
  });
});

describe('the column checker itself', () => {
  it('rejects values that break their column', () => {
    const column = (name: string) => {
      for (const t of TABLE_NAMES) {
        const found = schemas[t].columns.find((candidate) => candidate.name === name);
        if (found) return compileFieldCheck(found);
      }
      throw new Error(name);
    };
    expect(column('customer_id')('12a')).toBeDefined();
    expect(column('customer_id')('')).toBeDefined();
    expect(column('address_line2')('')).toBeUndefined();
    expect(column('price')('12.345')).toBeDefined();
    expect(column('price')('0.00')).toBeDefined();
    expect(column('price')('12.50')).toBeUndefined();
    expect(column('status')('lost')).toBeDefined();
    expect(column('order_date')('2024-02-30 10:00:00')).toBeDefined();
    expect(column('order_date')('2024-02-29 10:00:00')).toBeUndefined();
    expect(column('date_of_birth')('1990-13-01')).toBeDefined();
    expect(column('is_active')('1')).toBeDefined();
    expect(column('state')('XX')).toBeDefined();
    expect(column('gender')('FF')).toBeDefined();
  });
});
