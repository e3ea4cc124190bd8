// `ecomgen load --apply`: hand-written change batches (inserts, updates, deletes, duplicates, late rows,
// a child row that arrives before its parent) applied to a loaded snapshot on a real DuckDB file and a
// real PostgreSQL server; the tables must then equal the state computed here by replaying the stream in
// TypeScript, loaded into a second schema and compared with EXCEPT both ways. The snapshot is loaded into
// DuckDB by the CLI once (and once more with the expected state beside it); each test that needs it
// loaded works on a copy of that file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, createReadStream, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { DuckDBInstance } from '@duckdb/node-api';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { applyChanges, generate, loadSchemas, TABLE_NAMES, type TableName } from 'ecomgen';
import { mergeExample, type MergeExample } from '../../src/load/mergeStatements.js';
import { readSnapshot, replay, StreamBuilder, withValues, writeChangesFolder, writeSnapshot, type Batch, type ChangeRow, type Snapshot } from '../helpers/changeFixture.js';
import { POSTGRES_SKIP, startPostgres, type PostgresServer } from '../helpers/postgresServer.js';
import { refusal } from '../helpers/refusal.js';
import { REPO_ROOT, runCli, tempDir } from '../helpers/run.js';
import { differences, withDuckdb, withPostgres, type Query } from '../helpers/tableCompare.js';

const { schemas } = loadSchemas(join(REPO_ROOT, 'schemas'));
const SCHEMA_VERSION = Number(readFileSync(join(REPO_ROOT, 'schemas', 'VERSION'), 'utf8').trim());

let base: string;
let snapshotDir: string;
let changesDir: string;
// The same stream as Debezium-style envelopes (--format jsonl).
let jsonlDir: string;
let expectedDir: string;
let snapshot: Snapshot;
let expected: Snapshot;
let batches: Batch[];
// A fault-free batch with repeated and superseded rows inside it: what the README's MERGE handles.
let mergeDir: string;
let mergeExpectedDir: string;
// DuckDB files made by `ecomgen load`: the snapshot in main; the same plus the replayed state in expected.
let loadedSnapshot: string;
let loadedWithExpected: string;

/** A copy of one of the loaded DuckDB files, to change. */
function copyOf(loaded: string, label: string): string {
  const db = join(tempDir(label), 'shop.duckdb');
  cpSync(loaded, db);
  return db;
}

const row = (table: TableName, key: number | string): readonly string[] => {
  const found = snapshot[table].get(String(key));
  if (!found) throw new Error(`fixture: ${table} ${key} is not in the snapshot`);
  return found;
};
const maxKey = (table: TableName): number => Math.max(...[...snapshot[table].keys()].map(Number));

/**
 * Three daily batches over the snapshot. Faults as the contract allows them: a repeated row (same _seq),
 * rows delivered a batch or two late (their _seq unchanged), and rows out of _seq order in a file.
 */
