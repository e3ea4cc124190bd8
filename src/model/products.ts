import { Rng } from '../core/random.js';
import { centsText } from '../core/calendar.js';
import type { Category, Subcategory } from '../vocab/catalog.js';
import type { RowSink } from '../csv/rowSink.js';
import { csvText } from './csvText.js';
import type { World } from './world.js';

export interface ProductNameParts {
  readonly brand: string;
  readonly modifier: string;
  readonly productType: string;
  readonly variant: string;
}

/** Brand and name words drawn from the product's own subcategory, so books never get a steel chair. */
export function productNameParts(world: Pick<World, 'keys'>, rng: Rng, id: number, sub: Subcategory): ProductNameParts {
  rng.reseed(world.keys.productName, id);
  return {
    brand: rng.pick(sub.brands),
    modifier: rng.pick(sub.modifiers),
    productType: rng.pick(sub.productTypes),
    variant: rng.pick(sub.variants),
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
