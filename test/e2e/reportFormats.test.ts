// `ecomgen report` reads every format and layout generate writes: the same dataset as csv, csv.gz,
// jsonl, jsonl.gz, parquet and a directory of `--part` outputs gives the same charts and headline as
// the CSV (the pages differ only in the title line and the manifest's format and part rows).
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from 'ecomgen';
import { runCli, tempDir } from '../helpers/run.js';

const COUNTS = { customers: 300, products: 120, orders: 1500, seed: 99, workers: 1, samples: false } as const;
let out: string;

/** The page without what names the dataset: its title, sub-title and manifest rows. */
function body(page: string): string {
  return page.replace(/<title>[^<]*<\/title>/, '').replace(/<p class="sub">[^<]*<\/p>/, '').replace(/<section class="manifest">[\s\S]*<\/section>/, '');
}

function report(dir: string, name: string): string {
  const file = join(out, `${name}.html`);
  const result = runCli(['report', dir, '-o', file]);
  expect(result.status, result.stderr).toBe(0);
  return readFileSync(file, 'utf8');
}

let csvPage: string;

beforeAll(async () => {
  out = tempDir('report-formats-out');
  const csv = tempDir('report-formats-csv');
  await generate({ ...COUNTS, outputDir: csv });
  csvPage = report(csv, 'csv');
});

describe('ecomgen report in every format', () => {
  it.each([
    ['csv.gz', { format: 'csv', compress: 'gzip' }],
    ['jsonl', { format: 'jsonl' }],
    ['jsonl.gz', { format: 'jsonl', compress: 'gzip' }],
    ['parquet', { format: 'parquet' }],
  ] as const)('%s gives the CSV\'s charts and figures', async (name, options) => {
    const dir = tempDir(`report-formats-${name}`);
    await generate({ ...COUNTS, ...options, outputDir: dir });
    const page = report(dir, name);
    expect(body(page)).toBe(body(csvPage));
    // gzip names its compression; Parquet its page codec (snappy, the default).
    const compressed = 'compress' in options ? options.compress : options.format === 'parquet' ? 'snappy' : undefined;
    expect(page).toMatch(new RegExp(`<tr><th>format</th><td>${options.format}${compressed ? ` \\(${compressed}\\)` : ''}</td></tr>`));
  });

  it('a directory of --part outputs gives the whole dataset\'s charts and figures', async () => {
    const dir = tempDir('report-formats-parts');
    for (const part of [1, 2, 3]) await generate({ ...COUNTS, outputDir: dir, part, parts: 3 });
    const page = report(dir, 'parts');
    expect(body(page)).toBe(body(csvPage));
    expect(page).toContain('<tr><th>part</th><td>3 parts of 3</td></tr>');
  });
});
