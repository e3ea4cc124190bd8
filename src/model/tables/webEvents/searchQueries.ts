// What shoppers type into the site search: per category, a ranked list of queries built from the
// catalog's own words (the curated head terms, product types, brands, modifier + type, brand + type,
// type + variant), drawn with Zipf-like weights, so a few queries are very
// common and thousands are rare; some are typed with a typo. A query is a pure function of the rng.
import type { Rng } from '../../../core/random.js';
import { WeightedChoice } from '../../../core/weighted.js';
import type { Catalog } from '../../catalog.js';
import type { Category } from '../../../vocab/categories/index.js';
import { SEARCH_TERMS_BY_CATEGORY } from '../../../vocab/web.js';

/**
 * Zipf exponent of query popularity within a category. Search logs follow a power law with exponent
 * near 1 (Baeza-Yates & Saint-Jean 2003; Spink et al. 2001, Excite query log).
 */
const ZIPF_EXPONENT = 1.0;
/** Offset of the Zipf ranks (Zipf-Mandelbrot): flattens the very top a little. */
const ZIPF_OFFSET = 2;
const MAX_QUERY_LENGTH = 100;

/** Lower case, only letters, digits, dashes and single spaces: a query as typed, safe in a URL. */
function typed(text: string): string {
  return text.toLowerCase().replace(/'/g, '').replace(/[^a-z0-9\- ]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/** A fixed, seed-independent hash of a string (FNV-1a): spreads each group's queries over its ranks. */
function fnv(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193) >>> 0;
  return hash;
}

/** The category's queries, most popular first: groups in order, each group's members in hash order. */
function rankedQueries(category: Category): string[] {
  const groups: string[][] = [[], [], [], [], [], []];
  const [head, types, brands, modified, branded, variants] = groups as [string[], string[], string[], string[], string[], string[]];
  head.push(...(SEARCH_TERMS_BY_CATEGORY[category.name] ?? []).map(typed));
  // Each word list is typed once; a combination of typed words is itself typed.
  for (const sub of category.subcategories) {
    const subBrands = sub.brands.map(typed);
    const subModifiers = sub.modifiers.map(typed);
    const subVariants = sub.variants.map(typed);
    for (const type of sub.productTypes.map(typed)) {
      types.push(type);
      for (const modifier of subModifiers) modified.push(`${modifier} ${type}`);
      for (const brand of subBrands) branded.push(`${brand} ${type}`);
      for (const variant of subVariants) variants.push(`${type} ${variant}`);
    }
    brands.push(...subBrands);
  }
  const seen = new Set<string>();
  const ranked: string[] = [];
  groups.forEach((group, index) => {
    const members = group.filter((query) => query.length > 0 && query.length <= MAX_QUERY_LENGTH - 1);
    // The head keeps its curated order; the other groups are spread by hash, not by subcategory.
    if (index > 0) {
      const keys = new Map(members.map((query) => [query, fnv(query)]));
      members.sort((a, b) => (keys.get(a) as number) - (keys.get(b) as number) || (a < b ? -1 : 1));
    }
    for (const query of members) {
      if (seen.has(query)) continue;
      seen.add(query);
      ranked.push(query);
    }
  });
  return ranked;
}

class CategoryQueries {
  readonly choice: WeightedChoice<string>;

  constructor(category: Category) {
    const queries = rankedQueries(category);
    this.choice = new WeightedChoice(queries, queries.map((_, rank) => 1 / Math.pow(rank + ZIPF_OFFSET, ZIPF_EXPONENT)));
  }
}

/** Built once per thread and catalog: the lists are constants of the catalog, the same in every task. */
const BY_CATALOG = new WeakMap<Catalog, CategoryQueries[]>();

function isWordOfOne(query: string, at: number): boolean {
  return (at === 0 || query[at - 1] === ' ') && (at + 1 === query.length || query[at + 1] === ' ');
}

/** A copy of `query` with one typo: two neighbouring letters swapped, a letter dropped or doubled. */
function withTypo(query: string, rng: Rng): string {
  const at = rng.below(query.length);
  const kind = rng.below(3);
  if (query[at] === ' ' || query.length < 4) return query;
  if (kind === 0 && at + 1 < query.length && query[at + 1] !== ' ') return query.slice(0, at) + query[at + 1] + query[at] + query.slice(at + 2);
  // Dropping a one-letter word ("mens t shirts") would leave a doubled or edge space, which no search
  // box logs and validate's COL-SPACE rightly flags: that typo is not made.
  if (kind === 1) return isWordOfOne(query, at) ? query : query.slice(0, at) + query.slice(at + 1);
  return query.length < MAX_QUERY_LENGTH ? query.slice(0, at + 1) + query.slice(at) : query;
}

export class SearchQueries {
  private readonly categories: CategoryQueries[];

  constructor(
    catalog: Catalog,
    private readonly typoRate: number,
  ) {
    let categories = BY_CATALOG.get(catalog);
    if (categories === undefined) {
      categories = catalog.categories.map((category) => new CategoryQueries(category));
      BY_CATALOG.set(catalog, categories);
    }
    this.categories = categories;
  }

  /**
   * A query in category `categoryIndex`, typo included: lower-case letters, digits, dashes and single
   * spaces, so it needs no CSV quoting and its URL form only turns spaces into '+'.
   */
  pick(rng: Rng, categoryIndex: number): string {
    const category = this.categories[categoryIndex] as CategoryQueries;
    const query = category.choice.pick(rng);
    return rng.chance(this.typoRate) ? withTypo(query, rng) : query;
  }
}
