// The store's history in memory: event rates against the published figures they come from, and the
// snapshot as of an instant against the history (rows that existed then, updated_at the last change).
import { describe, expect, it } from 'vitest';
import { SECONDS_PER_DAY } from '../../../src/core/calendar.js';
import { CUSTOMER_EVENT, CustomerHistory, ERASED_SHARE, MOVES_PER_YEAR, OPT_OUTS_PER_YEAR, SEGMENT_CHANGE_SHARE } from '../../../src/model/history/customerHistory.js';
import { PRICE_CHANGES_PER_YEAR, ProductHistory, STOCK_COUNTS_PER_YEAR } from '../../../src/model/history/productHistory.js';
import { resolveCounts } from '../../../src/plan/resolveCounts.js';
import { csvRows } from '../../../src/encoding/typedJson.js';
import { CONFIG, tableRows, worldOf } from '../helpers/memoryDataset.js';

const YEAR = 365.25 * SECONDS_PER_DAY;
const COUNTS = resolveCounts(CONFIG, 'staging', {});
const world = worldOf(COUNTS, 42);
const windowStart = CONFIG.window.startDay * SECONDS_PER_DAY;

describe('customer history', () => {
  const history = new CustomerHistory(world);
  // Customer-years inside the window and the events in them, by kind.
  let exposure = 0;
  const events = new Map<number, number>();
  let erasable = 0;
  let erased = 0;
  let anniversaries = 0;
  for (let id = 1; id <= COUNTS.customers; id++) {
    const created = world.customerTimeline.secondOf(id);
    const end = history.erasedSecond(id) || world.windowLast;
    for (let year = 1; created + year * YEAR < end; year++) if (created + year * YEAR >= windowStart) anniversaries++;
    exposure += Math.max(0, end - Math.max(created, windowStart)) / YEAR;
    const { count, times, kinds } = history.events(id);
    for (let index = 0; index < count; index++) {
      if ((times[index] as number) >= windowStart) events.set(kinds[index] as number, (events.get(kinds[index] as number) ?? 0) + 1);
    }
    if (history.erasable(id)) erasable++;
    if (history.erasedSecond(id) > 0) erased++;
  }
  const perYear = (kind: number): number => (events.get(kind) ?? 0) / exposure;

  it('moves at the Census mover rate, re-scores segments yearly, and changes consent both ways', () => {
    expect(perYear(CUSTOMER_EVENT.move)).toBeGreaterThan(MOVES_PER_YEAR * 0.9);
    expect(perYear(CUSTOMER_EVENT.move)).toBeLessThan(MOVES_PER_YEAR * 1.1);
    const rescored = (events.get(CUSTOMER_EVENT.segment) ?? 0) / anniversaries;
    expect(rescored).toBeGreaterThan(SEGMENT_CHANGE_SHARE * 0.9);
    expect(rescored).toBeLessThan(SEGMENT_CHANGE_SHARE * 1.1);
    // Opt-outs among the ~42% subscribed and as many opt-ins among the rest: about 2 x 0.42 x r_out in all.
    const consent = perYear(CUSTOMER_EVENT.optToggle);
    expect(consent).toBeGreaterThan(2 * CONFIG.customers.marketingOptInRate * OPT_OUTS_PER_YEAR * 0.8);
    expect(consent).toBeLessThan(2 * CONFIG.customers.marketingOptInRate * OPT_OUTS_PER_YEAR * 1.2);
  });

  it('erases a few never-buying accounts, and the opt-in share stays where it started', () => {
    expect(erasable).toBeGreaterThan(0);
    expect(erasable / COUNTS.customers).toBeLessThan(ERASED_SHARE);
    expect(erased).toBeGreaterThan(0);
    expect(erased).toBeLessThanOrEqual(erasable);
    const rows = [...csvRows(tableRows(world, 'customers'))];
    const optedIn = rows.filter((row) => row[14] === 'true').length / rows.length;
    expect(optedIn).toBeGreaterThan(CONFIG.customers.marketingOptInRate - 0.03);
    expect(optedIn).toBeLessThan(CONFIG.customers.marketingOptInRate + 0.03);
  });
});

describe('product history', () => {
  it('changes prices and counts stock at the rates it cites', () => {
    const history = new ProductHistory(world);
    let exposure = 0;
    let changes = 0;
    for (let id = 1; id <= COUNTS.products; id++) {
      const created = world.productTimeline.secondOf(id);
      const discontinued = world.productFacts.discontinuedAt(id) || world.windowLast;
      exposure += Math.max(0, discontinued - Math.max(created, windowStart)) / YEAR;
      history.changes(id, windowStart, world.windowLast, () => changes++);
    }
    const expected = PRICE_CHANGES_PER_YEAR + STOCK_COUNTS_PER_YEAR;
    expect(changes / exposure).toBeGreaterThan(expected * 0.9);
    expect(changes / exposure).toBeLessThan(expected * 1.15);
  });
});

describe('the store as of an instant', () => {
  const at = windowStart + Math.floor(1.5 * YEAR) + 4321;
  const atText = new Date(at * 1000).toISOString().slice(0, 19).replace('T', ' ');

  it.each(['customers', 'products', 'orders'] as const)('%s: only rows that existed then, each updated at or before it', (table) => {
    const rows = [...csvRows(tableRows(world, table, 1, COUNTS[table], at))];
    expect(rows.length).toBeGreaterThan(0);
    const timeline = table === 'customers' ? world.customerTimeline : table === 'products' ? world.productTimeline : world.orderTimeline;
    // Ids follow time: the rows are those of the ids that existed then (customers less the erased).
    const last = timeline.countBy(at);
    expect(Number(rows[rows.length - 1]?.[0])).toBeLessThanOrEqual(last);
    if (table !== 'customers') expect(rows.length).toBe(last);
    const updated = rows.map((row) => row[row.length - 1] as string);
    expect(updated.every((text) => text <= atText)).toBe(true);
    // Some rows changed after they were made.
    const created = table === 'orders' ? 2 : table === 'customers' ? 15 : 10;
    expect(rows.filter((row) => row[row.length - 1] !== row[created]).length).toBeGreaterThan(0);
  });

  it('the same row later is the same row but for the columns that change', () => {
    const early = [...csvRows(tableRows(world, 'orders', 1, 200, at))];
    const late = [...csvRows(tableRows(world, 'orders', 1, 200))];
    const fixed = [0, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14];
    for (const [index, row] of early.entries()) expect(fixed.map((column) => row[column])).toEqual(fixed.map((column) => late[index]?.[column]));
  });
});
