import { Rng } from '../core/random.js';
import type { Catalog } from './catalog.js';
import type { ProductFacts } from './productFacts.js';
import { productNameParts } from './products.js';
import type { StreamKeys } from './world.js';

/** Slots of the direct-mapped cache: the whole prod catalog fits; larger catalogs share slots. */
const CACHE_SLOTS = 65_536;

/**
 * `/products/<id>-<slug>` of each product, computed on first use and kept for the worker thread's life
 * (it is a pure function of seed and id, like the rest of the World). Kept per generator instead, every
 * shard recomputed the slugs of most products it touched: 12% of a prod run. The cache is direct-mapped
 * with a fixed number of slots, so a 10x catalog does not grow every worker's heap by its URLs.
 */
export class ProductUrls {
  private readonly rng = new Rng();
  private readonly urls: string[] = new Array<string>(CACHE_SLOTS).fill('');
  private readonly ids = new Int32Array(CACHE_SLOTS);

  constructor(
    private readonly deps: { readonly catalog: Catalog; readonly productFacts: ProductFacts; readonly keys: StreamKeys },
  ) {}

  url(productId: number): string {
    const slot = productId % CACHE_SLOTS;
    if (this.ids[slot] === productId) return this.urls[slot] as string;
    const { catalog, productFacts } = this.deps;
    const sub = catalog.subcategory(productFacts.core(productId));
    const parts = productNameParts(this.deps, this.rng, productId, sub);
    const slug = `${parts.modifier} ${parts.productType}`.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    const url = `/products/${productId}-${slug}`;
    this.ids[slot] = productId;
    this.urls[slot] = url;
    return url;
  }
}
