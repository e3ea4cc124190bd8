/**
 * Product catalog vocabulary.
 *
 * Non-book product names are built as
 *   `${brand} ${modifier} ${productType} - ${variant}`
 * and book titles as
 *   `${modifier} ${productType} (${variant})` with `brand` = publisher imprint.
 * Every modifier is meant to read naturally in front of every product type of
 * the same subcategory. All brand and imprint names are fictional.
 *
 * Prices are in cents: a log-normal with median `medianPriceCents` and
 * log-space standard deviation `priceSigma`, clamped to
 * [minPriceCents, maxPriceCents].
 */

export interface Subcategory {
  readonly name: string;
  readonly code: string; // 3 uppercase letters, unique within the category (also unique catalog-wide)
  readonly share: number; // relative weight of the subcategory's product count inside its category
  readonly brands: readonly string[];
  readonly productTypes: readonly string[];
  readonly modifiers: readonly string[];
  readonly variants: readonly string[];
  readonly medianPriceCents: number;
  readonly priceSigma: number;
  readonly minPriceCents: number;
  readonly maxPriceCents: number;
}

export type CategoryName = 'Electronics' | 'Clothing' | 'Home & Garden' | 'Sports' | 'Books';

export interface Category {
  readonly name: CategoryName;
  readonly code: string;
  readonly share: number;
  readonly subcategories: readonly Subcategory[];
}
