// What later tables need to know about earlier ones, per row slot (see IdIndex): a few typed arrays.
// Named RowFacts to keep them apart from the generator's model facts (src/model/productFacts.ts).
import { ensureIndex } from './growable.js';
import { IdIndex } from './idIndex.js';

export class CustomerRowFacts {
  readonly ids = new IdIndex();
  /** created_at, epoch seconds (NaN when unreadable). */
  createdAt = new Float64Array(1024);

  record(slot: number, createdAt: number): void {
    this.createdAt = ensureIndex(this.createdAt, slot);
    this.createdAt[slot] = createdAt;
  }
}

export class ProductRowFacts {
  readonly ids = new IdIndex();
  priceCents = new Float64Array(1024);
  createdAt = new Float64Array(1024);
  /** discontinued_at, epoch seconds; NaN when NULL or unreadable. */
  discontinuedAt = new Float64Array(1024);

  record(slot: number, priceCents: number, createdAt: number, discontinuedAt: number): void {
    this.priceCents = ensureIndex(this.priceCents, slot);
    this.createdAt = ensureIndex(this.createdAt, slot);
    this.discontinuedAt = ensureIndex(this.discontinuedAt, slot);
    this.priceCents[slot] = priceCents;
    this.createdAt[slot] = createdAt;
    this.discontinuedAt[slot] = discontinuedAt;
  }
}

export class OrderRowFacts {
  readonly ids = new IdIndex();
  orderDate = new Float64Array(1024);
  subtotalCents = new Float64Array(1024);
  /** The order's line in orders.csv, for reports of rules judged after the file is read. */
  line = new Uint32Array(1024);
  /** Filled from order_items: the sum of their line totals (NaN once one is unreadable) and their count. */
  itemCents = new Float64Array(1024);
  itemCount = new Int32Array(1024);

  record(slot: number, orderDate: number, subtotalCents: number, line: number): void {
    this.orderDate = ensureIndex(this.orderDate, slot);
    this.subtotalCents = ensureIndex(this.subtotalCents, slot);
    this.line = ensureIndex(this.line, slot);
    this.itemCents = ensureIndex(this.itemCents, slot);
    this.itemCount = ensureIndex(this.itemCount, slot);
    this.orderDate[slot] = orderDate;
    this.subtotalCents[slot] = subtotalCents;
    this.line[slot] = line;
  }

  addItem(slot: number, lineTotalCents: number): void {
    this.itemCents[slot] = (this.itemCents[slot] as number) + lineTotalCents;
    this.itemCount[slot] = (this.itemCount[slot] as number) + 1;
  }
}

/** The facts gathered so far; a table is absent when its file could not be checked. */
export interface DatasetFacts {
  customers?: CustomerRowFacts;
  products?: ProductRowFacts;
  orders?: OrderRowFacts;
}
