// The window of drawn orders a worker keeps for a change stream: its changes and row images must be the
// ones drawing each order afresh gives, while it slides forward, drops old orders and starts again when
// asked for an earlier batch.
import { describe, expect, it } from 'vitest';
import { SECONDS_PER_DAY } from '../../../src/core/calendar.js';
import { RowSink } from '../../../src/encoding/rowSink.js';
import { planBatches } from '../../../src/changes/batchPlan.js';
import { OrderWindow } from '../../../src/changes/orderWindow.js';
import { OrderGenerator } from '../../../src/model/tables/orders/generator.js';
import { parseInstant } from '../../../src/plan/instant.js';
import { CONFIG, worldOf } from '../helpers/memoryDataset.js';

const world = worldOf({ customers: 1000, products: 200, orders: 14000, order_items: 42000, web_events: 10000 });
const at = (text: string): number => parseInstant(text) as number;

/** Every order's changes, each order drawn afresh (once here), by second then id: what the window must give. */
const allChanges: [number, number][] = (() => {
  const orders = new OrderGenerator(world);
  const changes: [number, number][] = [];
  for (let id = 1; id <= world.counts.orders; id++) {
    const life = orders.lifeAt(id, Number.POSITIVE_INFINITY);
    if (life) orders.changeSeconds(life, (second) => changes.push([second, id]));
  }
  return changes.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
})();

const drawnChanges = (after: number, until: number): [number, number][] => allChanges.filter(([second]) => second > after && second <= until);

function windowChanges(window: OrderWindow, after: number, until: number): [number, number][] {
  const changes: [number, number][] = [];
  window.visit(after, until, (second, id) => changes.push([second, id]));
  return changes;
}

/** Order `id` as of `second`, drawn afresh, and as the window writes it. */
function rows(window: OrderWindow, orders: OrderGenerator, id: number, second: number): [string, string] {
  const fresh = new RowSink(4096);
  new OrderGenerator(world).row(id, second, fresh);
  const held = new RowSink(4096);
  orders.write(window.life(id), second, held);
  return [fresh.text(), held.text()];
}

