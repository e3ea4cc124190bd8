import type { EcomConfig } from '../config/configTypes.js';
import { SECONDS_PER_DAY } from '../core/calendar.js';
import type { Rng } from '../core/random.js';
import { WeightedChoice } from '../core/weighted.js';
import { CATALOG, type Category, type Subcategory } from '../vocab/categories/index.js';
import { NAME_WORD, NameClashes } from './nameClashes.js';

/** What every table needs to know of a product: drawn from one stream, so cheap to recompute anywhere. */
export interface ProductCore {
  readonly category: number;
  readonly subcategory: number;
  /** Positions of the name words in the subcategory's lists (see NAME_WORD). */
  readonly brand: number;
  readonly modifier: number;
  readonly productType: number;
  readonly variant: number;
  readonly priceCents: number;
  readonly costCents: number;
  /** How long the product stays on sale after its launch, in seconds. */
  readonly lifeSeconds: number;
}

const ENDING_OFFSETS: Readonly<Record<string, number>> = { '99': -1, '49': -51, '00': 0, '95': -5 };
/** Redraws of a name word that would repeat a word, before taking the next word that does not. */
const CLASH_REDRAWS = 4;
// The words each name word is checked against, in draw order: type, brand, modifier, variant.
const AGAINST_TYPE = [NAME_WORD.productType];
const AGAINST_TYPE_BRAND = [NAME_WORD.productType, NAME_WORD.brand];
const AGAINST_ALL = [NAME_WORD.productType, NAME_WORD.brand, NAME_WORD.modifier];
/** A product stays on sale at least this long. */
const MIN_LIFE_DAYS = 60;

/** A subcategory's price law as arrays indexed by word position, built once per worker. */
interface PriceLaw {
  readonly typeCents: Float64Array;
  readonly modifierFactor: Float64Array;
  readonly variantFactor: Float64Array;
}

function priceLaw(sub: Subcategory): PriceLaw {
  const factor = (word: string): number => sub.priceFactors?.[word] ?? 1;
  return {
    typeCents: Float64Array.from(sub.productTypes, (type) => sub.typePrices?.[type] ?? sub.medianPriceCents),
    modifierFactor: Float64Array.from(sub.modifiers, factor),
    variantFactor: Float64Array.from(sub.variants, factor),
  };
}

/** Per category, in CATALOG order: [min, max] cost ratio and the log-normal life (median days, sigma). */
interface CategoryLaw {
  readonly costMin: number;
  readonly costMax: number;
  readonly lifeMedianDays: number;
  readonly lifeSigma: number;
}

/**
 * Mean days a product of the category spends on sale within a span of `spanDays`, launched at a uniform
 * time in it: E[min(life, age)] with age uniform on [0, span], i.e. L - L^2 / 2S for a life L < S and
 * S / 2 beyond, averaged over the log-normal life on a fixed grid of normal quantiles.
 */
function meanShelfDays(law: CategoryLaw, spanDays: number): number {
  let weighted = 0;
  let total = 0;
  for (let z = -4; z <= 4; z += 0.05) {
    const weight = Math.exp((-z * z) / 2);
    const life = Math.max(MIN_LIFE_DAYS, law.lifeMedianDays * Math.exp(law.lifeSigma * z));
    weighted += weight * (life < spanDays ? life - (life * life) / (2 * spanDays) : spanDays / 2);
    total += weight;
  }
  return weighted / total;
}

/** The category tree with its weighted choices and price laws, built once per worker. */
export class Catalog {
  readonly categories: readonly Category[] = CATALOG;
  private readonly categoryChoice: WeightedChoice<number>;
  private readonly subcategoryChoices: readonly WeightedChoice<number>[];
  private readonly endingChoice: WeightedChoice<string>;
  private readonly priceLaws: readonly (readonly PriceLaw[])[];
  /** Built on first use per subcategory: a worker that adopts shared product facts never draws a name, so never needs them. */
  private readonly clashes: (NameClashes | undefined)[][];
  private readonly categoryLaws: readonly CategoryLaw[];
  private readonly chosen = new Int32Array(4);

  constructor(config: EcomConfig) {
    this.categoryLaws = CATALOG.map((category) => {
      const cost = config.products.costRatio[category.name];
      const life = config.products.lifeYears[category.name];
      if (!cost || !life) throw new Error(`config products lacks cost_ratio or life_years for ${category.name}`);
      return { costMin: cost.min, costMax: cost.max, lifeMedianDays: life.median * 365.25, lifeSigma: life.sigma };
    });
    // A category's share is its share of the shelf (products on sale at a time), which is launches times
    // the time each stays on sale within the catalog's span; so short-lived categories (apparel,
    // electronics) launch more products to hold their shelf, as fast-turning assortments do.
    const spanDays = config.products.catalogLeadYears * 365.25 + (config.window.endDay - config.window.startDay + 1);
    this.categoryChoice = new WeightedChoice(
      CATALOG.map((_, index) => index),
      CATALOG.map((category, index) => category.share / meanShelfDays(this.categoryLaws[index] as CategoryLaw, spanDays)),
    );
    this.subcategoryChoices = CATALOG.map(
      (category) =>
        new WeightedChoice(
          category.subcategories.map((_, index) => index),
          category.subcategories.map((sub) => sub.share),
        ),
    );
    this.endingChoice = WeightedChoice.fromRecord(config.products.priceEndings);
    this.priceLaws = CATALOG.map((category) => category.subcategories.map(priceLaw));
    this.clashes = CATALOG.map((category) => category.subcategories.map(() => undefined));
  }

