import type { IdTimeline } from '../core/idTimeline.js';
import { Rng } from '../core/random.js';
import type { Catalog } from './catalog.js';

/**
 * Products kept at most. Up to this many products the facts sit in dense arrays indexed by id; beyond
 * it, ids share slots (direct-mapped, the id kept as a tag) and an evicted product is drawn again when
 * next asked for. Memory is thereby bounded at ~20 MB per worker whatever the catalog's size, and
 * catalogs up to 20x prod's pay nothing for it.
 */
const PRODUCT_FACT_SLOTS = 1 << 20;

/** The second a product launched `launch` with a life of `lifeSeconds` is discontinued, or 0 if still on sale at `lastSecond`. */
export function discontinuedSecond(launch: number, lifeSeconds: number, lastSecond: number): number {
  const end = launch + lifeSeconds;
  return end <= lastSecond ? end : 0;
}

/**
 * Products' category, price, name words and discontinuation, needed by orders and web events for every
 * item and view: recomputed from the products.core stream on first use and kept in typed arrays (16 bytes
 * per product, 20 per slot once the catalog outgrows the slots).
 */
export class ProductFacts {
  private readonly rng = new Rng();
  private readonly price: Int32Array;
  private readonly cost: Int32Array;
  /** Epoch second the product is discontinued, 0 while it is still on sale at the window's end. */
  private readonly discontinued: Uint32Array;
  private readonly category: Uint8Array;
  private readonly subcategory: Uint8Array;
  private readonly modifier: Uint8Array;
  private readonly productType: Uint8Array;
  /** Which product each slot holds; absent while every product has its own slot. */
  private readonly tags: Int32Array | undefined;
  private readonly slots: number;

  constructor(
    private readonly catalog: Catalog,
    private readonly coreKey: number,
    private readonly launches: { readonly timeline: IdTimeline; readonly lastSecond: number },
    count: number,
    maxSlots = PRODUCT_FACT_SLOTS,
  ) {
    this.slots = Math.min(count + 1, maxSlots);
    this.price = new Int32Array(this.slots);
    this.cost = new Int32Array(this.slots);
    this.discontinued = new Uint32Array(this.slots);
    this.category = new Uint8Array(this.slots);
    this.subcategory = new Uint8Array(this.slots);
    this.modifier = new Uint8Array(this.slots);
    this.productType = new Uint8Array(this.slots);
    this.tags = count + 1 > maxSlots ? new Int32Array(this.slots) : undefined;
  }

  /** The slot holding product `id`, drawn first when it is not there (a price is never 0). */
  private slot(id: number): number {
    if (this.tags === undefined) {
      if (this.price[id] === 0) this.fill(id, id);
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
    this.cost[slot] = core.costCents;
    this.category[slot] = core.category;
    this.subcategory[slot] = core.subcategory;
    this.modifier[slot] = core.modifier;
    this.productType[slot] = core.productType;
    const { timeline, lastSecond } = this.launches;
    this.discontinued[slot] = discontinuedSecond(timeline.secondOf(id), core.lifeSeconds, lastSecond);
  }

  priceCents(id: number): number {
    return this.price[this.slot(id)] as number;
  }

  costCents(id: number): number {
    return this.cost[this.slot(id)] as number;
  }

  categoryIndex(id: number): number {
    return this.category[this.slot(id)] as number;
  }

  /** Position of the product's subcategory within its category. */
  subcategoryIndex(id: number): number {
    return this.subcategory[this.slot(id)] as number;
  }

  /** Position of the product's modifier in its subcategory's list. */
  modifierIndex(id: number): number {
    return this.modifier[this.slot(id)] as number;
  }

  /** Position of the product's type in its subcategory's list. */
  productTypeIndex(id: number): number {
    return this.productType[this.slot(id)] as number;
  }

  /** Epoch second the product is discontinued, 0 if it is still on sale at the window's end. */
  discontinuedAt(id: number): number {
    return this.discontinued[this.slot(id)] as number;
  }

  /** Whether the product (already launched) is still on sale at `second`. */
  onSaleAt(id: number, second: number): boolean {
    const end = this.discontinued[this.slot(id)] as number;
    return end === 0 || second < end;
  }
}
