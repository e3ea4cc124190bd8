import type { Rng } from '../core/random.js';
import type { Category, Subcategory } from '../vocab/categories/index.js';
import type { StreamKeys } from './streams.js';

export interface ProductNameParts {
  readonly brand: string;
  readonly modifier: string;
  readonly productType: string;
  readonly variant: string;
}

/** Positions of a product's name words in its subcategory's lists, in draw order. */
export const NAME_WORD = { brand: 0, modifier: 1, productType: 2, variant: 3 } as const;

/**
 * Draws which brand, modifier, product type and variant a product gets (positions in its subcategory's
 * lists) into `into`. The one place that fixes the draw order, shared by names and URLs.
 */
export function drawNameWords(keys: StreamKeys, rng: Rng, id: number, sub: Subcategory, into: Int32Array): void {
  rng.reseed(keys.productName, id);
  into[NAME_WORD.brand] = rng.below(sub.brands.length);
  into[NAME_WORD.modifier] = rng.below(sub.modifiers.length);
  into[NAME_WORD.productType] = rng.below(sub.productTypes.length);
  into[NAME_WORD.variant] = rng.below(sub.variants.length);
}

const nameWords = new Int32Array(4);

/** Brand and name words drawn from the product's own subcategory, so books never get a steel chair. */
export function productNameParts(keys: StreamKeys, rng: Rng, id: number, sub: Subcategory): ProductNameParts {
  drawNameWords(keys, rng, id, sub, nameWords);
  return {
    brand: sub.brands[nameWords[NAME_WORD.brand] as number] as string,
    modifier: sub.modifiers[nameWords[NAME_WORD.modifier] as number] as string,
    productType: sub.productTypes[nameWords[NAME_WORD.productType] as number] as string,
    variant: sub.variants[nameWords[NAME_WORD.variant] as number] as string,
  };
}

export function productName(category: Category, parts: ProductNameParts): string {
  return category.name === 'Books'
    ? `${parts.modifier} ${parts.productType} (${parts.variant})`
    : `${parts.brand} ${parts.modifier} ${parts.productType} - ${parts.variant}`;
}

/** SKU: category and subcategory codes plus the id, so uniqueness needs no coordination. */
export function productSku(category: Category, sub: Subcategory, id: number): string {
  return `${category.code}-${sub.code}-${String(id).padStart(8, '0')}`;
}
