// The command line as a user meets it: help, presets, derived counts, one clear line for bad input, and
// what a crash or a signal leaves behind. Each flag's own message is checked in process
// (test/unit/rules/flags.test.ts, test/unit/plan/resolveOptions.test.ts); here one run per class of error
// shows how the CLI reports it.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, splitStderr, startCli, tempDir } from '../helpers/run.js';
import { parseCsv } from '../helpers/csv.js';
import { TABLE_NAMES, type Manifest } from 'ecomgen';

function manifestOf(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
}

/** One line on stderr, no stack trace, exit code 2, and nothing written. */
function expectUsageError(args: string[], pattern: RegExp): void {
  const dir = join(tempDir('bad'), 'out');
  const result = runCli(['generate', ...args, '--output-dir', dir, '--quiet']);
  expect(result.status, result.stderr).toBe(2);
  const lines = result.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^ecomgen: /);
  expect(lines[0]).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
}

describe('ecomgen generate', () => {
  it('writes the dev preset with a seed: five CSVs and a manifest with exact counts', () => {
    const dir = tempDir('dev');
    const result = runCli(['generate', '-e', 'dev', '--seed', '12345', '--output-dir', dir, '--quiet']);
    expect(result.status, result.stderr).toBe(0);
    expect(readdirSync(dir).filter((name) => !name.endsWith('.sample.json')).sort()).toEqual(['customers.csv', 'manifest.json', 'order_items.csv', 'orders.csv', 'products.csv', 'web_events.csv']);
    const manifest = manifestOf(dir);
    expect(manifest.seed).toBe(12345);
    expect(manifest.counts).toEqual({ customers: 1000, products: 500, orders: 5000, order_items: 15000, web_events: 50000 });
    expect(manifest.files.map((file) => file.table)).toEqual([...TABLE_NAMES]);
    for (const file of manifest.files) {
      const rows = parseCsv(readFileSync(join(dir, file.file), 'utf8'));
      expect(rows.length - 1, file.file).toBe(file.rows);
      // Exact counts, but for the few customer accounts erased by the window's end.
      if (file.table === 'customers') expect(file.rows).toBeGreaterThan(manifest.counts.customers * 0.99);
      else expect(file.rows, file.file).toBe(manifest.counts[file.table]);
    }
  });

  it('derives items and events from --orders, calls the same run up to date, refuses other options unless --force, and replaces with --force', () => {
    const dir = tempDir('again');
    const args = ['generate', '--customers', '50', '--products', '20', '--orders', '100', '-w', '1', '-o', dir, '-q'];
    const first = runCli(args);
    expect(first.status, first.stderr).toBe(0);
    // order_items and web_events follow from --orders by the configured ratios (x 3, x 10).
    expect(manifestOf(dir).counts).toEqual({ customers: 50, products: 20, orders: 100, order_items: 300, web_events: 1000 });
    const before = new Map(readdirSync(dir).map((name) => [name, statSync(join(dir, name)).mtimeMs]));
    // The same run again: nothing to do, nothing rewritten.
    const same = runCli(args);
    expect(same.status, same.stderr).toBe(0);
    expect(same.stderr.trim()).toBe(`${dir} is up to date: same version, seed, counts, config, schemas and format (sizes checked; --verify also checks sha256); nothing written`);
    expect(new Map(readdirSync(dir).map((name) => [name, statSync(join(dir, name)).mtimeMs]))).toEqual(before);
    // A byte changed in place (same size) passes the size check but not --verify.
    const customersFile = join(dir, 'customers.csv');
    const original = readFileSync(customersFile);
    const changed = Buffer.from(original);
    changed[changed.length - 2] = changed[changed.length - 2] === 0x30 ? 0x31 : 0x30;
    writeFileSync(customersFile, changed);
    const verified = runCli([...args, '--verify']);
    expect(verified.status).toBe(2);
    expect(verified.stderr).toMatch(/already holds a dataset.*--force/);
    expect(readFileSync(customersFile)).toEqual(changed);
    writeFileSync(customersFile, original);
    expect(runCli([...args, '--verify']).status).toBe(0);
    // Other options: refused without --force.
    const second = runCli(['generate', '--customers', '51', '--products', '20', '--orders', '100', '-w', '1', '-o', dir, '-q']);
    expect(second.status).toBe(2);
    expect(second.stderr).toMatch(/already holds a dataset.*--force/);
    expect(manifestOf(dir).counts.customers).toBe(50);
    const forced = runCli(['generate', '--customers', '60', '--products', '20', '--orders', '100', '-w', '1', '-o', dir, '-q', '--force']);
    expect(forced.status, forced.stderr).toBe(0);
    expect(manifestOf(dir).counts.customers).toBe(60);
    expect(parseCsv(readFileSync(join(dir, 'customers.csv'), 'utf8')).length - 1).toBe(60);
  });

  it('describes every flag with its default in --help', () => {
    const top = runCli(['--help']);
    expect(top.status).toBe(0);
    expect(top.stdout).toMatch(/generate/);
    expect(top.stdout).toContain('ecomgen generate --help');
    expect(top.stdout).toMatch(/^ {2}--format <format> +csv, jsonl/m);
    expect(top.stdout).toMatch(/^ {2}-o, --output-dir <dir> +where to write the files/m);
    const help = runCli(['generate', '--help']);
    expect(help.status).toBe(0);
    for (const flag of ['--environment', '--seed', '--customers', '--products', '--orders', '--order-items', '--web-events', '--tables',
      '--part', '--parts', '--workers', '--shard-rows', '--output-dir', '--config', '--schemas', '--format', '--compress', '--parquet-compression', '--force', '--quiet']) {
      expect(help.stdout).toContain(flag);
    }
    expect(help.stdout).toMatch(/default: "dev"/);
  });

  it('a mistyped command gets the nearest command suggested, exit 2, nothing run', () => {
    const dir = tempDir('typo');
    const result = runCli(['valdate', dir]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`ecomgen: unknown command 'valdate' (did you mean validate?); commands: generate, changes, ddl, load, docs, merge, profile, report, validate, list, clean\n`);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('bad input: one clear line, exit 2, nothing written', () => {
  it.each([
    // A flag's value the parser rejects (commander prints it).
    [['--customers', '1.5'], /--customers .*whole number/],
    // Options that parse but do not make a run (checked before anything is written; --compress and the
    // others resolveOptions refuses are in test/unit/plan).
    [['--orders', '10', '--order-items', '5'], /--order-items: 5 is fewer than the 10 orders/],
    // --parquet-compression: a codec that is none of the three, or one given to a csv run.
    [['--format', 'parquet', '--parquet-compression', 'lz4'], /^ecomgen: --parquet-compression: unknown codec "lz4" \(use snappy, zstd, none\)$/],
    [['--parquet-compression', 'zstd'], /^ecomgen: --parquet-compression: only parquet files have it; use it with --format parquet/],
    // A config file that cannot be read.
    [['--config', '/nonexistent/config.yaml'], /config\.yaml: cannot read the config file/],
  ])('%j', (args, pattern) => expectUsageError(args, pattern));

  it('refuses an output directory that is a file', () => {
    const file = join(tempDir('file'), 'not-a-dir');
    writeFileSync(file, 'x');
    const result = runCli(['generate', '-o', file, '-q']);
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toMatch(/^ecomgen: --output-dir: .* is not a directory$/);
    expect(readFileSync(file, 'utf8')).toBe('x');
  });
});

describe('faults', () => {
  it('a worker failure exits 1 naming the shard, and leaves no partial or temporary file and no manifest', () => {
    const dir = tempDir('fail');
    const result = runCli(['generate', '-o', dir, '-q', '--shard-rows', '1000'], { ECOMGEN_FAIL_SHARD: 'orders:2500' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toMatch(/^ecomgen: worker failed on orders rows 2\d{3}-\d+: injected failure/);
    const files = readdirSync(dir);
    expect(files.filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(files).not.toContain('manifest.json');
    expect(files).not.toContain('orders.csv');
  });

  it('SIGTERM during a run stops it with exit 143, removing temporary files and writing no manifest', async () => {
    const dir = tempDir('sigterm');
    // Not --quiet: the run logs JSON lines on stderr. The test hook holds it once customers.csv is
    // written (the writers of the other tables then hold temporary files), whatever the machine's speed.
    const run = startCli(['generate', '-e', 'dev', '-o', dir], { ECOMGEN_HOLD_AFTER: 'customers' });
    await run.logLine('holding');
    const before = readdirSync(dir);
    run.child.kill('SIGTERM');
    const exit = await run.exited;
    expect(exit.code, exit.stderr).toBe(143);
    expect(before.filter((name) => name.endsWith('.tmp')).length, `files when signalled: ${before.join(', ')}`).toBeGreaterThan(0);
    const { logs, other } = splitStderr(exit.stderr);
    expect(other).toEqual(['ecomgen: interrupted by SIGTERM']);
    expect(logs.map((line) => line.msg)).not.toContain('done');
    const files = readdirSync(dir);
    expect(files.filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(files).not.toContain('manifest.json');
    // It stopped part way: the first table is there, the others never got written.
    expect(files.filter((name) => name.endsWith('.csv'))).toEqual(['customers.csv']);
  });
});
