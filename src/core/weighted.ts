import type { Rng } from './random.js';

/** Values from which a choice keeps a guide: below, the whole search is a few steps anyway. */
const GUIDED_VALUES = 32;

/**
 * A weighted choice built once (cumulative table, binary search): picks in O(log n) with one
 * random draw and no allocation. A choice among many values (a state's ZIP codes: up to ~1,700) also
 * keeps a guide, the answer at each of `buckets` evenly spaced units, so that a pick searches only
 * between the two answers around its unit: a step or two instead of ~11 (each a likely branch miss and
 * cache miss in a table of up to 14 KB). The answer is the full search's (see indexAt).
 */
export class WeightedChoice<T> {
  private readonly cumulative: Float64Array;
  private readonly total: number;
  /** The search's answer at unit b / buckets, for b in 0..buckets; empty without a guide. */
  private readonly guide: Uint32Array;
  /** A power of two, at most the number of values (0 without a guide). */
  private readonly buckets: number;

  constructor(
    readonly values: readonly T[],
    weights: readonly number[],
  ) {
    if (values.length === 0 || values.length !== weights.length) {
      throw new Error('a weighted choice needs one positive weight per value');
    }
    this.cumulative = new Float64Array(weights.length);
    let sum = 0;
    weights.forEach((weight, index) => {
      if (!(weight >= 0)) throw new Error(`weight ${weight} is negative or not a number`);
      sum += weight;
      this.cumulative[index] = sum;
    });
    if (!(sum > 0)) throw new Error('a weighted choice needs at least one positive weight');
    this.total = sum;
    const count = weights.length;
    this.buckets = count >= GUIDED_VALUES ? 2 ** Math.floor(Math.log2(count)) : 0;
    this.guide = new Uint32Array(this.buckets > 0 ? this.buckets + 1 : 0);
    // The search's answer at each bucket's start, in one forward pass (the targets only grow): binary
    // searches per bucket ran before the code was optimized and took ~35 ms of buildWorld for the ZIPs.
    for (let bucket = 0, index = 0; bucket <= this.buckets && this.buckets > 0; bucket++) {
      const target = (bucket / this.buckets) * this.total;
      while (index < count - 1 && !((this.cumulative[index] as number) > target)) index++;
      this.guide[bucket] = index;
    }
  }

  static fromRecord<K extends string>(record: Readonly<Record<K, number>>): WeightedChoice<K> {
    const keys = Object.keys(record) as K[];
    return new WeightedChoice(
      keys,
      keys.map((key) => record[key]),
    );
  }

  /**
   * The first index whose cumulative weight exceeds unit x total (the last index when none does). With a
   * guide, the search runs between the answers at the bucket's two ends: unit x buckets is exact (a power
   * of two), so b / buckets <= unit < (b + 1) / buckets, and a rounded product is monotone in its
   * factor, so unit x total lies between the ends' own products; the answer, monotone in that target,
   * lies between theirs, and a search of a monotone test in a range holding the answer finds it.
   */
  indexAt(unit: number): number {
    const buckets = this.buckets;
    if (buckets > 0 && unit >= 0 && unit < 1) {
      const bucket = Math.floor(unit * buckets);
      return this.search(unit, this.guide[bucket] as number, this.guide[bucket + 1] as number);
    }
    return this.search(unit, 0, this.cumulative.length - 1);
  }

  /** indexAt's binary search over [lo, hi], which must hold the answer (or hi be the last index). */
  private search(unit: number, low: number, high: number): number {
    const target = unit * this.total;
    let lo = low;
    let hi = high;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cumulative[mid] as number) > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  pickIndex(rng: Rng): number {
    return this.indexAt(rng.float());
  }

  pick(rng: Rng): T {
    return this.values[this.indexAt(rng.float())] as T;
  }
}
