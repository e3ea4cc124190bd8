import { Rng } from '../../../core/random.js';
import { encodeText, type RowSink } from '../../../encoding/rowSink.js';
import { CATALOG, type Subcategory } from '../../../vocab/categories/index.js';
import type { Catalog } from '../../catalog.js';
import type { ProductFacts } from '../../productFacts.js';
import { drawNameWords, NAME_WORD } from '../../productNames.js';
import type { StreamKeys } from '../../streams.js';

const PATH_PREFIX = encodeText('/products/');
const DASH = 45;

/** `modifier productType` in lower case with every run of other characters turned into one dash. */
function slugOf(modifier: string, productType: string): Uint8Array {
  return encodeText(`${modifier} ${productType}`.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''));
}

/**
 * Every slug, per subcategory, at index `modifier * productTypes + productType`: a slug's text depends
 * only on (subcategory, modifier, product type), so the catalog's few thousand combinations are encoded
 * once per thread and nothing is kept per product, whatever the catalog's size. (A per-product cache
 * cost 12% of a prod run; slugs cached per generator were re-encoded for every shard, +18% on web_events.)
 */
const SLUGS: ReadonlyMap<Subcategory, readonly Uint8Array[]> = new Map(
  CATALOG.flatMap((category) => category.subcategories).map((sub) => [
    sub,
    sub.modifiers.flatMap((modifier) => sub.productTypes.map((productType) => slugOf(modifier, productType))),
  ]),
);

/** Writes `/products/<id>-<slug>`, the slug made of the product's name words (two draws of its name stream). */
export class ProductUrls {
  private readonly rng = new Rng();
  private readonly words = new Int32Array(4);

  constructor(
    private readonly deps: { readonly catalog: Catalog; readonly productFacts: ProductFacts; readonly keys: StreamKeys },
  ) {}

  write(sink: RowSink, productId: number): void {
    const { catalog, productFacts } = this.deps;
    const sub = catalog.subcategoryOf(productFacts.categoryIndex(productId), productFacts.subcategoryIndex(productId));
    drawNameWords(this.deps.keys, this.rng, productId, sub, this.words);
    const slug = (SLUGS.get(sub) as readonly Uint8Array[])[
      (this.words[NAME_WORD.modifier] as number) * sub.productTypes.length + (this.words[NAME_WORD.productType] as number)
    ] as Uint8Array;
    sink.encoded(PATH_PREFIX);
    sink.int(productId);
    sink.byte(DASH);
    sink.encoded(slug);
  }
}
