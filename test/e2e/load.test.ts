// `ecomgen load`: a generated dataset into a real DuckDB file and a real PostgreSQL server with every
// key and check enforced; the loaded data is then queried to prove the money adds up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import pg from 'pg';
import { generate, loadDataset, loadSchemas, TABLE_NAMES, type Manifest, type TableName } from 'ecomgen';
import { readTable } from '../helpers/csv.js';
import { toCents } from '../helpers/dataset.js';
import { freePort, POSTGRES_SKIP, startPostgres, type PostgresServer } from '../helpers/postgresServer.js';
import { refusal } from '../helpers/refusal.js';
import { CLI, REPO_ROOT, runCli, tempDir, type CliResult } from '../helpers/run.js';

const { schemas } = loadSchemas(join(REPO_ROOT, 'schemas'));
let dir: string;
let manifest: Manifest;

beforeAll(async () => {
  dir = tempDir('load');
  // Small on purpose: what is tested is the load's behaviour (constraints, transactions, refusals), and
  // every load and reload below pays for the rows.
  manifest = (await generate({ customers: 300, products: 150, orders: 1500, seed: 12345, outputDir: dir, workers: 1 })).manifest;
});

/** Constraints the schemas call for, counted straight from the schema files. */
function expectedConstraints(table: TableName): { primaryKeys: number; uniques: number; foreignKeys: number; checks: number } {
  const schema = schemas[table];
  const keyColumns = schema.columns.filter((column) => column.primaryKey).map((column) => column.name).join(',');
  return {
    primaryKeys: keyColumns ? 1 : 0,
    uniques: schema.indexes.filter((index) => index.unique && index.columns.join(',') !== keyColumns).length,
    foreignKeys: schema.columns.filter((column) => column.foreignKey).length,
    checks: schema.columns.filter((column) => column.allowedValues || column.min !== undefined || column.max !== undefined).length,
  };
}

/** What the CSVs say, computed here from the files: row counts and money totals in cents. */
function fileFacts(): { rows: Record<string, number>; totalCents: number; lineTotalCents: number } {
  const orders = readTable(dir, 'orders.csv');
  const items = readTable(dir, 'order_items.csv');
  const sum = (rows: readonly string[][], index: number): number => rows.reduce((total, row) => total + toCents(row[index] as string), 0);
  const rows = Object.fromEntries(TABLE_NAMES.map((table) => [table, readTable(dir, `${table}.csv`).rows.length]));
  return { rows, totalCents: sum(orders.rows, orders.col('total_amount')), lineTotalCents: sum(items.rows, items.col('line_total')) };
}

/** Per-table rows from the load command's report (`customers  1,000 rows  0.0s`). */
function reportedRows(stdout: string): Record<string, number> {
  const rows: Record<string, number> = {};
  for (const match of stdout.matchAll(/^(\w+)\s+([\d,]+) rows\s/gm)) {
    if ((TABLE_NAMES as readonly string[]).includes(match[1] as string)) rows[match[1] as string] = Number((match[2] as string).replaceAll(',', ''));
  }
  return rows;
}

function expectOneLineError(result: { status: number | null; stderr: string }, code: number, pattern: RegExp): void {
  expect(result.status, result.stderr).toBe(code);
  const lines = result.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^ecomgen: /);
  expect(lines[0]).toMatch(pattern);
}

/** A copy of the dataset (without manifest) whose first order names a customer that does not exist. */
function datasetWithOrphanOrder(): string {
  const bad = tempDir('load-bad');
  for (const table of TABLE_NAMES) cpSync(join(dir, `${table}.csv`), join(bad, `${table}.csv`));
  const lines = readFileSync(join(bad, 'orders.csv'), 'utf8').split('\n');
  const fields = (lines[1] as string).split(',');
  fields[1] = String(manifest.counts.customers + 1000);
  lines[1] = fields.join(',');
  writeFileSync(join(bad, 'orders.csv'), lines.join('\n'));
  return bad;
}

