// Membership of integer keys (primary keys no other table needs facts about): one bit per id over the
// id range while it stays compact, else an IdIndex in hash mode.
import { ensureIndex } from './growable.js';
import { ID_DUPLICATE, ID_OVERFLOW, IdIndex } from './idIndex.js';

/** Bits allowed whatever the count (16 MB), and how sparse the range may be beyond that. */
const BITS_SLACK = 1 << 27;
const BITS_SPARSENESS = 64;
/** 256 MB of bits at most. */
const BITS_MAX = 2 ** 31;

export class IdSet {
  private count = 0;
  private words: Uint32Array | undefined = new Uint32Array(1024);
  private hashed: IdIndex | undefined;

  constructor(private readonly maxIds = 32_000_000) {}

  get overflowed(): boolean {
    return this.hashed?.overflowed ?? false;
  }

  /** True when added; false when `id` was already present. Ids beyond capacity are refused (overflowed). */
  add(id: number): boolean {
    const words = this.words;
    if (words) {
      if (id >= 0 && id < Math.min(BITS_MAX, Math.max(BITS_SLACK, (this.count + 1) * BITS_SPARSENESS))) {
        const word = Math.floor(id / 32);
        const grown = ensureIndex(words, word);
        this.words = grown;
        const bit = 1 << (id & 31);
        if ((grown[word] as number) & bit) return false;
        grown[word] = (grown[word] as number) | bit;
        this.count++;
        return true;
      }
      this.toHashed(words);
    }
    const result = (this.hashed as IdIndex).add(id);
    if (result === ID_DUPLICATE) return false;
    if (result !== ID_OVERFLOW) this.count++;
    return true;
  }

  private toHashed(words: Uint32Array): void {
    const hashed = new IdIndex(this.maxIds);
    for (let word = 0; word < words.length; word++) {
      const bits = words[word] as number;
      if (bits === 0) continue;
      for (let bit = 0; bit < 32; bit++) if (bits & (1 << bit)) hashed.add(word * 32 + bit);
    }
    this.words = undefined;
    this.hashed = hashed;
  }
}
