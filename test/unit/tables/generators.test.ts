// Table generators are pure functions of (seed, table, id): any id range made alone is the same bytes
// as that range of the whole table, whatever ran before on the same generator.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Rng } from '../../../src/core/random.js';
import { RowSink } from '../../../src/encoding/rowSink.js';
import { createTableGenerator } from '../../../src/model/tables/registry.js';
import { TABLE_NAMES, type TableName } from '../../../src/schema/tableNames.js';
import { tableRows, TINY_COUNTS, worldOf } from '../helpers/memoryDataset.js';

const world = worldOf();
const whole = Object.fromEntries(TABLE_NAMES.map((table) => [table, tableRows(world, table).split('\n').slice(0, -1)])) as Record<TableName, string[]>;

function lines(text: string): string[] {
  expect(text.endsWith('\n')).toBe(true);
  return text.split('\n').slice(0, -1);
}

describe('table generators', () => {
  it.each(TABLE_NAMES)('%s: any id range made alone equals that range of the whole table', (table) => {
    const count = TINY_COUNTS[table];
    expect(whole[table]).toHaveLength(count);
    const rng = new Rng().reseed(99, TABLE_NAMES.indexOf(table));
    const ranges: [number, number][] = [[1, 1], [count, count], [1, count]];
    for (let draw = 0; draw < 12; draw++) {
      const from = rng.between(1, count);
      ranges.push([from, rng.between(from, count)]);
    }
    for (const [from, to] of ranges) {
      expect(lines(tableRows(world, table, from, to)), `${table} ${from}..${to}`).toEqual(whole[table].slice(from - 1, to));
    }
  });

  it.each(TABLE_NAMES)('%s: a generator reused across ranges in any order writes what fresh ones write', (table) => {
    const count = TINY_COUNTS[table];
    const generator = createTableGenerator(world, table);
    const sink = new RowSink(1024);
    const third = Math.floor(count / 3);
    // Backwards, then overlapping: state left by one range must not reach the next.
    for (const [from, to] of [[2 * third + 1, count], [1, third], [third - 5, 2 * third]] as const) {
      sink.reset();
      generator.rows(from, to, sink, world.windowLast);
      expect(lines(sink.text())).toEqual(whole[table].slice(from - 1, to));
    }
  });

  it('gives other bytes for another seed, and the same bytes for the same seed in a new world', () => {
    const again = worldOf(TINY_COUNTS, 42);
    const other = worldOf(TINY_COUNTS, 43);
    for (const table of TABLE_NAMES) {
      expect(tableRows(again, table)).toBe(`${whole[table].join('\n')}\n`);
      expect(tableRows(other, table)).not.toBe(`${whole[table].join('\n')}\n`);
    }
  });
});

// Golden rows: the first rows of each table and a hash of the whole tiny dataset, committed. They change
// only when the data's definition changes on purpose (say so in the commit and CHANGELOG.md);
// `UPDATE_GOLDEN=1 npm run test:unit` rewrites the file.
const GOLDEN_FILE = fileURLToPath(new URL('./golden/tiny-seed42.json', import.meta.url));
interface Golden {
  readonly counts: typeof TINY_COUNTS;
  readonly tables: Record<TableName, { readonly firstRows: readonly string[]; readonly sha256: string }>;
}

describe('golden rows (tiny world, seed 42)', () => {
  const actual: Golden = {
    counts: TINY_COUNTS,
    tables: Object.fromEntries(
      TABLE_NAMES.map((table) => [
        table,
        { firstRows: whole[table].slice(0, 3), sha256: createHash('sha256').update(`${whole[table].join('\n')}\n`).digest('hex') },
      ]),
    ) as unknown as Golden['tables'],
  };
  if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(GOLDEN_FILE, `${JSON.stringify(actual, null, 2)}\n`);
  const golden = JSON.parse(readFileSync(GOLDEN_FILE, 'utf8')) as Golden;

  it('uses the same counts', () => {
    expect(golden.counts).toEqual(TINY_COUNTS);
  });

  it.each(TABLE_NAMES)('%s: first rows and whole-table hash are unchanged', (table) => {
    expect(golden.tables[table].firstRows).toHaveLength(3);
    expect(actual.tables[table].firstRows).toEqual(golden.tables[table].firstRows);
    expect(actual.tables[table].sha256).toBe(golden.tables[table].sha256);
  });
});
