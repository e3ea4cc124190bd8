import { encodeText, type RowSink } from '../../../encoding/rowSink.js';
import type { Subcategory } from '../../../vocab/categories/index.js';
import type { Catalog } from '../../catalog.js';
import type { ProductFacts } from '../../productFacts.js';

const PATH_PREFIX = encodeText('/products/');
const DASH = 45;

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

/** Writes `/products/<id>-<slug>`, the slug made of the product's name words (kept in its facts). */
export class ProductUrls {
  constructor(private readonly deps: { readonly catalog: Catalog; readonly productFacts: ProductFacts }) {}

  write(sink: RowSink, productId: number): void {
    const { catalog, productFacts } = this.deps;
    const sub = catalog.subcategoryOf(productFacts.categoryIndex(productId), productFacts.subcategoryIndex(productId));
    const slug = slugFor(sub, productFacts.modifierIndex(productId), productFacts.productTypeIndex(productId));
    sink.encoded(PATH_PREFIX);
    sink.int(productId);
    sink.byte(DASH);
    sink.encoded(slug);
  }
}
