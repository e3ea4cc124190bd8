// Delivery faults a consumer must survive: rows delivered late (a later batch) or twice. Which rows, and
// by how many batches, is a hash of (seed, _seq) alone, so no worker count or part split changes them.
import { hashId, hashUnit, streamKey } from '../core/random.js';

/** A late or repeated row arrives at most this many batches after its own. */
export const MAX_DELAY_BATCHES = 3;

export interface FaultRates {
  /** Share of rows moved into a later batch. */
  readonly late: number;
  /** Share of rows delivered a second time (same batch or a later one). */
  readonly duplicates: number;
}

export class DeliveryFaults {
  private readonly keys: readonly number[];

  constructor(
    seed: number,
    private readonly rates: FaultRates,
  ) {
    this.keys = ['late', 'late_by', 'duplicate', 'duplicate_by'].map((name) => streamKey(seed, `changes.${name}`));
  }

  hasRates(rates: FaultRates): boolean {
    return this.rates.late === rates.late && this.rates.duplicates === rates.duplicates;
  }

  get any(): boolean {
    return this.rates.late > 0 || this.rates.duplicates > 0;
  }

  private unit(key: number, seq: bigint): number {
    return hashUnit(hashId(this.keys[key] as number, Number(seq >> 32n)), Number(seq & 0xffffffffn));
  }

  /** The batch a row of batch `index` is delivered in (the last batch never delays). */
  deliveredIn(seq: bigint, index: number, lastIndex: number): number {
    if (this.rates.late <= 0 || this.unit(0, seq) >= this.rates.late) return index;
    return Math.min(lastIndex, index + 1 + Math.floor(this.unit(1, seq) * MAX_DELAY_BATCHES));
  }

  /** The batch a row of batch `index` is delivered in a second time, or -1 when it is not repeated. */
  repeatedIn(seq: bigint, index: number, lastIndex: number): number {
    if (this.rates.duplicates <= 0 || this.unit(2, seq) >= this.rates.duplicates) return -1;
    return Math.min(lastIndex, index + Math.floor(this.unit(3, seq) * (MAX_DELAY_BATCHES + 1)));
  }
}
