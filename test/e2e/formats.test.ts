// Output formats: CSV, typed JSON lines and typed Parquet hold the same data (checked in DuckDB);
// gzip is the CSV/JSONL bytes compressed; JSON samples are exact rows of the dataset. (Refusing
// --compress with parquet and unknown formats: test/unit/plan/resolveOptions.test.ts.)
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { generate, TABLE_NAMES, type Manifest } from 'ecomgen';
import { resolveOptions } from '../../src/plan/resolveOptions.js';
import { fileSource } from '../../src/encoding/byteSource.js';
import { parseRecords } from '../../src/encoding/csvRecords.js';
import { readParquet } from '../../src/read/parquetRecords.js';
import { loadSchemas } from '../../src/schema/loadSchemas.js';
import { DEFAULT_SCHEMA_DIR } from '../../src/paths.js';
import { readTable } from '../helpers/csv.js';
import { REPO_ROOT, runCli, tempDir } from '../helpers/run.js';

const COUNTS = { customers: 800, products: 300, orders: 3000, seed: 99 } as const;
const dirs: Record<string, string> = {};

beforeAll(async () => {
  for (const [name, options] of Object.entries({
    // One worker where the pool is not what is compared (fewer threads to start); two for Parquet, whose
    // bytes must not depend on it. JSON samples are checked beside the CSV run only.
    csv: { workers: 1 },
    jsonl: { format: 'jsonl', workers: 1, samples: false },
    parquet: { format: 'parquet', workers: 2, samples: false },
    parquet1: { format: 'parquet', workers: 1, samples: false },
    csvgz: { compress: 'gzip', workers: 1, samples: false },
    // Web events past one row group (16,384 ids), to read a file of several: CSV and Parquet, the
    // Parquet once more with another --shard-rows (row groups do not follow it, so the bytes are equal).
    // 50,000 ids: four row groups, the last a partial one, across three shards of the default 20,000 rows.
    eventsCsv: { tables: ['web_events'], webEvents: 50_000, workers: 2, samples: false },
    eventsParquet: { tables: ['web_events'], webEvents: 50_000, format: 'parquet', workers: 2, samples: false },
    eventsParquetShards: { tables: ['web_events'], webEvents: 50_000, format: 'parquet', workers: 1, shardRows: 7000, samples: false },
    // The other page codecs (parquet and parquet1 are the default, snappy), each with 1 and 2 workers.
    parquetZstd1: { format: 'parquet', parquetCompression: 'zstd', workers: 1, samples: false },
    parquetNone: { format: 'parquet', parquetCompression: 'none', workers: 2, samples: false },
    parquetNone1: { format: 'parquet', parquetCompression: 'none', workers: 1, samples: false },
    jsonlgz: { format: 'jsonl', compress: 'gzip', workers: 1, samples: false },
    csvgz9: { compress: 'gzip:9', workers: 2, samples: false },
  } as const)) {
    dirs[name] = tempDir(name);
    await generate({ ...COUNTS, ...options, outputDir: dirs[name] });
  }
  // gzip's level through the CLI flag, as a user writes it.
  dirs['csvgz1'] = tempDir('csvgz1');
  const fast = runCli(['generate', '--customers', String(COUNTS.customers), '--products', String(COUNTS.products), '--orders', String(COUNTS.orders), '--seed', String(COUNTS.seed), '--compress', 'gzip:1', '-w', '2', '--no-samples', '-q', '-o', dirs['csvgz1']]);
  expect(fast.status, fast.stderr).toBe(0);
  // zstd pages through the CLI flag, as a user writes it.
  dirs['parquetZstd'] = tempDir('parquetZstd');
  const zstd = runCli(['generate', '--customers', String(COUNTS.customers), '--products', String(COUNTS.products), '--orders', String(COUNTS.orders), '--seed', String(COUNTS.seed), '--format', 'parquet', '--parquet-compression', 'zstd', '-w', '2', '--no-samples', '-q', '-o', dirs['parquetZstd']]);
  expect(zstd.status, zstd.stderr).toBe(0);
  // The dev preset as the quick start writes it, for the committed reference samples.
  dirs['dev'] = tempDir('dev-samples');
  await generate({ environment: 'dev', workers: 1, outputDir: dirs['dev'] });
});

