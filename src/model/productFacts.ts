import type { IdTimeline } from '../core/idTimeline.js';
import { Rng } from '../core/random.js';
import type { Catalog } from './catalog.js';

/**
 * Products kept at most. Up to this many products the facts sit in dense arrays indexed by id; beyond
 * it, ids share slots (direct-mapped, the id kept as a tag) and an evicted product is drawn again when
 * next asked for. Memory is thereby bounded at ~16 MB per worker whatever the catalog's size, and
 * catalogs up to 20x prod's pay nothing for it.
 */
const PRODUCT_FACT_SLOTS = 1 << 20;

/** The second a product launched `launch` with a life of `lifeSeconds` is discontinued, or 0 if still on sale at `lastSecond`. */
export function discontinuedSecond(launch: number, lifeSeconds: number, lastSecond: number): number {
  const end = launch + lifeSeconds;
  return end <= lastSecond ? end : 0;
}

/** `saleEnd` of a product still on sale at the window's end: later than any second asked about. */
const ON_SALE = 0xffffffff;
/** `saleEnd` of a slot not drawn yet (no product is discontinued at epoch second 0). */
const NOT_DRAWN = 0;
/** `kind` of a slot not drawn yet: category 255 (a catalog has a handful). */
const NO_KIND = 0xffffffff;

/** A dense ProductFacts' arrays with every product drawn: built once, read by every thread. */
export interface ProductFactArrays {
  readonly price: Int32Array;
  readonly saleEnd: Uint32Array;
  readonly kind: Uint32Array;
}

/**
 * Products' category, price, name words and discontinuation, needed by orders and web events for every
 * item and view: recomputed from the products.core stream on first use and kept in typed arrays (12 bytes
 * per product, 16 per slot once the catalog outgrows the slots; the launch cost is left to the products
 * table, which draws the product's core anyway: 2 MB of shared table less at 10x prod). What every pick asks (is the product on
 * sale) and what every product URL asks (category, subcategory, modifier and type: the name words) are
 * one word each, and each says by itself whether the slot is drawn yet: one array read (one cache line)
 * per question in a dense catalog.
 */
export class ProductFacts {
  private readonly rng = new Rng();
  // Empty until first use: a worker that adopts another thread's arrays never fills its own (at 10x
  // prod's 500k products that was 8 MB a worker, dropped unused once the shared tables arrived).
  private price: Int32Array<ArrayBufferLike> = new Int32Array(0);
  /** Epoch second the product is discontinued, ON_SALE while it is still on sale at the window's end, NOT_DRAWN. */
  private saleEnd: Uint32Array<ArrayBufferLike> = new Uint32Array(0);
  /** Category | subcategory << 8 | modifier << 16 | product type << 24 (indexes of at most 255), or NO_KIND. */
  private kind: Uint32Array<ArrayBufferLike> = new Uint32Array(0);
  /** Which product each slot holds; empty while every product has its own slot. */
  private tags = new Int32Array(0);
  private readonly slots: number;
  /** Whether ids share slots (the catalog outgrows them). */
  private readonly slotted: boolean;
  /** Whether the arrays are there (allocated or adopted). */
  private ready = false;
  /** Every product has its own slot and the arrays are there: a slot's own words say whether it is drawn. */
  private dense = false;

  constructor(
    private readonly catalog: Catalog,
    private readonly coreKey: number,
    private readonly launches: { readonly timeline: IdTimeline; readonly lastSecond: number },
    count: number,
    maxSlots = PRODUCT_FACT_SLOTS,
  ) {
    this.slots = Math.min(count + 1, maxSlots);
    this.slotted = count + 1 > maxSlots;
  }

  private allocate(): void {
    this.price = new Int32Array(this.slots);
    this.saleEnd = new Uint32Array(this.slots);
    this.kind = new Uint32Array(this.slots).fill(NO_KIND);
    if (this.slotted) this.tags = new Int32Array(this.slots);
    this.ready = true;
    this.dense = !this.slotted;
  }

