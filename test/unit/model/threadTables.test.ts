// The per-thread tables that stand in for slower lookups give exactly the answers they stand for, in
// whatever order they are asked: the customers' and products' timelines as tables, and the popularity
// records of picks (ZipfRanks' walk, ProductFacts' sale end and category).
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/random.js';
import { SECONDS_PER_DAY } from '../../../src/core/calendar.js';
import { PopularProducts } from '../../../src/model/popularProducts.js';
import { ProductFacts } from '../../../src/model/productFacts.js';
import { TimelineTable } from '../../../src/model/timelineTable.js';
import { ZipfRanks } from '../../../src/model/zipfRanks.js';
import { resolveCounts } from '../../../src/plan/resolveCounts.js';
import { CONFIG, worldOf } from '../helpers/memoryDataset.js';

const COUNTS = resolveCounts(CONFIG, 'dev', {});
const world = worldOf(COUNTS, 42);

describe('TimelineTable', () => {
  // Kept as a table (prod's sizes), and too long to keep (10x prod's, here every id over the limit of 0).
  it.each([
    ['customerTimeline', undefined],
    ['productTimeline', undefined],
    ['customerTimeline', 0],
    ['productTimeline', 0],
  ] as const)('gives the %s’s seconds and counts (ids kept at most: %s), around every id and day boundary, in any order', (name, keptIds) => {
    const timeline = world[name];
    const table = new TimelineTable(timeline, CONFIG.window.endDay, keptIds);
    const rng = new Rng().reseed(5, 5);
    const mismatches: string[] = [];
    const seconds: number[] = [timeline.secondOf(1) - SECONDS_PER_DAY, timeline.secondOf(1) - 1, world.windowLast, world.windowLast + SECONDS_PER_DAY];
    for (let id = 1; id <= timeline.count; id++) {
      const second = timeline.secondOf(id);
      if (table.secondOf(id) !== second) mismatches.push(`secondOf(${id}): ${table.secondOf(id)} for ${second}`);
      seconds.push(second - 1, second, second + 0.5, Math.floor(second / SECONDS_PER_DAY) * SECONDS_PER_DAY - 1);
    }
    // In time order (the span cache serves runs of nearby times), then shuffled, as orders and sessions ask.
    const shuffled = seconds.map((second) => ({ second, key: rng.float() })).sort((a, b) => a.key - b.key).map((entry) => entry.second);
    for (const second of [...[...seconds].sort((a, b) => a - b), ...shuffled]) {
      const expected = timeline.countBy(second);
      if (table.countBy(second) !== expected) mismatches.push(`countBy(${second}): ${table.countBy(second)} for ${expected}`);
    }
    for (let day = 0; day < table.days; day++) {
      const expected = timeline.countBy((table.firstDay + day + 1) * SECONDS_PER_DAY - 1);
      if (table.countByDay(day) !== expected) mismatches.push(`day ${day}: ${table.countByDay(day)} for ${expected}`);
    }
    expect(table.days).toBeGreaterThan(365);
    expect(timeline.count).toBeGreaterThan(400);
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it('shares no per-id seconds for a timeline longer than it keeps, only the counts by day', () => {
    const timeline = world.customerTimeline;
    const kept = new TimelineTable(timeline, CONFIG.window.endDay).buildShared();
    const asked = new TimelineTable(timeline, CONFIG.window.endDay, timeline.count - 1).buildShared();
    expect(kept.offsets.length).toBe(timeline.count + 1);
    expect(asked.offsets.length).toBe(0);
    expect([...asked.byDay]).toEqual([...kept.byDay]);
  });
});

describe('PopularProducts', () => {
  it('answers as ZipfRanks and ProductFacts do, as the launched count rises and falls', () => {
    const count = 3000;
    const popularity = CONFIG.products.popularity;
    const zipf = () => new ZipfRanks(count, popularity.zipfExponent, popularity.zipfOffset, 77);
    const launches = { timeline: world.productTimeline, lastSecond: world.windowLast };
    const facts = new ProductFacts(world.catalog, world.keys.productCore, launches, count);
    const reference = { ranks: zipf(), facts: new ProductFacts(world.catalog, world.keys.productCore, launches, count) };
    const popular = new PopularProducts(zipf(), facts);
    const rng = new Rng().reseed(6, 6);
    const start = CONFIG.window.startDay * SECONDS_PER_DAY;
    const mismatches: string[] = [];
    let onSale = 0;
    let offSale = 0;
    let inCategory = 0;
    for (const limit of [30, 31, 200, 201, 1500, 2999, 3000, 800, 29, 1000, 1001, 2, 3000]) {
      for (let draw = 0; draw < 300; draw++) {
        const rank = 1 + rng.below(limit);
        const second = start + rng.below(world.windowLast - start);
        const id = reference.ranks.idOfRank(rank, limit);
        const expected = reference.facts.onSaleAt(id, second) ? id : 0;
        const got = popular.onSaleAt(rank, limit, second);
        if (got !== expected) mismatches.push(`rank ${rank} of ${limit} at ${second}: ${got} for ${expected}`);
        if (got > 0 && popular.category !== reference.facts.categoryIndex(id)) mismatches.push(`category of ${id}: ${popular.category}`);
        if (expected > 0) onSale++;
        else offSale++;
        // The first of a few ranks from here (wrapping) of a category and on sale.
        const category = rng.below(world.catalog.categories.length);
        const steps = Math.min(8, limit);
        let first = 0;
        for (let step = 0; step < steps && first === 0; step++) {
          const other = reference.ranks.idOfRank(((rank - 1 + step) % limit) + 1, limit);
          if (reference.facts.categoryIndex(other) === category && reference.facts.onSaleAt(other, second)) first = other;
        }
        if (first > 0) inCategory++;
        const gotFirst = popular.firstOfCategoryOnSaleAt(rank - 1, steps, limit, category, second);
        if (gotFirst !== first) mismatches.push(`category ${category} from rank ${rank} of ${limit} at ${second}: ${gotFirst} for ${first}`);
      }
    }
    expect(Math.min(onSale, offSale, inCategory)).toBeGreaterThan(100);
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it('vouches for a remembered walk only over the limits where a fresh walk agrees (ZipfRanks.heldThrough)', () => {
    const count = 4000;
    const ranks = new ZipfRanks(count, 1, 8, 1234);
    const rng = new Rng().reseed(8, 8);
    const mismatches: string[] = [];
    let spans = 0;
    for (let draw = 0; draw < 300; draw++) {
      const limit = 300 + rng.below(count - 300);
      const rank = 1 + rng.below(limit);
      const id = ranks.idOfRank(rank, limit);
      const through = ranks.heldThrough(rank);
      expect(through).toBeGreaterThanOrEqual(limit);
      if (through > limit) spans++;
      for (const other of [id, Math.floor((id + through) / 2), Math.min(through, count)]) {
        if (other < rank) continue;
        const fresh = new ZipfRanks(count, 1, 8, 1234).idOfRank(rank, other);
        if (fresh !== id) mismatches.push(`rank ${rank}: ${fresh} at limit ${other}, ${id} at ${limit} (held through ${through})`);
      }
    }
    expect(spans).toBeGreaterThan(100);
    expect(mismatches.slice(0, 5)).toEqual([]);
  });
});
