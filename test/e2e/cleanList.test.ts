// `ecomgen list` and `ecomgen clean` on real directories: list finds the datasets under a folder (not
// through links, not in node_modules), clean removes what ecomgen wrote and leaves everything else.
import { appendFileSync, existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, startCli, tempDir } from '../helpers/run.js';
import { SCHEMA_VERSION } from '../../src/model/tables/columns.js';

const TINY = ['--customers', '30', '--products', '20', '--orders', '60', '-w', '1', '-q'];

function generate(dir: string, ...extra: string[]): void {
  const result = runCli(['generate', ...TINY, '-o', dir, ...extra]);
  expect(result.status, result.stderr).toBe(0);
}

const sorted = (dir: string): string[] => readdirSync(dir).sort();

describe('ecomgen list', () => {
  it('lists the datasets under a folder: parts, subsets, interrupted runs; skips node_modules and links', async () => {
    const root = tempDir('list');
    generate(join(root, 'dev'));
    generate(join(root, 'parts'), '--part', '1', '--parts', '2');
    generate(join(root, 'parts'), '--part', '2', '--parts', '2');
    generate(join(root, 'runs', 'may', 'gz'), '--tables', 'customers,orders', '--compress', 'gzip', '--seed', '9');
    generate(join(root, 'node_modules', 'pkg'));
    symlinkSync(join(root, 'dev'), join(root, 'link'));
    const held = startCli(['generate', ...TINY.filter((flag) => flag !== '-q'), '-o', join(root, 'stopped'), '--seed', '5'], { ECOMGEN_HOLD_AFTER: 'products' });
    await held.logLine('holding');
    held.child.kill('SIGINT');
    expect((await held.exited).code).toBe(130);

    const text = runCli(['list', root]);
    expect(text.status, text.stderr).toBe(0);
    const lines = text.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^PATH +ENV +SEED +FORMAT +TABLES +ROWS +SIZE +DATE \(UTC\) +SCHEMA$/);
    const paths = lines.slice(1).map((line) => line.split(/\s+/)[0]);
    expect(paths).toEqual([join(root, 'dev'), join(root, 'parts'), join(root, 'parts'), join(root, 'runs/may/gz'), join(root, 'stopped')]);
    expect(lines[1]).toMatch(new RegExp(` dev +42 +csv +all 5 +[\\d,]+ +[\\d.]+ KB +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d +${SCHEMA_VERSION}$`));
    expect(lines[2]).toMatch(/ part 1\/2 /);
    expect(lines[3]).toMatch(/ part 2\/2 /);
    expect(lines[4]).toMatch(/ 9 +csv\+gzip +customers,orders /);
    expect(lines[5]).toMatch(/ - +5 +csv +interrupted: 2\/5 tables done /);

    const json = runCli(['list', root, '--json']);
    expect(json.status).toBe(0);
    const listings = JSON.parse(json.stdout) as { path: string; status: string; rows: number; bytes: number; seed: number }[];
    expect(listings.map((listing) => listing.status)).toEqual(['complete', 'complete', 'complete', 'complete', 'interrupted']);
    expect(listings[0]).toMatchObject({ path: join(root, 'dev'), seed: 42, environment: 'dev', schemaVersion: SCHEMA_VERSION });
    expect(listings[0]?.rows).toBeGreaterThan(0);

    const missing = runCli(['list', join(root, 'nope')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe(`ecomgen: list: cannot use ${join(root, 'nope')} (no such directory)\n`);
  });
});

describe('ecomgen clean', () => {
  it('removes the listed files, samples, manifest and temporary files; leaves files it did not write or that were replaced', () => {
    const dir = join(tempDir('clean'), 'dev');
    generate(dir);
    writeFileSync(join(dir, 'notes.txt'), 'mine\n');
    appendFileSync(join(dir, 'products.csv'), 'edited by hand\n');
    writeFileSync(join(dir, '.orders.csv.99999-deadbeef.tmp'), 'left by a killed run');
    const before = sorted(dir);

    const dry = runCli(['clean', '--dry-run', dir]);
    expect(dry.status, dry.stderr).toBe(0);
    expect(sorted(dir)).toEqual(before);
    expect(dry.stdout).toContain(`would remove ${dir}/manifest.json (`);
    expect(dry.stdout).toContain(`would remove ${dir}/.orders.csv.99999-deadbeef.tmp (20 B)`);
    expect(dry.stdout).not.toContain('products.csv (');

    const result = runCli(['clean', dir]);
    expect(result.status, result.stderr).toBe(0);
    expect(sorted(dir)).toEqual(['notes.txt', 'products.csv']);
    expect(result.stdout).toMatch(new RegExp(`^removed 12 files \\([\\d.]+ KB\\) from ${dir}\\n$`));
    const warnings = result.stderr.trim().split('\n');
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(new RegExp(`^ecomgen: warning: left ${dir}/products.csv: it holds [\\d,]+ bytes; ecomgen recorded [\\d,]+ \\(replaced since\\?\\)$`));
    expect(warnings[1]).toBe(`ecomgen: left 1 file ecomgen did not write in ${dir}: notes.txt`);
  });

  it('several directories at once, an interrupted run included; a directory left empty goes too', async () => {
    const root = tempDir('clean-many');
    generate(join(root, 'a'), '--part', '1', '--parts', '2');
    const held = startCli(['generate', ...TINY.filter((flag) => flag !== '-q'), '-o', join(root, 'b')], { ECOMGEN_HOLD_AFTER: 'customers' });
    await held.logLine('holding');
    held.child.kill('SIGTERM');
    expect((await held.exited).code).toBe(143);
    const result = runCli(['clean', join(root, 'a'), join(root, 'b')]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(`from ${join(root, 'a')}, and the directory, now empty`);
    expect(result.stdout).toContain(`from ${join(root, 'b')}, and the directory, now empty`);
    expect(readdirSync(root)).toEqual([]);
  });

  it('refuses, touching nothing: a directory with no dataset, a missing one, one a live run holds', async () => {
    const root = tempDir('clean-refuse');
    const plain = join(root, 'plain');
    mkdirSync(plain);
    writeFileSync(join(plain, 'orders.csv'), 'not ours\n');
    const dataset = join(root, 'dataset');
    generate(dataset);
    const kept = sorted(dataset);
    for (const [args, message] of [
      [[plain], `ecomgen: clean: ${plain} holds no ecomgen dataset (no manifest.json, manifest.part-*.json or run journal); nothing removed`],
      [[dataset, join(root, 'missing')], `ecomgen: clean: cannot use ${join(root, 'missing')} (no such directory)`],
    ] as const) {
      const result = runCli(['clean', ...args]);
      expect(result.status).toBe(2);
      expect(result.stderr).toBe(`${message}\n`);
    }
    expect(sorted(plain)).toEqual(['orders.csv']);
    expect(sorted(dataset)).toEqual(kept);

    const busy = join(root, 'busy');
    const held = startCli(['generate', ...TINY.filter((flag) => flag !== '-q'), '-o', busy], { ECOMGEN_HOLD_AFTER: 'customers' });
    await held.logLine('holding');
    const during = sorted(busy);
    for (const extra of [[], ['--dry-run']]) {
      const result = runCli(['clean', ...extra, dataset, busy]);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(new RegExp(`^ecomgen: clean: ${busy} is in use by another ecomgen run \\(pid ${held.child.pid} on .*: ecomgen generate\\)\\n$`));
    }
    expect(sorted(busy)).toEqual(during);
    expect(sorted(dataset)).toEqual(kept);
    held.child.kill('SIGINT');
    expect((await held.exited).code).toBe(130);
    expect(existsSync(join(busy, '.ecomgen-lock.json'))).toBe(false);
  });
});
