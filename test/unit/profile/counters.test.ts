// The profile's counters on small inputs, against hand-checked results or a plain sort as the oracle.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/random.js';
import { IdCounts, LabelCounts, NumberSample, topShare } from '../../../src/profile/counters.js';

describe('LabelCounts', () => {
  it('counts labels and gives shares largest first, ties by label', () => {
    const counts = new LabelCounts();
    for (const label of ['b', 'a', 'c', 'a', 'b', 'a', 'd']) counts.add(label);
    counts.add('d', 1);
    expect(counts.total).toBe(8);
    expect(counts.size).toBe(4);
    expect(counts.get('a')).toBe(3);
    expect(counts.get('missing')).toBe(0);
    expect(Object.entries(counts.shares())).toEqual([['a', 3 / 8], ['b', 2 / 8], ['d', 2 / 8], ['c', 1 / 8]]);
  });

  it('gives shares in label order when asked, and counts in label order', () => {
    const counts = new LabelCounts();
    counts.add('2024-03', 5);
    counts.add('2022-11', 1);
    counts.add('2023-01', 4);
    expect(Object.entries(counts.shares(true))).toEqual([['2022-11', 0.1], ['2023-01', 0.4], ['2024-03', 0.5]]);
    expect(Object.entries(counts.shares())).toEqual([['2024-03', 0.5], ['2023-01', 0.4], ['2022-11', 0.1]]);
    expect(Object.entries(counts.counted())).toEqual([['2022-11', 1], ['2023-01', 4], ['2024-03', 5]]);
  });

  it('has no shares when nothing was counted, and zero shares when only zero counts were', () => {
    expect(new LabelCounts().shares()).toEqual({});
    const zero = new LabelCounts();
    zero.add('x', 0);
    expect(zero.shares()).toEqual({ x: 0 });
  });
});

describe('NumberSample', () => {
  it('gives nearest-rank quantiles of a hand-checked sample', () => {
    const sample = new NumberSample();
    for (const value of [5, 1, 4, 2, 3, 10, 9, 8, 7, 6]) sample.push(value);
    expect(sample.quantiles()).toEqual({ count: 10, min: 1, p10: 2, median: 6, p90: 10, max: 10, mean: 5.5 });
  });

  it('matches a plain sort on 5,000 random values, past its first growth', () => {
    const rng = new Rng().reseed(3, 0);
    const values = Array.from({ length: 5000 }, () => rng.normal() * 100);
    const sample = new NumberSample();
    for (const value of values) sample.push(value);
    const sorted = [...values].sort((a, b) => a - b);
    const at = (q: number): number => sorted[Math.floor(q * sorted.length)] as number;
    const quantiles = sample.quantiles();
    expect(quantiles).toMatchObject({ count: 5000, min: sorted[0], p10: at(0.1), median: at(0.5), p90: at(0.9), max: sorted[4999] });
    expect(quantiles.mean).toBeCloseTo(values.reduce((sum, value) => sum + value, 0) / values.length, 9);
  });

  it('is all NaN but the count when empty', () => {
    const { count, ...rest } = new NumberSample().quantiles();
    expect(count).toBe(0);
    expect(Object.values(rest)).toHaveLength(6);
    for (const value of Object.values(rest)) expect(value).toBeNaN();
  });
});

describe('IdCounts', () => {
  it('counts ids far past its initial size and sorts counts of 1..limit largest first', () => {
    const counts = new IdCounts();
    counts.add(3);
    counts.add(3, 4);
    counts.add(5000, 2);
    counts.add(1);
    expect(counts.get(3)).toBe(5);
    expect(counts.get(5000)).toBe(2);
    expect(counts.get(4999)).toBe(0);
    expect(counts.get(1_000_000)).toBe(0);
    expect([...counts.sortedDescending(5)]).toEqual([5, 1, 0, 0, 0]);
    const all = counts.sortedDescending(5000);
    expect(all.length).toBe(5000);
    expect([...all.slice(0, 4)]).toEqual([5, 2, 1, 0]);
  });
});

describe('topShare', () => {
  it.each([
    [[50, 30, 10, 10], 0.25, 0.5],
    [[50, 30, 10, 10], 0.5, 0.8],
    [[50, 30, 10, 10], 1, 1],
    [[1, 1, 1, 1, 1, 1, 1, 1, 1, 1], 0.2, 0.2],
    [[0, 0, 0], 0.5, 0],
    [[], 0.5, 0],
  ])('of %j, the top %f hold %f', (values, fraction, share) => {
    expect(topShare(Int32Array.from(values), fraction)).toBeCloseTo(share, 12);
  });
});
