// The order lines the orders pass keeps for order_items (DrawnItems): order_items written from them are
// byte for byte the lines drawn afresh, on the worker that kept them and on another that adopted the shared
// table, at the window's end and as of an earlier instant; and the table answers only for what it holds.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RowSink } from '../../../src/encoding/rowSink.js';
import { DrawnItems, type DrawnLine } from '../../../src/model/drawnItems.js';
import { OrderItemsDrawer } from '../../../src/model/orderItemsDrawer.js';
import { adoptSharedTables, shareWorldTables } from '../../../src/model/sharedTables.js';
import { createTableGenerator } from '../../../src/model/tables/registry.js';
import type { World } from '../../../src/model/world.js';
import { planTables } from '../../../src/plan/planShards.js';
import { shardRunOrder } from '../../../src/plan/shardOrder.js';
import { CONFIG, presetCounts, tableRows, worldOf } from '../helpers/memoryDataset.js';

const COUNTS = presetCounts('dev');
const SEED = 42;

/** order_items as a run makes them: shards in run order, orders on `worlds[0]`, items alternating over `worlds`. */
function runOrderItems(worlds: readonly World[], shardRows: number, until: number): string {
  const plans = planTables(CONFIG, COUNTS, ['orders', 'order_items'], undefined, shardRows);
  const sink = new RowSink(64 * 1024);
  let items = '';
  let itemShards = 0;
  for (const shard of shardRunOrder(plans, COUNTS, 2)) {
    sink.reset();
    const world = shard.table === 'orders' ? (worlds[0] as World) : (worlds[itemShards++ % worlds.length] as World);
    createTableGenerator(world, shard.table).rows(shard.from, shard.to, sink, until);
    if (shard.table === 'order_items') items += sink.text();
  }
  return items;
}

describe('order_items from the lines the orders pass kept', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  for (const [name, untilOf] of [
    ['at the window end', (world: World) => world.windowLast],
    ['as of mid-window', (world: World) => world.orderTimeline.secondOf(Math.floor(COUNTS.orders / 2))],
  ] as const) {
    it(`are the lines drawn afresh, on the keeping worker and another (${name})`, () => {
      const keeper = worldOf(COUNTS, SEED);
      const other = worldOf(COUNTS, SEED);
      adoptSharedTables(other, shareWorldTables(keeper));
      const until = untilOf(keeper);
      const fresh = tableRows(worldOf(COUNTS, SEED), 'order_items', 1, COUNTS.order_items, until);
      const draws = vi.spyOn(OrderItemsDrawer.prototype, 'draw');
      const recalled = runOrderItems([keeper, other], 1000, until);
      // Orders draw each of their orders once; order_items drew (nearly) none again.
      const orderDraws = draws.mock.calls.length;
      expect(recalled.length).toBeGreaterThan(100_000);
      expect(recalled).toBe(fresh);
      const placed = fresh.split('\n').length - 1;
      expect(placed).toBeGreaterThan(0);
      const ordersWritten = tableRows(worldOf(COUNTS, SEED), 'orders', 1, COUNTS.orders, until).split('\n').length - 1;
      expect(orderDraws).toBeLessThan(ordersWritten * 1.05);
    });
  }

  it('are drawn again when the table kept other blocks since', () => {
    const world = worldOf(COUNTS, SEED);
    // One block slot: every block overwrites the one before, so order_items finds almost nothing.
    (world as { drawnItems: DrawnItems }).drawnItems = new DrawnItems(COUNTS, 1 << 18, 1);
    const draws = vi.spyOn(OrderItemsDrawer.prototype, 'draw');
    expect(runOrderItems([world], 1000, world.windowLast)).toBe(tableRows(worldOf(COUNTS, SEED), 'order_items'));
    expect(draws.mock.calls.length).toBeGreaterThan(1.9 * COUNTS.orders);
  });
});

function lines(count: number, seed: number): DrawnLine[] {
  return Array.from({ length: count }, (_, index) => ({ productId: seed * 100 + index + 1, quantity: 1 + ((seed + index) % 10), unitPriceCents: 999 + seed * 7 + index, discountPercent: (seed * index) % 91 }));
}

