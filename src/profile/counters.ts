import type { Distribution, Quantiles, Spread } from './profileTypes.js';

/**
 * How many times each label was seen, and those counts as shares of the total. The results are plain
 * objects, whose keys that look like integers (e.g. quantities) always come first in numeric order.
 */
export class LabelCounts {
  private readonly counts = new Map<string, number>();
  total = 0;

  add(label: string, count = 1): void {
    this.counts.set(label, (this.counts.get(label) ?? 0) + count);
    this.total += count;
  }

  get(label: string): number {
    return this.counts.get(label) ?? 0;
  }

  get size(): number {
    return this.counts.size;
  }

  entries(): [string, number][] {
    return [...this.counts.entries()];
  }

  /** Shares of the total, largest first (or in label order when `byLabel`). */
  shares(byLabel = false): Distribution {
    const entries = this.entries().sort(byLabel ? (a, b) => (a[0] < b[0] ? -1 : 1) : (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    return Object.fromEntries(entries.map(([label, count]) => [label, this.total > 0 ? count / this.total : 0]));
  }

  /** The counts themselves, in label order. */
  counted(): Distribution {
    return Object.fromEntries(this.entries().sort((a, b) => (a[0] < b[0] ? -1 : 1)));
  }
}

/** A growable array of numbers kept as float64s, for quantiles of large columns. */
export class NumberSample {
  private values = new Float64Array(1024);
  private length = 0;

  push(value: number): void {
    if (this.length === this.values.length) {
      const next = new Float64Array(this.values.length * 2);
      next.set(this.values);
      this.values = next;
    }
    this.values[this.length++] = value;
  }

  quantiles(): Quantiles {
    const sorted = this.values.slice(0, this.length).sort();
    const at = (q: number): number => (sorted.length ? (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number) : Number.NaN);
    let sum = 0;
    for (const value of sorted) sum += value;
    return {
      count: sorted.length,
      min: at(0),
      p10: at(0.1),
      median: at(0.5),
      p90: at(0.9),
      max: sorted.length ? (sorted[sorted.length - 1] as number) : Number.NaN,
      mean: sorted.length ? sum / sorted.length : Number.NaN,
    };
  }
}

/** Per-id counters over an id range that grows as ids are seen. */
export class IdCounts {
  private counts = new Int32Array(1024);

  add(id: number, count = 1): void {
    if (id >= this.counts.length) {
      let size = this.counts.length;
      while (size <= id) size *= 2;
      const next = new Int32Array(size);
      next.set(this.counts);
      this.counts = next;
    }
    this.counts[id] = (this.counts[id] as number) + count;
  }

  get(id: number): number {
    return id < this.counts.length ? (this.counts[id] as number) : 0;
  }

  /** Counts of ids 1..limit, largest first. */
  sortedDescending(limit: number): Int32Array {
    const values = new Int32Array(limit);
    for (let id = 1; id <= limit; id++) values[id - 1] = this.get(id);
    return values.sort().reverse();
  }
}

/** Share of the total held by the largest `fraction` of the values (sorted descending). */
export function topShare(descending: Int32Array, fraction: number): number {
  let total = 0;
  for (const value of descending) total += value;
  const top = Math.round(descending.length * fraction);
  let sum = 0;
  for (let index = 0; index < top; index++) sum += descending[index] as number;
  return total > 0 ? sum / total : 0;
}

/**
 * A number per id (customers, products, orders), in a float64 array that grows to the largest id seen:
 * memory follows the table's row count, never a map entry per id. Unset ids read as `empty`.
 */
export class IdNumbers {
  private values: Float64Array;

  constructor(private readonly empty = 0) {
    this.values = new Float64Array(1024).fill(empty);
  }

  private reach(id: number): void {
    if (id < this.values.length) return;
    let size = this.values.length;
    while (size <= id) size *= 2;
    const next = new Float64Array(size).fill(this.empty);
    next.set(this.values);
    this.values = next;
  }

  get(id: number): number {
    return id < this.values.length ? (this.values[id] as number) : this.empty;
  }

  set(id: number, value: number): void {
    this.reach(id);
    this.values[id] = value;
  }

  /** Sets the bits of `mask` (values used as bit sets stay below 2^31). */
  or(id: number, mask: number): void {
    this.set(id, this.get(id) | mask);
  }
}

/** Nearest-rank p10 / median / p90 of a sample, null when it is empty (JSON has no NaN). */
export function spreadOf(sample: NumberSample): Spread {
  const q = sample.quantiles();
  return q.count === 0 ? { count: 0, p10: null, median: null, p90: null } : { count: q.count, p10: q.p10, median: q.median, p90: q.p90 };
}
