// Counter-based randomness: every value is derived from (seed, stream, row id) by hashing, so any row
// can be computed alone, in any order, on any thread. A small sfc32 generator is re-seeded per row in O(1).

/** murmur3's 32-bit finaliser: a cheap bijective mix with full avalanche. */
function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hash of a short text (stream and table names) to 32 bits; FNV-1a then a final mix. */
function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

const TWO_POW_32 = 4294967296;

/**
 * Splits an id (up to 2^53) into two 32-bit words and hashes it under a key. defects/defectPlan.ts's
 * drawnIds has this arithmetic written out in its loop (a call left out of line boxed the hash): change both.
 */
export function hashId(key: number, id: number): number {
  const lo = id >>> 0;
  const hi = Math.floor(id / TWO_POW_32) >>> 0;
  return mix32(mix32(key ^ lo) + Math.imul(hi ^ 0x27d4eb2f, 0x165667b1));
}

/** The key of one named stream under a seed: computed once per worker, not per row. */
export function streamKey(seed: number, name: string): number {
  const lo = seed >>> 0;
  const hi = Math.floor(seed / TWO_POW_32) >>> 0;
  return mix32(hashText(name) ^ mix32(lo ^ mix32(hi + 0x9e3779b9)));
}

/** A uniform number in [0, 1) from a hash of (key, id), without a generator. */
export function hashUnit(key: number, id: number): number {
  return hashId(key, id) / TWO_POW_32;
}

/**
 * sfc32 (Chris Doty-Humphrey's small fast counting generator): 128-bit state, passes PractRand far
 * beyond what one row consumes, and re-seeds with three hashes instead of faker's ~25 us seed().
 */
export class Rng {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;

  /** Positions the generator on row `id` of the stream `key`. */
  reseed(key: number, id: number): this {
    const base = hashId(key, id);
    this.a = base;
    this.b = mix32(base ^ 0x9e3779b9);
    this.c = mix32(base + 0x6a09e667);
    this.d = 1;
    // Three rounds spread the seed words through the whole state.
    this.u32();
    this.u32();
    this.u32();
    return this;
  }

  /** Writes the generator's state to `into[at..at+3]`, so a walk can be resumed later by `restore`. */
  save(into: Int32Array, at: number): void {
    into[at] = this.a;
    into[at + 1] = this.b;
    into[at + 2] = this.c;
    into[at + 3] = this.d;
  }

  /** Resumes the generator from a state `save` wrote (words kept as int32: every step works modulo 2^32). */
  restore(from: Int32Array, at: number): this {
    this.a = from[at] as number;
    this.b = from[at + 1] as number;
    this.c = from[at + 2] as number;
    this.d = from[at + 3] as number;
    return this;
  }

  u32(): number {
    const t0 = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    const rotated = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    const t = (t0 + this.d) | 0;
    this.c = (rotated + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1) with 32 bits: enough for picks from small tables. */
  float(): number {
    return this.u32() / TWO_POW_32;
  }

  /** Uniform in [0, 1) with 53 bits, for faker and for positions in long ranges. */
  double(): number {
    const high = this.u32() >>> 5;
    const low = this.u32() >>> 6;
    return (high * 67108864 + low) / 9007199254740992;
  }

  /** Integer in [0, n). */
  below(n: number): number {
    return n <= TWO_POW_32 ? Math.floor(this.float() * n) : Math.floor(this.double() * n);
  }

  /** Integer in [lo, hi], both inclusive. */
  between(lo: number, hi: number): number {
    return lo + this.below(hi - lo + 1);
  }

  chance(probability: number): boolean {
    return this.float() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.float() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** Standard normal deviate (Box-Muller; the second value is dropped to keep streams simple); |z| <= NORMAL_MAX. */
  normal(): number {
    const u = 1 - this.float();
    const v = this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}

/** The largest |z| Rng.normal() can give: its uniform u = 1 - float() is at least 2^-32. */
export const NORMAL_MAX = Math.sqrt(-2 * Math.log(2 ** -32));
