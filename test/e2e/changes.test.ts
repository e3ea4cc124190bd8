// Time travel and change streams as a user runs them: `generate --as-of` snapshots and `changes` batches,
// read back with DuckDB. The invariant: the snapshot as of T1 plus the stream (T1, T2] applied in _seq
// order equals the snapshot as of T2, for several seeds, windows and batch sizes, with delivery faults
// and in both formats. The streams are real `changes` runs; the snapshots they are checked against come
// from the library's generate (the same code; `generate --as-of` as a CLI is the last describe's).
import { afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { generate, TABLE_NAMES, type GenerateOptions } from 'ecomgen';
import { replayStream, type TableReplay } from '../helpers/replay.js';
import { removeTempDirs, runCli, tempDir } from '../helpers/run.js';

afterAll(removeTempDirs);

const SMALL = { customers: 400, products: 200, orders: 3000, webEvents: 30000 } as const;
/**
 * For runs whose size proves nothing (a refused directory, --as-of's flags): a fifth of dev, one worker
 * thread. Such a run costs a CLI start and a pool start more than its rows.
 */
const TINY = { customers: 200, products: 100, orders: 1000, workers: 1 } as const;
const TINY_FLAGS = ['--customers', String(TINY.customers), '--products', String(TINY.products), '--orders', String(TINY.orders), '-w', '1'];

/** The dataset options a stream case runs on: a preset or custom counts, and a seed. */
type DataOptions = Pick<GenerateOptions, 'environment' | 'seed' | 'customers' | 'products' | 'orders' | 'webEvents'>;

/** The same dataset options as `ecomgen changes` flags. */
function dataFlags(data: DataOptions): string[] {
  const flags: [string, string | number | undefined][] = [
    ['-e', data.environment], ['--seed', data.seed], ['--customers', data.customers], ['--products', data.products], ['--orders', data.orders], ['--web-events', data.webEvents],
  ];
  return flags.flatMap(([flag, value]) => (value === undefined ? [] : [flag, String(value)]));
}

function cli(args: readonly string[]): void {
  const result = runCli(args);
  expect(result.status, result.stderr).toBe(0);
}

/** Every file under `dir` (recursively) with its sha256, by relative path. */
function hashes(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) Object.assign(out, hashes(path, `${prefix}${name}/`));
    else out[`${prefix}${name}`] = createHash('sha256').update(readFileSync(path)).digest('hex');
  }
  return out;
}

interface StreamCase {
  readonly name: string;
  readonly data: DataOptions;
  readonly from: string;
  readonly to: string;
  readonly every: string;
  readonly format?: 'csv' | 'jsonl';
  readonly faults?: readonly string[];
  /** The stream runs while the clickstream does: web events arrive too. */
  readonly events?: boolean;
  /**
   * Worker threads of the `changes` run. One unless the case says otherwise: the stream's bytes are the same
   * for any count ('the same bytes for any worker count' below), and each thread sets up its own copy of
   * the run's state (~0.6 CPU-seconds a dev run).
   */
  readonly workers?: number;
}

/**
 * Snapshots at T1 and T2 and the stream between them, replayed. The snapshots are made on one worker
 * thread (same bytes for any count, determinism.test.ts), so a stream run on two also checks the two
 * agree across worker counts.
 */
async function replayCase(test: StreamCase): Promise<TableReplay[]> {
  const dir = tempDir('ecomgen-changes-');
  const format = test.format ?? 'csv';
  await generate({ ...test.data, asOf: test.from, outputDir: join(dir, 't1'), samples: false, format, workers: 1 });
  await generate({ ...test.data, asOf: test.to, outputDir: join(dir, 't2'), samples: false, format, workers: 1 });
  cli(['changes', ...dataFlags(test.data), '--from', test.from, '--to', test.to, '--every', test.every, '-o', join(dir, 'changes'), '-q', '--format', format, '-w', String(test.workers ?? 1), ...(test.faults ?? [])]);
  return await replayStream(join(dir, 't1'), join(dir, 'changes'), join(dir, 't2'), format);
}

