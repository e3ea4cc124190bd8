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
    const tier = this.tierChoice.pickIndex(rng);
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
