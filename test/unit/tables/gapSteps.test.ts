// GapSteps reads a browsing gap's step from a table instead of Math.exp: every answer must be the
// formula's own, at random exponents and right at each step's boundary (where a cell's edges differ).
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/random.js';
import { GapSteps, gapSteps } from '../../../src/model/tables/webEvents/gapSteps.js';

/** The generators' gap step before the table, written out again here. */
function formula(median: number, max: number, x: number): number {
  return Math.max(1, Math.min(Math.round(median * Math.exp(x)), max));
}

/** `x` moved by `units` units in the last place. */
function ulps(x: number, units: number): number {
  if (x === 0) return units * Number.MIN_VALUE;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigInt64(0);
  view.setBigInt64(0, x >= 0 ? bits + BigInt(units) : bits - BigInt(units));
  return view.getFloat64(0);
}

const LAWS: readonly { median: number; sigma: number; max: number }[] = [
  { median: 28, sigma: 1.1, max: 1200 },
  { median: 1, sigma: 0.3, max: 1 },
  { median: 7.5, sigma: 2.5, max: 90 },
  { median: 86400, sigma: 10, max: 86400 },
  { median: 300, sigma: 0, max: 600 },
];

describe('GapSteps', () => {
  for (const { median, sigma, max } of LAWS) {
    it(`gives the formula's step for median ${median}, sigma ${sigma}, max ${max}`, () => {
      const steps = new GapSteps(median, max);
      const rng = new Rng().reseed(17, median);
      // Exponents whose step differs from the formula's (one expect at the end: expect per value is slow).
      const wrong: number[] = [];
      const check = (x: number): void => {
        if (steps.step(x) !== formula(median, max, x)) wrong.push(x);
      };
      for (let draw = 0; draw < 200_000; draw++) check(sigma * rng.normal());
      // Around every step boundary up to max (x where median * e^x crosses k + 0.5), the closest doubles.
      for (let k = 1; k < Math.min(max, 5000); k++) {
        const boundary = Math.log((k + 0.5) / median);
        for (const units of [-3, -2, -1, 0, 1, 2, 3]) {
          check(ulps(boundary, units));
        }
        for (const offset of [-1e-6, -1e-9, -1e-12, 1e-12, 1e-9, 1e-6]) check(boundary + offset);
      }
      for (const x of [-1e9, -50, 50, 1e9, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY]) check(x);
      expect(wrong).toEqual([]);
    });
  }

  it('answers most draws of the default law from the table', () => {
    const steps = new GapSteps(28, 1200);
    // Count the formula's calls: the table's worth is that it is rarely asked.
    let asked = 0;
    const formulaOf = steps.formula.bind(steps);
    steps.formula = (x: number): number => {
      asked++;
      return formulaOf(x);
    };
    const rng = new Rng().reseed(5, 1);
    for (let draw = 0; draw < 100_000; draw++) steps.step(1.1 * rng.normal());
    expect(asked).toBeLessThan(10_000);
  });

  it('keeps one table per gap law', () => {
    expect(gapSteps(28, 1200)).toBe(gapSteps(28, 1200));
    expect(gapSteps(28, 1200)).not.toBe(gapSteps(28, 600));
  });
});
