// validate on worker threads: the tables' files cut into byte ranges checked at the same time, the
// results joined in file order, give the report and the violations one thread reading each file whole
// gives, for a clean, a dirty (answer key and all) and a shuffled dataset on disk; `--workers` on the
// command line, and its one-line refusal.
import { beforeAll, describe, expect, it } from 'vitest';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TABLE_NAMES } from '../../src/schema/tableNames.js';
import type { ValidationReport } from '../../src/validate/report.js';
import { validateDatasetInDetail, type ValidationDetail } from '../../src/validate/validateDataset.js';
import { shuffle } from '../helpers/shuffle.js';
import { runCli, tempDir } from '../helpers/run.js';

let clean: string;
let dirty: string;
let shuffled: string;

beforeAll(() => {
  clean = tempDir('pool-clean');
  dirty = tempDir('pool-dirty');
  for (const [dir, extra] of [
    [clean, []],
    [dirty, ['--defects', '0.02']],
  ] as const) {
    const result = runCli(['generate', '--customers', '400', '--products', '200', '--orders', '2000', '-o', dir, '-q', '--no-samples', '-w', '2', ...extra]);
    expect(result.status, result.stderr).toBe(0);
  }
  shuffled = tempDir('pool-shuffled');
  cpSync(clean, shuffled, { recursive: true });
  rmSync(join(shuffled, 'manifest.json'));
  for (const [position, table] of TABLE_NAMES.entries()) {
    const [header, ...rows] = readFileSync(join(shuffled, `${table}.csv`), 'utf8').split('\n').slice(0, -1);
    shuffle(rows, 31 + position);
    writeFileSync(join(shuffled, `${table}.csv`), `${[header, ...rows].join('\n')}\n`);
  }
});

/** The report without its timings and clock, which differ between any two runs. */
function comparable(report: ValidationReport): string {
  return JSON.stringify({ ...report, elapsedMs: 0 }).replace(/after [0-9: -]+ UTC/g, 'after (now)');
}

/** One thread reading each file whole, and two workers reading them in ranges of 64 KB. */
async function bothWays(dir: string, answerKey?: string): Promise<{ one: ValidationDetail; two: ValidationDetail }> {
  const options = { examples: 1000, ...(answerKey ? { answerKey } : {}) };
  const one = await validateDatasetInDetail(dir, { ...options, workers: 1, rangeBytes: 1 << 30 });
  const two = await validateDatasetInDetail(dir, { ...options, workers: 2, rangeBytes: 1 << 16 });
  return { one, two };
}

function expectSame({ one, two }: { one: ValidationDetail; two: ValidationDetail }): void {
  expect(comparable(two.report)).toBe(comparable(one.report));
  expect(two.violations).toEqual(one.violations);
  expect(two.score).toEqual(one.score);
}

describe('validate with 1 and 2 workers', () => {
  it('a clean dataset: the same report', async () => {
    const both = await bothWays(clean);
    expect(both.one.report.valid).toBe(true);
    expect(both.two.report.sessions).toMatch(/file order/);
    expectSame(both);
  });

  it('a dirty dataset: the same report, violations and answer-key score', async () => {
    const both = await bothWays(dirty, join(dirty, 'defects.csv'));
    expect(both.one.report.valid).toBe(false);
    expect(both.one.violations.length).toBeGreaterThan(50);
    expect(both.one.score?.kinds.length).toBeGreaterThan(0);
    expectSame(both);
  });

  it('a shuffled dataset: the same report (sessions sorted in memory)', async () => {
    const both = await bothWays(shuffled);
    expect(both.two.report.sessions).toMatch(/^sorted in memory/);
    expectSame(both);
  });

  it('on the command line: -w 1 and -w 2 print the same JSON report; a worker count of 0 is refused in one line', () => {
    const reports = ['1', '2'].map((workers) => {
      const result = runCli(['validate', dirty, '--format', 'json', '-w', workers]);
      expect(result.status, result.stderr).toBe(1);
      return comparable(JSON.parse(result.stdout) as ValidationReport);
    });
    expect(reports[1]).toBe(reports[0]);
    const refused = runCli(['validate', clean, '--workers', '0']);
    expect(refused.status).toBe(2);
    expect(refused.stderr.trim()).toMatch(/^ecomgen: --workers: must be at least 1, not 0$/);
  });
});
