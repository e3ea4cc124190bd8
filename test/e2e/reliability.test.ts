// Faults and interruptions never leave a broken dataset: every case is triggered for real.
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate, type Manifest } from 'ecomgen';
import { CLI, REPO_ROOT, runCli, splitStderr, startCli, tempDir, type CliResult } from '../helpers/run.js';

const SMALL = ['--customers', '600', '--products', '300', '--orders', '3000', '-q'];
const SMALL_OPTIONS = { customers: 600, products: 300, orders: 3000, seed: 31, workers: 2, shardRows: 500 } as const;

let smallRun: Promise<string> | undefined;

/** A SMALL_OPTIONS dataset made once for the file (the interruption's reference, the dataset --force replaces). */
function smallDataset(): Promise<string> {
  smallRun ??= (async (): Promise<string> => {
    const dir = tempDir('reference');
    await generate({ ...SMALL_OPTIONS, outputDir: dir });
    return dir;
  })();
  return smallRun;
}

function manifestText(dir: string): string {
  return readFileSync(join(dir, 'manifest.json'), 'utf8');
}

function leftovers(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.endsWith('.tmp'));
}

describe('faults leave no partial file and no manifest', () => {
  it('a worker thread that dies mid-shard: exit 1 naming the shard', () => {
    const dir = tempDir('died');
    const result = runCli(['generate', ...SMALL, '-o', dir, '--shard-rows', '500'], { ECOMGEN_FAIL_SHARD: 'order_items:4000:exit' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toMatch(/^ecomgen: worker failed on order_items rows \d+-\d+: /);
    expect(leftovers(dir)).toEqual([]);
    expect(readdirSync(dir)).not.toContain('manifest.json');
    expect(readdirSync(dir)).not.toContain('order_items.csv');
  });

  it('a write error (EIO) during a run: exit 1 naming the file and the cause', () => {
    const dir = tempDir('eio');
    const result = runCli(['generate', ...SMALL, '-o', dir], { ECOMGEN_FAIL_WRITE: 'orders.csv:100000:EIO' });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toMatch(/^ecomgen: writing orders\.csv failed: .*\(EIO\)$/);
    expect(leftovers(dir)).toEqual([]);
    expect(readdirSync(dir)).not.toContain('orders.csv');
    expect(readdirSync(dir)).not.toContain('manifest.json');
  });

  const mountPoint = join(tempDir('tmpfs'), 'small');
  mkdirSync(mountPoint);
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', mountPoint]).status === 0;
  if (!mounted) console.warn('reliability: cannot mount a tmpfs here (needs root); the real ENOSPC test is skipped');

  it.skipIf(!mounted)('a full disk (a real 3 MB tmpfs): exit 1 with ENOSPC, temporary files removed', () => {
    try {
      const dir = join(mountPoint, 'out');
      // The free-space estimate would refuse this run up front; pretend there is room to hit the real error.
      const result = runCli(['generate', '-e', 'dev', '-o', dir, '-q'], { ECOMGEN_FREE_BYTES: '1000000000' });
      expect(result.status).toBe(1);
      expect(result.stderr.trim()).toMatch(/^ecomgen: writing \w+\.csv failed: no space left on device \(ENOSPC\)$/);
      expect(leftovers(dir)).toEqual([]);
      expect(readdirSync(dir)).not.toContain('manifest.json');
    } finally {
      spawnSync('umount', [mountPoint]);
    }
  });
  // Also when the test above did not run (filtered with -t): a mounted tmpfs cannot be removed.
  afterAll(() => {
    if (mounted) spawnSync('umount', [mountPoint]);
  });

  it('not enough free disk: refused before any work, with the estimate and the free space', () => {
    const dir = tempDir('space');
    const result = runCli(['generate', '-e', 'prod', '-o', dir, '-q'], { ECOMGEN_FREE_BYTES: '50000000' });
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toMatch(/^ecomgen: --output-dir: not enough free disk space in .*: the run needs about [\d.]+ GB \(estimated from the row counts\), 50\.0 MB is free$/);
    expect(readdirSync(dir)).toEqual([]);
  });

  // Permissions do not bind root, so as root the CLI runs as `nobody` (setpriv) to meet a directory it
  // may not write to; skipped where that is not possible (no setpriv, or the clone unreadable to nobody).
  const dropRoot = ['--reuid=65534', '--regid=65534', '--clear-groups'];
  const asRoot = process.getuid?.() === 0;
  const canDrop = asRoot && spawnSync('setpriv', [...dropRoot, process.execPath, '-e', `require('fs').accessSync(${JSON.stringify(CLI)})`], { cwd: REPO_ROOT }).status === 0;
  const unprivileged = (args: readonly string[]): CliResult => {
    const result = spawnSync('setpriv', [...dropRoot, process.execPath, CLI, ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  if (asRoot && !canDrop) console.warn('reliability: cannot run the CLI as another user here; the not-writable test is skipped');

  it.skipIf(asRoot && !canDrop)('an output directory the user may not write to: exit 2 before any work, nothing written', () => {
    const parent = tempDir('readonly');
    chmodSync(parent, 0o755);
    const dir = join(parent, 'out');
    mkdirSync(dir);
    chmodSync(dir, asRoot ? 0o755 : 0o555);
    const args = ['generate', ...SMALL, '-o', dir];
    const result = asRoot ? unprivileged(args) : runCli(args);
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe(`ecomgen: --output-dir: ${dir} is not writable`);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('interruption and --resume', () => {
  it('an aborted run keeps its complete tables; --resume finishes it byte-identical to an uninterrupted run', async () => {
    const reference = await smallDataset();
    const dir = tempDir('interrupted');
    const abort = new AbortController();
    await expect(
      // order_items shards run among the orders shards (plan/shardOrder.ts): the first web_events shard
      // comes once both are complete.
      generate({ ...SMALL_OPTIONS, outputDir: dir, signal: abort.signal, onProgress: (event) => event.table === 'web_events' && abort.abort() }),
    ).rejects.toThrow();
    expect(readdirSync(dir).sort()).toEqual(['.ecomgen-journal.json', 'customers.csv', 'order_items.csv', 'orders.csv', 'products.csv']);
    // Without resume the directory is refused, and it says why (in the library's words: options, not flags).
    await expect(generate({ ...SMALL_OPTIONS, outputDir: dir })).rejects.toThrow(/holds an interrupted run \(4 of 5 tables complete\); pass resume: true to finish it or force: true/);
    await expect(generate({ ...SMALL_OPTIONS, seed: 32, outputDir: dir, resume: true })).rejects.toThrow(/^resume: .* holds a run with a different seed/);
    // A complete file that was damaged since is regenerated, the others are kept.
    appendFileSync(join(dir, 'products.csv'), 'x');
    const resumed = await generate({ ...SMALL_OPTIONS, outputDir: dir, resume: true });
    expect([...resumed.reusedTables].sort()).toEqual(['customers', 'order_items', 'orders']);
    expect(manifestText(dir)).toBe(manifestText(reference));
    for (const file of ['customers.csv', 'products.csv', 'orders.csv', 'order_items.csv', 'web_events.csv', 'orders_nested.sample.json']) {
      expect(readFileSync(join(dir, file)).equals(readFileSync(join(reference, file))), file).toBe(true);
    }
    expect(existsSync(join(dir, '.ecomgen-journal.json'))).toBe(false);
  });

  it('SIGINT stops a CLI run with exit 130; --resume then keeps the tables it had completed and finishes it', async () => {
    const dir = tempDir('sigint');
    // Not --quiet: the run logs JSON lines on stderr. The test hook holds it once products.csv is
    // written, so the signal comes at the same point however fast or loaded the machine is.
    // Small: the hook, not the size, makes the signal land mid-run.
    const args = ['generate', '--customers', '600', '--products', '300', '--orders', '3000', '-o', dir, '--workers', '2'];
    const run = startCli(args, { ECOMGEN_HOLD_AFTER: 'products' });
    await run.logLine('holding');
    run.child.kill('SIGINT');
    const exit = await run.exited;
    expect(exit.code, exit.stderr).toBe(130);
    expect(splitStderr(exit.stderr).other).toEqual(['ecomgen: interrupted by SIGINT']);
    expect(leftovers(dir)).toEqual([]);
    expect(readdirSync(dir)).not.toContain('manifest.json');
    const journal = JSON.parse(readFileSync(join(dir, '.ecomgen-journal.json'), 'utf8')) as { files: { table: string }[] };
    expect(journal.files.map((file) => file.table)).toEqual(['customers', 'products']);
    const resumed = runCli([...args, '--resume']);
    expect(resumed.status, resumed.stderr).toBe(0);
    const started = splitStderr(resumed.stderr).logs.find((line) => line.msg === 'generating');
    expect(started?.['reused']).toEqual(journal.files.map((file) => file.table));
    const manifest = JSON.parse(manifestText(dir)) as Manifest;
    // Customers: all but the few accounts erased by the window's end.
    expect(manifest.files.map((file) => file.rows).slice(1)).toEqual([300, 3000, 9000, 30000]);
    expect(manifest.files[0]?.rows).toBeGreaterThan(590);
    expect(manifest.files[0]?.rows).toBeLessThanOrEqual(600);
  });
});

describe('--force replaces a dataset as a whole', () => {
  it('a failed replacement leaves the old dataset whole; a successful one replaces every file', async () => {
    // A copy of the file's dataset: every file of a run, its manifest included.
    const dir = tempDir('replace');
    cpSync(await smallDataset(), dir, { recursive: true });
    const before = manifestText(dir);
    const failed = runCli(['generate', ...SMALL, '--seed', '77', '-o', dir, '--force'], { ECOMGEN_FAIL_SHARD: 'web_events:20000' });
    expect(failed.status).toBe(1);
    expect(manifestText(dir)).toBe(before);
    const old = JSON.parse(before) as Manifest;
    for (const file of old.files) {
      const { createHash } = await import('node:crypto');
      expect(createHash('sha256').update(readFileSync(join(dir, file.file))).digest('hex'), file.file).toBe(file.sha256);
    }
    expect(leftovers(dir)).toEqual([]);
    const replaced = runCli(['generate', ...SMALL, '--seed', '77', '-o', dir, '--force', '--format', 'jsonl']);
    expect(replaced.status, replaced.stderr).toBe(0);
    const names = readdirSync(dir).filter((name) => !name.endsWith('.sample.json')).sort();
    expect(names).toEqual(['customers.jsonl', 'manifest.json', 'order_items.jsonl', 'orders.jsonl', 'products.jsonl', 'web_events.jsonl']);
  });
});

describe('under load', () => {
  it('more workers than cores, and several runs at once into different directories, give identical data', async () => {
    const reference = tempDir('one');
    expect(runCli(['generate', ...SMALL, '-o', reference, '--workers', '1']).status).toBe(0);
    const dirs = [tempDir('par-a'), tempDir('par-b')];
    const runs = await Promise.all(dirs.map((dir) => startCli(['generate', ...SMALL, '-o', dir, '--workers', '3']).exited));
    expect(runs.map((run) => run.code)).toEqual([0, 0]);
    for (const dir of dirs) expect(manifestText(dir)).toBe(manifestText(reference));
  });
});

describe('garbage state files', () => {
  it('a plain run names the damaged manifest in one line; --force replaces a garbage manifest.json and a {} journal', () => {
    const dir = tempDir('garbage');
    const tiny = ['generate', '--customers', '30', '--products', '20', '--orders', '60', '-w', '1', '-q', '-o', dir];
    writeFileSync(join(dir, 'manifest.json'), '');
    writeFileSync(join(dir, '.ecomgen-journal.json'), '{}');
    writeFileSync(join(dir, 'customers.csv'), 'not ours any more\n');
    for (const extra of [[], ['--resume']]) {
      const refused = runCli([...tiny, ...extra]);
      expect(refused.status, refused.stderr).toBe(2);
      expect(refused.stderr.trim().split('\n')).toHaveLength(1);
      expect(refused.stderr.trim()).toMatch(/^ecomgen: --(output-dir|resume): .*\/manifest\.json: empty, so the run that wrote the directory is unknown; pass --force to replace what it holds$/);
    }
    const replaced = runCli([...tiny, '--force']);
    expect(replaced.status, replaced.stderr).toBe(0);
    const manifest = JSON.parse(manifestText(dir)) as Manifest;
    expect(manifest.files.map((file) => file.rows)).toEqual([30, 20, 60, 180, 600]);
    expect(readdirSync(dir).filter((name) => name.startsWith('.'))).toEqual([]);
  });
});

describe('signals at any moment', () => {
  it('SIGTERM at the very start (handlers installed, nothing loaded yet): exit 143, one line, no temporary file', async () => {
    const dir = tempDir('early-signal');
    const run = startCli(['generate', '--customers', '30', '--products', '20', '--orders', '60', '-o', dir], { ECOMGEN_HOLD_AT_START: '1' });
    await run.logLine('starting');
    run.child.kill('SIGTERM');
    const exit = await run.exited;
    expect(exit.signal).toBeNull();
    expect(exit.code, exit.stderr).toBe(143);
    expect(splitStderr(exit.stderr).other).toEqual(['ecomgen: interrupted by SIGTERM']);
    expect(readdirSync(dir)).toEqual([]);
  });
});