  /**
   * Every product drawn into arrays over shared memory, for other threads to `adopt`; undefined when the
   * catalog outgrows the slots (then each thread draws the products it meets, as before).
   */
  drawAllShared(): ProductFactArrays | undefined {
    if (this.slotted) return undefined;
    const slots = this.slots;
    const words = (): ArrayBufferLike => new SharedArrayBuffer(4 * slots);
    const arrays = { price: new Int32Array(words()), saleEnd: new Uint32Array(words()), kind: new Uint32Array(words()).fill(NO_KIND) };
    if (this.ready) {
      arrays.price.set(this.price);
      arrays.saleEnd.set(this.saleEnd);
      arrays.kind.set(this.kind);
    }
    this.adopt(arrays);
    for (let id = 1; id < slots; id++) this.slot(id);
    return arrays;
  }

  /**
   * Reads the facts from `arrays` (drawAllShared's, made by another thread from the same stream and
   * timeline, so every answer is the one this thread would draw) instead of drawing them here.
   */
  adopt(arrays: ProductFactArrays): void {
    if (this.slotted || arrays.kind.length !== this.slots) throw new Error('product facts of another catalog');
    this.price = arrays.price;
    this.saleEnd = arrays.saleEnd;
    this.kind = arrays.kind;
    this.ready = true;
    this.dense = true;
  }

  /** The slot holding product `id`, drawn first when it is not there. */
  private slot(id: number): number {
    if (!this.ready) this.allocate();
    if (this.dense) {
      if (this.saleEnd[id] === NOT_DRAWN) this.fill(id, id);
      return id;
    }
    const slot = id % this.slots;
    if (this.tags[slot] !== id) {
      this.fill(id, slot);
      this.tags[slot] = id;
    }
    return slot;
  }

  private fill(id: number, slot: number): void {
    const core = this.catalog.drawCore(this.rng.reseed(this.coreKey, id));
    this.price[slot] = core.priceCents;
    this.kind[slot] = (core.category | (core.subcategory << 8) | (core.modifier << 16) | (core.productType << 24)) >>> 0;
    const { timeline, lastSecond } = this.launches;
    this.saleEnd[slot] = discontinuedSecond(timeline.secondOf(id), core.lifeSeconds, lastSecond) || ON_SALE;
  }

  /**
   * The product's name words packed in one number: category, subcategory, modifier and product type
   * indexes in its bytes, lowest first (what categoryIndex, subcategoryIndex, modifierIndex and
   * productTypeIndex give), for callers that want all four.
   */
  kindOf(id: number): number {
    if (this.dense) {
      const kind = this.kind[id] as number;
      if (kind !== NO_KIND) return kind;
    }
    // The slot first: it may allocate the arrays.
    const slot = this.slot(id);
    return this.kind[slot] as number;
  }

  priceCents(id: number): number {
    const slot = this.slot(id);
    return this.price[slot] as number;
  }

  categoryIndex(id: number): number {
    return this.kindOf(id) & 0xff;
  }

  /** Position of the product's subcategory within its category. */
  subcategoryIndex(id: number): number {
    return (this.kindOf(id) >>> 8) & 0xff;
  }

  /** Position of the product's modifier in its subcategory's list. */
  modifierIndex(id: number): number {
    return (this.kindOf(id) >>> 16) & 0xff;
  }

  /** Position of the product's type in its subcategory's list. */
  productTypeIndex(id: number): number {
    return this.kindOf(id) >>> 24;
  }

  /** Epoch second the product is discontinued, 0 if it is still on sale at the window's end. */
  discontinuedAt(id: number): number {
    const slot = this.slot(id);
    const end = this.saleEnd[slot] as number;
    return end === ON_SALE ? 0 : end;
  }

  /** Whether the product (already launched) is still on sale at `second` (a second of the window). */
  onSaleAt(id: number, second: number): boolean {
    if (this.dense) {
      const end = this.saleEnd[id] as number;
      if (end !== NOT_DRAWN) return second < end;
    }
    const slot = this.slot(id);
    return second < (this.saleEnd[slot] as number);
  }
}