function buildBatches(): Batch[] {
  const s = new StreamBuilder();
  const c = (table: TableName, op: 'I' | 'U' | 'D', at: string, fields: readonly string[]): ChangeRow => s.change(table, op, at, fields);
  const newCustomer = maxKey('customers') + 1;
  const doomedCustomer = maxKey('customers') + 2;
  const newOrder = maxKey('orders') + 1;
  const newItem = maxKey('order_items') + 1;
  const newEvent = maxKey('web_events') + 1;
  const customerOfOrder2 = row('orders', 2)[1] as string;

  // Day 1
  const moveCustomer = c('customers', 'U', '2024-03-15 08:00:00', withValues(schemas, 'customers', row('customers', customerOfOrder2), { city: 'Portland', state: 'OR', zip_code: '97201' }));
  const insertCustomer = c('customers', 'I', '2024-03-15 09:00:00', withValues(schemas, 'customers', row('customers', 2), { customer_id: String(newCustomer), email: 'new.customer@example.com' }));
  const insertOrder = c('orders', 'I', '2024-03-15 09:05:00', withValues(schemas, 'orders', row('orders', 1), { order_id: String(newOrder), customer_id: String(newCustomer), status: 'pending', shipped_at: '', delivered_at: '', returned_at: '' }));
  const insertItem = c('order_items', 'I', '2024-03-15 09:05:00', withValues(schemas, 'order_items', row('order_items', 1), { order_item_id: String(newItem), order_id: String(newOrder) }));
  const cancelOrder = c('orders', 'U', '2024-03-15 10:00:00', withValues(schemas, 'orders', row('orders', 2), { status: 'cancelled', shipped_at: '', delivered_at: '', returned_at: '' }));
  const reprice = c('products', 'U', '2024-03-15 11:00:00', withValues(schemas, 'products', row('products', 3), { price: '1.23', stock_quantity: '7' }));
  const deleteEvent = c('web_events', 'D', '2024-03-15 12:00:00', ['1']);
  const deleteItem = c('order_items', 'D', '2024-03-15 12:30:00', ['2']);
  const insertEvent = c('web_events', 'I', '2024-03-15 13:00:00', withValues(schemas, 'web_events', row('web_events', 1), { event_id: String(newEvent), customer_id: String(newCustomer), order_id: '', product_id: '' }));
  const insertDoomed = c('customers', 'I', '2024-03-15 14:00:00', withValues(schemas, 'customers', row('customers', 3), { customer_id: String(doomedCustomer), email: 'doomed@example.com' }));
  const updateDoomed = c('customers', 'U', '2024-03-15 15:00:00', withValues(schemas, 'customers', row('customers', 3), { customer_id: String(doomedCustomer), email: 'doomed@example.com', city: 'Nowhere' }));
  // Day 2
  const moveAgain = c('customers', 'U', '2024-03-16 08:00:00', withValues(schemas, 'customers', row('customers', customerOfOrder2), { city: 'Salem', state: 'OR', zip_code: '97301' }));
  const shipNewOrder = c('orders', 'U', '2024-03-16 09:00:00', withValues(schemas, 'orders', insertOrder.fields, { status: 'shipped', shipped_at: '2024-03-16 09:00:00' }));
  const deleteItem3 = c('order_items', 'D', '2024-03-16 10:00:00', ['3']);
  const deleteDoomed = c('customers', 'D', '2024-03-16 11:00:00', [String(doomedCustomer)]);
  // Day 3
  const reopenOrder = c('orders', 'U', '2024-03-17 08:00:00', withValues(schemas, 'orders', row('orders', 2), { status: 'processing', shipped_at: '', delivered_at: '', returned_at: '' }));
  const repriceAgain = c('products', 'U', '2024-03-17 09:00:00', withValues(schemas, 'products', row('products', 3), { price: '2.34' }));

  return [
    // The new order is late (day 3) but its line item is on time: the item waits for it.
    { name: '2024-03-15', rows: [moveCustomer, insertCustomer, insertItem, cancelOrder, reprice, deleteEvent, deleteItem, insertEvent, insertDoomed] },
    // A repeated delete; the doomed customer's update comes late, after its delete has been applied.
    { name: '2024-03-16', rows: [moveAgain, shipNewOrder, deleteItem3, deleteItem, deleteDoomed] },
    // Late and repeated rows older than what was applied to their key, out of _seq order in the file.
    { name: '2024-03-17', rows: [repriceAgain, reopenOrder, cancelOrder, moveCustomer, insertOrder, updateDoomed, reprice, repriceAgain] },
  ];
}

/** One batch for the MERGE example: repeated and superseded rows, an insert then delete, no late rows. */
function buildMergeBatch(): Batch {
  const s = new StreamBuilder();
  const at = '2024-03-15 10:00:00';
  const customer = row('orders', 2)[1] as string;
  const newCustomer = maxKey('customers') + 1;
  const newOrder = maxKey('orders') + 1;
  const first = s.change('customers', 'U', at, withValues(schemas, 'customers', row('customers', customer), { city: 'Portland', state: 'OR' }));
  const second = s.change('customers', 'U', at, withValues(schemas, 'customers', row('customers', customer), { city: 'Salem', state: 'OR' }));
  const inserted = s.change('customers', 'I', at, withValues(schemas, 'customers', row('customers', 2), { customer_id: String(newCustomer), email: 'merge@example.com' }));
  const gone = s.change('customers', 'I', at, withValues(schemas, 'customers', row('customers', 3), { customer_id: String(newCustomer + 1), email: 'gone@example.com' }));
  const goneAgain = s.change('customers', 'D', at, [String(newCustomer + 1)]);
  const order = s.change('orders', 'I', at, withValues(schemas, 'orders', row('orders', 1), { order_id: String(newOrder), customer_id: String(newCustomer) }));
  const cancel = s.change('orders', 'U', at, withValues(schemas, 'orders', row('orders', 2), { status: 'cancelled', shipped_at: '', delivered_at: '', returned_at: '' }));
  const item = s.change('order_items', 'I', at, withValues(schemas, 'order_items', row('order_items', 1), { order_item_id: String(maxKey('order_items') + 1), order_id: String(newOrder) }));
  const dropItem = s.change('order_items', 'D', at, ['2']);
  const price = s.change('products', 'U', at, withValues(schemas, 'products', row('products', 3), { price: '9.99' }));
  const dropEvent = s.change('web_events', 'D', at, ['1']);
  const event = s.change('web_events', 'I', at, withValues(schemas, 'web_events', row('web_events', 1), { event_id: String(maxKey('web_events') + 1) }));
  return { name: '2024-03-15', rows: [second, first, second, inserted, gone, goneAgain, order, cancel, item, dropItem, price, dropEvent, event, cancel] };
}