async function query(sql: string): Promise<unknown[][]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    return (await connection.runAndReadAll(sql)).getRows();
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

function manifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
}

describe('formats in DuckDB', () => {
  it('CSV, JSONL and Parquet give the same row counts and the same sum(total_amount)', async () => {
    const reader = (name: string, table: string): string => {
      const file = join(dirs[name] as string, `${table}.${name === 'csv' ? 'csv' : name === 'csvgz' ? 'csv.gz' : name === 'jsonl' ? 'jsonl' : name === 'jsonlgz' ? 'jsonl.gz' : 'parquet'}`);
      if (name.startsWith('csv')) return `read_csv('${file}', header = true)`;
      if (name.startsWith('jsonl')) return `read_json('${file}', format = 'newline_delimited')`;
      return `read_parquet('${file}')`;
    };
    const results: Record<string, unknown[]> = {};
    for (const name of ['csv', 'csvgz', 'jsonl', 'jsonlgz', 'parquet']) {
      const counts = await query(TABLE_NAMES.map((table) => `SELECT count(*) FROM ${reader(name, table)}`).join(' UNION ALL '));
      const [[total]] = (await query(`SELECT sum(total_amount)::DECIMAL(18,2)::VARCHAR FROM ${reader(name, 'orders')}`)) as [[string]];
      results[name] = [...counts.map((row) => Number(row[0])), total];
    }
    const written = TABLE_NAMES.map((table) => manifest(dirs['csv'] as string).files.find((file) => file.table === table)?.rows);
    expect(results['csv']?.slice(0, 5)).toEqual(written);
    // The counts asked for, but for the few customer accounts erased by the window's end.
    expect(written.slice(1)).toEqual([300, 3000, 9000, 30000]);
    expect(written[0]).toBeGreaterThan(790);
    for (const name of ['csvgz', 'jsonl', 'jsonlgz', 'parquet']) expect(results[name], name).toEqual(results['csv']);
  });

  it('Parquet columns carry the schema types', async () => {
    const rows = await query(`DESCRIBE SELECT * FROM read_parquet('${join(dirs['parquet'] as string, 'orders.parquet')}')`);
    const types = Object.fromEntries(rows.map((row) => [row[0], row[1]]));
    expect(types['order_id']).toBe('INTEGER');
    expect(types['order_date']).toBe('TIMESTAMP');
    expect(types['total_amount']).toBe('DECIMAL(12,2)');
    const products = await query(`DESCRIBE SELECT * FROM read_parquet('${join(dirs['parquet'] as string, 'products.parquet')}')`);
    expect(Object.fromEntries(products.map((row) => [row[0], row[1]]))['is_active']).toBe('BOOLEAN');
    const events = await query(`DESCRIBE SELECT * FROM read_parquet('${join(dirs['parquet'] as string, 'web_events.parquet')}')`);
    expect(Object.fromEntries(events.map((row) => [row[0], row[1]]))['event_id']).toBe('BIGINT');
  });

  it.each([
    ['parquet', 'parquet1', 'snappy'],
    ['parquetZstd', 'parquetZstd1', 'zstd'],
    ['parquetNone', 'parquetNone1', 'none'],
  ])('Parquet bytes are the same for 1 and 2 workers (%s, %s), and the manifest records the codec (%s) and hashes the Parquet files', (twoWorkers, oneWorker, codec) => {
    const one = manifest(dirs[oneWorker] as string);
    const two = manifest(dirs[twoWorkers] as string);
    expect(two.format).toBe('parquet');
    expect(two.parquet_compression).toBe(codec);
    expect(one.parquet_compression).toBe(codec);
    expect(two.files.map((file) => file.sha256)).toEqual(one.files.map((file) => file.sha256));
    const orders = two.files.find((file) => file.table === 'orders');
    expect(orders?.bytes).toBe(readFileSync(join(dirs[twoWorkers] as string, 'orders.parquet')).length);
    expect(orders?.rows).toBe(3000);
  });

  it('each codec is the one DuckDB reads in every column chunk; zstd files are the smallest, uncompressed the largest', async () => {
    const size = (run: string): number => manifest(dirs[run] as string).files.reduce((sum, file) => sum + file.bytes, 0);
    for (const [run, codec] of [['parquet', 'SNAPPY'], ['parquetZstd', 'ZSTD'], ['parquetNone', 'UNCOMPRESSED']] as const) {
      const codecs = await query(TABLE_NAMES.map((table) => `SELECT DISTINCT compression FROM parquet_metadata('${join(dirs[run] as string, `${table}.parquet`)}')`).join(' UNION '));
      expect(codecs.map((row) => row[0]), run).toEqual([codec]);
    }
    expect(size('parquetZstd')).toBeLessThan(size('parquet'));
    expect(size('parquet')).toBeLessThan(size('parquetNone'));
  });
});

