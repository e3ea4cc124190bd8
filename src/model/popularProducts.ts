import type { ProductFacts } from './productFacts.js';
import type { ZipfRanks } from './zipfRanks.js';

/**
 * Words a record: the product holding the rank, the largest launch count it holds it for, sale end, and
 * its kind word (ProductFacts.kindOf: category in the low byte, then the name words' indexes).
 */
const RECORD = 4;
/** Sale end of a product still on sale at the window's end: later than any second asked about. */
const ON_SALE = 0xffffffff;

/**
 * What a pick asks about the product at a popularity rank, kept by rank: which product holds the rank
 * (and through how many launches it keeps it), when it leaves sale and its kind (category and name
 * words: a web event's product URL reads them right after the pick). A draw then reads
 * one 16-byte record instead of the rank's walk and two of the product's facts, three cache lines apart:
 * picks are the busiest lookup of web events and order items, and the Zipf head packs most draws into a
 * few records. Every answer is ZipfRanks' and ProductFacts' own; ranks beyond ZipfRanks' remembered ones
 * are asked of them directly. One per thread (in the World), allocated on first use.
 */
export class PopularProducts {
  private records = new Uint32Array(0);
  /** The category of the product onSaleAt gave last. */
  category = 0;
  /**
   * The product onSaleAt or firstOfCategoryOnSaleAt gave last (0: none yet) and its kind word, so that a
   * caller writing that product next needs no second lookup of its facts.
   */
  givenId = 0;
  givenKind = 0;
  /** Ranks with a record: ZipfRanks' remembered ones (beyond them, heldThrough says 0). */
  private readonly recorded: number;

  constructor(
    private readonly ranks: ZipfRanks,
    private readonly facts: ProductFacts,
  ) {
    this.recorded = ranks.rememberedRanks;
  }

  /**
   * The product holding `rank` (1..limit) while `limit` products are launched if it is on sale at
   * `second`, else 0. A product given leaves its category in `category`.
   */
  onSaleAt(rank: number, limit: number, second: number): number {
    const at = this.recordOf(rank, limit);
    if (at < 0) {
      const id = this.ranks.idOfRank(rank, limit);
      if (!this.facts.onSaleAt(id, second)) return 0;
      return this.give(id, this.facts.kindOf(id));
    }
    const records = this.records;
    if (second >= (records[at + 2] as number)) return 0;
    return this.give(records[at] as number, records[at + 3] as number);
  }

  private give(id: number, kind: number): number {
    this.category = kind & 0xff;
    this.givenId = id;
    this.givenKind = kind;
    return id;
  }

  /**
   * The product of the first of `steps` ranks from `first` + 1 (wrapping past `limit` to 1) that is of
   * `category` and on sale at `second` while `limit` products are launched, or 0 when none is.
   */
  firstOfCategoryOnSaleAt(first: number, steps: number, limit: number, category: number, second: number): number {
    // Ranks run first + 1 .. first + steps, wrapping past `limit` to 1 (first < limit and steps <= limit,
    // so one subtraction wraps: no division per step).
    for (let step = 0; step < steps; step++) {
      let rank = first + step + 1;
      if (rank > limit) rank -= limit;
      const at = this.recordOf(rank, limit);
      if (at >= 0) {
        const records = this.records;
        const kind = records[at + 3] as number;
        if ((kind & 0xff) === category && second < (records[at + 2] as number)) return this.give(records[at] as number, kind);
        continue;
      }
      const id = this.ranks.idOfRank(rank, limit);
      if (this.facts.categoryIndex(id) === category && this.facts.onSaleAt(id, second)) return this.give(id, this.facts.kindOf(id));
    }
    return 0;
  }

  /** Where rank's record for `limit` starts, filled when stale; -1 when the rank has none. */
  private recordOf(rank: number, limit: number): number {
    if (rank > this.recorded) return -1;
    if (this.records.length === 0) this.records = new Uint32Array(RECORD * this.recorded);
    const records = this.records;
    const at = RECORD * (rank - 1);
    const held = records[at] as number;
    if (held !== 0 && held <= limit && limit <= (records[at + 1] as number)) return at;
    const id = this.ranks.idOfRank(rank, limit);
    const through = this.ranks.heldThrough(rank);
    if (through < limit) return -1;
    records[at] = id;
    records[at + 1] = through;
    records[at + 2] = this.facts.discontinuedAt(id) || ON_SALE;
    records[at + 3] = this.facts.kindOf(id);
    return at;
  }
}
