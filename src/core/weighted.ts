import type { Rng } from './random.js';

/**
 * A weighted choice built once (cumulative table, binary search): picks in O(log n) with one
 * random draw and no allocation.
 */
export class WeightedChoice<T> {
  private readonly cumulative: Float64Array;
  private readonly total: number;

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
  }

  static fromRecord<K extends string>(record: Readonly<Record<K, number>>): WeightedChoice<K> {
    const keys = Object.keys(record) as K[];
    return new WeightedChoice(
      keys,
      keys.map((key) => record[key]),
    );
  }

  indexAt(unit: number): number {
    const target = unit * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
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
