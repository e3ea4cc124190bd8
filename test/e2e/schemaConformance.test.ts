// The schemas are the contract: headers in schema order, every value of the right type, nullability,
// allowed values and range, in a dev dataset written to disk. (The column checker itself is tested in
// test/unit/schema/fieldCheck.test.ts.)
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
  // One worker thread: the rows are the same for any count (determinism.test.ts), and a second thread
  // sets up its own copy of the run's state (~1 CPU-second more on dev).
  manifest = (await generate({ environment: 'dev', seed: 12345, outputDir: dir, workers: 1 })).manifest;
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
    // The counts asked for, but for the few customer accounts erased by the window's end.
    if (table === 'customers') expect(entry?.rows).toBeGreaterThan(manifest.counts[table] * 0.99);
    else expect(entry?.rows).toBe(manifest.counts[table]);
    expect(entry?.bytes).toBe(bytes.length);
    expect(entry?.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(bytes.toString('utf8').split('\n').length - 2).toBe(entry?.rows);
  });
});
