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
  /** updated_at, epoch seconds (NaN when absent or unreadable): a price may have changed since. */
  updatedAt = new Float64Array(1024);

  record(slot: number, priceCents: number, createdAt: number, discontinuedAt: number, updatedAt: number): void {
    this.updatedAt = ensureIndex(this.updatedAt, slot);
    this.updatedAt[slot] = updatedAt;
    this.priceCents = ensureIndex(this.priceCents, slot);
    this.createdAt = ensureIndex(this.createdAt, slot);
    this.discontinuedAt = ensureIndex(this.discontinuedAt, slot);
    this.priceCents[slot] = priceCents;
    this.createdAt[slot] = createdAt;
    this.discontinuedAt[slot] = discontinuedAt;
  }
}

/**
 * A product id mixed to 32 bits: a set of products is summarised by the sum of its members' fingerprints
 * (and its size), so an order's items and a session's cart compare in O(1) memory per order.
 */
export function productFingerprint(productId: number): number {
  if (!Number.isInteger(productId)) return 0x5bd1e995;
  let x = (productId ^ (productId >>> 16)) | 0;
  x = Math.imul(x, 0x45d9f3b);
  x = Math.imul(x ^ (x >>> 16), 0x45d9f3b);
  return (x ^ (x >>> 16)) | 0;
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
  /** customer_id (0 when unreadable), for the purchase events of web_events. */
  customer = new Int32Array(1024);
  /** Filled from order_items: the sum of productFingerprint over the order's products (mod 2^32). */
  itemProducts = new Int32Array(1024);
  /** Filled from web_events: 1 once a purchase event has placed the order. */
  purchased = new Uint8Array(1024);

  record(slot: number, orderDate: number, subtotalCents: number, line: number, customer = 0): void {
    this.customer = ensureIndex(this.customer, slot);
    this.itemProducts = ensureIndex(this.itemProducts, slot);
    this.purchased = ensureIndex(this.purchased, slot);
    this.customer[slot] = Number.isInteger(customer) && customer > 0 && customer <= 2147483647 ? customer : 0;
    this.orderDate = ensureIndex(this.orderDate, slot);
    this.subtotalCents = ensureIndex(this.subtotalCents, slot);
    this.line = ensureIndex(this.line, slot);
    this.itemCents = ensureIndex(this.itemCents, slot);
    this.itemCount = ensureIndex(this.itemCount, slot);
    this.orderDate[slot] = orderDate;
    this.subtotalCents[slot] = subtotalCents;
    this.line[slot] = line;
  }

  addItem(slot: number, lineTotalCents: number, productId = Number.NaN): void {
    this.itemProducts[slot] = ((this.itemProducts[slot] as number) + productFingerprint(productId)) | 0;
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