const CASES: readonly StreamCase[] = [
  { name: 'dev, seed 42, two weeks of days', data: { environment: 'dev' }, from: '2024-06-01', to: '2024-06-15', every: 'day' },
  { name: 'custom counts, seed 7, holiday season in weeks from mid-day to mid-day', data: { ...SMALL, seed: 7 }, from: '2023-11-20 06:00:00', to: '2024-01-20 12:30:00', every: 'week' },
  { name: 'dev, seed 5, the window’s last two days in hours (the clickstream)', data: { environment: 'dev', seed: 5 }, from: '2024-12-29 23:59:59', to: '2024-12-31', every: 'hour', events: true },
  { name: 'custom counts, seed 11, late and duplicated rows', data: { ...SMALL, seed: 11 }, from: '2024-03-01', to: '2024-04-15', every: 'day', faults: ['--late', '0.3', '--duplicates', '0.2'] },
  { name: 'dev, jsonl Debezium envelopes with faults', data: { environment: 'dev', seed: 3 }, from: '2024-11-20', to: '2024-12-31', every: 'week', format: 'jsonl', faults: ['--late', '0.2', '--duplicates', '0.1'], events: true, workers: 2 },
];

describe('the replay invariant: as-of T1 + changes in _seq order == as-of T2', () => {
  it.each(CASES)('$name', async (test) => {
    const results = await replayCase(test);
    expect(results.map((result) => result.table)).toEqual([...TABLE_NAMES]);
    for (const result of results) {
      expect({ table: result.table, extra: result.extra, missing: result.missing, badOps: result.badOps, seqClashes: result.seqClashes }).toEqual({ table: result.table, extra: 0, missing: 0, badOps: 0, seqClashes: 0 });
    }
    // New orders and their items in every case (customers and products launch more rarely).
    for (const table of test.events ? ['orders', 'order_items', 'web_events'] : ['orders', 'order_items']) expect(results.find((result) => result.table === table)?.ops['I'] ?? 0, table).toBeGreaterThan(0);
    const changed = (table: string): TableReplay => results.find((result) => result.table === table) as TableReplay;
    expect(changed('orders').ops['U'] ?? 0).toBeGreaterThan(0);
    expect(changed('products').ops['U'] ?? 0).toBeGreaterThan(0);
    if (test.faults) expect(results.reduce((sum, result) => sum + result.changes, 0)).toBeGreaterThan(results.reduce((sum, result) => sum + Object.values(result.ops).reduce((a, b) => a + b, 0), 0));
  });
});