describe('OrderWindow', () => {
  it('gives the changes and row images of orders drawn afresh, batch after batch of a year, and again after going back', () => {
    const orders = new OrderGenerator(world);
    const window = new OrderWindow(world, orders);
    const batches = planBatches(at('2023-06-30'), at('2024-06-30'), 'day');
    let changed = 0;
    // Every 29th day is checked against a fresh draw; the window slides through all of them.
    for (const [index, batch] of batches.entries()) {
      window.hold(batch.after, batch.until);
      const changes = windowChanges(window, batch.after, batch.until);
      changed += changes.length;
      if (index % 29 !== 0) continue;
      expect(changes).toEqual(drawnChanges(batch.after, batch.until));
      for (const [second, id] of changes.slice(0, 5)) {
        const [fresh, held] = rows(window, orders, id, second);
        expect(held).toBe(fresh);
        expect(held.length).toBeGreaterThan(0);
      }
    }
    // A year of a 14,000-order store changes thousands of times; the window dropped ~4,700 orders and holds ~1,600.
    expect(changed).toBeGreaterThan(5000);
    // Back to an earlier batch: the orders it needs are drawn again.
    const early = batches[10] as (typeof batches)[number];
    window.hold(early.after, early.until);
    const changes = windowChanges(window, early.after, early.until);
    expect(changes.length).toBeGreaterThan(0);
    expect(changes).toEqual(drawnChanges(early.after, early.until));
    const [second, id] = changes[0] as [number, number];
    const [fresh, held] = rows(window, orders, id, second);
    expect(held).toBe(fresh);
    // An order placed after the batch, or dropped for being too old, is not held.
    expect(() => window.life(world.orderTimeline.countBy(early.until + 30 * SECONDS_PER_DAY))).toThrow(/is not held/);
    expect(() => window.life(1)).toThrow(/is not held/);
  });

  it('keeps its orders in about one life span of pages, reusing the dropped ones, whatever the stream length', () => {
    const orders = new OrderGenerator(world);
    const window = new OrderWindow(world, orders);
    const batches = planBatches(at('2023-06-30'), at('2024-06-30'), 'day');
    let mostPages = 0;
    let mostHeld = 0;
    for (const batch of batches) {
      window.hold(batch.after, batch.until);
      // The held orders' pages, and at most one more for where the first held order sits in its page.
      expect(window.pagesHeld).toBeLessThanOrEqual(Math.ceil(window.held / 4096) + 1);
      mostPages = Math.max(mostPages, window.pagesHeld);
      mostHeld = Math.max(mostHeld, window.held);
    }
    // A year of a 14,000-order store holds ~1,600 at once: one page, then the next, never all of them.
    expect(window.held).toBeGreaterThan(1000);
    expect(mostPages).toBeLessThanOrEqual(Math.ceil(mostHeld / 4096) + 1);
    // Its rows still match fresh draws after pages were dropped and reused.
    const last = batches[batches.length - 1] as (typeof batches)[number];
    const changes = windowChanges(window, last.after, last.until);
    expect(changes).toEqual(drawnChanges(last.after, last.until));
    const [second, id] = changes[0] as [number, number];
    const [fresh, held] = rows(window, orders, id, second);
    expect(held).toBe(fresh);
  });

  it('gives the same changes across page boundaries as drawn afresh (a store with more orders than a page)', () => {
    const big = worldOf({ customers: 2000, products: 200, orders: 60000, order_items: 150000, web_events: 10000 });
    const bigOrders = new OrderGenerator(big);
    const window = new OrderWindow(big, bigOrders);
    const fresh = new OrderGenerator(big);
    const batches = planBatches(at('2023-12-31'), at('2024-12-31'), 'day');
    let checked = 0;
    for (const [index, batch] of batches.entries()) {
      window.hold(batch.after, batch.until);
      if (index % 37 !== 0) continue;
      const expected: [number, number][] = [];
      const lastId = big.orderTimeline.countBy(batch.until);
      for (let id = Math.max(1, lastId - window.held - 1); id <= lastId; id++) {
        const life = fresh.lifeAt(id, Number.POSITIVE_INFINITY);
        if (life) fresh.changeSeconds(life, (second) => {
          if (second > batch.after && second <= batch.until) expected.push([second, id]);
        });
      }
      expected.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      expect(windowChanges(window, batch.after, batch.until)).toEqual(expected);
      checked += expected.length;
    }
    expect(window.pagesHeld).toBeGreaterThan(1);
    expect(checked).toBeGreaterThan(1000);
  });

  it('holds any window of the calendar: before 1970 and after 2106, where epoch seconds do not fit 32 bits', () => {
    for (const [start, end] of [
      ['1960-01-01', '1960-12-31'],
      ['2200-01-01', '2200-12-31'],
    ] as const) {
      const startDay = Math.floor(at(start) / SECONDS_PER_DAY);
      const endDay = Math.floor(at(end) / SECONDS_PER_DAY);
      const config = { ...CONFIG, window: { ...CONFIG.window, start, end, startDay, endDay } };
      const shifted = worldOf({ customers: 500, products: 100, orders: 3000, order_items: 9000, web_events: 1000 }, 42, config);
      const orders = new OrderGenerator(shifted);
      const window = new OrderWindow(shifted, orders);
      const after = at(start.replace('-01-01', '-06-01'));
      const until = after + 7 * SECONDS_PER_DAY;
      window.hold(after, until);
      const expected: [number, number][] = [];
      const fresh = new OrderGenerator(shifted);
      for (let id = 1; id <= shifted.orderTimeline.countBy(until); id++) {
        const life = fresh.lifeAt(id, Number.POSITIVE_INFINITY);
        if (life) fresh.changeSeconds(life, (second) => {
          if (second > after && second <= until) expected.push([second, id]);
        });
      }
      expected.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      expect(expected.length).toBeGreaterThan(10);
      expect(windowChanges(window, after, until)).toEqual(expected);
      const [second, id] = expected[0] as [number, number];
      const drawn = new RowSink(4096);
      new OrderGenerator(shifted).row(id, second, drawn);
      const held = new RowSink(4096);
      orders.write(window.life(id), second, held);
      expect(held.text()).toBe(drawn.text());
      expect(held.text()).toContain(start.slice(0, 4));
    }
  });
});
