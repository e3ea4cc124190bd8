// Determinism is a product promise: same seed + config => same bytes, whatever the workers, shard
// size, slicing or table selection.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { generate, TABLE_NAMES } from 'ecomgen';
import { tempDir } from '../helpers/run.js';

const COUNTS = { customers: 900, products: 400, orders: 4000, orderItems: 11000, webEvents: 30000 } as const;

function digest(dir: string, file: string): string {
  return createHash('sha256').update(readFileSync(join(dir, file))).digest('hex');
}

function csvDigests(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).filter((file) => file.endsWith('.csv')).sort().map((file) => [file, digest(dir, file)]));
}

// One reference run (1 worker, default shards) that every comparison below is made against.
let reference: string;

beforeAll(async () => {
  reference = tempDir('w1');
  await generate({ ...COUNTS, seed: 7, workers: 1, outputDir: reference });
});

describe('byte-identical output', () => {
  it('is the same for 1 and 2 workers and for any shard size, and differs for another seed', async () => {
    const odd = tempDir('odd');
    const other = tempDir('seed');
    // Two workers on shards of 777 rows (the reference has one worker and 20,000-row shards): ~100 tasks
    // shared by two threads and finishing out of order, written in order all the same.
    await generate({ ...COUNTS, seed: 7, workers: 2, outputDir: odd, shardRows: 777 });
    await generate({ ...COUNTS, seed: 8, workers: 1, outputDir: other });
    const digests = csvDigests(reference);
    expect(Object.keys(digests)).toEqual(TABLE_NAMES.map((table) => `${table}.csv`).sort());
    expect(csvDigests(odd)).toEqual(digests);
    const different = csvDigests(other);
    for (const file of Object.keys(digests)) expect(different[file], file).not.toBe(digests[file]);
    // The manifest has no clock time in it, so it is identical too.
    expect(readFileSync(join(odd, 'manifest.json'), 'utf8')).toBe(readFileSync(join(reference, 'manifest.json'), 'utf8'));
  });

  it('parts 1..N concatenated (header once) equal the full run, for even and uneven splits', async () => {
    for (const parts of [3, 8]) {
      const dir = tempDir(`parts${parts}`);
      // One worker per part: slicing, not the pool, is under test here (the pool is above).
      for (let part = 1; part <= parts; part++) await generate({ ...COUNTS, seed: 7, workers: 1, outputDir: dir, part, parts });
      for (const table of TABLE_NAMES) {
        const width = 3;
        const pieces = Array.from({ length: parts }, (_, index) =>
          readFileSync(join(dir, `${table}.part-${String(index + 1).padStart(width, '0')}-of-${String(parts).padStart(width, '0')}.csv`), 'utf8'),
        );
        const header = (pieces[0] as string).slice(0, (pieces[0] as string).indexOf('\n') + 1);
        expect(header.length, table).toBeGreaterThan(1);
        for (const piece of pieces) expect(piece.startsWith(header)).toBe(true);
        const joined = header + pieces.map((piece) => piece.slice(header.length)).join('');
        expect(joined === readFileSync(join(reference, `${table}.csv`), 'utf8'), `${table} in ${parts} parts`).toBe(true);
      }
      // Each part has its own manifest, so parts written into one directory do not overwrite each other.
      expect(readdirSync(dir).filter((file) => file.startsWith('manifest')).length).toBe(parts);
    }
  });

  it('--tables writes only the named tables, row for row identical to a full run', async () => {
    const some = tempDir('some');
    await generate({ ...COUNTS, seed: 7, workers: 1, outputDir: some, tables: ['order_items', 'customers'] });
    expect(Object.keys(csvDigests(some))).toEqual(['customers.csv', 'order_items.csv']);
    expect(digest(some, 'customers.csv')).toBe(digest(reference, 'customers.csv'));
    expect(digest(some, 'order_items.csv')).toBe(digest(reference, 'order_items.csv'));
  });
});
