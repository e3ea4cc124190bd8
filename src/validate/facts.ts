// What later tables need to know about earlier ones, per row slot (see IdIndex): a few typed arrays.
// Named RowFacts to keep them apart from the generator's model facts (src/model/productFacts.ts).
import { ensureIndex } from './growable.js';
import { IdIndex, type IdIndexState } from './idIndex.js';

export class CustomerRowFacts {
  constructor(readonly ids = new IdIndex()) {}
  /** created_at, epoch seconds (NaN when unreadable). */
  createdAt: Float64Array<ArrayBufferLike> = new Float64Array(1024);

  record(slot: number, createdAt: number): void {
    this.createdAt = ensureIndex(this.createdAt, slot);
    this.createdAt[slot] = createdAt;
  }
}

export class ProductRowFacts {
  constructor(readonly ids = new IdIndex()) {}
  priceCents: Float64Array<ArrayBufferLike> = new Float64Array(1024);
  createdAt: Float64Array<ArrayBufferLike> = new Float64Array(1024);
  /** discontinued_at, epoch seconds; NaN when NULL or unreadable. */
  discontinuedAt: Float64Array<ArrayBufferLike> = new Float64Array(1024);
  /** updated_at, epoch seconds (NaN when absent or unreadable): a price may have changed since. */
  updatedAt: Float64Array<ArrayBufferLike> = new Float64Array(1024);

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
  constructor(readonly ids = new IdIndex()) {}
  orderDate: Float64Array<ArrayBufferLike> = new Float64Array(1024);
  subtotalCents: Float64Array<ArrayBufferLike> = new Float64Array(1024);
  /** The order's line in orders.csv, for reports of rules judged after the file is read. */
  line: Uint32Array<ArrayBufferLike> = new Uint32Array(1024);
  /** Filled from order_items: the sum of their line totals (NaN once one is unreadable) and their count. */
  itemCents: Float64Array<ArrayBufferLike> = new Float64Array(1024);
  itemCount: Int32Array<ArrayBufferLike> = new Int32Array(1024);
  /** customer_id (0 when unreadable), for the purchase events of web_events. */
  customer: Int32Array<ArrayBufferLike> = new Int32Array(1024);
  /** Filled from order_items: the sum of productFingerprint over the order's products (mod 2^32). */
  itemProducts: Int32Array<ArrayBufferLike> = new Int32Array(1024);
  /** Filled from web_events: 1 once a purchase event has placed the order. */
  purchased: Uint8Array<ArrayBufferLike> = new Uint8Array(1024);

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

  /** Lets go of what only ORD-02, -04 and -09 read (after order_items), and cuts the rest to size. */
  releaseItemSums(): void {
    const size = this.ids.size;
    this.subtotalCents = new Float64Array(0);
    this.itemCents = new Float64Array(0);
    this.line = new Uint32Array(0);
    this.itemCount = this.itemCount.slice(0, size);
    this.itemProducts = this.itemProducts.slice(0, size);
    this.purchased = this.purchased.slice(0, size);
  }

  /** `fingerprint` is productFingerprint of the item's product_id. */
  addItem(slot: number, lineTotalCents: number, fingerprint: number): void {
    this.itemProducts[slot] = ((this.itemProducts[slot] as number) + fingerprint) | 0;
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

/**
 * The facts the row rules of later tables read (never write), as they travel to workers: each array
 * copied once into shared memory, so every task of a table looks them up without a copy of its own.
 */
export interface SharedFacts {
  readonly customers?: { readonly ids: IdIndexState; readonly createdAt: Float64Array };
  readonly products?: { readonly ids: IdIndexState; readonly priceCents: Float64Array; readonly createdAt: Float64Array; readonly discontinuedAt: Float64Array; readonly updatedAt: Float64Array };
  readonly orders?: { readonly ids: IdIndexState; readonly orderDate: Float64Array; readonly customer: Int32Array };
}

type Copy = <T extends Int32Array | Float64Array>(array: T) => T;

/** `array` in a SharedArrayBuffer: itself when it is one already, else a copy. */
export function sharedCopy<T extends Int32Array | Float64Array>(array: T): T {
  if (array.buffer instanceof SharedArrayBuffer) return array;
  const copy = new (array.constructor as new (buffer: SharedArrayBuffer) => T)(new SharedArrayBuffer(array.byteLength));
  copy.set(array);
  return copy;
}

/**
 * `facts` for workers; `copy` puts each array where they can read it (sharedCopy; the identity
 * in-process). The facts of a table are shared once it has been read, when no row adds to them: they
 * then keep the shared arrays, cut to size, instead of arrays of their own as well.
 */
export function shareFacts(facts: DatasetFacts, copy: Copy): SharedFacts {
  const shared = sharedFacts(facts, copy);
  const { customers, products, orders } = facts;
  if (customers && shared.customers) {
    customers.ids.useState(shared.customers.ids);
    customers.createdAt = shared.customers.createdAt;
  }
  if (products && shared.products) {
    products.ids.useState(shared.products.ids);
    products.priceCents = shared.products.priceCents;
    products.createdAt = shared.products.createdAt;
    products.discontinuedAt = shared.products.discontinuedAt;
    products.updatedAt = shared.products.updatedAt;
  }
  if (orders && shared.orders) {
    orders.ids.useState(shared.orders.ids);
    orders.orderDate = shared.orders.orderDate;
    orders.customer = shared.orders.customer;
  }
  return shared;
}

function sharedFacts(facts: DatasetFacts, copy: Copy): SharedFacts {
  const { customers, products, orders } = facts;
  const upTo = <T extends Int32Array | Float64Array>(array: T, size: number): T => copy(array.length === size ? array : (array.subarray(0, size) as T));
  return {
    ...(customers ? { customers: { ids: customers.ids.state(copy), createdAt: upTo(customers.createdAt, customers.ids.size) } } : {}),
    ...(products
      ? {
          products: {
            ids: products.ids.state(copy),
            priceCents: upTo(products.priceCents, products.ids.size),
            createdAt: upTo(products.createdAt, products.ids.size),
            discontinuedAt: upTo(products.discontinuedAt, products.ids.size),
            updatedAt: upTo(products.updatedAt, products.ids.size),
          },
        }
      : {}),
    ...(orders ? { orders: { ids: orders.ids.state(copy), orderDate: upTo(orders.orderDate, orders.ids.size), customer: upTo(orders.customer, orders.ids.size) } } : {}),
  };
}

/** The read-only facts a worker's rules look up, over the shared arrays. */
export function factsFromShared(shared: SharedFacts): DatasetFacts {
  const facts: DatasetFacts = {};
  if (shared.customers) {
    facts.customers = new CustomerRowFacts(IdIndex.fromState(shared.customers.ids));
    facts.customers.createdAt = shared.customers.createdAt;
  }
  if (shared.products) {
    const products = new ProductRowFacts(IdIndex.fromState(shared.products.ids));
    products.priceCents = shared.products.priceCents;
    products.createdAt = shared.products.createdAt;
    products.discontinuedAt = shared.products.discontinuedAt;
    products.updatedAt = shared.products.updatedAt;
    facts.products = products;
  }
  if (shared.orders) {
    const orders = new OrderRowFacts(IdIndex.fromState(shared.orders.ids));
    orders.orderDate = shared.orders.orderDate;
    orders.customer = shared.orders.customer;
    facts.orders = orders;
  }
  return facts;
}