beforeAll(async () => {
  base = tempDir('apply');
  snapshotDir = join(base, 'snapshot');
  await generate({ customers: 60, products: 30, orders: 150, seed: 4242, outputDir: snapshotDir, workers: 1 });
  snapshot = readSnapshot(snapshotDir);
  batches = buildBatches();
  changesDir = join(base, 'changes');
  writeChangesFolder(changesDir, batches, schemas, SCHEMA_VERSION);
  jsonlDir = join(base, 'changes-jsonl');
  writeChangesFolder(jsonlDir, batches, schemas, SCHEMA_VERSION, 'jsonl');
  expected = replay(snapshot, batches.flatMap((batch) => batch.rows));
  expectedDir = join(base, 'expected');
  writeSnapshot(expectedDir, expected, schemas);
  const mergeBatch = buildMergeBatch();
  mergeDir = join(base, 'merge');
  writeChangesFolder(mergeDir, [mergeBatch], schemas, SCHEMA_VERSION);
  mergeExpectedDir = join(base, 'merge-expected');
  writeSnapshot(mergeExpectedDir, replay(snapshot, mergeBatch.rows), schemas);
  loadedSnapshot = join(tempDir('apply-loaded'), 'snapshot.duckdb');
  const loaded = runCli(['load', snapshotDir, '--into', `duckdb:${loadedSnapshot}`]);
  expect(loaded.status, loaded.stderr).toBe(0);
  loadedWithExpected = copyOf(loadedSnapshot, 'apply-loaded-expected');
  const loadedExpected = runCli(['load', expectedDir, '--into', `duckdb:${loadedWithExpected}`, '--schema', 'expected']);
  expect(loadedExpected.status, loadedExpected.stderr).toBe(0);
  // A WAL beside a file would be part of its database; the CLI checkpoints on close, so a copy is whole.
  expect(existsSync(`${loadedSnapshot}.wal`) || existsSync(`${loadedWithExpected}.wal`)).toBe(false);
});

/** The README's statements for every table of the merge batch, parents first. */
function mergeExamples(dialect: 'postgres' | 'duckdb'): { table: TableName; example: MergeExample; file: string }[] {
  const order: TableName[] = ['customers', 'products', 'orders', 'order_items', 'web_events'];
  return order.map((table) => {
    const file = join(mergeDir, '2024-03-15', `${table}.csv`);
    return { table, file, example: mergeExample(dialect, schemas, table, file) };
  });
}

it('the fixture changes something in every table, so equality with the snapshot would fail', () => {
  for (const table of TABLE_NAMES) {
    const before = snapshot[table];
    const after = expected[table];
    const changed = [...new Set([...before.keys(), ...after.keys()])].filter((key) => before.get(key)?.join('\u0000') !== after.get(key)?.join('\u0000'));
    expect(changed.length, table).toBeGreaterThan(0);
  }
});

