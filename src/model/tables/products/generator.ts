import { Rng } from '../../../core/random.js';
import { encodeText, type RowSink } from '../../../encoding/rowSink.js';
import type { Category } from '../../../vocab/categories/index.js';
import { discontinuedSecond } from '../../productFacts.js';
import { productName, productSku, type AuthorNames } from '../../productNames.js';
import type { World } from '../../world.js';

/** Stock is log-normal around the configured median: round(median * exp(STOCK_LOG_SIGMA * z)). */
export const STOCK_LOG_SIGMA = 0.9;

const TRUE_FIELD = encodeText(',true,');
const FALSE_FIELD = encodeText(',false,');

/** Generates products [from, to] as CSV rows, field by field into the sink's bytes. */
export class ProductGenerator {
  private readonly rng = new Rng();
  private readonly authors: AuthorNames;

  constructor(private readonly world: World) {
    this.authors = { first: [...world.names.female, ...world.names.male], last: world.names.last };
  }

  /** Writes product `id` as one CSV row. */
  private row(id: number, sink: RowSink): void {
    const world = this.world;
    const core = world.catalog.drawCore(this.rng.reseed(world.keys.productCore, id));
    const category = world.catalog.categories[core.category] as Category;
    const sub = world.catalog.subcategory(core);
    const name = productName(category, sub, core, id, world.keys.productName, this.authors);
    const rng = this.rng.reseed(world.keys.productDetail, id);
    const config = world.config.products;
    const stock = rng.chance(config.outOfStockRate)
      ? 0
      : Math.max(1, Math.round(config.medianStock * Math.exp(STOCK_LOG_SIGMA * rng.normal())));
    const createdSecond = world.productTimeline.secondOf(id);
    // Inactive means discontinued: a product whose life ended inside the data's range.
    const discontinued = discontinuedSecond(createdSecond, core.lifeSeconds, world.windowLast);

    sink.int(id);
    sink.comma();
    sink.plain(productSku(category, sub, id));
    sink.comma();
    sink.field(name);
    sink.comma();
    sink.field(category.name);
    sink.comma();
    sink.field(sub.name);
    sink.comma();
    sink.field(sub.brands[core.brand] as string);
    sink.comma();
    sink.cents(core.priceCents);
    sink.comma();
    sink.cents(core.costCents);
    sink.comma();
    sink.int(discontinued === 0 ? stock : 0);
    sink.encoded(discontinued === 0 ? TRUE_FIELD : FALSE_FIELD);
    sink.timestamp(createdSecond, world.calendar);
    sink.comma();
    if (discontinued !== 0) sink.timestamp(discontinued, world.calendar);
    sink.newline();
  }

  rows(from: number, to: number, sink: RowSink): void {
    for (let id = from; id <= to; id++) this.row(id, sink);
  }
}
