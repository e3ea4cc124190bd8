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
 * Prices are in cents and follow the product: the product type's typical price (`typePrices`, else
 * `medianPriceCents`), times the factor of its modifier and of its variant (`priceFactors`: a 65-inch TV,
 * a "Pro" line, a 4-pack, a hardcover), times a small log-normal noise of log-space standard deviation
 * `priceSigma`, clamped to [minPriceCents, maxPriceCents].
 *
 * Source of the price levels: typical selling prices of such products at major US retailers (Best Buy,
 * Amazon, Target, Walmart, Home Depot, REI, Dick's Sporting Goods, Barnes & Noble), 2024-2025 listings,
 * rounded to a retail ending; size and format factors from the same listings (e.g. a 65-inch 4K TV sells
 * for ~1.5x the 55-inch of the same line, a hardcover for ~1.5x the trade paperback).
 */

export interface Subcategory {
  readonly name: string;
  readonly code: string; // 3 uppercase letters, unique within the category (also unique catalog-wide)
  readonly share: number; // relative weight of the subcategory's product count inside its category
  readonly brands: readonly string[];
  readonly productTypes: readonly string[];
  readonly modifiers: readonly string[];
  readonly variants: readonly string[];
  /** Typical price of a product type not listed in `typePrices` (for books: the trade paperback). */
  readonly medianPriceCents: number;
  /** Typical price of each product type (cents); keys are product types of this subcategory. */
  readonly typePrices?: Readonly<Record<string, number>>;
  /** Price multipliers of modifiers and variants (screen size, capacity, premium line, format); 1 if absent. */
  readonly priceFactors?: Readonly<Record<string, number>>;
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
