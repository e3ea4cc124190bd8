import { hashId } from '../core/random.js';
import type { Category, Subcategory } from '../vocab/categories/index.js';
import type { ProductCore } from './catalog.js';

/** Model codes: two letters and four digits, 26 * 26 * 10,000 of them before a block suffix is needed. */
const CODE_SPACE = 26 * 26 * 10_000;
// Coprime with CODE_SPACE (2^6 * 5^4 * 13^2), so id -> code is a bijection inside each block.
const CODE_STEP = 1_000_003;
const LETTER_A = 65;

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** `(index * step + shift) mod size` with a step coprime with `size`: a seeded bijection of 0..size-1. */
function scatter(index: number, size: number, key: number): number {
  let step = (hashId(key, 3) % size) | 1;
  while (gcd(step, size) !== 1) step += 2;
  return Number((BigInt(index) * BigInt(step) + BigInt(hashId(key, 4))) % BigInt(size));
}

/**
 * A product's model code ("KX-4821"): a bijection of its id, so no two products share one and (brand,
 * name) always names one product, whatever the catalog's size (ids past 6.76M get a block suffix).
 */
export function modelCode(key: number, id: number): string {
  const index = id - 1;
  const block = Math.floor(index / CODE_SPACE);
  const value = Number((BigInt(index % CODE_SPACE) * BigInt(CODE_STEP) + BigInt(hashId(key, 1))) % BigInt(CODE_SPACE));
  const letters = Math.floor(value / 10_000);
  const code = `${String.fromCharCode(LETTER_A + Math.floor(letters / 26), LETTER_A + (letters % 26))}-${String(value % 10_000).padStart(4, '0')}`;
  return block === 0 ? code : `${code}-${block}`;
}

export interface AuthorNames {
  readonly first: readonly string[];
  readonly last: readonly string[];
}

/** A book's author: (first, last) is a bijection of the id, so one imprint never has two books of one title and author. */
export function bookAuthor(names: AuthorNames, key: number, id: number): string {
  const size = names.first.length * names.last.length;
  const index = id - 1;
  const value = scatter(index % size, size, key);
  const name = `${names.first[value % names.first.length] as string} ${names.last[Math.floor(value / names.first.length)] as string}`;
  const block = Math.floor(index / size);
  return block === 0 ? name : `${name} ${block + 1}`;
}

/**
 * The product's display name. Other goods: `brand modifier type code - variant` ("Lumora 65-inch OLED 4K
 * TV KX-4821 - 2025 Model"), the variant saying what sets it apart (colour, size, capacity, pack). Books:
 * `modifier type by author (format)`, the imprint being the brand column.
 */
export function productName(category: Category, sub: Subcategory, core: ProductCore, id: number, key: number, authors: AuthorNames): string {
  const modifier = sub.modifiers[core.modifier] as string;
  const productType = sub.productTypes[core.productType] as string;
  const variant = sub.variants[core.variant] as string;
  return category.name === 'Books'
    ? `${modifier} ${productType} by ${bookAuthor(authors, key, id)} (${variant})`
    : `${sub.brands[core.brand] as string} ${modifier} ${productType} ${modelCode(key, id)} - ${variant}`;
}

/** SKU: category and subcategory codes plus the id, so uniqueness needs no coordination. */
export function productSku(category: Category, sub: Subcategory, id: number): string {
  return `${category.code}-${sub.code}-${String(id).padStart(8, '0')}`;
}