/** A folder like `changesDir` whose manifest lists only the first `count` batches. */
function prefixFolder(count: number): string {
  const dir = join(tempDir('apply-prefix'), 'changes');
  cpSync(changesDir, dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { batches: string[] };
  manifest.batches = manifest.batches.slice(0, count);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

function expectOneLineError(result: { status: number | null; stderr: string }, pattern: RegExp): void {
  expect(result.status, result.stderr).toBe(2);
  const lines = result.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^ecomgen: /);
  expect(lines[0]).toMatch(pattern);
}

/** Whether any table differs at all. */
const changed = (diff: Awaited<ReturnType<typeof differences>>): boolean => Object.values(diff).some((d) => d.extra + d.missing > 0);

function expectEqualTables(diff: Awaited<ReturnType<typeof differences>>): void {
  for (const table of TABLE_NAMES) {
    const d = diff[table] as (typeof diff)[string];
    expect({ table, extra: d.extra, missing: d.missing }).toEqual({ table, extra: 0, missing: 0 });
    expect(d.rows, table).toBe(d.expectedRows);
    expect(d.rows, table).toBe(expected[table].size);
  }
}

describe('load --apply into DuckDB', () => {
  let db: string;

  beforeAll(() => {
    db = copyOf(loadedWithExpected, 'apply-duckdb');
  });

  it('applies two batches, then only the third on a rerun with the whole folder, and equals the replayed state', async () => {
    const first = runCli(['load', '--apply', prefixFolder(2), '--into', `duckdb:${db}`]);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^2024-03-15 +9 change rows: 3 inserted, 3 updated, 2 deleted, 0 skipped \(duplicate or stale\); 1 waiting for a parent row/m);
    expect(first.stdout).toMatch(/^applied 2 batches of .* to duckdb:.*shop\.duckdb in /m);

    const rest = runCli(['load', '--apply', changesDir, '--into', `duckdb:${db}`]);
    expect(rest.status, rest.stderr).toBe(0);
    expect(rest.stdout).not.toMatch(/^2024-03-1[56] /m);
    expect(first.stdout).toMatch(/^2024-03-16 +5 change rows: 1 inserted, 2 updated, 2 deleted, 1 skipped \(duplicate or stale\)  /m);
    expect(rest.stdout).toMatch(/^2024-03-17 +8 change rows: 0 inserted, 2 updated, 0 deleted, 6 skipped/m);
    expect(rest.stdout).toMatch(/\(2 batches applied before\)/);

    await withDuckdb(db, async (query) => {
      expectEqualTables(await differences(query, 'main', 'expected'));
      const recorded = await query('SELECT batch FROM _ecomgen_batches ORDER BY batch');
      expect(recorded.map((r) => r['batch'])).toEqual(batches.map((batch) => batch.name));
      const pending = await query('SELECT count(*) AS n FROM _ecomgen_pending_order_items');
      expect(Number(pending[0]?.['n'])).toBe(0);
      // The indexes dropped for the updates are back.
      const indexes = await query("SELECT index_name FROM duckdb_indexes() WHERE schema_name = 'main' ORDER BY index_name");
      const names = indexes.map((r) => String(r['index_name']));
      for (const table of TABLE_NAMES) for (const index of schemas[table].indexes.filter((i) => !i.unique)) expect(names).toContain(index.name);
    });
  });

  it('a rerun applies nothing and says so; an older batch is refused', async () => {
    const again = runCli(['load', '--apply', changesDir, '--into', `duckdb:${db}`]);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout.trim()).toMatch(/^nothing to apply: duckdb:.*shop\.duckdb already holds all 3 batches of /);

    const older = join(tempDir('apply-older'), 'changes');
    cpSync(changesDir, older, { recursive: true });
    renameSync(join(older, '2024-03-15'), join(older, '2024-03-14'));
    const batch = JSON.parse(readFileSync(join(older, '2024-03-14', 'manifest.json'), 'utf8')) as { batch: string };
    batch.batch = '2024-03-14';
    writeFileSync(join(older, '2024-03-14', 'manifest.json'), JSON.stringify(batch));
    const manifest = JSON.parse(readFileSync(join(older, 'manifest.json'), 'utf8')) as { batches: string[] };
    manifest.batches = ['2024-03-14', '2024-03-16', '2024-03-17'];
    writeFileSync(join(older, 'manifest.json'), JSON.stringify(manifest));
    expect(await refusal(applyChanges({ dir: older, into: `duckdb:${db}` }))).toMatch(/^--apply: batch 2024-03-14 is older than 2024-03-17, the last batch applied/);
    await withDuckdb(db, async (query) => expectEqualTables(await differences(query, 'main', 'expected')));
  });

  it('refuses a folder that is not a complete stream, a damaged batch, a target without the tables and another schema version', async () => {
    expectOneLineError(runCli(['load', '--apply', snapshotDir, '--into', `duckdb:${db}`]), /is not the manifest of a complete changes folder .*"kind": "changes"/);
    const unfinished = join(tempDir('apply-unfinished'), 'changes');
    cpSync(changesDir, unfinished, { recursive: true, filter: (source) => source !== join(changesDir, 'manifest.json') });
    expect(await refusal(applyChanges({ dir: unfinished, into: `duckdb:${db}` }))).toMatch(/is not a complete changes folder: it has no manifest\.json/);

    // Batches to apply are all checked first: the damaged second one stops the first from being applied.
    const fresh = copyOf(loadedSnapshot, 'apply-fresh');
    const damaged = join(tempDir('apply-damaged'), 'changes');
    cpSync(changesDir, damaged, { recursive: true });
    const file = join(damaged, '2024-03-16', 'orders.csv');
    writeFileSync(file, readFileSync(file, 'utf8').replace('shipped', 'shipped '));
    expect(await refusal(applyChanges({ dir: damaged, into: `duckdb:${fresh}` }))).toMatch(/2024-03-16\/orders\.csv does not match its manifest \(sha256 /);
    const damagedJsonl = join(tempDir('apply-jsonl-damaged'), 'changes');
    cpSync(jsonlDir, damagedJsonl, { recursive: true });
    const jsonlFile = join(damagedJsonl, '2024-03-17', 'products.jsonl');
    writeFileSync(jsonlFile, readFileSync(jsonlFile, 'utf8').replace('2.34', '2.35'));
    expect(await refusal(applyChanges({ dir: damagedJsonl, into: `duckdb:${fresh}` }))).toMatch(/2024-03-17\/products\.jsonl does not match its manifest/);
    await withDuckdb(fresh, async (query) => expect(await query('SELECT batch FROM _ecomgen_batches')).toEqual([]));

    const empty = join(tempDir('apply-empty'), 'new.duckdb');
    expect(await refusal(applyChanges({ dir: changesDir, into: `duckdb:${empty}` }))).toMatch(/has no customers, products, orders, order_items, web_events tables; `ecomgen load` the snapshot/);
    // Refused before anything is written: the file it would have created is gone.
    expect(() => readFileSync(empty)).toThrow();

    const otherVersion = join(tempDir('apply-version'), 'changes');
    cpSync(changesDir, otherVersion, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(otherVersion, 'manifest.json'), 'utf8')) as { schema_version: number };
    manifest.schema_version = SCHEMA_VERSION + 1;
    writeFileSync(join(otherVersion, 'manifest.json'), JSON.stringify(manifest));
    expect(await refusal(applyChanges({ dir: otherVersion, into: `duckdb:${db}` }))).toMatch(new RegExp(`the changes have schema version ${SCHEMA_VERSION + 1} but .* holds batches of schema version ${SCHEMA_VERSION}`));

    const widened = copyOf(loadedSnapshot, 'apply-widened');
    await withDuckdb(widened, (query) => query('ALTER TABLE web_events ADD COLUMN updated_at TIMESTAMP'));
    expect(await refusal(applyChanges({ dir: changesDir, into: `duckdb:${widened}` }))).toMatch(/holds web_events with other columns than the changes \(schema version \d+\); load a snapshot of that schema version first/);

    expect(await refusal(applyChanges({ dir: join(base, 'no-such-folder'), into: `duckdb:${db}` }))).toMatch(/^--apply: cannot read the changes folder .*no-such-folder \(ENOENT\)$/);
    // The combinations of a directory, --apply and --replace are checked in memory (test/unit/cli/loadJob.test.ts);
    // one refused here shows how the CLI says it: one line, exit 2.
    expectOneLineError(runCli(['load', snapshotDir, '--apply', changesDir, '--into', `duckdb:${db}`]), /^ecomgen: --apply: give the changes folder or a dataset directory, not both/);
  });
});

