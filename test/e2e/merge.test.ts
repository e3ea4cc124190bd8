// `ecomgen merge`: parts written by separate processes join into exactly the files of a single full run
// (Parquet: the same rows, each part's row groups kept); incomplete or mixed part sets are refused. Also the deploy manifests that run the parts in parallel.
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { CLI, REPO_ROOT, runCli, startCli, tempDir } from '../helpers/run.js';
import { parquetMetadata } from 'hyparquet';
import { fileSource } from '../../src/encoding/byteSource.js';
import { readParquet } from '../../src/read/parquetRecords.js';
import { parseRecords } from '../../src/encoding/csvRecords.js';

const PARTS = 4;
const SEED = '777';
const SAMPLES = ['customers', 'products', 'orders', 'order_items', 'web_events', 'orders_nested'].map((name) => `${name}.sample.json`);
const FILES = ['customers.csv', 'products.csv', 'orders.csv', 'order_items.csv', 'web_events.csv', 'manifest.json', ...SAMPLES];
// Part runs write no samples; merge rebuilds them, so the merged directory equals a full run's.
// Small but with every table split across the four parts (uneven slices included).
const GENERATE = ['generate', '--customers', '301', '--products', '150', '--orders', '1501', '--seed', SEED, '--workers', '1', '--quiet'];
let partsDir: string;
let fullDir: string;

const suffix = (k: number): string => `.part-${String(k).padStart(3, '0')}-of-${String(PARTS).padStart(3, '0')}`;

/** A fresh copy of the parts, to break in some way. */
function copyOfParts(): string {
  const dir = tempDir('merge-copy');
  for (const name of readdirSync(partsDir)) copyFileSync(join(partsDir, name), join(dir, name));
  return dir;
}

function expectRefused(dir: string, pattern: RegExp): void {
  const result = runCli(['merge', dir]);
  expect(result.status, result.stderr).toBe(2);
  const lines = result.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^ecomgen: /);
  expect(lines[0]).toMatch(pattern);
  // Nothing merged is left behind: no whole table, no manifest.json, no temporary file.
  expect(readdirSync(dir).filter((name) => !name.includes('.part-'))).toEqual([]);
}

beforeAll(async () => {
  partsDir = tempDir('merge-parts');
  fullDir = tempDir('merge-full');
  // Four separate processes writing their parts into one directory at the same time.
  const runs = await Promise.all(Array.from({ length: PARTS }, (_, index) => startCli([...GENERATE, '--part', String(index + 1), '--parts', String(PARTS), '-o', partsDir]).exited));
  for (const run of runs) expect(run.code, run.stderr).toBe(0);
  const full = runCli([...GENERATE, '-o', fullDir]);
  expect(full.status, full.stderr).toBe(0);
});