describe('Parquet read back', () => {
  const schemas = loadSchemas(DEFAULT_SCHEMA_DIR).schemas;
  // Every table in each page codec (parquet is the default, snappy), and a table of several row groups.
  const cases = [
    ...(['parquet', 'parquetZstd', 'parquetNone'] as const).flatMap((run) => TABLE_NAMES.map((table) => ['csv', run, table] as const)),
    ['eventsCsv', 'eventsParquet', 'web_events'] as const,
  ];

  it.each(cases)('%s vs %s, %s: DuckDB sees the CSV row for row, in order, with the schema types', async (csvRun, parquetRun, table) => {
    const columns = schemas[table].columns.map((column) => `'${column.name}': '${column.type.kind === 'VARCHAR' ? 'VARCHAR' : column.typeText}'`).join(', ');
    const csv = `read_csv('${join(dirs[csvRun] as string, `${table}.csv`)}', header = true, auto_detect = false, columns = {${columns}})`;
    const parquet = `read_parquet('${join(dirs[parquetRun] as string, `${table}.parquet`)}')`;
    const [[rows, differing]] = (await query(`SELECT count(*)::INTEGER, count(*) FILTER (WHERE p IS DISTINCT FROM c)::INTEGER FROM ${parquet} AS p POSITIONAL JOIN ${csv} AS c`)) as [[number, number]];
    expect(rows).toBe(manifest(dirs[csvRun] as string).files.find((file) => file.table === table)?.rows);
    expect(rows).toBeGreaterThan(100);
    expect(differing).toBe(0);
  });

  it.each(cases)('%s vs %s, %s: hyparquet (a second, independent reader) gives the CSV field texts', async (csvRun, parquetRun, table) => {
    const expected = parseRecords(readFileSync(join(dirs[csvRun] as string, `${table}.csv`), 'utf8'));
    const seen: string[][] = [];
    await readParquet(fileSource(join(dirs[parquetRun] as string, `${table}.parquet`)), (fields) => seen.push([...fields]));
    expect(seen.length).toBe(expected.length);
    expect(seen).toEqual(expected);
  });

  it('a table past one row group is several row groups, the same bytes for any worker count and --shard-rows', async () => {
    const [[groups]] = (await query(`SELECT count(DISTINCT row_group_id)::INTEGER FROM parquet_metadata('${join(dirs['eventsParquet'] as string, 'web_events.parquet')}')`)) as [[number]];
    // 50,000 ids at 16,384 per group make four.
    expect(groups).toBe(4);
    const sha = (run: string): string | undefined => manifest(dirs[run] as string).files.find((file) => file.table === 'web_events')?.sha256;
    expect(sha('eventsParquetShards')).toBe(sha('eventsParquet'));
  });
});

