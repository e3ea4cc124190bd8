import { Rng } from '../../../core/random.js';
import { encodeText, type RowSink } from '../../../encoding/rowSink.js';
import type { Subcategory } from '../../../vocab/categories/index.js';
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
 * Writes `/products/<id>-<slug>`, the slug made of the product's name words. A product's words are
 * two draws from its name stream, but a slug's text depends only on (subcategory, modifier, product
 * type), so slugs are kept per combination (a few thousand, whatever the catalog's size) and nothing is
 * kept per product. A per-product cache cost 12% of a prod run when rebuilt per shard, and with a 10x
 * catalog its misses and the garbage of replaced entries were a third of a worker's time.
 */
export class ProductUrls {
  private readonly rng = new Rng();
  private readonly words = new Int32Array(4);
  private readonly slugs = new Map<Subcategory, (Uint8Array | undefined)[]>();

  constructor(
    private readonly deps: { readonly catalog: Catalog; readonly productFacts: ProductFacts; readonly keys: StreamKeys },
  ) {}

  write(sink: RowSink, productId: number): void {
    const { catalog, productFacts } = this.deps;
    const sub = catalog.subcategoryOf(productFacts.categoryIndex(productId), productFacts.subcategoryIndex(productId));
    drawNameWords(this.deps.keys, this.rng, productId, sub, this.words);
    const modifier = this.words[NAME_WORD.modifier] as number;
    const productType = this.words[NAME_WORD.productType] as number;
    let table = this.slugs.get(sub);
    if (table === undefined) {
      table = [];
      this.slugs.set(sub, table);
    }
    const index = modifier * sub.productTypes.length + productType;
    let slug = table[index];
    if (slug === undefined) {
      slug = slugOf(sub.modifiers[modifier] as string, sub.productTypes[productType] as string);
      table[index] = slug;
    }
    sink.encoded(PATH_PREFIX);
    sink.int(productId);
    sink.byte(DASH);
    sink.encoded(slug);
  }
}
