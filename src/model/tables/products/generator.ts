import { Rng } from '../../../core/random.js';
import { encodeText } from '../../../encoding/rowSink.js';
import type { RowWriter } from '../../../encoding/rowWriter.js';
import type { Category } from '../../../vocab/categories/index.js';
import { discontinuedSecond } from '../../productFacts.js';
import { ProductHistory, type ProductState } from '../../history/productHistory.js';
import { productName, productSku, type AuthorNames } from '../../productNames.js';
import type { World } from '../../world.js';
import { STOCK_LOG_SIGMA } from './stockLaw.js';


const TRUE_FIELD = encodeText(',true,');
const FALSE_FIELD = encodeText(',false,');

/** Generates products [from, to] as CSV rows, field by field into the sink's bytes. */
export class ProductGenerator {
  private readonly rng = new Rng();
  private readonly authors: AuthorNames;
  private readonly history: ProductHistory;
  private readonly state: ProductState = { priceCents: 0, costCents: 0, stock: 0, discontinued: false, updatedSecond: 0 };

  constructor(private readonly world: World) {
    this.authors = { first: [...world.names.female, ...world.names.male], last: world.names.last };
    this.history = new ProductHistory(world);
  }

  /** Writes product `id` as it was at `at` as one CSV row, or nothing before its launch; returns whether it wrote. */
  row(id: number, at: number, sink: RowWriter): boolean {
    const world = this.world;
    const createdSecond = world.productTimeline.secondOf(id);
    if (createdSecond > at) return false;
    const core = world.catalog.drawCore(this.rng.reseed(world.keys.productCore, id));
    const category = world.catalog.categories[core.category] as Category;
    const sub = world.catalog.subcategory(core);
    const name = productName(category, sub, core, id, world.keys.productName, this.authors);
    const rng = this.rng.reseed(world.keys.productDetail, id);
    const config = world.config.products;
    const stock = rng.chance(config.outOfStockRate)
      ? 0
      : Math.max(1, Math.round(config.medianStock * Math.exp(STOCK_LOG_SIGMA * rng.normal())));
    // Inactive means discontinued: a product whose life ended by `at` (inside the data's range).
    const state = this.history.stateAt(id, at, stock, core.costCents, this.state);
    const discontinued = state.discontinued ? discontinuedSecond(createdSecond, core.lifeSeconds, world.windowLast) : 0;

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
    sink.cents(state.priceCents);
    sink.comma();
    sink.cents(state.costCents);
    sink.comma();
    sink.int(state.stock);
    sink.encoded(discontinued === 0 ? TRUE_FIELD : FALSE_FIELD);
    sink.timestamp(createdSecond, world.calendar);
    sink.comma();
    if (discontinued !== 0) sink.timestamp(discontinued, world.calendar);
    sink.comma();
    sink.timestamp(state.updatedSecond, world.calendar);
    sink.newline();
    return true;
  }

  rows(from: number, to: number, sink: RowWriter, until: number): number {
    let written = 0;
    for (let id = from; id <= to; id++) if (this.row(id, until, sink)) written++;
    return written;
  }
}
