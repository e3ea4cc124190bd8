// A dirty shard's worker makes the late rows that land in it from before its first id with the shard's
// own generator, before the shard's rows (web_events then lays out their shared session segment once).
// Those rows and the shard's must be exactly what fresh generators make.
import { describe, expect, it } from 'vitest';
import { DEFECT_KINDS } from '../../../src/defects/defectKinds.js';
import { tableDefectPlan } from '../../../src/defects/defectPlan.js';
import { rowsArrivingFromBefore } from '../../../src/defects/shardDefects.js';
import { RowSink } from '../../../src/encoding/rowSink.js';
import { createTableGenerator } from '../../../src/model/tables/registry.js';
import { TABLE_NAMES, type TableCounts } from '../../../src/schema/tableNames.js';
import { worldOf } from '../helpers/memoryDataset.js';

// Enough rows that a shard starts past the longest move (2000 rows). web_events has two session segments
// here (ids 1-15998 and 15999-30000): its shard starts in the first, with the late rows, and ends in the second.
const COUNTS: TableCounts = { customers: 3000, products: 200, orders: 3000, order_items: 8000, web_events: 30000 };
const world = worldOf(COUNTS);
const ONLY_LATE = Object.fromEntries(DEFECT_KINDS.map((kind) => [kind, kind === 'late_arriving' ? 1 : 0])) as Record<(typeof DEFECT_KINDS)[number], number>;

function rowsOf(generator: ReturnType<typeof createTableGenerator>, from: number, to: number): string {
  const sink = new RowSink(64 * 1024);
  generator.rows(from, to, sink, world.windowLast);
  return sink.text();
}

describe('late rows made by the shard generator before its own rows', () => {
  it.each(TABLE_NAMES.filter((table) => table !== 'products'))('%s: the rows and the shard are a fresh generator\'s bytes', (table) => {
    const rates = Object.fromEntries(TABLE_NAMES.map((name) => [name, 0.3])) as Record<(typeof TABLE_NAMES)[number], number>;
    const plan = tableDefectPlan({ rates, weights: ONLY_LATE }, table, 42);
    const from = table === 'web_events' ? 14001 : 2401;
    const to = Math.min(COUNTS[table], from + 2999);
    const arrivals = rowsArrivingFromBefore(plan, COUNTS, from, to);
    expect(arrivals.length).toBeGreaterThan(2);
    for (const { id, destination } of arrivals) {
      expect(id).toBeLessThan(from);
      expect(destination).toBeGreaterThanOrEqual(from);
      expect(destination).toBeLessThanOrEqual(to);
    }
    const shardGenerator = createTableGenerator(world, table);
    const early = arrivals.map(({ id }) => rowsOf(shardGenerator, id, id));
    const shard = rowsOf(shardGenerator, from, to);
    // The reference shard is made in two halves by two fresh generators (for web_events, one per segment).
    const half = table === 'web_events' ? 15998 : Math.floor((from + to) / 2);
    expect(shard).toBe(rowsOf(createTableGenerator(world, table), from, half) + rowsOf(createTableGenerator(world, table), half + 1, to));
    // A few of them against fresh generators (building one per row is the slow part of this test).
    arrivals.slice(0, 4).forEach(({ id }, index) => expect(early[index], `${table} row ${id}`).toBe(rowsOf(createTableGenerator(world, table), id, id)));
  });
});
