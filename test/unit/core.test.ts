// The building blocks the determinism and the time rules rest on.
import { describe, expect, it } from 'vitest';
import { Rng, hashUnit } from '../../src/core/random.js';
import { TimeCurve } from '../../src/core/timeCurve.js';
import { IdTimeline } from '../../src/core/idTimeline.js';
import { epochDay, thanksgiving, CalendarText, centsText } from '../../src/core/calendar.js';
import { TierPicker } from '../../src/model/tierPicker.js';
import { Catalog } from '../../src/model/catalog.js';
import { ProductFacts } from '../../src/model/productFacts.js';
import { emailNumber } from '../../src/model/tables/customers/generator.js';
import { partRange } from '../../src/plan/planShards.js';
import { resolveCounts } from '../../src/plan/resolveCounts.js';
import { loadConfig } from '../../src/config/loadConfig.js';
import { RowSink } from '../../src/encoding/rowSink.js';
import { REPO_ROOT } from '../helpers/run.js';
import { join } from 'node:path';

const curve = new TimeCurve(epochDay(2022, 1, 1), 1096, {
  yearlyGrowth: 1.3,
  monthly: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1.4, 1.6],
  weekday: [1, 1, 1, 1, 1, 0.9, 1],
  specialDays: new Map([
    [thanksgiving(2023) + 1, new Array<number>(24).fill(3)],
    [epochDay(2023, 12, 25), Array.from({ length: 24 }, (_, hour) => (hour < 12 ? 1 : 0.25))],
  ]),
  hourly: Array.from({ length: 24 }, (_, hour) => (hour < 6 ? 0.2 : 1)),
});

describe('Rng', () => {
  it('repeats exactly when re-seeded on the same row and differs between rows', () => {
    const a = new Rng().reseed(1234, 77);
    const first = Array.from({ length: 5 }, () => a.u32());
    a.reseed(1234, 77);
    expect(Array.from({ length: 5 }, () => a.u32())).toEqual(first);
    a.reseed(1234, 78);
    expect(Array.from({ length: 5 }, () => a.u32())).not.toEqual(first);
    const draws = Array.from({ length: 1000 }, () => a.double());
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
  });

  it('handles ids beyond 2^32 as distinct rows', () => {
    expect(hashUnit(5, 1)).not.toBe(hashUnit(5, 1 + 2 ** 32));
  });
});

describe('TimeCurve', () => {
  it('maps quantiles to times monotonically and back', () => {
    let previous = -Infinity;
    const backwards: number[] = [];
    let worstRoundTrip = 0;
    for (let i = 0; i < 20000; i++) {
      const unit = i / 20000;
      const second = curve.timeAt(unit);
      if (second < previous) backwards.push(unit);
      worstRoundTrip = Math.max(worstRoundTrip, Math.abs(curve.fractionBefore(second) - unit));
      previous = second;
    }
    expect(backwards).toEqual([]);
    expect(worstRoundTrip).toBeLessThan(1e-9);
    expect(curve.timeAt(0)).toBe(curve.startSecond);
    expect(curve.timeAt(0.999999999)).toBeLessThan(curve.endSecond);
  });

  it('puts more mass on Black Friday than on the days around it', () => {
    const blackFriday = thanksgiving(2023) + 1;
    const dayMass = (day: number) => curve.fractionBefore((day + 1) * 86400) - curve.fractionBefore(day * 86400);
    expect(dayMass(blackFriday)).toBeGreaterThan(2 * dayMass(blackFriday - 7));
    expect(new CalendarText().date(blackFriday)).toBe('2023-11-24');
  });

  it("gives a special day's hours their own multipliers", () => {
    const christmas = epochDay(2023, 12, 25);
    const mass = (from: number, to: number) => curve.fractionBefore(to) - curve.fractionBefore(from);
    const morning = (day: number) => mass(day * 86400 + 6 * 3600, day * 86400 + 12 * 3600);
    const afternoon = (day: number) => mass(day * 86400 + 12 * 3600, day * 86400 + 18 * 3600);
    expect(morning(christmas) / morning(christmas - 7)).toBeCloseTo(1, 1);
    expect(afternoon(christmas) / afternoon(christmas - 7)).toBeCloseTo(0.25, 1);
    // timeAt stays the inverse of fractionBefore inside the special day.
    const second = christmas * 86400 + 15 * 3600 + 1234;
    expect(curve.timeAt(curve.fractionBefore(second))).toBeCloseTo(second, 3);
  });
});

