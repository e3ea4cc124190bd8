// validate and profile read every format and layout generate writes (csv, csv.gz, jsonl, jsonl.gz,
// parquet, and the files of --part runs read as one dataset), and see the same values in each: the
// verdicts and the profile of every copy equal those of the plain CSV copy of the same dataset.
import { beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { generate, profileDataset, validateDataset } from 'ecomgen';
import { runCli, tempDir } from '../helpers/run.js';

const COUNTS = { customers: 300, products: 80, orders: 900, seed: 7, workers: 1, samples: false } as const;

interface Layout {
  readonly name: string;
  readonly options: { readonly format?: 'csv' | 'jsonl' | 'parquet'; readonly compress?: 'none' | 'gzip' };
  /** --parts N: the dataset is written as N part runs into one directory. */
  readonly parts?: number;
}

const LAYOUTS: readonly Layout[] = [
  { name: 'csv', options: {} },
  { name: 'csv.gz', options: { compress: 'gzip' } },
  { name: 'jsonl', options: { format: 'jsonl' } },
  { name: 'jsonl.gz', options: { format: 'jsonl', compress: 'gzip' } },
  { name: 'parquet', options: { format: 'parquet' } },
  { name: 'csv parts', options: {}, parts: 3 },
  { name: 'jsonl.gz parts', options: { format: 'jsonl', compress: 'gzip' }, parts: 2 },
  { name: 'parquet parts', options: { format: 'parquet' }, parts: 2 },
];

const dirs = new Map<string, string>();

interface Verdicts {
  readonly summary: unknown;
  readonly rules: readonly { id: string; status: string; violations: number }[];
  readonly rows: Readonly<Record<string, number>>;
  readonly files: number;
}

/** The library's validateDataset is what `ecomgen validate` runs; the CLI itself is checked below. */
async function validate(dir: string): Promise<Verdicts> {
  const report = await validateDataset(dir);
  const rows: Record<string, number> = {};
  for (const file of report.files) rows[file.table] = (rows[file.table] ?? 0) + file.rows;
  return { summary: report.summary, rules: report.rules.map(({ id, status, violations }) => ({ id, status, violations })), rows, files: report.files.length };
}

beforeAll(async () => {
  for (const layout of LAYOUTS) {
    const dir = tempDir(`read-${layout.name.replace(/\W+/g, '-')}`);
    const parts = layout.parts;
    if (parts === undefined) await generate({ ...COUNTS, ...layout.options, outputDir: dir });
    for (let part = 1; parts !== undefined && part <= parts; part++) await generate({ ...COUNTS, ...layout.options, part, parts, outputDir: dir });
    dirs.set(layout.name, dir);
  }
});

describe('validate and profile read every format generate writes', () => {
  it('each layout holds the files it should (the test reads what it means to)', () => {
    expect(readdirSync(dirs.get('jsonl.gz') as string)).toContain('web_events.jsonl.gz');
    expect(readdirSync(dirs.get('parquet parts') as string)).toContain('orders.part-002-of-002.parquet');
    expect(readdirSync(dirs.get('csv parts') as string)).not.toContain('orders.csv');
  });

  it('gives the same verdicts and row counts as the CSV copy, every rule passing', async () => {
    const reference = await validate(dirs.get('csv') as string);
    expect(reference.rules.length).toBeGreaterThan(50);
    expect(reference.rules.filter((rule) => rule.status !== 'passed')).toEqual([]);
    for (const layout of LAYOUTS.slice(1)) {
      const report = await validate(dirs.get(layout.name) as string);
      expect({ layout: layout.name, summary: report.summary, rules: report.rules, rows: report.rows }).toEqual({ layout: layout.name, summary: reference.summary, rules: reference.rules, rows: reference.rows });
      // Each part file is checked against its own part manifest (MAN-ROWS, MAN-SHA256).
      expect(report.files, layout.name).toBe(5 * (layout.parts ?? 1));
    }
  });

  it('gives the same profile as the CSV copy (the CLI prints the same JSON)', async () => {
    const reference = await profileDataset(dirs.get('csv') as string);
    expect(reference.orders.rows).toBe(900);
    for (const layout of LAYOUTS.slice(1)) expect({ layout: layout.name, profile: await profileDataset(dirs.get(layout.name) as string) }).toEqual({ layout: layout.name, profile: reference });
    const printed = runCli(['profile', dirs.get('parquet parts') as string, '--format', 'json']);
    expect(printed.status, printed.stderr).toBe(0);
    expect(JSON.parse(printed.stdout)).toEqual(JSON.parse(JSON.stringify(reference)));
  });

  it('generate --validate checks a jsonl.gz dataset', () => {
    const dir = tempDir('read-gen-validate');
    const result = runCli(['generate', '--customers', '300', '--products', '80', '--orders', '900', '--seed', '7', '-w', '1', '-q', '--no-samples', '--format', 'jsonl', '--compress', 'gzip', '-o', dir, '--validate']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/web_events\.jsonl\.gz/);
    expect(result.stdout).toMatch(/ORD-03/);
  });

  it('names the missing table in the format the manifest records', () => {
    const dir = dirs.get('jsonl') as string;
    renameSync(join(dir, 'orders.jsonl'), join(dir, 'orders.jsonl.moved'));
    const missing = runCli(['validate', dir]);
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim()).toBe(`ecomgen: ${join(dir, 'orders.jsonl')}: missing (a dataset has customers.jsonl, products.jsonl, orders.jsonl, order_items.jsonl, web_events.jsonl)`);
    const profiled = runCli(['profile', dir]);
    expect(profiled.status).toBe(2);
    expect(profiled.stderr).toMatch(/orders\.jsonl: missing/);
    renameSync(join(dir, 'orders.jsonl.moved'), join(dir, 'orders.jsonl'));
  });
});
