// The tables one worker builds once in shared memory for the others give the answers each worker would
// build for itself: a World that adopts them writes the same rows as one that builds its own, and so
// does the World that shared them.
import { describe, expect, it } from 'vitest';
import { adoptSharedTables, readsSharedTables, shareWorldTables } from '../../../src/model/sharedTables.js';
import { ProductFacts } from '../../../src/model/productFacts.js';
import { presetCounts, tableRows, worldOf } from '../helpers/memoryDataset.js';

const COUNTS = presetCounts('dev');
const SEED = 42;

describe('shared tables', () => {
  const sharer = worldOf(COUNTS, SEED);
  // The sharer has used its tables a little before sharing them (a worker's first tasks may have).
  tableRows(sharer, 'orders', 1, 50);
  const shared = shareWorldTables(sharer);
  const adopted = worldOf(COUNTS, SEED);
  adoptSharedTables(adopted, shared);
  const own = worldOf(COUNTS, SEED);

  it('are built in shared memory, every product drawn', () => {
    expect(shared.facts?.kind.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(shared.registrations.offsets.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(shared.launches.byDay.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(shared.facts?.kind.length).toBe(COUNTS.products + 1);
    // No product is left for a worker to draw (0 is "not drawn" for a sale end).
    expect(shared.facts?.saleEnd.subarray(1).every((end) => end !== 0)).toBe(true);
  });

  it("give every product's facts and every registration and launch as a worker's own tables do", () => {
    const mismatches: string[] = [];
    for (let id = 1; id <= COUNTS.products; id++) {
      const a = adopted.productFacts;
      const b = own.productFacts;
      if (a.priceCents(id) !== b.priceCents(id) || a.kindOf(id) !== b.kindOf(id) || a.discontinuedAt(id) !== b.discontinuedAt(id)) {
        mismatches.push(`product ${id}`);
      }
      if (adopted.launches.secondOf(id) !== own.launches.secondOf(id)) mismatches.push(`launch ${id}`);
    }
    for (let id = 1; id <= COUNTS.customers; id++) {
      if (adopted.registrations.secondOf(id) !== own.registrations.secondOf(id)) mismatches.push(`registration ${id}`);
    }
    for (let day = 0; day < own.registrations.days; day++) {
      if (adopted.registrations.countByDay(day) !== own.registrations.countByDay(day)) mismatches.push(`day ${day}`);
    }
    expect(own.registrations.days).toBeGreaterThan(365);
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it.each(['orders', 'order_items', 'web_events'] as const)('leave the %s rows as they are, in the sharer and in an adopter', (table) => {
    // The last ids: the window's end, where most products are launched and most customers registered.
    const from = COUNTS[table] - 1499;
    const rows = tableRows(own, table, from);
    expect(rows.split('\n').length).toBeGreaterThan(1000);
    expect(tableRows(adopted, table, from)).toBe(rows);
    expect(tableRows(sharer, table, from)).toBe(rows);
  });

  it('are the same whether the sharer drew products before sharing or none (its own arrays are made on first use)', () => {
    const fresh = shareWorldTables(worldOf(COUNTS, SEED));
    expect(fresh.facts?.price).toEqual(shared.facts?.price);
    expect(fresh.facts?.saleEnd).toEqual(shared.facts?.saleEnd);
    expect(fresh.facts?.kind).toEqual(shared.facts?.kind);
  });

  it('are built only for runs whose tables read them', () => {
    expect(readsSharedTables(['customers', 'products'])).toBe(false);
    expect(readsSharedTables(['customers', 'web_events'])).toBe(true);
  });

  it('leave a catalog beyond the facts’ slots to each worker, and refuse another catalog’s facts', () => {
    const launches = { timeline: own.productTimeline, lastSecond: own.windowLast };
    const slotted = new ProductFacts(own.catalog, own.keys.productCore, launches, COUNTS.products, 64);
    expect(slotted.drawAllShared()).toBeUndefined();
    const smaller = new ProductFacts(own.catalog, own.keys.productCore, launches, 10);
    expect(() => smaller.adopt(shared.facts as NonNullable<typeof shared.facts>)).toThrow(/another catalog/);
  });
});