  private clashesOf(category: number, subcategory: number): NameClashes {
    const ofCategory = this.clashes[category] as (NameClashes | undefined)[];
    let clashes = ofCategory[subcategory];
    if (clashes === undefined) {
      const owner = CATALOG[category] as Category;
      clashes = new NameClashes(owner.subcategories[subcategory] as Subcategory, owner.name !== 'Books');
      ofCategory[subcategory] = clashes;
    }
    return clashes;
  }

  /** The category's band of cost as a share of price. */
  costBand(category: number): { readonly min: number; readonly max: number } {
    const law = this.categoryLaws[category] as CategoryLaw;
    return { min: law.costMin, max: law.costMax };
  }

  subcategory(core: ProductCore): Subcategory {
    return this.subcategoryOf(core.category, core.subcategory);
  }

  subcategoryOf(category: number, subcategory: number): Subcategory {
    return (this.categories[category] as Category).subcategories[subcategory] as Subcategory;
  }

  /**
   * Category, subcategory, name words, price, cost and life of a product, all from its core stream.
   * The price follows the name: the product type's typical price times its modifier's and variant's
   * factors (a 65-inch TV, a "Pro" line, a 4-pack) with a small log-normal noise, clamped to the
   * subcategory's range and given a retail ending. Cost is a share of price drawn in the category's band.
   */
  drawCore(rng: Rng): ProductCore {
    const category = this.categoryChoice.pickIndex(rng);
    const subcategory = (this.subcategoryChoices[category] as WeightedChoice<number>).pickIndex(rng);
    const sub = (CATALOG[category] as Category).subcategories[subcategory] as Subcategory;
    const words = this.drawWords(rng, sub, this.clashesOf(category, subcategory));
    const law = (this.priceLaws[category] as readonly PriceLaw[])[subcategory] as PriceLaw;
    const typical =
      (law.typeCents[words[NAME_WORD.productType] as number] as number) *
      (law.modifierFactor[words[NAME_WORD.modifier] as number] as number) *
      (law.variantFactor[words[NAME_WORD.variant] as number] as number);
    const raw = typical * Math.exp(sub.priceSigma * rng.normal());
    const clamped = Math.min(Math.max(raw, sub.minPriceCents), sub.maxPriceCents);
    const dollars = Math.max(1, Math.round(clamped / 100));
    const ending = ENDING_OFFSETS[this.endingChoice.pick(rng)] ?? 0;
    const priceCents = Math.max(dollars * 100 + ending, 1);
    const { costMin: min, costMax: max, lifeMedianDays, lifeSigma } = this.categoryLaws[category] as CategoryLaw;
    // Clamped to whole cents inside [min, max] of the price, so the rule holds after rounding too.
    const drawn = Math.round(priceCents * (min + (max - min) * rng.float()));
    const costCents = Math.max(1, Math.min(Math.floor(priceCents * max), Math.max(Math.ceil(priceCents * min), drawn)));
    const lifeDays = Math.max(MIN_LIFE_DAYS, lifeMedianDays * Math.exp(lifeSigma * rng.normal()));
    return {
      category,
      subcategory,
      brand: words[NAME_WORD.brand] as number,
      modifier: words[NAME_WORD.modifier] as number,
      productType: words[NAME_WORD.productType] as number,
      variant: words[NAME_WORD.variant] as number,
      priceCents,
      costCents,
      lifeSeconds: Math.round(lifeDays * SECONDS_PER_DAY),
    };
  }

  /**
   * Product type, brand, modifier and variant, each uniform but skipping words that would repeat a word
   * already in the name: a few redraws, then the next word in list order that fits (the same for every
   * run, so still a pure function of the stream).
   */
  private drawWords(rng: Rng, sub: Subcategory, clashes: NameClashes): Int32Array {
    const chosen = this.chosen;
    chosen[NAME_WORD.productType] = rng.below(sub.productTypes.length);
    chosen[NAME_WORD.brand] = this.drawWord(rng, clashes, NAME_WORD.brand, sub.brands.length, AGAINST_TYPE);
    chosen[NAME_WORD.modifier] = this.drawWord(rng, clashes, NAME_WORD.modifier, sub.modifiers.length, AGAINST_TYPE_BRAND);
    chosen[NAME_WORD.variant] = this.drawWord(rng, clashes, NAME_WORD.variant, sub.variants.length, AGAINST_ALL);
    return chosen;
  }

  private drawWord(rng: Rng, clashes: NameClashes, list: number, length: number, against: readonly number[]): number {
    let index = rng.below(length);
    for (let redraw = 0; redraw < CLASH_REDRAWS && clashes.clashes(list, index, this.chosen, against); redraw++) index = rng.below(length);
    for (let step = 0; step < length && clashes.clashes(list, index, this.chosen, against); step++) index = (index + 1) % length;
    return index;
  }
}