describe('JSON lines and gzip', () => {
  it('JSONL is typed: numbers, booleans and nulls, one object per line, same values as the CSV', () => {
    const csv = readTable(dirs['csv'] as string, 'products.csv');
    expect(csv.rows).toHaveLength(COUNTS.products);
    const lines = readFileSync(join(dirs['jsonl'] as string, 'products.jsonl'), 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(csv.rows.length);
    lines.forEach((line, index) => {
      const object = JSON.parse(line) as Record<string, unknown>;
      const row = csv.rows[index] as string[];
      expect(Object.keys(object)).toEqual(csv.header);
      expect(object['product_id']).toBe(Number(row[0]));
      expect(object['price']).toBe(Number(row[csv.col('price')]));
      expect(object['is_active']).toBe(row[csv.col('is_active')] === 'true');
      expect(object['sku']).toBe(row[csv.col('sku')]);
    });
    const events = readFileSync(join(dirs['jsonl'] as string, 'web_events.jsonl'), 'utf8').split('\n', 50).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(events.some((event) => event['product_id'] === null)).toBe(true);
  });

  it('gzip files decompress to exactly the uncompressed files', () => {
    for (const table of TABLE_NAMES) {
      const plain = readFileSync(join(dirs['csv'] as string, `${table}.csv`));
      expect(gunzipSync(readFileSync(join(dirs['csvgz'] as string, `${table}.csv.gz`))).equals(plain), table).toBe(true);
      const jsonl = readFileSync(join(dirs['jsonl'] as string, `${table}.jsonl`));
      expect(gunzipSync(readFileSync(join(dirs['jsonlgz'] as string, `${table}.jsonl.gz`))).equals(jsonl), table).toBe(true);
    }
    expect(manifest(dirs['csvgz'] as string).compression).toBe('gzip');
  });

  it('gzip:1 (from the CLI) and gzip:9 decompress to exactly the CSV; level 1 is larger, and both levels are in the manifest', () => {
    let fastBytes = 0;
    let smallBytes = 0;
    for (const table of TABLE_NAMES) {
      const plain = readFileSync(join(dirs['csv'] as string, `${table}.csv`));
      const fast = readFileSync(join(dirs['csvgz1'] as string, `${table}.csv.gz`));
      const small = readFileSync(join(dirs['csvgz9'] as string, `${table}.csv.gz`));
      expect(gunzipSync(fast).equals(plain), table).toBe(true);
      expect(gunzipSync(small).equals(plain), table).toBe(true);
      fastBytes += fast.length;
      smallBytes += small.length;
    }
    expect(fastBytes).toBeGreaterThan(smallBytes);
    const fast = manifest(dirs['csvgz1'] as string);
    expect([fast.compression, fast.compression_level, fast.files.reduce((sum, file) => sum + file.bytes, 0)]).toEqual(['gzip', 1, fastBytes]);
    expect(manifest(dirs['csvgz9'] as string).compression_level).toBe(9);
    // Plain gzip is level 6 and says nothing more, as before levels could be chosen.
    expect(Object.keys(manifest(dirs['csvgz'] as string))).not.toContain('compression_level');
  });
});

describe('JSON samples', () => {
  it('hold the first 100 rows of each table, typed, and the first orders with customer and items nested', () => {
    const dir = dirs['csv'] as string;
    for (const table of TABLE_NAMES) {
      const sample = JSON.parse(readFileSync(join(dir, `${table}.sample.json`), 'utf8')) as Record<string, unknown>[];
      const csv = readTable(dir, `${table}.csv`);
      // The first 100 ids' rows: those that exist (an erased customer's id has none).
      expect(sample).toHaveLength(csv.rows.filter((row) => Number(row[0]) <= 100).length);
      expect(sample.length).toBeGreaterThan(95);
      sample.forEach((object, index) => {
        expect(Object.keys(object)).toEqual(csv.header);
        expect(String(object[csv.header[0] as string])).toBe((csv.rows[index] as string[])[0]);
      });
    }
    const nested = JSON.parse(readFileSync(join(dir, 'orders_nested.sample.json'), 'utf8')) as {
      order_id: number; customer_id: number; subtotal: number; customer: { customer_id: number }; items: { order_id: number; line_total: number }[];
    }[];
    expect(nested).toHaveLength(20);
    for (const order of nested) {
      expect(order.customer.customer_id).toBe(order.customer_id);
      expect(order.items.length).toBeGreaterThan(0);
      expect(order.items.every((item) => item.order_id === order.order_id)).toBe(true);
      const cents = order.items.reduce((sum, item) => sum + Math.round(item.line_total * 100), 0);
      expect(cents).toBe(Math.round(order.subtotal * 100));
    }
    expect(manifest(dir).samples).toEqual(['customers.sample.json', 'order_items.sample.json', 'orders.sample.json', 'orders_nested.sample.json', 'products.sample.json', 'web_events.sample.json']);
  });

  it('match the committed dev samples and manifest byte for byte (a data change must update sample_data/reference-dev)', async () => {
    const fresh = dirs['dev'] as string;
    expect(manifest(fresh).samples).toHaveLength(6);
    // The committed manifest holds the sha256 of every dev table, so it catches a change to any byte.
    for (const name of [...manifest(fresh).samples, 'manifest.json']) {
      const committed = readFileSync(join(REPO_ROOT, 'sample_data/reference-dev', name), 'utf8');
      expect(readFileSync(join(fresh, name), 'utf8') === committed, `${name} differs: if the change is intended, run npm run samples`).toBe(true);
    }
  });

  it('are committed outside sample_data/dev, so the quick start can write there on a fresh clone', () => {
    // Read from .gitignore rather than asked of git, so this holds in any copy of the sources (no .git needed).
    const gitignore = readFileSync(join(REPO_ROOT, '.gitignore'), 'utf8');
    expect(resolveOptions({ environment: 'dev' }).outputDir).toBe(resolve('sample_data/dev'));
    const written = readdirSync(dirs['dev'] as string);
    expect(written).toEqual(expect.arrayContaining(['manifest.json', 'customers.csv', 'orders_nested.sample.json']));
    // Nothing the quick start writes into sample_data/dev can be committed there...
    expect(written.filter((name) => !ignoredBy(gitignore, `sample_data/dev/${name}`))).toEqual([]);
    // ...while of sample_data/reference-dev exactly the files the test above compares with are committed
    // (`npm run samples` writes a whole dataset there; its data files stay out).
    const committable = written.filter((name) => !ignoredBy(gitignore, `sample_data/reference-dev/${name}`));
    expect(committable.sort()).toEqual([...manifest(dirs['dev'] as string).samples, 'manifest.json'].sort());
  });
});

/**
 * Whether a path (relative to the repository, with /) is ignored by these .gitignore rules: blank and #
 * lines skipped, the last matching pattern wins, `!` re-includes; `*` and `?` stay within one path
 * segment, `**` crosses them; a pattern with an inner / is anchored, one without matches at any depth;
 * a pattern matching a directory covers everything under it. (Enough of gitignore(5) for this file.)
 */
function ignoredBy(gitignore: string, path: string): boolean {
  let ignored = false;
  for (const raw of gitignore.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const negated = line.startsWith('!');
    const pattern = (negated ? line.slice(1) : line).replace(/\/$/, '');
    const anchored = pattern.includes('/');
    const glob = pattern.replace(/^\//, '');
    const body = glob
      .split('**')
      .map((part) => part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]'))
      .join('.*');
    if (new RegExp(`^${anchored ? '' : '(?:.*/)?'}${body}(?:/.*)?$`).test(path)) ignored = !negated;
  }
  return ignored;
}
