import { Rng } from '../core/random.js';
import type { Catalog } from './catalog.js';
import type { ProductFacts } from './productFacts.js';
import { productNameParts } from './products.js';
import type { StreamKeys } from './world.js';

/** Products' URL slugs are kept once computed, for catalogs up to this many products. */
const MAX_CACHED_URLS = 2_000_000;

/**
 * `/products/<id>-<slug>` of each product, computed on first use and kept for the worker thread's life
 * (it is a pure function of seed and id, like the rest of the World). Kept per generator instead, every
 * shard recomputed the slugs of most products it touched: 12% of a prod run.
 */
export class ProductUrls {
  private readonly rng = new Rng();
  private readonly urls: string[];

  constructor(
    private readonly deps: { readonly catalog: Catalog; readonly productFacts: ProductFacts; readonly keys: StreamKeys },
    count: number,
  ) {
    // Filled with '' up front so V8 keeps a dense array, not a dictionary.
    this.urls = new Array<string>(Math.min(count, MAX_CACHED_URLS) + 1).fill('');
  }

  url(productId: number): string {
    const cached = this.urls[productId];
    if (cached) return cached;
    const { catalog, productFacts } = this.deps;
    const sub = catalog.subcategory(productFacts.core(productId));
    const parts = productNameParts(this.deps, this.rng, productId, sub);
    const slug = `${parts.modifier} ${parts.productType}`.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    const url = `/products/${productId}-${slug}`;
    if (productId < this.urls.length) this.urls[productId] = url;
    return url;
  }
}
