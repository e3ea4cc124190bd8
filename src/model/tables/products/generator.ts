import { Rng } from '../../../core/random.js';
import { encodeText, type RowSink } from '../../../encoding/rowSink.js';
import type { Category } from '../../../vocab/categories/index.js';
import { productName, productNameParts, productSku } from '../../productNames.js';
import type { World } from '../../world.js';

/** Stock is log-normal around the configured median: round(median * exp(STOCK_LOG_SIGMA * z)). */
export const STOCK_LOG_SIGMA = 0.9;

const TRUE_FIELD = encodeText(',true,');
const FALSE_FIELD = encodeText(',false,');

/** Generates products [from, to] as CSV rows, field by field into the sink's bytes. */
export class ProductGenerator {
  private readonly rng = new Rng();

  constructor(private readonly world: World) {}

  /** Writes product `id` as one CSV row. */
  private row(id: number, sink: RowSink): void {
    const world = this.world;
    const core = world.productFacts.core(id);
    const category = world.catalog.categories[core.category] as Category;
    const sub = world.catalog.subcategory(core);
    const parts = productNameParts(world.keys, this.rng, id, sub);
    const rng = this.rng.reseed(world.keys.productDetail, id);
    const config = world.config.products;
    const stock = rng.chance(config.outOfStockRate)
      ? 0
      : Math.max(1, Math.round(config.medianStock * Math.exp(STOCK_LOG_SIGMA * rng.normal())));
    const active = !rng.chance(config.inactiveRate);

    sink.int(id);
    sink.comma();
    sink.plain(productSku(category, sub, id));
    sink.comma();
    sink.field(productName(category, parts));
    sink.comma();
    sink.field(category.name);
    sink.comma();
    sink.field(sub.name);
    sink.comma();
    sink.field(parts.brand);
    sink.comma();
    sink.cents(core.priceCents);
    sink.comma();
    sink.cents(core.costCents);
    sink.comma();
    sink.int(stock);
    sink.encoded(active ? TRUE_FIELD : FALSE_FIELD);
    sink.timestamp(world.productTimeline.secondOf(id), world.calendar);
    sink.newline();
  }

  rows(from: number, to: number, sink: RowSink): void {
    for (let id = from; id <= to; id++) this.row(id, sink);
  }
}
