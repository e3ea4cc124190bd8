import { encodeText } from '../../../encoding/rowSink.js';
import type { Subcategory } from '../../../vocab/categories/index.js';
import type { Catalog } from '../../catalog.js';
import type { ProductFacts } from '../../productFacts.js';

/** The comma before the URL field, then the path up to the product id. */
const PATH_PREFIX = encodeText(',/products/');
const DASH = 45;
/** The id's digits (at most 16) and its dash. */
const ID_BYTES = 17;

/** `modifier productType` in lower case with every run of other characters turned into one dash. */
function slugOf(modifier: string, productType: string): Uint8Array {
  return encodeText(`${modifier} ${productType}`.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''));
}

/**
 * Slugs per subcategory, at index `modifier * productTypes + productType`, encoded on first use and kept
 * for the thread: a slug's text depends only on (subcategory, modifier, product type), constants of the
 * catalog, so the few thousand combinations are shared by every task and nothing is kept per product,
 * whatever the catalog's size. (A per-product cache cost 12% of a prod run; slugs cached per generator
 * were re-encoded for every shard, +18% on web_events; encoding all of them up front cost ~7 MB of RSS
 * per worker in runs that write no web events.)
 */
const SLUGS = new Map<Subcategory, (Uint8Array | undefined)[]>();

function slugFor(sub: Subcategory, modifier: number, productType: number): Uint8Array {
  let slugs = SLUGS.get(sub);
  if (slugs === undefined) {
    slugs = [];
    SLUGS.set(sub, slugs);
  }
  const index = modifier * sub.productTypes.length + productType;
  return (slugs[index] ??= slugOf(sub.modifiers[modifier] as string, sub.productTypes[productType] as string));
}

/**
 * `,/products/<id>-<slug>` (the URL field with the comma before it), the slug made of the product's
 * name words (kept in its facts). The generator reserves a whole row at once, so this gives the slug
 * (for its length) and writes into the reserved bytes.
 */
export class ProductUrls {
  constructor(private readonly deps: { readonly catalog: Catalog; readonly productFacts: ProductFacts }) {}

  slugOf(productId: number): Uint8Array {
    const { catalog, productFacts } = this.deps;
    // The four name words' indexes in one read (see ProductFacts.kindOf).
    const kind = productFacts.kindOf(productId);
    const sub = catalog.subcategoryOf(kind & 0xff, (kind >>> 8) & 0xff);
    return slugFor(sub, (kind >>> 16) & 0xff, kind >>> 24);
  }

  /** Room `writeUrl` needs for a product with this slug. */
  static bytes(slug: Uint8Array): number {
    return PATH_PREFIX.length + ID_BYTES + slug.length;
  }

  /**
   * Writes the URL field of a product whose slug is `slug` (slugOf) at `at`, its id's digits copied from
   * `view[idStart..idEnd)` (the row's product_id field); returns the offset after it.
   */
  static writeUrl(view: Uint8Array, at: number, idStart: number, idEnd: number, slug: Uint8Array): number {
    view.set(PATH_PREFIX, at);
    let end = at + PATH_PREFIX.length;
    for (let index = idStart; index < idEnd; index++) view[end++] = view[index] as number;
    view[end++] = DASH;
    view.set(slug, end);
    return end + slug.length;
  }
}
