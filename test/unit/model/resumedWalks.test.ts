// The per-worker shortcuts of the order path give the answers of the full walks they stand for, whatever
// was asked before: a price walk resumed from its cursor (or restarted when asked about an earlier time,
// or after another product took its slot), a popularity rank's remembered walk, the moves walked alone,
// and the previous order's second remembered by OrderCustomers.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/random.js';
import { CUSTOMER_EVENT, CustomerHistory } from '../../../src/model/history/customerHistory.js';
import { PriceCursors } from '../../../src/model/history/priceCursors.js';
import { ProductHistory, type ProductState } from '../../../src/model/history/productHistory.js';
import { OrderCustomers } from '../../../src/model/orderCustomers.js';
import { ZipfRanks } from '../../../src/model/zipfRanks.js';
import { resolveCounts } from '../../../src/plan/resolveCounts.js';
import { CONFIG, worldOf } from '../helpers/memoryDataset.js';

const COUNTS = resolveCounts(CONFIG, 'dev', {});
const world = worldOf(COUNTS, 42);

/** Seconds from the window's start to its end, in the order asked: up, down, then shuffled. */
function askedSeconds(rng: Rng, count: number): number[] {
  const start = CONFIG.window.startDay * 86400;
  const up = Array.from({ length: count }, (_, index) => start + Math.floor(((index + 0.5) / count) * (world.windowLast - start)));
  const shuffled = up.map((second) => ({ second, key: rng.float() })).sort((a, b) => a.key - b.key).map((entry) => entry.second);
  return [...up, ...[...up].reverse(), ...shuffled];
}

describe('ProductHistory.priceAt', () => {
  it('gives the price of the whole walk from the launch (stateAt) whatever was asked before, with or without slot clashes', () => {
    const reference = new ProductHistory(world);
    const state: ProductState = { priceCents: 0, costCents: 0, stock: 0, discontinued: false, updatedSecond: 0 };
    const roomy = new ProductHistory({ ...world, priceCursors: new PriceCursors(COUNTS.products) });
    // Seven slots for hundreds of products: cursors are taken over and walks restart all the time.
    const crowded = new ProductHistory({ ...world, priceCursors: new PriceCursors(COUNTS.products, 7) });
    const rng = new Rng().reseed(1, 1);
    const mismatches: string[] = [];
    let asked = 0;
    let changed = 0;
    for (const second of askedSeconds(rng, 40)) {
      const launched = world.productTimeline.countBy(second);
      for (let id = 1; id <= launched; id += 3) {
        const expected = reference.stateAt(id, second, 0, 0, state).priceCents;
        const got = [roomy.priceAt(id, second), crowded.priceAt(id, second)];
        asked++;
        if (expected !== world.productFacts.priceCents(id)) changed++;
        if (got[0] !== expected || got[1] !== expected) mismatches.push(`product ${id} at ${second}: ${got.join('/')} for ${expected}`);
      }
    }
    expect(asked).toBeGreaterThan(5000);
    // Prices do change in the window, so the walks were exercised.
    expect(changed / asked).toBeGreaterThan(0.3);
    expect(mismatches.slice(0, 5)).toEqual([]);
  });
});

describe('ZipfRanks.idOfRank', () => {
  it('answers from a remembered walk exactly as a fresh walk does, as the limit rises and falls', () => {
    const count = 5000;
    const args = [count, 1, 8, 1234] as const;
    const remembering = new ZipfRanks(...args);
    const rng = new Rng().reseed(2, 2);
    const limits = [40, 41, 45, 300, 301, 2000, 4999, 5000, 700, 39, 2500, 2501, 1, 2, 5000];
    const mismatches: string[] = [];
    let bijections = 0;
    for (const limit of limits) {
      for (let draw = 0; draw < 400; draw++) {
        const rank = 1 + rng.below(Math.min(limit, 60 + draw * 10));
        const fresh = new ZipfRanks(...args).idOfRank(rank, limit);
        const got = remembering.idOfRank(rank, limit);
        if (got !== fresh) mismatches.push(`rank ${rank} of ${limit}: ${got} for ${fresh}`);
      }
      // Still a bijection of 1..limit (below ~1/16 of the items the walks may run out: see MAX_WALK).
      if (limit >= count / 16) {
        const ids = new Set(Array.from({ length: limit }, (_, index) => remembering.idOfRank(index + 1, limit)));
        expect(ids.size).toBe(limit);
        expect(Math.max(...ids)).toBe(limit);
        bijections++;
      }
    }
    expect(bijections).toBeGreaterThan(5);
    expect(mismatches.slice(0, 5)).toEqual([]);
  });
});

describe('CustomerHistory.movesBy', () => {
  it('counts the moves of the whole history (events) up to the second', () => {
    const walked = new CustomerHistory(world);
    const loaded = new CustomerHistory(world);
    const mismatches: string[] = [];
    let moved = 0;
    for (let id = 1; id <= COUNTS.customers; id++) {
      const { count, times, kinds } = loaded.events(id);
      const moveTimes = Array.from({ length: count }, (_, index) => index).filter((index) => kinds[index] === CUSTOMER_EVENT.move).map((index) => times[index] as number);
      for (const second of [world.customerTimeline.secondOf(id), ...moveTimes.flatMap((time) => [time - 1, time]), world.windowLast]) {
        const expected = moveTimes.filter((time) => time <= second).length;
        const got = walked.movesBy(id, second);
        if (got > 0) moved++;
        if (got !== expected) mismatches.push(`customer ${id} at ${second}: ${got} moves for ${expected}`);
      }
    }
    expect(moved).toBeGreaterThan(50);
    expect(mismatches.slice(0, 5)).toEqual([]);
  });
});

describe('OrderCustomers.customerOf', () => {
  it('gives each order the same customer asked in id order or out of it', () => {
    const inOrder = new OrderCustomers(world);
    const sequential = Array.from({ length: COUNTS.orders }, (_, index) => inOrder.customerOf(index + 1, world.orderTimeline.secondOf(index + 1)));
    const rng = new Rng().reseed(3, 3);
    const outOfOrder = new OrderCustomers(world);
    const mismatches: string[] = [];
    for (let draw = 0; draw < 2000; draw++) {
      const id = 1 + rng.below(COUNTS.orders);
      const got = outOfOrder.customerOf(id, world.orderTimeline.secondOf(id));
      if (got !== sequential[id - 1]) mismatches.push(`order ${id}: ${got} for ${sequential[id - 1]}`);
    }
    expect(new Set(sequential).size).toBeGreaterThan(100);
    expect(mismatches.slice(0, 5)).toEqual([]);
  });
});