describe('load --apply of jsonl batches into DuckDB', () => {
  it('applies the envelopes like the CSV rows and equals the replayed state', async () => {
    const db = copyOf(loadedWithExpected, 'apply-jsonl');
    const result = runCli(['load', '--apply', jsonlDir, '--into', `duckdb:${db}`]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^2024-03-15 +9 change rows: 3 inserted, 3 updated, 2 deleted, 0 skipped \(duplicate or stale\); 1 waiting for a parent row/m);
    await withDuckdb(db, async (query) => expectEqualTables(await differences(query, 'main', 'expected')));
  });

  it('a last batch written bad (its sha256 matches) stops the run before the first batch is applied', async () => {
    const db = copyOf(loadedSnapshot, 'apply-jsonl-bad');
    expect(runCli(['load', snapshotDir, '--into', `duckdb:${db}`, '--schema', 'before']).status).toBe(0);
    const bad = join(tempDir('apply-jsonl-bad-folder'), 'changes');
    cpSync(jsonlDir, bad, { recursive: true });
    // The file is cut inside its last envelope, and its manifest records the bytes as they are now.
    const file = join(bad, '2024-03-17', 'products.jsonl');
    const text = readFileSync(file, 'utf8');
    const cut = `${text.slice(0, text.lastIndexOf('}', text.length - 3))}\n`;
    writeFileSync(file, cut);
    const manifestPath = join(bad, '2024-03-17', 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { tables: Record<string, { sha256: string }> };
    (manifest.tables['products'] as { sha256: string }).sha256 = createHash('sha256').update(cut).digest('hex');
    writeFileSync(manifestPath, JSON.stringify(manifest));
    const lines = cut.trimEnd().split('\n').length;
    expect(await refusal(applyChanges({ dir: bad, into: `duckdb:${db}` }))).toMatch(new RegExp(`2024-03-17/products\\.jsonl line ${lines} is not valid JSON`));
    await withDuckdb(db, async (query) => {
      expect(await query('SELECT batch FROM _ecomgen_batches')).toEqual([]);
      // The first two batches (good ones) change every table; none of it may be there.
      expect(changed(await differences(query, 'main', 'before'))).toBe(false);
    });
  });
});

describe('the README\'s MERGE on DuckDB', () => {
  it('applies one batch per table and equals the replayed state', async () => {
    const db = copyOf(loadedSnapshot, 'merge-duckdb');
    expect(runCli(['load', mergeExpectedDir, '--into', `duckdb:${db}`, '--schema', 'expected']).status).toBe(0);
    await withDuckdb(db, async (query) => {
      for (const { example } of mergeExamples('duckdb')) {
        for (const sql of [example.stage, example.load, ...example.dropIndexes, example.merge, ...example.createIndexes]) await query(sql);
      }
      const diff = await differences(query, 'main', 'expected');
      for (const table of TABLE_NAMES) expect({ table, ...diff[table] }).toEqual({ table, extra: 0, missing: 0, rows: diff[table]?.expectedRows, expectedRows: diff[table]?.expectedRows });
      // The batch changed every table, so equality above is not equality with the snapshot.
      const [customers] = await query(`SELECT count(*) AS n FROM customers WHERE email = 'merge@example.com'`);
      expect(Number(customers?.['n'])).toBe(1);
    });
  });
});

describe.skipIf(POSTGRES_SKIP !== undefined)('load --apply into PostgreSQL', () => {
  let server: PostgresServer;

  beforeAll(async () => {
    server = await startPostgres('apply-pg');
    for (const args of [['load', snapshotDir, '--into', server.url, '--schema', 'shop'], ['load', expectedDir, '--into', server.url, '--schema', 'expected']]) {
      const loaded = runCli(args);
      expect(loaded.status, loaded.stderr).toBe(0);
    }
  });

  afterAll(() => server?.stop());

  const withClient = <T>(work: (query: Query) => Promise<T>): Promise<T> => withPostgres(server.url, work);

  it('applies the batches in one run into a named schema and equals the replayed state; a rerun applies nothing', async () => {
    const result = runCli(['load', '--apply', changesDir, '--into', server.url, '--schema', 'shop']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^2024-03-15 +9 change rows: 3 inserted, 3 updated, 2 deleted, 0 skipped \(duplicate or stale\); 1 waiting for a parent row/m);
    expect(result.stdout).toMatch(/^applied 3 batches of .* to postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres in /m);
    await withClient(async (query) => {
      expectEqualTables(await differences(query, 'shop', 'expected'));
      const recorded = await query('SELECT batch FROM shop._ecomgen_batches ORDER BY batch');
      expect(recorded.map((r) => r['batch'])).toEqual(batches.map((batch) => batch.name));
    });
    const again = runCli(['load', '--apply', changesDir, '--into', server.url, '--schema', 'shop']);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^nothing to apply: /);

    // A reload of the snapshot forgets the applied batches with the data they changed.
    const reloaded = runCli(['load', snapshotDir, '--into', server.url, '--schema', 'shop', '--replace']);
    expect(reloaded.status, reloaded.stderr).toBe(0);
    await withClient(async (query) => {
      expect(await query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'shop' AND table_name LIKE '\\_ecomgen%'")).toEqual([]);
      expect(changed(await differences(query, 'shop', 'expected'))).toBe(true);
    });
    const reapplied = runCli(['load', '--apply', changesDir, '--into', server.url, '--schema', 'shop']);
    expect(reapplied.stdout).toMatch(/^applied 3 batches of /m);
    await withClient(async (query) => expectEqualTables(await differences(query, 'shop', 'expected')));
  });

  it('applies jsonl batches like the CSV ones', async () => {
    expect(runCli(['load', snapshotDir, '--into', server.url, '--schema', 'from_jsonl']).status).toBe(0);
    const result = runCli(['load', '--apply', jsonlDir, '--into', server.url, '--schema', 'from_jsonl']);
    expect(result.status, result.stderr).toBe(0);
    await withClient(async (query) => expectEqualTables(await differences(query, 'from_jsonl', 'expected')));
  });

  it('the README\'s MERGE applies one batch per table and equals the replayed state', async () => {
    for (const args of [['load', snapshotDir, '--into', server.url, '--schema', 'merged'], ['load', mergeExpectedDir, '--into', server.url, '--schema', 'merge_expected']]) {
      const loaded = runCli(args);
      expect(loaded.status, loaded.stderr).toBe(0);
    }
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    try {
      await client.query('SET search_path TO merged');
      for (const { example, file } of mergeExamples('postgres')) {
        await client.query(example.stage);
        // psql's \copy reads the file on the client: the same COPY, fed from here.
        const copy = example.load.replace(/^\\copy (\S+) FROM '[^']*'/, 'COPY $1 FROM STDIN');
        expect(copy).toMatch(/^COPY \w+ FROM STDIN WITH \(FORMAT csv, HEADER true\)$/);
        await pipeline(createReadStream(file), client.query(copyFrom(copy)));
        await client.query(example.merge);
      }
    } finally {
      await client.end();
    }
    await withClient(async (query) => {
      const diff = await differences(query, 'merged', 'merge_expected');
      for (const table of TABLE_NAMES) expect({ table, ...diff[table] }).toEqual({ table, extra: 0, missing: 0, rows: diff[table]?.expectedRows, expectedRows: diff[table]?.expectedRows });
      const [customers] = await query(`SELECT count(*) AS n FROM merged.customers WHERE email = 'merge@example.com'`);
      expect(Number(customers?.['n'])).toBe(1);
    });
  });

  it('a batch that fails is rolled back whole; the batches before it stay applied', async () => {
    const bad = join(tempDir('apply-pg-bad'), 'changes');
    const reopen = (batches[2] as Batch).rows[1] as ChangeRow;
    // The day-3 update of order 2, then a newer one with a status the CHECK constraint refuses.
    const refused = { ...reopen, seq: 1n << 61n, fields: withValues(schemas, 'orders', reopen.fields, { status: 'lost' }) };
    writeChangesFolder(bad, batches.map((batch, index) => (index < 2 ? batch : { ...batch, rows: [...batch.rows, refused] })), schemas, SCHEMA_VERSION);
    const loaded = runCli(['load', snapshotDir, '--into', server.url, '--schema', 'rollback']);
    expect(loaded.status, loaded.stderr).toBe(0);
    const result = runCli(['load', '--apply', bad, '--into', server.url, '--schema', 'rollback']);
    expectOneLineError(result, /batch 2024-03-17: updating orders: .*ck_orders_status/);
    expect(result.stdout).toMatch(/^2024-03-16 /m);
    await withClient(async (query) => {
      const recorded = await query('SELECT batch FROM rollback._ecomgen_batches ORDER BY batch');
      expect(recorded.map((r) => r['batch'])).toEqual(['2024-03-15', '2024-03-16']);
      // Day 1 cancelled order 2; day 3 (reopened, then refused) left no trace, not even the price change.
      const [order] = await query('SELECT status FROM rollback.orders WHERE order_id = 2');
      expect(order?.['status']).toBe('cancelled');
      const [product] = await query('SELECT price FROM rollback.products WHERE product_id = 3');
      expect(product?.['price']).toBe('1.23');
    });
  });
});
