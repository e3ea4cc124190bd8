import { Rng } from '../core/random.js';
import { encodeText } from '../csv/rowSink.js';
import type { Catalog } from './catalog.js';
import type { ProductFacts } from './productFacts.js';
import { productNameParts } from './products.js';
import type { StreamKeys } from './world.js';

/** Slots of the direct-mapped cache: the whole prod catalog fits; larger catalogs share slots. */
const CACHE_SLOTS = 65_536;

/**
 * `/products/<id>-<slug>` of each product, as bytes, computed on first use and kept for the worker thread's life
 * (it is a pure function of seed and id, like the rest of the World). Kept per generator instead, every
 * shard recomputed the slugs of most products it touched: 12% of a prod run. The cache is direct-mapped
 * with a fixed number of slots, so a 10x catalog does not grow every worker's heap by its URLs.
 */
export class ProductUrls {
  private readonly rng = new Rng();
  private readonly urls: Uint8Array[] = new Array<Uint8Array>(CACHE_SLOTS).fill(new Uint8Array(0));
  private readonly ids = new Int32Array(CACHE_SLOTS);

  constructor(
    private readonly deps: { readonly catalog: Catalog; readonly productFacts: ProductFacts; readonly keys: StreamKeys },
  ) {}

  /** The URL as ASCII bytes (slugs are [a-z0-9-]), ready to copy into a row. */
  urlBytes(productId: number): Uint8Array {
    const slot = productId % CACHE_SLOTS;
    if (this.ids[slot] === productId) return this.urls[slot] as Uint8Array;
    const { catalog, productFacts } = this.deps;
    const sub = catalog.subcategory(productFacts.core(productId));
    const parts = productNameParts(this.deps, this.rng, productId, sub);
    const slug = `${parts.modifier} ${parts.productType}`.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    const url = encodeText(`/products/${productId}-${slug}`);
    this.ids[slot] = productId;
    this.urls[slot] = url;
    return url;
  }
}