// SQL both engines run the same way over the loaded tables.
const ORDERS_NOT_MATCHING_ITEMS = `
  SELECT count(*) AS n FROM orders o
  LEFT JOIN (SELECT order_id, sum(line_total) AS items_total FROM order_items GROUP BY order_id) i ON i.order_id = o.order_id
  WHERE i.items_total IS NULL OR o.subtotal <> i.items_total`;
const ORDERS_WITH_WRONG_TOTAL = 'SELECT count(*) AS n FROM orders WHERE total_amount <> subtotal - discount_amount + tax_amount + shipping_cost';
const MONEY_TOTALS = `
  SELECT (SELECT sum(total_amount) FROM orders) AS total,
         (SELECT sum(line_total) FROM order_items) AS lines,
         (SELECT sum(subtotal - discount_amount + tax_amount + shipping_cost) FROM orders) AS recomputed`;

/** Decimal text (as either engine returns it) to integer cents. */
const cents = (value: unknown): number => Math.round(Number(String(value)) * 100);

describe('load into DuckDB', () => {
  // The dataset loaded once into one database file; the tests below examine and reload it.
  let file: string;
  let loaded: CliResult;

  beforeAll(() => {
    file = join(tempDir('duck'), 'warehouse.duckdb');
    loaded = runCli(['load', dir, '--into', `duckdb:${file}`]);
  });

  async function withDuckdb<T>(file: string, work: (run: (sql: string) => Promise<Record<string, unknown>[]>) => Promise<T>): Promise<T> {
    const instance = await DuckDBInstance.create(file);
    const connection = await instance.connect();
    try {
      return await work(async (sql) => (await connection.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[]);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  }

  it('loads the dataset with every constraint in force, and the money adds up', async () => {
    expect(loaded.status, loaded.stderr).toBe(0);
    const facts = fileFacts();
    expect(reportedRows(loaded.stdout)).toEqual(manifest.counts);
    expect(facts.rows).toEqual(manifest.counts);

    await withDuckdb(file, async (run) => {
      for (const table of TABLE_NAMES) {
        expect((await run(`SELECT count(*) AS n FROM ${table}`))[0]?.['n'], table).toBe(String(manifest.counts[table]));
      }
      const constraints = await run('SELECT table_name, constraint_type, count(*) AS n FROM duckdb_constraints() GROUP BY ALL');
      expect(constraints.length).toBeGreaterThan(0);
      const countOf = (table: string, type: string): number => Number(constraints.find((row) => row['table_name'] === table && row['constraint_type'] === type)?.['n'] ?? 0);
      for (const table of TABLE_NAMES) {
        const expected = expectedConstraints(table);
        expect({
          primaryKeys: countOf(table, 'PRIMARY KEY'),
          uniques: countOf(table, 'UNIQUE'),
          foreignKeys: countOf(table, 'FOREIGN KEY'),
          checks: countOf(table, 'CHECK'),
        }, table).toEqual(expected);
      }
      expect((await run(ORDERS_NOT_MATCHING_ITEMS))[0]?.['n']).toBe('0');
      expect((await run(ORDERS_WITH_WRONG_TOTAL))[0]?.['n']).toBe('0');
      const money = (await run(MONEY_TOTALS))[0] as Record<string, unknown>;
      expect(cents(money['total'])).toBe(facts.totalCents);
      expect(cents(money['lines'])).toBe(facts.lineTotalCents);
      expect(cents(money['recomputed'])).toBe(facts.totalCents);

      // The constraints are live: each kind rejects a row that breaks it.
      await expect(run('INSERT INTO orders SELECT * REPLACE (999999 AS order_id, 999999 AS customer_id) FROM orders LIMIT 1')).rejects.toThrow(/foreign key/i);
      await expect(run("INSERT INTO customers SELECT * REPLACE (999999 AS customer_id, 'X' AS gender, 'x' || email AS email) FROM customers LIMIT 1")).rejects.toThrow(/CHECK/);
      await expect(run('INSERT INTO customers SELECT * REPLACE (999999 AS customer_id) FROM customers LIMIT 1')).rejects.toThrow(/unique|duplicate/i);
      await expect(run('INSERT INTO products SELECT * FROM products LIMIT 1')).rejects.toThrow(/primary key|duplicate/i);
    });
  });

  it('refuses to load twice without --replace (exit 2, one line) and reloads with --replace', async () => {
    expect(loaded.status, loaded.stderr).toBe(0);
    const again = runCli(['load', dir, '--into', `duckdb:${file}`]);
    expectOneLineError(again, 2, /already holds .*--replace/);
    const replaced = runCli(['load', dir, '--into', `duckdb:${file}`, '--replace']);
    expect(replaced.status, replaced.stderr).toBe(0);
    expect(reportedRows(replaced.stdout)).toEqual(manifest.counts);
    await withDuckdb(file, async (run) => {
      expect((await run('SELECT count(*) AS n FROM web_events'))[0]?.['n']).toBe(String(manifest.counts.web_events));
    });
  });

  it('rejects data that breaks a foreign key with exit 2, leaving no database file behind', () => {
    const file = join(tempDir('duck-bad'), 'warehouse.duckdb');
    const result = runCli(['load', datasetWithOrphanOrder(), '--into', `duckdb:${file}`]);
    expectOneLineError(result, 2, /loading orders: .*foreign key/i);
    expect(existsSync(file)).toBe(false);
  });

  // One run of the CLI, on a target that does not parse (each message: test/unit/rules/flags.test.ts); a
  // target the file system refuses and a directory without a dataset are refused by the library, in process.
  it('refuses bad targets and inputs with one line and exit 2', async () => {
    expectOneLineError(runCli(['load', dir, '--into', 'mysql://localhost/shop']), 2, /--into: unknown target/);
    expect(await refusal(loadDataset({ dir, into: 'duckdb:/no/such/dir/w.duckdb' }))).toMatch(/^--into: the directory of .* does not exist/);
    // DuckDB opens a file that is not one of its databases in memory: the load "succeeded" and saved nothing.
    const json = join(tempDir('load-json'), 'data.json');
    writeFileSync(json, '{"not": "a database"}\n');
    expect(await refusal(loadDataset({ dir, into: `duckdb:${json}` }))).toMatch(/^--into: duckdb:.*data\.json is not a DuckDB database file/);
    expect(readFileSync(json, 'utf8')).toBe('{"not": "a database"}\n');
    const empty = tempDir('load-empty');
    expect(await refusal(loadDataset({ dir: empty, into: `duckdb:${join(empty, 'w.duckdb')}` }))).toMatch(/has no customers\.csv/);
  });

  it('checks the rows loaded against manifest.json', async () => {
    const copy = tempDir('load-manifest');
    for (const name of readdirSync(dir)) cpSync(join(dir, name), join(copy, name));
    const edited = JSON.parse(readFileSync(join(copy, 'manifest.json'), 'utf8')) as { files: { table: string; rows: number }[] };
    for (const file of edited.files) if (file.table === 'orders') file.rows += 1;
    writeFileSync(join(copy, 'manifest.json'), JSON.stringify(edited));
    const file = join(copy, 'w.duckdb');
    expect(await refusal(loadDataset({ dir: copy, into: `duckdb:${file}` }))).toMatch(new RegExp(`orders: loaded ${manifest.counts.orders} rows but manifest\\.json records ${manifest.counts.orders + 1}`));
    expect(existsSync(file)).toBe(false);
  });
});

// A server that accepts the connection and never answers (a stuck proxy, a firewall that eats replies):
// the test process only listens, and while spawnSync blocks its event loop the kernel still completes
// every TCP handshake, so the CLI connects and then hears nothing.
describe('load into a PostgreSQL server that never answers', () => {
  let server: Server;
  const sockets: Socket[] = [];
  let port: number;

  beforeAll(async () => {
    server = createServer((socket) => void sockets.push(socket));
    port = await new Promise<number>((resolvePort) => server.listen(0, '127.0.0.1', () => resolvePort((server.address() as { port: number }).port)));
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((closed) => server.close(closed));
  });

  it('fails within --timeout with one line naming it, the password masked', () => {
    const started = Date.now();
    // A timeout of its own, well past --timeout: a hang fails the test instead of blocking the run.
    const result = spawnSync(process.execPath, [CLI, 'load', dir, '--into', `postgres://shop:hunter2@127.0.0.1:${port}/db?password=hunter2`, '--timeout', '2'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(result.error, 'the load hung').toBeUndefined();
    expectOneLineError(result, 1, /^ecomgen: cannot connect to postgres:\/\/shop:\*\*\*@127\.0\.0\.1:\d+\/db\?password=\*\*\*: no answer from the server within 2 s \(--timeout\)$/);
    expect(result.stderr).not.toContain('hunter2');
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
  });
});

// ---- PostgreSQL: a throwaway server of our own on loopback, in a temporary data directory. ----

if (POSTGRES_SKIP) console.warn(`load.test.ts: skipping the PostgreSQL tests: ${POSTGRES_SKIP}`);

describe.skipIf(POSTGRES_SKIP !== undefined)('load into PostgreSQL', () => {
  let server: PostgresServer;
  let url: string;
  // The dataset loaded once into the public schema; the tests below examine and reload it.
  let loaded: CliResult;

  beforeAll(async () => {
    // Everyone is trusted except the role `pwuser`, which must give its password (SCRAM).
    server = await startPostgres('pg', 'host all pwuser 127.0.0.1/32 scram-sha-256\n');
    url = server.url;
    loaded = runCli(['load', dir, '--into', url]);
  });

  afterAll(() => server?.stop());

  async function withClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  const scalar = async (client: pg.Client, sql: string): Promise<unknown> => Object.values((await client.query(sql)).rows[0] as object)[0];

  it('loads the dataset, adds every constraint after the load and validates it, and the money adds up', async () => {
    expect(loaded.status, loaded.stderr).toBe(0);
    expect(reportedRows(loaded.stdout)).toEqual(manifest.counts);
    const facts = fileFacts();

    await withClient(async (client) => {
      for (const table of TABLE_NAMES) expect(await scalar(client, `SELECT count(*) FROM ${table}`), table).toBe(String(manifest.counts[table]));
      const constraints = (await client.query<{ table: string; type: string; n: string; validated: boolean }>(
        `SELECT conrelid::regclass::text AS table, contype AS type, count(*) AS n, bool_and(convalidated) AS validated
         FROM pg_constraint WHERE connamespace = 'public'::regnamespace GROUP BY 1, 2`,
      )).rows;
      expect(constraints.length).toBeGreaterThan(0);
      expect(constraints.filter((row) => !row.validated)).toEqual([]);
      const countOf = (table: string, type: string): number => Number(constraints.find((row) => row.table === table && row.type === type)?.n ?? 0);
      for (const table of TABLE_NAMES) {
        expect({ primaryKeys: countOf(table, 'p'), uniques: countOf(table, 'u'), foreignKeys: countOf(table, 'f'), checks: countOf(table, 'c') }, table)
          .toEqual(expectedConstraints(table));
      }
      const indexes = await scalar(client, "SELECT count(*) FROM pg_indexes WHERE schemaname = 'public' AND indexname LIKE 'idx\\_%'");
      expect(Number(indexes)).toBe(TABLE_NAMES.reduce((sum, table) => sum + schemas[table].indexes.filter((index) => !index.unique).length, 0));
      // NOT NULL exactly where the schema says so.
      for (const table of TABLE_NAMES) {
        const nullable = (await client.query<{ column_name: string; is_nullable: string }>(
          'SELECT column_name, is_nullable FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2', ['public', table],
        )).rows;
        for (const column of schemas[table].columns) {
          expect(nullable.find((row) => row.column_name === column.name)?.is_nullable, `${table}.${column.name}`).toBe(column.nullable ? 'YES' : 'NO');
        }
      }

      expect(await scalar(client, ORDERS_NOT_MATCHING_ITEMS)).toBe('0');
      expect(await scalar(client, ORDERS_WITH_WRONG_TOTAL)).toBe('0');
      const money = (await client.query(MONEY_TOTALS)).rows[0] as Record<string, unknown>;
      expect(cents(money['total'])).toBe(facts.totalCents);
      expect(cents(money['lines'])).toBe(facts.lineTotalCents);
      expect(cents(money['recomputed'])).toBe(facts.totalCents);

      await expect(client.query('INSERT INTO order_items (order_item_id, order_id, product_id, quantity, unit_price, discount_amount, line_total) VALUES (999999, 999999, 1, 1, 1.00, 0, 1.00)'))
        .rejects.toThrow(/foreign key/);
      await expect(client.query("UPDATE orders SET status = 'lost' WHERE order_id = 1")).rejects.toThrow(/check constraint/);
      await expect(client.query('UPDATE order_items SET quantity = 0 WHERE order_item_id = 1')).rejects.toThrow(/check constraint/);
      await expect(client.query('UPDATE customers SET email = (SELECT email FROM customers WHERE customer_id = 2) WHERE customer_id = 1')).rejects.toThrow(/unique/);
    });
  });

  it('refuses to load twice without --replace (exit 2, one line), reloads with --replace, and loads into --schema', async () => {
    expect(loaded.status, loaded.stderr).toBe(0);
    const again = runCli(['load', dir, '--into', url]);
    expectOneLineError(again, 2, /already holds customers, order_items, orders, products, web_events; pass --replace/);
    const replaced = runCli(['load', dir, '--into', url, '--replace']);
    expect(replaced.status, replaced.stderr).toBe(0);
    expect(reportedRows(replaced.stdout)).toEqual(manifest.counts);
    const other = runCli(['load', dir, '--into', url, '--schema', 'warehouse', '-q']);
    expect(other.status, other.stderr).toBe(0);
    await withClient(async (client) => {
      expect(await scalar(client, 'SELECT count(*) FROM warehouse.order_items')).toBe(String(manifest.counts.order_items));
      // The schema's foreign keys point into the schema itself.
      const references = (await client.query<{ target: string }>(
        "SELECT DISTINCT confrelid::regclass::text AS target FROM pg_constraint WHERE contype = 'f' AND connamespace = 'warehouse'::regnamespace",
      )).rows.map((row) => row.target).sort();
      expect(references).toEqual(['warehouse.customers', 'warehouse.orders', 'warehouse.products']);
    });
  });

  it('rejects data that breaks a foreign key with exit 2 and rolls everything back', async () => {
    const result = runCli(['load', datasetWithOrphanOrder(), '--into', url, '--schema', 'rejected']);
    expectOneLineError(result, 2, /adding constraint fk_orders_customer_id: .*violates foreign key constraint/);
    await withClient(async (client) => {
      expect(await scalar(client, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'rejected'")).toBe('0');
    });
  });

  it('runs the printed DDL as is, inline and deferred', async () => {
    for (const placement of ['inline', 'deferred']) {
      const ddl = runCli(['ddl', '--dialect', 'postgres', '--constraints', placement, '--schema', `ddl_${placement}`]);
      expect(ddl.status, ddl.stderr).toBe(0);
      await withClient(async (client) => {
        await client.query(ddl.stdout);
        const count = await scalar(client, `SELECT count(*) FROM pg_constraint WHERE connamespace = 'ddl_${placement}'::regnamespace AND contype IN ('p', 'u', 'f', 'c')`);
        const expected = TABLE_NAMES.map(expectedConstraints).reduce((sum, c) => sum + c.primaryKeys + c.uniques + c.foreignKeys + c.checks, 0);
        expect(Number(count), placement).toBe(expected);
        const comment = await scalar(client, `SELECT obj_description('ddl_${placement}.orders'::regclass, 'pg_class')`);
        expect(comment).toBe(schemas.orders.description);
      });
    }
  });

  it('reports an unreachable server as a runtime failure on one line', async () => {
    const port = await freePort();
    const result = runCli(['load', dir, '--into', `postgres://postgres:secret@127.0.0.1:${port}/postgres?sslpassword=secret2&password=secret3`]);
    expectOneLineError(result, 1, /cannot connect to postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/postgres\?sslpassword=\*\*\*&password=\*\*\*: /);
    expect(result.stderr).not.toMatch(/secret/);
  });

  it('asks for a missing password on one line, masks a wrong one, and says sslmode in one line', async () => {
    await withClient((client) => client.query("CREATE ROLE pwuser LOGIN PASSWORD 'right-password'"));
    const address = url.replace('postgres://postgres@', 'postgres://pwuser@');
    expectOneLineError(runCli(['load', dir, '--into', address]), 2, /^ecomgen: --into: the server asks for a password; give it in the URL or PGPASSWORD$/);
    const wrong = runCli(['load', dir, '--into', `${address}?password=wrong-password`]);
    expectOneLineError(wrong, 1, /password authentication failed for user "pwuser"/);
    expect(wrong.stderr).not.toContain('wrong-password');
    // This server has no TLS: the load fails, after one line about what sslmode=require means here.
    const tls = runCli(['load', dir, '--into', `${address}?password=right-password&sslmode=require`]);
    expect(tls.status, tls.stderr).toBe(1);
    const lines = tls.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^ecomgen: warning: --into: sslmode=require is taken as verify-full/);
    expect(lines[1]).toMatch(/^ecomgen: cannot connect to .*password=\*\*\*&sslmode=require: .*SSL/);
    expect(tls.stderr).not.toContain('right-password');
  });

  it('keeps hostile descriptions inside their literals where standard_conforming_strings is off', async () => {
    const attack = "x\\'; CREATE TABLE pwned (i int); --";
    const hostileSchemas = tempDir('hostile-schemas');
    cpSync(join(REPO_ROOT, 'schemas'), hostileSchemas, { recursive: true });
    const ordersFile = join(hostileSchemas, 'orders.json');
    const orders = JSON.parse(readFileSync(ordersFile, 'utf8')) as { description: string; columns: { description: string }[] };
    orders.description = attack;
    const columnTexts = ['$$; CREATE TABLE pwned (i int); $$', "back\\slash \\\\ and 'quotes'", 'two\nlines'];
    columnTexts.forEach((text, index) => ((orders.columns[index] as { description: string }).description = text));
    writeFileSync(ordersFile, JSON.stringify(orders, null, 2));
    await withClient(async (client) => {
      await client.query('CREATE DATABASE hostile');
      await client.query('ALTER DATABASE hostile SET standard_conforming_strings = off');
    });
    const hostileUrl = url.replace(/\/postgres$/, '/hostile');
    const withHostile = async (work: (client: pg.Client) => Promise<void>): Promise<void> => {
      const client = new pg.Client({ connectionString: hostileUrl });
      await client.connect();
      try {
        expect(await scalar(client, 'SHOW standard_conforming_strings')).toBe('off');
        await work(client);
      } finally {
        await client.end();
      }
    };

    const load = runCli(['load', dir, '--into', hostileUrl, '--schemas', hostileSchemas, '-q']);
    expect(load.status, load.stderr).toBe(0);
    const ddl = runCli(['ddl', '--dialect', 'postgres', '--schemas', hostileSchemas, '--schema', 'printed']);
    expect(ddl.status, ddl.stderr).toBe(0);
    await withHostile(async (client) => {
      await client.query(ddl.stdout);
      expect(await scalar(client, "SELECT count(*) FROM pg_class WHERE relname = 'pwned'")).toBe('0');
      for (const schema of ['public', 'printed']) {
        expect(await scalar(client, `SELECT obj_description('${schema}.orders'::regclass, 'pg_class')`), schema).toBe(attack);
        for (const [index, text] of columnTexts.entries()) {
          expect(await scalar(client, `SELECT col_description('${schema}.orders'::regclass, ${index + 1})`), `${schema} column ${index + 1}`).toBe(text);
        }
      }
    });
  });
});