describe('IdTimeline', () => {
  it('counts exactly the ids whose time is at or before a given second', () => {
    const timeline = new IdTimeline(curve, 5000, 99);
    const seconds = Array.from({ length: 5000 }, (_, index) => timeline.secondOf(index + 1));
    for (let i = 1; i < seconds.length; i++) expect(seconds[i]).toBeGreaterThanOrEqual(seconds[i - 1] as number);
    const rng = new Rng().reseed(1, 1);
    for (let probe = 0; probe < 500; probe++) {
      const second = curve.startSecond + Math.floor(rng.float() * (curve.endSecond - curve.startSecond));
      const expected = seconds.filter((value) => value <= second).length;
      expect(timeline.countBy(second)).toBe(Math.max(expected, 1));
    }
  });

  it('stays exact when asked about nearby times, as sessions and order blocks ask (its remembered span)', () => {
    const timeline = new IdTimeline(curve, 5000, 99);
    const seconds = Array.from({ length: 5000 }, (_, index) => timeline.secondOf(index + 1));
    const exact = (second: number): number => {
      if (second < (seconds[0] as number)) return 0;
      return Math.max(seconds.filter((value) => value <= second).length, 1);
    };
    const rng = new Rng().reseed(2, 2);
    let second = (seconds[0] as number) - 5;
    for (let probe = 0; probe < 3000; probe++) {
      const move = rng.float();
      // Mostly small steps forward, some back, some onto an id's own second or just before it.
      if (move < 0.6) second += rng.below(600);
      else if (move < 0.75) second -= rng.below(600);
      else {
        const id = 1 + rng.below(seconds.length);
        second = (seconds[id - 1] as number) - (move < 0.9 ? 0 : 1);
      }
      expect(timeline.countBy(second)).toBe(exact(second));
    }
    // Just before an id's second and then on it, and the other way round: the second query lands on
    // an edge of the span the first one remembered.
    for (let id = 2; id <= seconds.length; id += 7) {
      const at = seconds[id - 1] as number;
      expect(timeline.countBy(at - 1)).toBe(exact(at - 1));
      expect(timeline.countBy(at)).toBe(exact(at));
      expect(timeline.countBy(at - 1)).toBe(exact(at - 1));
    }
  });
});

