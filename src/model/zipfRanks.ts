import { hashId, type Rng } from '../core/random.js';

/** Steps of a cycle walk before giving up on it (only a catalog with very few launched products gets near). */
const MAX_WALK = 256;
/**
 * Ranks whose walk is remembered (8 bytes each, 0.5 MB per worker at most): all of prod's 50k products;
 * in a bigger catalog the Zipf head, where most draws land.
 */
const REMEMBERED_RANKS = 1 << 16;

/**
 * Popularity ranks among the first `limit` of `count` items (the products launched so far) that follow a
 * Zipf-Mandelbrot law, P(rank r) ∝ (r + offset)^-exponent: a steep head (with exponent 1 and offset 8,
 * #1 is drawn ~3x as often as #20) and a long tail, as sales by rank fall in retail. A rank is drawn in
 * O(1) by inverting the CDF of the continuous law over [1, limit].
 *
 * Ranks map to ids by an invertible integer hash on the next power of two (odd multiplies, xor-shifts and
 * an add: 32-bit integer operations, no per-item storage) walked until it lands below `limit`. The walk
 * makes the mapping nearly stable as products launch: each launch hands one existing rank to the new
 * product (which takes that product's popularity) and moves the displaced product to the last rank, so a
 * best-seller stays one for months and new products can become hits.
 */
export class ZipfRanks {
  private readonly mask: number;
  private readonly half: number;
  private readonly multiplierA: number;
  private readonly multiplierB: number;
  private readonly addend: number;
  private readonly low: number;
  private readonly oneMinusS: number;
  private readonly unitExponent: boolean;
  /**
   * Where the walk of each of the first ranks ended (value v) and the lowest value it skipped (s), two
   * words a rank: the walk gives v for every limit in (v, s], so a rank is walked again only when a
   * launch reaches a value it skipped (or a caller goes back before v). Bounded by REMEMBERED_RANKS;
   * allocated on first use.
   */
  private walks = new Int32Array(0);
  /** Ranks whose walk is remembered: the first ones, up to REMEMBERED_RANKS. */
  readonly rememberedRanks: number;
  // The CDF's span for the last limit asked about (callers ask about nearby times over and over).
  private spanLimit = -1;
  private span = 0;

  constructor(
    private readonly count: number,
    exponent: number,
    private readonly offset: number,
    key: number,
  ) {
    const bits = Math.max(1, Math.ceil(Math.log2(Math.max(2, count))));
    if (bits > 30) throw new Error(`ZipfRanks supports up to 2^30 items (got ${count})`);
    this.mask = 2 ** bits - 1;
    this.half = Math.max(1, bits >>> 1);
    this.multiplierA = (hashId(key, 1) | 1) >>> 0;
    this.multiplierB = (hashId(key, 2) | 1) >>> 0;
    this.addend = hashId(key, 3) & this.mask;
    // y = rank + offset runs over [1 + offset, limit + 1 + offset); see drawRank.
    this.low = 1 + offset;
    this.oneMinusS = 1 - exponent;
    this.unitExponent = Math.abs(this.oneMinusS) < 1e-9;
    this.rememberedRanks = Math.min(count, REMEMBERED_RANKS);
  }

  private spanFor(limit: number): number {
    if (limit !== this.spanLimit) {
      const high = limit + 1 + this.offset;
      this.span = this.unitExponent ? Math.log(high / this.low) : Math.pow(high, this.oneMinusS) - Math.pow(this.low, this.oneMinusS);
      this.spanLimit = limit;
    }
    return this.span;
  }

  /** A rank in 1..limit (limit <= count), Zipf-distributed. */
  drawRank(rng: Rng, limit: number): number {
    const u = rng.float();
    const span = this.spanFor(limit);
    const y = this.unitExponent ? this.low * Math.exp(u * span) : Math.pow(Math.pow(this.low, this.oneMinusS) + u * span, 1 / this.oneMinusS);
    return Math.min(limit, Math.max(1, Math.floor(y - this.offset)));
  }

  /** The id (1..limit) holding `rank` (1..limit) while `limit` items exist: a bijection of 1..limit. */
  idOfRank(rank: number, limit: number): number {
    if (rank <= this.rememberedRanks) {
      if (this.walks.length === 0) this.walks = new Int32Array(2 * this.rememberedRanks);
      const at = 2 * (rank - 1);
      const found = this.walks[at] as number;
      if (found < limit && limit <= (this.walks[at + 1] as number)) return found + 1;
    }
    let value = rank - 1;
    let lowestSkipped = this.mask + 1;
    for (let step = 0; step < MAX_WALK; step++) {
      value = this.scramble(value);
      if (value < limit) {
        if (rank <= this.rememberedRanks) {
          this.walks[2 * (rank - 1)] = value;
          this.walks[2 * rank - 1] = lowestSkipped;
        }
        return value + 1;
      }
      if (value < lowestSkipped) lowestSkipped = value;
    }
    // Not a bijection any more, but valid: only when a tiny share of the ids exists. The rank's old walk
    // is forgotten so that heldThrough does not vouch for this answer beyond its own limit.
    if (rank <= this.rememberedRanks) this.walks[2 * rank - 1] = 0;
    return (value % limit) + 1;
  }

  /**
   * The largest limit for which the last `idOfRank(rank, limit)` answer holds (from the id it gave up to
   * here, the answer is the same), or 0 when that answer was not remembered (a rank beyond the remembered
   * ones, or a walk that gave up): then it holds for its own limit only.
   */
  heldThrough(rank: number): number {
    return rank <= this.rememberedRanks && this.walks.length > 0 ? (this.walks[2 * rank - 1] as number) : 0;
  }

  /** A bijection of [0, mask]: each step (odd multiply, add, xor-shift, all modulo 2^bits) is invertible. */
  private scramble(value: number): number {
    const mask = this.mask;
    let x = (Math.imul(value, this.multiplierA) + this.addend) & mask;
    x ^= x >>> this.half;
    x = Math.imul(x, this.multiplierB) & mask;
    x ^= x >>> this.half;
    return x;
  }
}