describe('ecomgen merge', () => {
  it('joins four parts into files and a manifest.json byte-identical to a single full run', () => {
    const before = Object.fromEntries(readdirSync(partsDir).map((name) => [name, readFileSync(join(partsDir, name))]));
    const result = runCli(['merge', partsDir]);
    expect(result.status, result.stderr).toBe(0);
    for (const file of FILES) {
      expect(readFileSync(join(partsDir, file)).equals(readFileSync(join(fullDir, file))), file).toBe(true);
    }
    // The parts are left as they were, and no temporary file remains.
    for (const [name, bytes] of Object.entries(before)) expect(readFileSync(join(partsDir, name)).equals(bytes), name).toBe(true);
    expect(readdirSync(partsDir).sort()).toEqual([...Object.keys(before), ...FILES].sort());

    const again = runCli(['merge', partsDir]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/^ecomgen: --output-dir: .* already holds .*--force/);
    expect(runCli(['merge', partsDir, '--force', '-q']).status).toBe(0);
    expect(readFileSync(join(partsDir, 'manifest.json')).equals(readFileSync(join(fullDir, 'manifest.json')))).toBe(true);
  });

  it('writes to --output-dir, leaving the parts directory alone', () => {
    const source = copyOfParts();
    for (const file of FILES) rmSync(join(source, file), { force: true });
    const out = join(tempDir('merge-out'), 'merged');
    const result = runCli(['merge', source, '--output-dir', out, '--quiet']);
    expect(result.status, result.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual([...FILES].sort());
    for (const file of FILES) expect(readFileSync(join(out, file)).equals(readFileSync(join(fullDir, file))), file).toBe(true);
    expect(readdirSync(source).every((name) => name.includes('.part-'))).toBe(true);
  });

  it('refuses a missing part, naming it', () => {
    const missingTable = copyOfParts();
    for (const file of FILES) rmSync(join(missingTable, file), { force: true });
    rmSync(join(missingTable, `orders${suffix(3)}.csv`));
    expectRefused(missingTable, new RegExp(`part 3 of 4 of orders is missing: orders\\${suffix(3)}\\.csv`));

    const missingManifest = copyOfParts();
    for (const file of FILES) rmSync(join(missingManifest, file), { force: true });
    rmSync(join(missingManifest, `manifest${suffix(2)}.json`));
    expectRefused(missingManifest, new RegExp(`missing: manifest\\${suffix(2)}\\.json`));
  });

  it('refuses a part that is there twice, parts of two splits, a changed part and parts of two runs', () => {
    const fresh = (): string => {
      const dir = copyOfParts();
      for (const file of FILES) rmSync(join(dir, file), { force: true });
      return dir;
    };
    const twice = fresh();
    copyFileSync(join(twice, `customers${suffix(2)}.csv`), join(twice, 'customers.part-02-of-004.csv'));
    expectRefused(twice, /part 2 of 4 of customers is there twice/);

    const mixed = fresh();
    copyFileSync(join(mixed, `customers${suffix(2)}.csv`), join(mixed, 'customers.part-002-of-008.csv'));
    expectRefused(mixed, /mixes parts of different splits/);

    const changed = fresh();
    const file = join(changed, `web_events${suffix(4)}.csv`);
    const bytes = readFileSync(file);
    const at = bytes.length - 10;
    bytes[at] = bytes[at] === 0x41 ? 0x42 : 0x41;
    writeFileSync(file, bytes);
    expectRefused(changed, new RegExp(`web_events\\${suffix(4)}\\.csv does not match the sha256 in its part manifest`));

    const otherRun = fresh();
    const manifestFile = join(otherRun, `manifest${suffix(3)}.json`);
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { seed: number };
    manifest.seed += 1;
    writeFileSync(manifestFile, JSON.stringify(manifest));
    expectRefused(otherRun, new RegExp(`manifest\\${suffix(3)}\\.json disagrees with manifest\\${suffix(1)}\\.json on seed`));
  });

  it('an output directory on a pseudo file system fails at once instead of hanging, as for generate', () => {
    // Not runCli: a merge that spins must fail this test after the timeout, not block it forever.
    const result = spawnSync(process.execPath, [CLI, 'merge', partsDir, '--output-dir', '/proc/ecomgen-no-such/out'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(result.status, result.stderr).toBe(2);
    expect(result.stderr.trim()).toBe('ecomgen: --output-dir: cannot create /proc/ecomgen-no-such/out (ENOENT)');
  });

  it('refuses a directory with no parts', () => {
    expectRefused(tempDir('merge-empty'), /holds no part manifests/);
  });

  it('merge --force with one bad part exits 2 and leaves the old merge whole', () => {
    const dir = copyOfParts();
    for (const file of FILES) rmSync(join(dir, file), { force: true });
    expect(runCli(['merge', dir, '-q']).status).toBe(0);
    const merged = Object.fromEntries(FILES.map((file) => [file, readFileSync(join(dir, file))]));
    // Same size, another byte: only the sha256 check while joining finds it.
    const file = join(dir, `orders${suffix(3)}.csv`);
    const bytes = readFileSync(file);
    bytes[bytes.length - 5] = bytes[bytes.length - 5] === 0x31 ? 0x32 : 0x31;
    writeFileSync(file, bytes);
    const result = runCli(['merge', dir, '--force']);
    expect(result.status, result.stderr).toBe(2);
    expect(result.stderr.trim()).toMatch(new RegExp(`^ecomgen: orders\\${suffix(3)}\\.csv does not match the sha256 in its part manifest`));
    for (const [name, content] of Object.entries(merged)) expect(readFileSync(join(dir, name)).equals(content), name).toBe(true);
    expect(readdirSync(dir).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('SIGTERM during a merge: exit 143, one line, no temporary file and no merged output', async () => {
    const dir = copyOfParts();
    for (const file of FILES) rmSync(join(dir, file), { force: true });
    const merge = startCli(['merge', dir], { ECOMGEN_HOLD_AFTER: 'orders' });
    await merge.logLine('holding');
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp')).length).toBeGreaterThan(0);
    merge.child.kill('SIGTERM');
    const exit = await merge.exited;
    expect(exit.code, exit.stderr).toBe(143);
    expect(exit.stderr.trim().split('\n').filter((line) => !line.startsWith('{'))).toEqual(['ecomgen: interrupted by SIGTERM']);
    expect(readdirSync(dir).filter((name) => !name.includes('.part-'))).toEqual([]);
  });

  it('temporary files left by a merge killed with -9 are removed by the next merge', () => {
    const dir = copyOfParts();
    for (const file of FILES) rmSync(join(dir, file), { force: true });
    // Killed once every table is joined and staged, just before the swap journal would be written.
    const killed = spawnSync(process.execPath, [CLI, 'merge', dir, '-q'], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, ECOMGEN_CRASH_AT_SWAP_STEP: '1' } });
    expect(killed.signal, killed.stderr).toBe('SIGKILL');
    const leftovers = readdirSync(dir).filter((name) => name.endsWith('.tmp'));
    expect(leftovers.length).toBeGreaterThanOrEqual(FILES.length);
    expect(readdirSync(dir).filter((name) => !name.startsWith('.') && !name.includes('.part-'))).toEqual([]);
    const again = runCli(['merge', dir, '-q']);
    expect(again.status, again.stderr).toBe(0);
    expect(readdirSync(dir).filter((name) => name.startsWith('.'))).toEqual([]);
    for (const file of FILES) expect(readFileSync(join(dir, file)).equals(readFileSync(join(fullDir, file))), file).toBe(true);
  });
});

describe('ecomgen merge of Parquet parts', () => {
  const TABLES = ['customers', 'products', 'orders', 'order_items', 'web_events'];

  async function records(file: string): Promise<string[][]> {
    const seen: string[][] = [];
    await readParquet(fileSource(file), (fields) => seen.push([...fields]));
    return seen;
  }

  // Three Parquet parts, made once for both tests (the second breaks a copy of them).
  let parquetParts: string;
  beforeAll(() => {
    parquetParts = tempDir('merge-parquet-parts');
    for (let k = 1; k <= 3; k++) {
      const part = runCli([...GENERATE, '--format', 'parquet', '--part', String(k), '--parts', '3', '-o', parquetParts]);
      expect(part.status, part.stderr).toBe(0);
    }
  });

  it("joins Parquet parts into one file per table holding the full run's rows in order, each part's row groups kept", async () => {
    const parts = tempDir('merge-parquet-merged');
    for (const name of readdirSync(parquetParts).filter((candidate) => candidate.includes('.part-'))) copyFileSync(join(parquetParts, name), join(parts, name));
    const result = runCli(['merge', parts]);
    expect(result.status, result.stderr).toBe(0);
    const merged = JSON.parse(readFileSync(join(parts, 'manifest.json'), 'utf8')) as { part: unknown; format: string; files: { table: string; file: string; rows: number; bytes: number; sha256: string }[] };
    // The full run is the CSV one above: Parquet read back gives the CSV's field texts (a Parquet file's
    // own bytes for 1 and 2 workers are compared in formats.test.ts), so the rows are compared with it.
    const whole = JSON.parse(readFileSync(join(fullDir, 'manifest.json'), 'utf8')) as typeof merged;
    expect(merged.part).toBeNull();
    expect(merged.format).toBe('parquet');
    expect(merged.files.map((file) => file.file)).toEqual(TABLES.map((table) => `${table}.parquet`));
    for (const table of TABLES) {
      const file = join(parts, `${table}.parquet`);
      const entry = merged.files.find((candidate) => candidate.table === table);
      expect(entry?.rows, table).toBe(whole.files.find((candidate) => candidate.table === table)?.rows);
      expect(entry?.bytes, table).toBe(readFileSync(file).length);
      expect(await records(file), table).toEqual(parseRecords(readFileSync(join(fullDir, `${table}.csv`), 'utf8')));
      // Each part's row groups are there, as the parts wrote them: three at least (one per part).
      const groups = parquetMetadata(readFileSync(file)).row_groups.map((group) => Number(group.num_rows));
      const partGroups = [1, 2, 3].flatMap((k) => parquetMetadata(readFileSync(join(parts, `${table}.part-00${k}-of-003.parquet`))).row_groups.map((group) => Number(group.num_rows)));
      expect(groups, table).toEqual(partGroups);
      expect(groups.length, table).toBeGreaterThanOrEqual(3);
    }
  });

  it('refuses a changed Parquet part by its sha256, leaving nothing merged', () => {
    const parts = tempDir('merge-parquet-changed');
    for (const name of readdirSync(parquetParts).filter((candidate) => candidate.includes('.part-'))) copyFileSync(join(parquetParts, name), join(parts, name));
    const file = join(parts, 'orders.part-002-of-003.parquet');
    const bytes = readFileSync(file);
    bytes[100] = (bytes[100] as number) ^ 0xff;
    writeFileSync(file, bytes);
    expectRefused(parts, /orders\.part-002-of-003\.parquet does not match the sha256 in its part manifest/);
  });
});

// ---- Deploy manifests: parsed, and their shell commands run with a stand-in for npx. ----

/** A bin directory whose `npx` records its arguments (one per line) into $NPX_LOG and exits 0. */
function fakeNpx(): { bin: string; log: string } {
  const bin = tempDir('fake-npx');
  const log = join(bin, 'calls.log');
  writeFileSync(join(bin, 'npx'), '#!/bin/sh\nfor arg in "$@"; do printf "%s\\n" "$arg"; done >> "$NPX_LOG"\nprintf -- "--\\n" >> "$NPX_LOG"\n');
  chmodSync(join(bin, 'npx'), 0o755);
  return { bin, log };
}

/** The value following `flag` in an argument list. */
const flagValue = (args: readonly string[], flag: string): string | undefined => args[args.indexOf(flag) + 1];

function recordedCalls(log: string): string[][] {
  return readFileSync(log, 'utf8').split('--\n').filter(Boolean).map((call) => call.trimEnd().split('\n'));
}

interface K8sContainer {
  command: string[];
  args: string[];
  env: { name: string; value?: string }[];
  resources: { requests: { cpu: string; memory: string }; limits: { memory: string } };
  volumeMounts: { name: string; mountPath: string }[];
}

describe('deploy/kubernetes/job.yaml', () => {
  const documents = parseAllDocuments(readFileSync(join(REPO_ROOT, 'deploy/kubernetes/job.yaml'), 'utf8')).map((document) => document.toJS() as Record<string, unknown>);
  const job = documents.find((document) => document['kind'] === 'Job') as {
    spec: { completionMode: string; completions: number; parallelism: number; template: { spec: { containers: K8sContainer[]; volumes: { name: string; persistentVolumeClaim?: { claimName: string } }[] } } };
  };

  it('is an Indexed Job whose pods write parts 1..N of one run into a shared volume', () => {
    expect(job.spec.completionMode).toBe('Indexed');
    expect(job.spec.parallelism).toBeGreaterThanOrEqual(1);
    expect(job.spec.parallelism).toBeLessThanOrEqual(job.spec.completions);
    const container = job.spec.template.spec.containers[0] as K8sContainer;
    const script = [...container.command, ...container.args].join(' ');
    expect(script).toContain('JOB_COMPLETION_INDEX');
    expect(container.command.slice(0, 2)).toEqual(['/bin/sh', '-c']);

    // Run the pod's script for every completion index, as Kubernetes would, with npx recording its arguments.
    const { bin, log } = fakeNpx();
    const env = Object.fromEntries(container.env.filter((item) => item.value !== undefined).map((item) => [item.name, item.value as string]));
    for (let index = 0; index < job.spec.completions; index++) {
      const result = spawnSync('/bin/sh', ['-c', container.args[0] as string], { env: { ...process.env, ...env, PATH: `${bin}:${process.env['PATH']}`, JOB_COMPLETION_INDEX: String(index), NPX_LOG: log }, encoding: 'utf8' });
      expect(result.status, result.stderr).toBe(0);
    }
    const calls = recordedCalls(log);
    expect(calls).toHaveLength(job.spec.completions);
    for (const call of calls) {
      expect(call.slice(0, 2)).toEqual(['ecomgen', 'generate']);
      expect(flagValue(call, '--environment')).toBe('prod');
      expect(flagValue(call, '--parts')).toBe(String(job.spec.completions));
    }
    expect(calls.map((call) => Number(flagValue(call, '--part')))).toEqual(Array.from({ length: job.spec.completions }, (_, index) => index + 1));
    expect(new Set(calls.map((call) => flagValue(call, '--output-dir'))).size).toBe(1);
    expect(new Set(calls.map((call) => flagValue(call, '--seed'))).size).toBe(1);

    const outputDir = flagValue(calls[0] as string[], '--output-dir') as string;
    const mount = container.volumeMounts.find((item) => outputDir.startsWith(`${item.mountPath}/`));
    expect(mount, outputDir).toBeDefined();
    const volume = job.spec.template.spec.volumes.find((item) => item.name === mount?.name);
    const claim = documents.find((document) => document['kind'] === 'PersistentVolumeClaim') as { metadata: { name: string } } | undefined;
    expect(volume?.persistentVolumeClaim?.claimName).toBe(claim?.metadata.name);
  });

  it('requests memory above the measured peak (~190 MB for prod with 2 workers) and says how to merge', () => {
    const container = job.spec.template.spec.containers[0] as K8sContainer;
    const mebibytes = (quantity: string): number => {
      const match = /^(\d+)(Mi|Gi)$/.exec(quantity);
      return match ? Number(match[1]) * (match[2] === 'Gi' ? 1024 : 1) : Number.NaN;
    };
    // 1 Mi = 1.048576 MB.
    expect(mebibytes(container.resources.requests.memory) * 1.048576).toBeGreaterThan(190);
    expect(mebibytes(container.resources.limits.memory)).toBeGreaterThanOrEqual(mebibytes(container.resources.requests.memory));
    expect(readFileSync(join(REPO_ROOT, 'deploy/kubernetes/job.yaml'), 'utf8')).toMatch(/^#.*ecomgen merge \/data\//m);
  });
});

describe('deploy/github-actions/generate-matrix.yml', () => {
  const workflow = parse(readFileSync(join(REPO_ROOT, 'deploy/github-actions/generate-matrix.yml'), 'utf8')) as {
    on: { workflow_dispatch: { inputs: Record<string, { default: string }> } };
    env: Record<string, string>;
    jobs: Record<string, { needs?: string | string[]; strategy?: { matrix: { part: number[] } }; steps: { uses?: string; run?: string; env?: Record<string, string>; with?: Record<string, unknown> }[] }>;
  };

  /** Fills in the `${{ ... }}` expressions a step's env uses: matrix.part, inputs.* (defaults) and env.*. */
  function expand(text: string, part: number): string {
    return text.replace(/\$\{\{\s*([\w.]+)\s*\}\}/g, (_, expression: string) => {
      if (expression === 'matrix.part') return String(part);
      if (expression.startsWith('inputs.')) return workflow.on.workflow_dispatch.inputs[expression.slice(7)]?.default ?? '';
      if (expression.startsWith('env.')) return workflow.env[expression.slice(4)] ?? '';
      throw new Error(`unexpected expression ${expression}`);
    });
  }

  it('generates parts 1..N in a matrix and uploads each, then merges, validates and uploads in a job that needs them', () => {
    const [matrixName, matrixJob] = Object.entries(workflow.jobs).find(([, job]) => job.strategy?.matrix.part) ?? [];
    expect(matrixJob).toBeDefined();
    const generateStep = matrixJob?.steps.find((step) => step.run?.includes('ecomgen generate'));
    expect(generateStep).toBeDefined();

    // Run each matrix entry's generate step with npx recording its arguments.
    const { bin, log } = fakeNpx();
    const parts = matrixJob?.strategy?.matrix.part ?? [];
    for (const part of parts) {
      const stepEnv = Object.fromEntries(Object.entries(generateStep?.env ?? {}).map(([name, value]) => [name, expand(String(value), part)]));
      const result = spawnSync('bash', ['-e', '-c', expand(generateStep?.run as string, part)], {
        env: { ...process.env, ...workflow.env, ...stepEnv, PATH: `${bin}:${process.env['PATH']}`, NPX_LOG: log }, encoding: 'utf8',
      });
      expect(result.status, result.stderr).toBe(0);
    }
    const calls = recordedCalls(log);
    const count = Number(flagValue(calls[0] as string[], '--parts'));
    expect(count).toBeGreaterThan(1);
    expect(calls.map((call) => Number(flagValue(call, '--part'))).sort((a, b) => a - b)).toEqual(Array.from({ length: count }, (_, index) => index + 1));
    for (const call of calls) expect(flagValue(call, '--parts')).toBe(String(count));
    expect(matrixJob?.steps.some((step) => step.uses?.startsWith('actions/upload-artifact'))).toBe(true);

    const [, finalJob] = Object.entries(workflow.jobs).find(([, job]) => [job.needs].flat().includes(matrixName)) ?? [];
    expect(finalJob, 'a job that needs the matrix job').toBeDefined();
    const runs = finalJob?.steps.map((step) => step.run ?? '') ?? [];
    const download = finalJob?.steps.findIndex((step) => step.uses?.startsWith('actions/download-artifact')) ?? -1;
    const merge = runs.findIndex((run) => /\becomgen merge\b/.test(run));
    const validate = runs.findIndex((run) => /\becomgen validate\b/.test(run));
    const upload = finalJob?.steps.findIndex((step) => step.uses?.startsWith('actions/upload-artifact')) ?? -1;
    expect(download).toBeGreaterThanOrEqual(0);
    expect(download).toBeLessThan(merge);
    expect(merge).toBeLessThan(validate);
    expect(validate).toBeLessThan(upload);
  });
});

// Keeps the helpers above honest: the stand-in npx records exactly what it is given.
it('fake npx records its arguments', () => {
  const { bin, log } = fakeNpx();
  spawnSync('/bin/sh', ['-c', 'npx a "b c"; npx d'], { env: { ...process.env, PATH: `${bin}:${process.env['PATH']}`, NPX_LOG: log } });
  expect(recordedCalls(log)).toEqual([['a', 'b c'], ['d']]);
});