describe('ProductFacts', () => {
  it('answers every fact right on a fresh instance whose first call is that fact (the arrays are made on first use)', () => {
    const config = loadConfig(join(REPO_ROOT, 'config/config.yaml')).config;
    const catalog = new Catalog(config);
    const count = 300;
    const launches = { timeline: new IdTimeline(curve, count, 99), lastSecond: curve.timeAt(0.9) };
    const facts: [string, (f: ProductFacts, id: number) => number | boolean][] = [
      ['priceCents', (f, id) => f.priceCents(id)],
      ['kindOf', (f, id) => f.kindOf(id)],
      ['categoryIndex', (f, id) => f.categoryIndex(id)],
      ['subcategoryIndex', (f, id) => f.subcategoryIndex(id)],
      ['modifierIndex', (f, id) => f.modifierIndex(id)],
      ['productTypeIndex', (f, id) => f.productTypeIndex(id)],
      ['discontinuedAt', (f, id) => f.discontinuedAt(id)],
      ['onSaleAt', (f, id) => f.onSaleAt(id, launches.lastSecond - 1)],
    ];
    const wrong: string[] = [];
    for (const slots of [undefined, 97]) {
      for (const [name, fact] of facts) {
        for (const id of [1, 150, count]) {
          // The reference has drawn the product through another fact first.
          const drawn = new ProductFacts(catalog, 4711, launches, count, slots);
          drawn.priceCents(id);
          drawn.kindOf(id);
          const fresh = new ProductFacts(catalog, 4711, launches, count, slots);
          const first = fact(fresh, id);
          if (first === undefined || first !== fact(drawn, id)) wrong.push(`${name}(${id}) slots ${slots ?? 'dense'}: ${String(first)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('gives the same facts from shared slots (a catalog beyond its slots) as from one slot per product', () => {
    const config = loadConfig(join(REPO_ROOT, 'config/config.yaml')).config;
    const catalog = new Catalog(config);
    const count = 5000;
    const launches = { timeline: new IdTimeline(curve, count, 99), lastSecond: curve.timeAt(0.9) };
    const dense = new ProductFacts(catalog, 4711, launches, count);
    const shared = new ProductFacts(catalog, 4711, launches, count, 97);
    const rng = new Rng().reseed(3, 3);
    const differing: number[] = [];
    for (let probe = 0; probe < 20000; probe++) {
      // Popular ids come back often (hits), the rest evict each other (misses and refills).
      const id = rng.chance(0.5) ? 1 + rng.below(40) : 1 + rng.below(count);
      const same =
        shared.priceCents(id) === dense.priceCents(id) &&
        shared.categoryIndex(id) === dense.categoryIndex(id) && shared.subcategoryIndex(id) === dense.subcategoryIndex(id) &&
        shared.modifierIndex(id) === dense.modifierIndex(id) && shared.productTypeIndex(id) === dense.productTypeIndex(id) &&
        shared.discontinuedAt(id) === dense.discontinuedAt(id) && shared.kindOf(id) === dense.kindOf(id) &&
        shared.onSaleAt(id, launches.lastSecond - 1) === dense.onSaleAt(id, launches.lastSecond - 1);
      if (!same) differing.push(id);
    }
    expect(differing).toEqual([]);
    expect(dense.priceCents(1)).toBeGreaterThan(0);
    expect(Array.from({ length: count }, (_, index) => dense.discontinuedAt(index + 1)).some((second) => second > 0)).toBe(true);
    // On sale up to the second before the discontinuation, and to the end when there is none.
    const wrong: number[] = [];
    for (let id = 1; id <= count; id++) {
      const end = dense.discontinuedAt(id);
      const asked = end > 0 ? [end - 1, end, end + 1] : [launches.lastSecond];
      if (asked.some((second) => dense.onSaleAt(id, second) !== (end === 0 || second < end))) wrong.push(id);
    }
    expect(wrong).toEqual([]);
  });
});

describe('TierPicker', () => {
  it('keeps picks within the limit and draws tiers by share x weight', () => {
    const picker = new TierPicker([10, 30, 60], [10, 2, 1], 4242);
    const rng = new Rng().reseed(7, 7);
    const tierCounts = [0, 0, 0];
    const outOfRange: number[] = [];
    for (let i = 0; i < 60000; i++) {
      const id = picker.pick(rng, 5432);
      if (!(id >= 1 && id <= 5432)) outOfRange.push(id);
      tierCounts[picker.tierOf(id)]! += 1;
    }
    expect(outOfRange).toEqual([]);
    // Expected shares: 100 : 60 : 60 out of 220.
    expect((tierCounts[0] as number) / 60000).toBeCloseTo(100 / 220, 1);
    let inFirstBlock = 0;
    for (let id = 1; id <= 100; id++) if (picker.tierOf(id) === 0) inFirstBlock++;
    expect(inFirstBlock).toBe(10);
  });

  it('finds the latest id of a tier at or below any id, as a scan would', () => {
    const picker = new TierPicker([3, 17, 80], [2, 1, 0], 99);
    const wrong: string[] = [];
    for (let tier = 0; tier < 3; tier++) {
      let latest = 0;
      for (let id = 1; id <= 1000; id++) {
        if (picker.tierOf(id) === tier) latest = id;
        const found = picker.atOrBelow(id, tier);
        if (found !== latest) wrong.push(`tier ${tier} at or below ${id}: ${found}, scan ${latest}`);
      }
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });
});

describe('email numbers', () => {
  it('are unique and keep the id\'s number of digits', () => {
    const seen = new Set<number>();
    const wrongLength: number[] = [];
    for (let id = 1; id <= 200000; id++) {
      const number = emailNumber(id);
      // One expect per id costs more than the check itself: collect, then assert once.
      if (String(number).length !== String(id).length) wrongLength.push(id);
      seen.add(number);
    }
    expect(wrongLength).toEqual([]);
    expect(seen.size).toBe(200000);
  });
});

describe('plans and counts', () => {
  it('splits ids into contiguous parts that cover 1..N exactly', () => {
    for (const total of [0, 1, 7, 1000, 1_000_003]) {
      for (const parts of [1, 3, 8, 13]) {
        let next = 1;
        for (let index = 1; index <= parts; index++) {
          const range = partRange(total, { index, count: parts });
          expect(range.from).toBe(next);
          next = range.to + 1;
        }
        expect(next - 1).toBe(total);
      }
    }
  });

  it('derives order items and web events from --orders by the ratios', () => {
    const { config } = loadConfig(join(REPO_ROOT, 'config/config.yaml'));
    expect(resolveCounts(config, 'dev', { orders: 25000 })).toEqual({ customers: 1000, products: 500, orders: 25000, order_items: 75000, web_events: 250000 });
    expect(resolveCounts(config, 'dev', { orders: 25000, orderItems: 30000 }).order_items).toBe(30000);
    expect(resolveCounts(config, 'staging', {})).toEqual(config.environments['staging']);
  });
});

describe('formatting', () => {
  it('writes money from integer cents and timestamps from seconds', () => {
    expect(centsText(0)).toBe('0.00');
    expect(centsText(5)).toBe('0.05');
    expect(centsText(123456789)).toBe('1234567.89');
    expect(new CalendarText().timestamp(epochDay(2024, 2, 29) * 86400 + 3661)).toBe('2024-02-29 01:01:01');
  });

  it('RowSink grows and keeps UTF-8 intact', () => {
    const sink = new RowSink(8);
    sink.plain('héllo,');
    sink.plain('中文😀\n');
    expect(sink.text()).toBe('héllo,中文😀\n');
    expect(sink.bytes().length).toBe(Buffer.byteLength('héllo,中文😀\n'));
  });
});