describe('what a stream holds', () => {
  const dir = tempDir('ecomgen-changes-year-');
  const stream = join(dir, 'year');

  it('over a year: deletes happen, and every column that changes over time changes in some batch', async () => {
    // One worker thread: what the stream holds, not the pool, is under test here.
    cli(['changes', '-e', 'dev', '--from', '2023-12-31', '--to', '2024-12-31', '--every', 'week', '-o', stream, '-q', '-w', '1']);
    await generate({ environment: 'dev', asOf: '2023-12-31', outputDir: join(dir, 't1'), samples: false, workers: 1 });
    const manifest = JSON.parse(readFileSync(join(stream, 'manifest.json'), 'utf8')) as { batches: string[]; totals: Record<string, { I: number; U: number; D: number }> };
    expect(manifest.batches.length).toBe(53);
    expect(manifest.batches).toEqual([...manifest.batches].sort());
    expect(manifest.totals['customers']?.D).toBeGreaterThan(0);
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const mutable: Record<string, { key: string; columns: string[] }> = {
        customers: { key: 'customer_id', columns: ['address_line1', 'city', 'zip_code', 'customer_segment', 'marketing_opt_in', 'updated_at'] },
        products: { key: 'product_id', columns: ['price', 'cost', 'stock_quantity', 'is_active', 'discontinued_at', 'updated_at'] },
        orders: { key: 'order_id', columns: ['status', 'shipped_at', 'delivered_at', 'returned_at', 'updated_at'] },
      };
      for (const [table, { key, columns }] of Object.entries(mutable)) {
        // Each U row against the row's previous image (the T1 snapshot's or the change before it).
        const history = `SELECT 0 AS seq, * FROM read_csv('${join(dir, 't1', `${table}.csv`)}', all_varchar = true)
          UNION ALL BY NAME SELECT CAST(_seq AS BIGINT) AS seq, * EXCLUDE (_op, _changed_at, _seq) FROM read_csv('${join(stream, '*', `${table}.csv`)}', all_varchar = true) WHERE _op <> 'D'`;
        const changedCounts = columns.map((column) => `count(*) FILTER (WHERE prev_${column} IS DISTINCT FROM "${column}" AND seq_prev IS NOT NULL) AS "${column}"`).join(', ');
        const lags = columns.map((column) => `lag("${column}") OVER w AS prev_${column}`).join(', ');
        const query = `SELECT ${changedCounts} FROM (SELECT *, lag(seq) OVER w AS seq_prev, ${lags} FROM (${history}) WINDOW w AS (PARTITION BY "${key}" ORDER BY seq)) WHERE seq > 0`;
        const counts = (await connection.runAndReadAll(query)).getRowObjectsJson()[0] as Record<string, unknown>;
        for (const column of columns) expect(Number(counts[column]), `${table}.${column}`).toBeGreaterThan(0);
      }
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });

  it('_seq increases strictly through the whole stream, batch after batch', () => {
    for (const table of TABLE_NAMES) {
      let last = -1n;
      let rows = 0;
      for (const batch of readdirSync(stream).filter((name) => /^\d{4}-\d{2}-\d{2}$/.test(name)).sort()) {
        const lines = readFileSync(join(stream, batch, `${table}.csv`), 'utf8').split('\n').slice(1).filter((line) => line !== '');
        for (const line of lines) {
          const seq = BigInt(line.split(',')[2] as string);
          expect(seq > last, `${table} ${batch}`).toBe(true);
          last = seq;
          rows++;
        }
      }
      if (table !== 'web_events') expect(rows, table).toBeGreaterThan(0);
    }
  });

  it('the same bytes for any worker count, and --part slices that add up to the whole stream', () => {
    const args = ['changes', '-e', 'dev', '--from', '2024-12-20', '--to', '2024-12-31', '--late', '0.2', '--duplicates', '0.1', '-q'];
    cli([...args, '--workers', '1', '-o', join(dir, 'w1')]);
    cli([...args, '--workers', '3', '-o', join(dir, 'w3')]);
    const one = hashes(join(dir, 'w1'));
    expect(Object.keys(one).length).toBe(1 + 11 * 6);
    expect(hashes(join(dir, 'w3'))).toEqual(one);
    // One worker per part: slicing, not the pool, is under test for the parts (the pool is 1 vs 3 above).
    cli([...args, '--part', '1', '--parts', '3', '-w', '1', '-o', join(dir, 'parts')]);
    cli([...args, '--part', '2', '--parts', '3', '-w', '1', '-o', join(dir, 'parts')]);
    cli([...args, '--part', '3', '--parts', '3', '-w', '1', '-o', join(dir, 'parts')]);
    const parts = hashes(join(dir, 'parts'));
    const batchFiles = (all: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(all).filter(([path]) => path.includes('/')));
    expect(batchFiles(parts)).toEqual(batchFiles(one));
    expect(Object.keys(parts).filter((path) => !path.includes('/')).sort()).toEqual(['manifest.part-001-of-003.json', 'manifest.part-002-of-003.json', 'manifest.part-003-of-003.json']);
  });

  it('refuses a directory holding a stream unless --force, and replaces it whole with --force', () => {
    const target = join(dir, 'again');
    cli(['changes', ...TINY_FLAGS, '--from', '2024-06-01', '--to', '2024-06-10', '-o', target, '-q']);
    const refused = runCli(['changes', ...TINY_FLAGS, '--from', '2024-06-01', '--to', '2024-06-03', '-o', target, '-q']);
    expect(refused.status).toBe(2);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/already holds a change stream .*--force/);
    cli(['changes', ...TINY_FLAGS, '--from', '2024-06-01', '--to', '2024-06-03', '-o', target, '-q', '--force']);
    expect(readdirSync(target).sort()).toEqual(['2024-06-02', '2024-06-03', 'manifest.json']);
  });
});

// Each flag's own message is checked in process (test/unit/changes/changesOptions.test.ts); one run shows
// how the CLI reports them.
describe('bad input: one line naming the flag, exit 2, nothing written', () => {
  it('--to before --from', () => {
    const out = tempDir('ecomgen-changes-bad-');
    const result = runCli(['changes', '-e', 'dev', '-o', join(out, 'stream'), '--from', '2024-06-10', '--to', '2024-06-01']);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('ecomgen: --to: 2024-06-01 23:59:59 is not after --from 2024-06-10 23:59:59\n');
    expect(() => readdirSync(join(out, 'stream'))).toThrow();
  });
});

