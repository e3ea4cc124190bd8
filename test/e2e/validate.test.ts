// `ecomgen validate` on real files, in a real process: a small generated dataset (with its manifest.json) is
// clean, in file order and shuffled (the events read again from disk), exit 0; a corruption exits 1 with
// the text report; a dataset that cannot be read gives one line on stderr and exit 2. validateDataset on
// a directory gives the report validateFiles gives on the same files in memory. Every rule's corruption,
// the reader and the report's details are unit tests on memory data (test/unit/validate, test/unit/encoding).
import { beforeAll, describe, expect, it } from 'vitest';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate, loadSchemas, TABLE_NAMES, type RuleReport, type ValidationReport } from 'ecomgen';
import { validateDataset, validateFiles } from '../../src/validate/validateDataset.js';
import { parseCsv } from '../helpers/csv.js';
import { shuffle } from '../helpers/shuffle.js';
import { REPO_ROOT, runCli, tempDir } from '../helpers/run.js';

let clean: string;

beforeAll(async () => {
  clean = tempDir('validate-clean');
  // Small: each test reads it (or a copy) in a process of its own. Every table is large enough that
  // every rule has rows to judge; the rules themselves are unit tests on memory data.
  await generate({ customers: 400, products: 200, orders: 2000, seed: 777, outputDir: clean, workers: 1 });
});

/** A copy of the clean dataset to corrupt; without manifest.json unless asked, so only the corruption fails. */
function copyDataset(label: string, keepManifest = false): string {
  const dir = tempDir(`validate-${label}`);
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

/** Deterministic shuffle of every table's data rows. */
function shuffleRows(dir: string, tables: readonly string[], seed: number): void {
  for (const [position, table] of tables.entries()) {
    const [header, ...rows] = readFileSync(join(dir, `${table}.csv`), 'utf8').split('\n').slice(0, -1);
    shuffle(rows, seed + position);
    writeFileSync(join(dir, `${table}.csv`), `${[header, ...rows].join('\n')}\n`);
  }
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
    const manifest = JSON.parse(readFileSync(join(clean, 'manifest.json'), 'utf8')) as { files: { table: string; rows: number }[] };
    expect(report.files.map((file) => [file.file, file.rows])).toEqual(TABLE_NAMES.map((table) => [`${table}.csv`, manifest.files.find((file) => file.table === table)?.rows]));
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
});

describe('a corrupted dataset: exit 1', () => {
  it('a file that differs from its manifest.json on disk: MAN-SHA256', () => {
    const dir = copyDataset('sha', true);
    const products = new EditableTable(dir, 'products');
    products.set(3, 'product_name', products.get(3, 'product_name').toUpperCase());
    products.save();
    const result = validate(dir);
    expectViolations(result, ['MAN-SHA256'], 'products.csv', [0]);
    expect(rule(result.report, 'MAN-ROWS').status).toBe('passed');
  });

  it('the text report names the failed rule and its offending rows; --examples limits them', () => {
    const dir = copyDataset('text');
    const orders = new EditableTable(dir, 'orders');
    orders.set(123, 'total_amount', '0.00');
    orders.set(124, 'total_amount', '0.00');
    orders.save();
    const result = runCli(['validate', dir, '--examples', '1']);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^FAILED +ORD-03 +orders +total_arithmetic 2 violations$/m);
    expect(result.stdout).toContain(`orders.csv:125 order_id=${orders.get(123, 'order_id')}: total_amount 0.00 is not`);
    expect(result.stdout).not.toContain('orders.csv:126');
    expect(result.stdout).toMatch(/^ {4}\.\.\. and 1 more$/m);
    expect(result.stdout).toMatch(/^INVALID: 1 rule failed \(2 violations\)/m);
  });
});

describe('a directory and the same files in memory', () => {
  it('give the same report', async () => {
    const fromDisk = await validateDataset(clean);
    const files = Object.fromEntries(TABLE_NAMES.map((table) => [`${table}.csv`, readFileSync(join(clean, `${table}.csv`))]));
    const fromMemory = await validateFiles({ files, manifest: readFileSync(join(clean, 'manifest.json')), label: clean });
    expect(fromDisk.valid).toBe(true);
    expect(rule(fromDisk, 'MAN-SHA256').status).toBe('passed');
    expect({ ...fromMemory, elapsedMs: 0 }).toEqual({ ...fromDisk, elapsedMs: 0 });
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
    expectUnreadable([join(tempDir('validate-gone'), 'nothing-here')], /^ecomgen: .*nothing-here: no such directory$/);
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
    lines[300] = (lines[300] as string).replace(',', ',"');
    writeFileSync(path, lines.join('\n'));
    expectUnreadable([dir], /^ecomgen: .*customers\.csv line 301: malformed CSV: unterminated quoted field$/);
  });

  it('a bad --format', () => {
    expectUnreadable([clean, '--format', 'xml'], /^ecomgen: .*--format/);
  });

  it('--examples past its cap of 1000, or not a whole number, before any file is read', () => {
    expectUnreadable([clean, '--examples', '1000000000'], /^ecomgen: --examples: 1000000000 is more than the 1000 offending rows a rule may show$/);
    expectUnreadable([clean, '--examples', '1e9'], /^ecomgen: .*'--examples <n>' argument '1e9' is invalid/);
  });
});

describe('generate --validate', () => {
  it('generates, then validates the dataset in the same run', () => {
    const dir = tempDir('gen-validate');
    const result = runCli(['generate', '--customers', '400', '--products', '200', '--orders', '2000', '-o', dir, '-q', '--validate']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/ORD-03/);
    expect(result.stdout).not.toMatch(/\bfailed\b.*ORD-03/);
    const refused = runCli(['generate', '-e', 'dev', '-o', tempDir('gen-validate-bad'), '-q', '--validate', '--part', '1', '--parts', '2']);
    expect(refused.status).toBe(2);
    expect(refused.stderr.trim()).toMatch(/^ecomgen: --validate checks a whole dataset: drop --part and --tables/);
  });
});