function blank(count: number): DrawnLine[] {
  return Array.from({ length: count }, () => ({ productId: 0, quantity: 0, unitPriceCents: 0, discountPercent: 0 }));
}

describe('DrawnItems', () => {
  // 64 orders, 3 lines each on average: at most 192 lines a block; 4 block slots.
  const counts = { orders: 64 * 100, order_items: 3 * 64 * 100 };

  it('gives back the lines of each kept order of a published block', () => {
    const table = new DrawnItems(counts, 1 << 18, 4);
    const kept = [lines(2, 1), lines(5, 2), lines(1, 3)];
    let offset = 0;
    kept.forEach((orderLines, index) => {
      table.keep(7, index, offset, orderLines, orderLines.length);
      offset += orderLines.length;
    });
    // Not published yet: a reader must not take a block being written.
    expect(table.read(7, 0, 0, 2, blank(2))).toBe(false);
    table.flush();
    offset = 0;
    kept.forEach((orderLines, index) => {
      const into = blank(orderLines.length);
      expect(table.read(7, index, offset, orderLines.length, into)).toBe(true);
      expect(into).toEqual(orderLines);
      offset += orderLines.length;
    });
    // An order the block did not keep, and the same slot asked for another block.
    expect(table.read(7, 3, offset, 1, blank(1))).toBe(false);
    expect(table.read(11, 0, 0, 2, blank(2))).toBe(false);
  });

  it('forgets a block when another takes its slot, and keeps a block only from its first order, in turn', () => {
    const table = new DrawnItems(counts, 1 << 18, 4);
    table.keep(3, 0, 0, lines(2, 1), 2);
    table.keep(7, 0, 0, lines(3, 2), 3);
    table.flush();
    expect(table.read(3, 0, 0, 2, blank(2))).toBe(false);
    const into = blank(3);
    expect(table.read(7, 0, 0, 3, into)).toBe(true);
    expect(into).toEqual(lines(3, 2));
    // From its second order: not kept.
    table.keep(5, 1, 2, lines(2, 4), 2);
    table.flush();
    expect(table.read(5, 1, 2, 2, blank(2))).toBe(false);
    // Orders 0 and 2 without 1: only order 0 is kept.
    table.keep(6, 0, 0, lines(2, 5), 2);
    table.keep(6, 2, 4, lines(2, 6), 2);
    table.flush();
    expect(table.read(6, 0, 0, 2, blank(2))).toBe(true);
    expect(table.read(6, 2, 4, 2, blank(2))).toBe(false);
  });

  it('is one table for the workers sharing it, and a slot held by one writer is not taken by another', () => {
    const first = new DrawnItems(counts, 1 << 18, 4);
    const second = new DrawnItems(counts, 1 << 18, 4);
    second.adopt(first.share());
    first.keep(9, 0, 0, lines(4, 3), 4);
    // While the first writer holds block 9's slot, the second can neither read it nor write block 13 there.
    second.keep(13, 0, 0, lines(2, 8), 2);
    second.flush();
    expect(second.read(9, 0, 0, 4, blank(4))).toBe(false);
    first.flush();
    const into = blank(4);
    expect(second.read(9, 0, 0, 4, into)).toBe(true);
    expect(into).toEqual(lines(4, 3));
    expect(first.read(13, 0, 0, 2, blank(2))).toBe(false);
  });

  it('keeps nothing of a line that does not fit its slot', () => {
    const table = new DrawnItems(counts, 1 << 18, 4);
    const wide = lines(2, 1);
    (wide[1] as DrawnLine).unitPriceCents = 2 ** 31;
    table.keep(2, 0, 0, lines(1, 2), 1);
    table.keep(2, 1, 1, wide, 2);
    table.flush();
    expect(table.read(2, 0, 0, 1, blank(1))).toBe(true);
    expect(table.read(2, 1, 1, 2, blank(2))).toBe(false);
    // A product id past the slot's 21 bits.
    const big = lines(1, 3);
    (big[0] as DrawnLine).productId = 2 ** 21;
    table.keep(3, 0, 0, big, 1);
    table.flush();
    expect(table.read(3, 0, 0, 1, blank(1))).toBe(false);
  });
});
