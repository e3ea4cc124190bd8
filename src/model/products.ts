import { Rng } from '../core/random.js';
import { centsText } from '../core/calendar.js';
import type { Category, Subcategory } from '../vocab/catalog.js';
import type { RowSink } from '../encoding/rowSink.js';
import { csvText } from '../encoding/csvText.js';
import type { World } from './world.js';

export interface ProductNameParts {
  readonly brand: string;
  readonly modifier: string;
  readonly productType: string;
  readonly variant: string;
}

/** Positions of a product's name words in its subcategory's lists, in draw order. */
export const NAME_WORD = { brand: 0, modifier: 1, productType: 2, variant: 3 } as const;

/**
 * Draws which brand, modifier, product type and variant a product gets (positions in its subcategory's
 * lists) into `into`. The one place that fixes the draw order, shared by names and URLs.
 */
export function drawNameWords(world: Pick<World, 'keys'>, rng: Rng, id: number, sub: Subcategory, into: Int32Array): void {
  rng.reseed(world.keys.productName, id);
  into[NAME_WORD.brand] = rng.below(sub.brands.length);
  into[NAME_WORD.modifier] = rng.below(sub.modifiers.length);
  into[NAME_WORD.productType] = rng.below(sub.productTypes.length);
  into[NAME_WORD.variant] = rng.below(sub.variants.length);
}

const nameWords = new Int32Array(4);

/** Brand and name words drawn from the product's own subcategory, so books never get a steel chair. */
export function productNameParts(world: Pick<World, 'keys'>, rng: Rng, id: number, sub: Subcategory): ProductNameParts {
  drawNameWords(world, rng, id, sub, nameWords);
  return {
    brand: sub.brands[nameWords[NAME_WORD.brand] as number] as string,
    modifier: sub.modifiers[nameWords[NAME_WORD.modifier] as number] as string,
    productType: sub.productTypes[nameWords[NAME_WORD.productType] as number] as string,
    variant: sub.variants[nameWords[NAME_WORD.variant] as number] as string,
  };
}

export function productName(category: Category, parts: ProductNameParts): string {
  return category.name === 'Books'
    ? `${parts.modifier} ${parts.productType} (${parts.variant})`
    : `${parts.brand} ${parts.modifier} ${parts.productType} - ${parts.variant}`;
}

/** SKU: category and subcategory codes plus the id, so uniqueness needs no coordination. */
export function productSku(category: Category, sub: Subcategory, id: number): string {
  return `${category.code}-${sub.code}-${String(id).padStart(8, '0')}`;
}

/** Generates products [from, to] as CSV rows. */
export class ProductGenerator {
  private readonly rng = new Rng();

  constructor(private readonly world: World) {}

  row(id: number): string {
    const world = this.world;
    const core = world.productFacts.core(id);
    const category = world.catalog.categories[core.category] as Category;
    const sub = world.catalog.subcategory(core);
    const parts = productNameParts(world, this.rng, id, sub);
    const rng = this.rng.reseed(world.keys.productDetail, id);
    const config = world.config.products;
    const stock = rng.chance(config.outOfStockRate)
      ? 0
      : Math.max(1, Math.round(config.medianStock * Math.exp(0.9 * rng.normal())));
    const active = rng.chance(config.inactiveRate) ? 'false' : 'true';
    const created = world.calendar.timestamp(world.productTimeline.secondOf(id));
    return `${id},${productSku(category, sub, id)},${csvText(productName(category, parts))},${csvText(category.name)},${csvText(sub.name)},${csvText(parts.brand)},${centsText(core.priceCents)},${centsText(core.costCents)},${stock},${active},${created}\n`;
  }

  rows(from: number, to: number, sink: RowSink): void {
    for (let id = from; id <= to; id++) sink.push(this.row(id));
  }
}
