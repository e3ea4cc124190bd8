import type { EcomConfig } from '../config/configTypes.js';
import type { Rng } from '../core/random.js';
import { WeightedChoice } from '../core/weighted.js';
import { CATALOG, type Category, type Subcategory } from '../vocab/categories/index.js';

/** What every table needs to know of a product: drawn from one stream, so cheap to recompute anywhere. */
export interface ProductCore {
  readonly category: number;
  readonly subcategory: number;
  readonly priceCents: number;
  readonly costCents: number;
}

const ENDING_OFFSETS: Readonly<Record<string, number>> = { '99': -1, '49': -51, '00': 0, '95': -5 };

/** The category tree with its weighted choices and price laws, built once per worker. */
export class Catalog {
  readonly categories: readonly Category[] = CATALOG;
  private readonly categoryChoice: WeightedChoice<number>;
  private readonly subcategoryChoices: readonly WeightedChoice<number>[];
  private readonly endingChoice: WeightedChoice<string>;

  constructor(private readonly config: EcomConfig) {
    this.categoryChoice = new WeightedChoice(
      CATALOG.map((_, index) => index),
      CATALOG.map((category) => category.share),
    );
    this.subcategoryChoices = CATALOG.map(
      (category) =>
        new WeightedChoice(
          category.subcategories.map((_, index) => index),
          category.subcategories.map((sub) => sub.share),
        ),
    );
    this.endingChoice = WeightedChoice.fromRecord(config.products.priceEndings);
  }

  subcategory(core: ProductCore): Subcategory {
    return this.subcategoryOf(core.category, core.subcategory);
  }

  subcategoryOf(category: number, subcategory: number): Subcategory {
    return (this.categories[category] as Category).subcategories[subcategory] as Subcategory;
  }

  /** Category, subcategory, log-normal retail price with a retail ending, and cost as a share of price. */
  drawCore(rng: Rng): ProductCore {
    const category = this.categoryChoice.pickIndex(rng);
    const subcategory = (this.subcategoryChoices[category] as WeightedChoice<number>).pickIndex(rng);
    const sub = (CATALOG[category] as Category).subcategories[subcategory] as Subcategory;
    const raw = sub.medianPriceCents * Math.exp(sub.priceSigma * rng.normal());
    const clamped = Math.min(Math.max(raw, sub.minPriceCents), sub.maxPriceCents);
    const dollars = Math.max(1, Math.round(clamped / 100));
    const ending = ENDING_OFFSETS[this.endingChoice.pick(rng)] ?? 0;
    const priceCents = Math.max(dollars * 100 + ending, 1);
    const { min, max } = this.config.products.costRatio;
    // Clamped to whole cents inside [min, max] of the price, so the rule holds after rounding too.
    const drawn = Math.round(priceCents * (min + (max - min) * rng.float()));
    const costCents = Math.max(1, Math.min(Math.floor(priceCents * max), Math.max(Math.ceil(priceCents * min), drawn)));
    return { category, subcategory, priceCents, costCents };
  }
}
