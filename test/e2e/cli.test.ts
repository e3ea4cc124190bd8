// The command line as a user meets it: help, presets, derived counts, and one clear line for bad input.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { CLI, REPO_ROOT, runCli, tempDir } from '../helpers/run.js';
import { parseCsv } from '../helpers/csv.js';
import type { Manifest } from 'ecomgen';

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
    const result = runCli(['generate', '--environment', 'dev', '--seed', '12345', '--output-dir', dir, '--quiet']);
    expect(result.status, result.stderr).toBe(0);
    expect(readdirSync(dir).filter((name) => !name.endsWith('.sample.json')).sort()).toEqual(['customers.csv', 'manifest.json', 'order_items.csv', 'orders.csv', 'products.csv', 'web_events.csv']);
    const manifest = manifestOf(dir);
    expect(manifest.seed).toBe(12345);
    expect(manifest.counts).toEqual({ customers: 1000, products: 500, orders: 5000, order_items: 15000, web_events: 50000 });
    for (const file of manifest.files) {
      const rows = parseCsv(readFileSync(join(dir, file.file), 'utf8'));
      expect(rows.length - 1).toBe(manifest.counts[file.table]);
    }
  });

  it('derives items and events from --orders by the configured ratios', () => {
    const dir = tempDir('custom');
    const result = runCli(['generate', '--customers', '5000', '--products', '2000', '--orders', '25000', '--output-dir', dir, '--quiet']);
    expect(result.status, result.stderr).toBe(0);
    expect(manifestOf(dir).counts).toEqual({ customers: 5000, products: 2000, orders: 25000, order_items: 75000, web_events: 250000 });
  });

  it('writes the staging preset with exact counts', () => {
    const dir = tempDir('staging');
    const result = runCli(['generate', '-e', 'staging', '--output-dir', dir, '--quiet']);
    expect(result.status, result.stderr).toBe(0);
    const manifest = manifestOf(dir);
    expect(manifest.counts).toEqual({ customers: 10000, products: 5000, orders: 50000, order_items: 150000, web_events: 500000 });
    for (const file of manifest.files) {
      const text = readFileSync(join(dir, file.file), 'utf8');
      expect(text.split('\n').length - 2, file.file).toBe(manifest.counts[file.table]);
    }
  });

  it('refuses to write over a dataset unless --force, and replaces it with --force', () => {
    const dir = tempDir('again');
    expect(runCli(['generate', '--customers', '50', '--products', '20', '--orders', '100', '-o', dir, '-q']).status).toBe(0);
    const second = runCli(['generate', '--customers', '50', '--products', '20', '--orders', '100', '-o', dir, '-q']);
    expect(second.status).toBe(2);
    expect(second.stderr).toMatch(/already holds a dataset.*--force/);
    const forced = runCli(['generate', '--customers', '60', '--products', '20', '--orders', '100', '-o', dir, '-q', '--force']);
    expect(forced.status, forced.stderr).toBe(0);
    expect(manifestOf(dir).counts.customers).toBe(60);
  });

  it('describes every flag with its default in --help', () => {
    const top = runCli(['--help']);
    expect(top.status).toBe(0);
    expect(top.stdout).toMatch(/generate/);
    const help = runCli(['generate', '--help']);
    expect(help.status).toBe(0);
    for (const flag of ['--environment', '--seed', '--customers', '--products', '--orders', '--order-items', '--web-events', '--tables',
      '--part', '--parts', '--workers', '--shard-rows', '--output-dir', '--config', '--schemas', '--force', '--quiet']) {
      expect(help.stdout).toContain(flag);
    }
    expect(help.stdout).toMatch(/default: "dev"/);
  });
});

describe('bad input: one clear line, exit 2, nothing written', () => {
  it.each([
    [['--environment', 'nope'], /--environment: unknown environment "nope"/],
    [['--customers', 'abc'], /--customers .*whole number/],
    [['--customers', '1.5'], /--customers .*whole number/],
    [['--customers', '-5'], /--customers/],
    [['--customers', '99999999999'], /--customers: .*out of range .*2147483647/],
    [['--seed', 'x'], /--seed/],
    [['--part', '9', '--parts', '8'], /--part: 9 is outside 1\.\.8/],
    [['--part', '2'], /--part and --parts go together/],
    [['--workers', '0'], /--workers/],
    [['--tables', 'customers,nope'], /--tables: unknown table "nope"/],
    [['--orders', '10', '--order-items', '5'], /--order-items: 5 is fewer than the 10 orders/],
    [['--customers', '0', '--orders', '10'], /orders need at least one customer/],
    [['--products', '0'], /need at least one product/],
    [['--config', '/nonexistent/config.yaml'], /config\.yaml: cannot read the config file/],
  ])('%j', (args, pattern) => expectUsageError(args, pattern));

  it('refuses an output directory that is a file', () => {
    const file = join(tempDir('file'), 'not-a-dir');
    writeFileSync(file, 'x');
    const result = runCli(['generate', '-o', file, '-q']);
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toMatch(/^ecomgen: --output-dir: .* is not a directory$/);
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

  it('SIGTERM during a prod run stops it quickly with exit 143, removing temporary files and writing no manifest', async () => {
    const dir = tempDir('sigterm');
    const child = spawn(process.execPath, [CLI, 'generate', '-e', 'prod', '-o', dir, '-q'], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const signalled = Date.now();
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.on('exit', (exitCode) => resolve(exitCode)));
    expect(Date.now() - signalled).toBeLessThan(2000);
    expect(code).toBe(143);
    expect(stderr.trim()).toBe('ecomgen: interrupted by SIGTERM');
    const files = readdirSync(dir);
    expect(files.filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(files).not.toContain('manifest.json');
  });
});
