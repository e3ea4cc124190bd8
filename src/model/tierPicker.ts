import { WeightedChoice } from '../core/weighted.js';
import { hashId, type Rng } from '../core/random.js';

const BLOCK = 100;
// 37 and 73 are inverses modulo 100, so slot -> position is a bijection inside each block.
const STRIDE = 37;
const STRIDE_INVERSE = 73;

/**
 * Gives every id a fixed tier (how popular a product is, how often a customer buys) and picks an id of a
 * chosen tier among the first k ids in O(1). Within each block of 100 ids, slots 0..99 are assigned to
 * tiers by percent and shuffled per block by an affine map, so tiers are spread evenly over the id range
 * (and so over time, since ids follow time) without storing anything per id.
 */
export class TierPicker {
  private readonly tierOfSlot: Uint8Array;
  private readonly tierFirstSlot: number[];
  private readonly tierSlotCount: number[];
  private readonly tierChoice: WeightedChoice<number>;
  /**
   * For block offset o, tier t and position p: the largest position <= p of tier t in a block with
   * offset o, or -1. Index (o * tiers + t) * BLOCK + p; 100 offsets x tiers x 100 bytes, built once.
   */
  private readonly lastAtOrBelow: Int8Array;

  constructor(
    sharePcts: readonly number[],
    pickWeights: readonly number[],
    private readonly blockKey: number,
  ) {
    this.tierOfSlot = new Uint8Array(BLOCK);
    this.tierFirstSlot = [];
    this.tierSlotCount = [];
    let slot = 0;
    sharePcts.forEach((share, tier) => {
      this.tierFirstSlot.push(slot);
      this.tierSlotCount.push(share);
      this.tierOfSlot.fill(tier, slot, slot + share);
      slot += share;
    });
    this.tierChoice = new WeightedChoice(
      sharePcts.map((_, tier) => tier),
      sharePcts.map((share, tier) => share * (pickWeights[tier] ?? 0)),
    );
    const tiers = sharePcts.length;
    this.lastAtOrBelow = new Int8Array(BLOCK * tiers * BLOCK);
    for (let offset = 0; offset < BLOCK; offset++) {
      for (let tier = 0; tier < tiers; tier++) {
        const base = (offset * tiers + tier) * BLOCK;
        let last = -1;
        for (let position = 0; position < BLOCK; position++) {
          if (this.tierOfSlot[(position * STRIDE + offset) % BLOCK] === tier) last = position;
          this.lastAtOrBelow[base + position] = last;
        }
      }
    }
  }

  /** The largest id <= `id` whose tier is `tier`, or 0 when there is none. */
  atOrBelow(id: number, tier: number): number {
    const tiers = this.tierSlotCount.length;
    const index = id - 1;
    let block = Math.floor(index / BLOCK);
    let position = index - block * BLOCK;
    while (block >= 0) {
      const found = this.lastAtOrBelow[(this.blockOffset(block) * tiers + tier) * BLOCK + position] as number;
      if (found >= 0) return block * BLOCK + found + 1;
      block--;
      position = BLOCK - 1;
    }
    return 0;
  }

  private blockOffset(block: number): number {
    return hashId(this.blockKey, block) % BLOCK;
  }

  tierOf(id: number): number {
    const index = id - 1;
    const block = Math.floor(index / BLOCK);
    const position = index - block * BLOCK;
    const slot = (position * STRIDE + this.blockOffset(block)) % BLOCK;
    return this.tierOfSlot[slot] as number;
  }

  /** An id in 1..limit, drawn by tier weight and uniformly within the tier. */
  pick(rng: Rng, limit: number): number {
    return this.pickOfTier(rng, this.tierChoice.pickIndex(rng), limit);
  }

  /** An id in 1..limit of tier `tier` (uniformly among them), or, for a tiny limit, any id in 1..limit. */
  pickOfTier(rng: Rng, tier: number, limit: number): number {
    const blocks = Math.ceil(limit / BLOCK);
    for (let attempt = 0; attempt < 16; attempt++) {
      const block = rng.below(blocks);
      const slot = (this.tierFirstSlot[tier] as number) + rng.below(this.tierSlotCount[tier] as number);
      const position = (((slot - this.blockOffset(block) + BLOCK) % BLOCK) * STRIDE_INVERSE) % BLOCK;
      const id = block * BLOCK + position + 1;
      if (id <= limit) return id;
    }
    // Only a tiny limit (a partly filled first block) gets here.
    return 1 + rng.below(limit);
  }
}
