import { encodeText, writeDigits } from '../../../encoding/rowSink.js';
import type { Category } from '../../../vocab/categories/index.js';
import type { Catalog } from '../../catalog.js';
import type { PopularProducts } from '../../popularProducts.js';
import type { ProductFacts } from '../../productFacts.js';

/** The comma before the URL field, then the path up to the product id. */
const PATH_PREFIX = encodeText(',/products/');
/** The path up to the product id (a typed row's value, without the comma). */
const PATH = PATH_PREFIX.subarray(1);
const DASH = 45;
/** The id's digits (at most 16) and its dash. */
const ID_BYTES = 17;
/** A slug's place in the pool, its ref: offset << 8 | length (a slug is shorter than 256 bytes). */
const MAX_SLUG_BYTES = 255;
/** Refs are 31-bit: the pool stays below 2^23 bytes (a whole catalog's slugs are well under 1 MB). */
const MAX_POOL_BYTES = 1 << 23;
/** Kind bytes (category, subcategory) index the first-slug table: a byte each. */
const SUBCATEGORY_KEYS = 256 * 256;

/** `modifier productType` in lower case with every run of other characters turned into one dash. */
export function slugText(modifier: string, productType: string): string {
  return `${modifier} ${productType}`.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/**
 * Every slug of a category tree, encoded on first use into one pool of bytes and found from a product's
 * kind word (ProductFacts.kindOf) by two reads of small dense tables. A slug's text depends only on
 * (subcategory, modifier, product type), constants of the catalog, so the few thousand combinations are
 * shared by every task of the thread and nothing is kept per product, whatever the catalog's size.
 * Kept as bytes side by side (prod: ~3.9k slugs, ~88 KB) rather than one small array each: a product
 * view is a random product, and a slug array of its own (an object and its bytes, apart) cost two cache
 * misses a row; a per-product cache cost 12% of a prod run, encoding all slugs up front ~7 MB of RSS per
 * worker in runs that write no web events.
 */
class SlugTable {
  /** Index of each subcategory's first slug, at category | subcategory << 8 (the kind word's low half). */
  private readonly firstSlug = new Int32Array(SUBCATEGORY_KEYS);
  /** Product types of each subcategory (same index): a slug's index is first + modifier * types + type. */
  private readonly typeCounts = new Int32Array(SUBCATEGORY_KEYS);
  /** Each slug's ref in `pool` + 1; 0 = not encoded yet. */
  private readonly refs: Int32Array;
  /** Each slug's modifier and product type texts, to encode it on first use. */
  private readonly words: [string, string][] = [];
  /** The encoded slugs, one after another (grows; read it after `refOf`). */
  pool = new Uint8Array(16 * 1024);
  private used = 0;

  constructor(categories: readonly Category[]) {
    categories.forEach((category, categoryIndex) => {
      category.subcategories.forEach((sub, subIndex) => {
        const key = categoryIndex | (subIndex << 8);
        this.firstSlug[key] = this.words.length;
        this.typeCounts[key] = sub.productTypes.length;
        for (const modifier of sub.modifiers) for (const productType of sub.productTypes) this.words.push([modifier, productType]);
      });
    });
    this.refs = new Int32Array(this.words.length);
  }

  /** The ref of the slug of a product of kind `kind` (ProductFacts.kindOf). */
  refOf(kind: number): number {
    const key = kind & 0xffff;
    const index = (this.firstSlug[key] as number) + ((kind >>> 16) & 0xff) * (this.typeCounts[key] as number) + (kind >>> 24);
    const ref = this.refs[index] as number;
    return ref > 0 ? ref - 1 : this.encode(index);
  }

  private encode(index: number): number {
    const [modifier, productType] = this.words[index] as [string, string];
    const slug = encodeText(slugText(modifier, productType));
    if (slug.length > MAX_SLUG_BYTES) throw new Error(`product slug longer than ${MAX_SLUG_BYTES} bytes: ${modifier} ${productType}`);
    if (this.used + slug.length > MAX_POOL_BYTES) throw new Error(`product slugs exceed ${MAX_POOL_BYTES} bytes`);
    if (this.used + slug.length > this.pool.length) {
      const grown = new Uint8Array(Math.max(this.pool.length * 2, this.used + slug.length));
      grown.set(this.pool);
      this.pool = grown;
    }
    this.pool.set(slug, this.used);
    const ref = (this.used << 8) | slug.length;
    this.used += slug.length;
    this.refs[index] = ref + 1;
    return ref;
  }
}

/** One slug table per category tree (every World of a thread shares the catalog's). */
const TABLES = new WeakMap<readonly Category[], SlugTable>();

/**
 * `,/products/<id>-<slug>` (the URL field with the comma before it), the slug made of the product's
 * name words (kept in its facts). The generator reserves a whole row at once, so this gives the slug's
 * ref (for its length) and writes into the reserved bytes.
 */
export class ProductUrls {
  private readonly slugs: SlugTable;

  constructor(private readonly deps: { readonly catalog: Catalog; readonly productFacts: ProductFacts; readonly popularProducts: PopularProducts }) {
    const categories = deps.catalog.categories;
    let table = TABLES.get(categories);
    if (table === undefined) {
      table = new SlugTable(categories);
      TABLES.set(categories, table);
    }
    this.slugs = table;
  }

  /**
   * The product's slug as a ref for `bytes` and `writeUrl`, from its kind word: the four name words'
   * indexes in one read, none when the product is the one just picked (its popularity record had it).
   */
  slugRef(productId: number): number {
    const popular = this.deps.popularProducts;
    return this.slugs.refOf(popular.givenId === productId ? popular.givenKind : this.deps.productFacts.kindOf(productId));
  }

  /** Room `writeUrl` needs for a product whose slug has this ref. */
  static bytes(slugRef: number): number {
    return PATH_PREFIX.length + ID_BYTES + (slugRef & 0xff);
  }

  /**
   * Writes the URL field of a product whose slug has ref `slugRef` (slugRef) at `at`, its id's digits
   * copied from `view[idStart..idEnd)` (the row's product_id field); returns the offset after it.
   */
  writeUrl(view: Uint8Array, at: number, idStart: number, idEnd: number, slugRef: number): number {
    view.set(PATH_PREFIX, at);
    let end = at + PATH_PREFIX.length;
    for (let index = idStart; index < idEnd; index++) view[end++] = view[index] as number;
    view[end++] = DASH;
    return this.writeSlug(view, end, slugRef);
  }

  /**
   * `/products/<id>-<slug>` (the URL alone, a typed row's value) of product `productId` (none: no id, as
   * the CSV row's empty product_id field gives) at `at`, in `bytes(slugRef)` of room; returns the offset after it.
   */
  writePath(view: Uint8Array, at: number, productId: number, slugRef: number): number {
    view.set(PATH, at);
    let end = at + PATH.length;
    if (productId > 0) end = writeDigits(view, end, productId);
    view[end++] = DASH;
    return this.writeSlug(view, end, slugRef);
  }

  /** Writes the slug with ref `slugRef` at `at`; returns the offset after it. */
  private writeSlug(view: Uint8Array, at: number, slugRef: number): number {
    // ~22 bytes by hand from the pool: a `set` would need a subarray made for it, or an array per slug
    // (an object and its bytes apart: two cache misses a row). Copying by words through DataViews
    // measured no better.
    const pool = this.slugs.pool;
    const from = slugRef >>> 8;
    const to = from + (slugRef & 0xff);
    let end = at;
    for (let index = from; index < to; index++) view[end++] = pool[index] as number;
    return end;
  }
}