describe('generate --as-of', () => {
  const dir = tempDir('ecomgen-asof-');

  it('a full run equals --as-of the window’s end byte for byte, samples and manifest included', async () => {
    await generate({ ...TINY, outputDir: join(dir, 'full') });
    cli(['generate', ...TINY_FLAGS, '--as-of', '2024-12-31', '-o', join(dir, 'end'), '-q']);
    cli(['generate', ...TINY_FLAGS, '--as-of', '2024-12-31 23:59:59', '-o', join(dir, 'end-exact'), '-q']);
    const full = hashes(join(dir, 'full'));
    expect(Object.keys(full).length).toBeGreaterThan(10);
    expect(hashes(join(dir, 'end'))).toEqual(full);
    expect(hashes(join(dir, 'end-exact'))).toEqual(full);
  });

  it('an earlier instant: only rows that existed then, the manifest records as_of and the actual rows, and validate passes', () => {
    const out = join(dir, 'mid');
    cli(['generate', '-e', 'dev', '--as-of', '2023-07-04 12:00:00', '-o', out, '-q', '-w', '1']);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { as_of: string; files: { table: string; rows: number }[] };
    expect(manifest.as_of).toBe('2023-07-04 12:00:00');
    for (const file of manifest.files) {
      const lines = readFileSync(join(out, `${file.table}.csv`), 'utf8').split('\n').filter((line) => line !== '').length - 1;
      expect(lines, file.table).toBe(file.rows);
    }
    const rows = Object.fromEntries(manifest.files.map((file) => [file.table, file.rows]));
    expect(rows['orders']).toBeGreaterThan(1000);
    expect(rows['orders']).toBeLessThan(5000);
    const orders = readFileSync(join(out, 'orders.csv'), 'utf8').split('\n').slice(1).filter((line) => line !== '');
    expect(orders.every((line) => (line.split(',')[2] as string) <= '2023-07-04 12:00:00')).toBe(true);
    // Orders still open then, though all are finished by the window's end.
    expect(orders.filter((line) => /,(pending|processing|shipped),/.test(line)).length).toBeGreaterThan(0);
    const validated = runCli(['validate', out]);
    expect(validated.status, validated.stdout).toBe(0);
  });

  it('works with --format jsonl, --part and --tables: the same rows as the whole as-of run', () => {
    const base = ['generate', ...TINY_FLAGS, '--as-of', '2024-02-29 08:00:00', '-q'];
    cli([...base, '-o', join(dir, 'whole'), '--no-samples']);
    cli([...base, '-o', join(dir, 'orders-only'), '--tables', 'orders,customers']);
    cli([...base, '-o', join(dir, 'parts'), '--part', '2', '--parts', '2']);
    cli([...base, '-o', join(dir, 'json'), '--format', 'jsonl', '--no-samples']);
    const whole = readFileSync(join(dir, 'whole', 'orders.csv'), 'utf8');
    expect(readFileSync(join(dir, 'orders-only', 'orders.csv'), 'utf8')).toBe(whole);
    const partTwo = readFileSync(join(dir, 'parts', 'orders.part-002-of-002.csv'), 'utf8').split('\n').slice(1).filter((line) => line !== '');
    const wholeLines = whole.split('\n').slice(1).filter((line) => line !== '');
    expect(wholeLines.slice(wholeLines.length - partTwo.length)).toEqual(partTwo);
    const json = readFileSync(join(dir, 'json', 'orders.jsonl'), 'utf8').split('\n').filter((line) => line !== '');
    expect(json.length).toBe(wholeLines.length);
    expect((JSON.parse(json[0] as string) as { updated_at: string }).updated_at).toBe(wholeLines[0]?.split(',').at(-1));
  });

  // Each bad instant's message is checked in process (test/unit/changes/changesOptions.test.ts).
  it('--as-of 2024-02-30: one line, exit 2, nothing written', () => {
    const out = join(dir, 'bad-as-of');
    const result = runCli(['generate', ...TINY_FLAGS, '--as-of', '2024-02-30', '-o', out]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('ecomgen: --as-of: must be YYYY-MM-DD or "YYYY-MM-DD HH:MM:SS" (UTC) (got "2024-02-30")\n');
    expect(() => readdirSync(out)).toThrow();
  });
});
