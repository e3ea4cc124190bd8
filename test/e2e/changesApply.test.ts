// The replay invariant through the CLI, on both real engines: load `generate --as-of T1`, `load --apply`
// the batches of `changes --from T1 --to T2` (clean; with late and repeated rows; as jsonl), and every table
// equals `generate --as-of T2` loaded next to it, compared with EXCEPT both ways. The snapshots and streams
// are made in process (the library's generate and writeChanges; their CLI is changes.test.ts's): the
// loads and applies, the thing under test here, are real CLI runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate, TABLE_NAMES, writeChanges } from 'ecomgen';
import { POSTGRES_SKIP, startPostgres, type PostgresServer } from '../helpers/postgresServer.js';
import { runCli, tempDir } from '../helpers/run.js';
import { differences, withDuckdb, withPostgres, type Query } from '../helpers/tableCompare.js';

// `changes` comes with the history model; until it is in the built CLI there is nothing to replay.

// The clickstream covers the most recent orders, so at this size web events start a few days before the
// window's end: the week up to the end has inserts in every table (and T2 = the end is the full run).
// One worker thread: the bytes are the same for any count (determinism.test.ts, changes.test.ts), and a
// second thread would set up its own copy of each run's state.
const SIZE = { customers: 400, products: 150, orders: 2000, seed: 2718, start: '2024-01-01', end: '2024-03-31', workers: 1 } as const;
const T1 = '2024-03-24';
const T2 = '2024-03-31';

function cli(args: readonly string[]): string {
  const result = runCli(args);
  expect(result.status, `ecomgen ${args.join(' ')}: ${result.stderr}`).toBe(0);
  return result.stdout;
}

/** "applied N batches", N from the stream's own manifest (a day batch per day of the window). */
function appliedAll(stream: string): RegExp {
  const manifest = JSON.parse(readFileSync(join(stream, 'manifest.json'), 'utf8')) as { batches: string[] };
  expect(manifest.batches.length).toBeGreaterThan(0);
  return new RegExp(`^applied ${manifest.batches.length} batches of `, 'm');
}

function expectSame(diff: Awaited<ReturnType<typeof differences>>): void {
  for (const table of TABLE_NAMES) {
    const d = diff[table] as (typeof diff)[string];
    expect({ table, extra: d.extra, missing: d.missing, rows: d.rows }).toEqual({ table, extra: 0, missing: 0, rows: d.expectedRows });
  }
}

/** Tables that differ at all between two schemas: the window must change something for the test to mean anything. */
function changedTables(diff: Awaited<ReturnType<typeof differences>>): string[] {
  return TABLE_NAMES.filter((table) => {
    const d = diff[table] as (typeof diff)[string];
    return d.extra + d.missing > 0;
  });
}

describe('changes, then load --apply, equals the later as-of snapshot', () => {
  let base: string;
  let earlier: string;
  let later: string;
  const streams: Record<string, string> = {};

  beforeAll(async () => {
    base = tempDir('changes-apply');
    earlier = join(base, 'as-of-t1');
    later = join(base, 'as-of-t2');
    await generate({ ...SIZE, asOf: T1, outputDir: earlier });
    await generate({ ...SIZE, asOf: T2, outputDir: later });
    streams['clean'] = join(base, 'changes');
    await writeChanges({ ...SIZE, from: T1, to: T2, every: 'day', outputDir: streams['clean'] });
    streams['faulty'] = join(base, 'changes-faulty');
    await writeChanges({ ...SIZE, from: T1, to: T2, every: 'day', late: 0.1, duplicates: 0.05, outputDir: streams['faulty'] });
    streams['jsonl'] = join(base, 'changes-jsonl');
    await writeChanges({ ...SIZE, from: T1, to: T2, every: 'day', late: 0.1, duplicates: 0.05, format: 'jsonl', outputDir: streams['jsonl'] });
  });

  describe('DuckDB', () => {
    // Both snapshots loaded once by the CLI; each stream is applied to a copy of that database file.
    let loaded: string;

    beforeAll(async () => {
      loaded = tempDir('changes-apply-duckdb-loaded');
      const db = join(loaded, 'shop.duckdb');
      cli(['load', earlier, '--into', `duckdb:${db}`]);
      cli(['load', later, '--into', `duckdb:${db}`, '--schema', 'expected']);
      // A WAL left beside the file would be part of the database; the CLI checkpoints on close.
      expect(existsSync(`${db}.wal`)).toBe(false);
      await withDuckdb(db, async (query) => expect(changedTables(await differences(query, 'main', 'expected'))).toEqual(expect.arrayContaining(['orders', 'order_items', 'web_events'])));
    });

    for (const stream of ['clean', 'faulty', 'jsonl']) {
      it(`${stream} stream`, async () => {
        const db = join(tempDir('changes-apply-duckdb'), 'shop.duckdb');
        cpSync(join(loaded, 'shop.duckdb'), db);
        const applied = cli(['load', '--apply', streams[stream] as string, '--into', `duckdb:${db}`]);
        expect(applied).toMatch(appliedAll(streams[stream] as string));
        await withDuckdb(db, async (query) => expectSame(await differences(query, 'main', 'expected')));
        expect(cli(['load', '--apply', streams[stream] as string, '--into', `duckdb:${db}`])).toMatch(/^nothing to apply: /);
      });
    }
  });

  describe.skipIf(POSTGRES_SKIP !== undefined)('PostgreSQL', () => {
    let server: PostgresServer;

    beforeAll(async () => {
      server = await startPostgres('changes-apply-pg');
      // The later snapshot, loaded once: every applied schema is compared with it.
      cli(['load', later, '--into', server.url, '--schema', 'expected']);
    });

    afterAll(() => server?.stop());

    const withClient = <T>(work: (query: Query) => Promise<T>): Promise<T> => withPostgres(server.url, work);

    for (const stream of ['clean', 'faulty']) {
      it(`${stream} stream`, async () => {
        cli(['load', earlier, '--into', server.url, '--schema', `applied_${stream}`]);
        await withClient(async (query) => expect(changedTables(await differences(query, `applied_${stream}`, 'expected')).length).toBeGreaterThan(0));
        expect(cli(['load', '--apply', streams[stream] as string, '--into', server.url, '--schema', `applied_${stream}`])).toMatch(appliedAll(streams[stream] as string));
        await withClient(async (query) => expectSame(await differences(query, `applied_${stream}`, 'expected')));
      });
    }
  });
});

if (POSTGRES_SKIP) console.warn(`changesApply.test.ts: skipping the PostgreSQL tests: ${POSTGRES_SKIP}`);
