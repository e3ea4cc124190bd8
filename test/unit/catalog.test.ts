// The catalog's coherence: vocabulary that fits its lists, names that identify one product and never
// stutter, prices that follow the product, margins by category, a Zipf head and no sale after
// discontinuation.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Rng } from '../../src/core/random.js';
import { Catalog } from '../../src/model/catalog.js';
import { ProductPicker } from '../../src/model/productPicker.js';
import { bookAuthor, modelCode, productName } from '../../src/model/productNames.js';
import { buildWorld } from '../../src/model/world.js';
import { loadConfig } from '../../src/config/loadConfig.js';
import { CATALOG, type Category } from '../../src/vocab/categories/index.js';
import { ZipfRanks } from '../../src/model/zipfRanks.js';
import { REPO_ROOT } from '../helpers/run.js';

const CONFIG = loadConfig(join(REPO_ROOT, 'config/config.yaml')).config;
const SMALL_WORDS = new Set(['a', 'an', 'and', 'by', 'for', 'in', 'of', 'the', 'to', 'with']);
const AUTHORS = { first: ['Ann', 'Bo', 'Cy'], last: ['Lee', 'Moe'] };

function repeatsAWord(name: string): boolean {
  const words = name.toLowerCase().split(/[^a-z0-9']+/).filter((word) => word !== '' && !SMALL_WORDS.has(word));
  return new Set(words).size !== words.length;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

describe('catalog vocabulary', () => {
  it('prices only its own product types, modifiers and variants, inside the subcategory range', () => {
    for (const category of CATALOG) {
      for (const sub of category.subcategories) {
        for (const type of Object.keys(sub.typePrices ?? {})) expect(sub.productTypes, `${sub.name}: ${type}`).toContain(type);
        for (const word of Object.keys(sub.priceFactors ?? {})) expect([...sub.modifiers, ...sub.variants], `${sub.name}: ${word}`).toContain(word);
        for (const price of Object.values(sub.typePrices ?? {})) {
          expect(price).toBeGreaterThanOrEqual(sub.minPriceCents);
          expect(price).toBeLessThanOrEqual(sub.maxPriceCents);
        }
      }
    }
  });

  it('has no list entry that repeats a word by itself', () => {
    for (const category of CATALOG) {
      for (const sub of category.subcategories) {
        for (const word of [...sub.brands, ...sub.modifiers, ...sub.productTypes, ...sub.variants]) expect(repeatsAWord(word), word).toBe(false);
      }
    }
  });
});

describe('products drawn by the catalog', () => {
  const catalog = new Catalog(CONFIG);
  const rng = new Rng();
  const cores = Array.from({ length: 30_000 }, (_, index) => ({ id: index + 1, core: catalog.drawCore(rng.reseed(12345, index + 1)) }));

  it('never repeat a word in a name, and (brand, name) names one product', () => {
    const seen = new Set<string>();
    // The names that break a rule, collected and compared once (two expects per product cost seconds).
    const stuttering: string[] = [];
    const repeated: string[] = [];
    for (const { id, core } of cores) {
      const category = CATALOG[core.category] as Category;
      const sub = catalog.subcategory(core);
      const name = productName(category, sub, core, id, 777, AUTHORS);
      const words = category.name === 'Books' ? `${sub.modifiers[core.modifier]} ${sub.productTypes[core.productType]} ${sub.variants[core.variant]}` : name.replace(/ [A-Z]{2}-\d{4}/, '');
      if (repeatsAWord(words)) stuttering.push(name);
      const key = `${sub.brands[core.brand]}|${name}`;
      if (seen.has(key)) repeated.push(key);
      seen.add(key);
    }
    expect(stuttering).toEqual([]);
    expect(repeated).toEqual([]);
  });

  it('price TVs by size and golf drivers and coffee makers at realistic levels', () => {
    const tvs = CATALOG[0]?.subcategories.findIndex((sub) => sub.name === 'TVs') as number;
    const bySize = new Map<string, number[]>();
    for (const { core } of cores) {
      const sub = catalog.subcategory(core);
      if (core.category !== 0 || core.subcategory !== tvs) continue;
      const size = sub.modifiers[core.modifier] as string;
      bySize.set(size, [...(bySize.get(size) ?? []), core.priceCents]);
    }
    expect(median(bySize.get('65-inch') ?? [])).toBeGreaterThan(1.8 * median(bySize.get('43-inch') ?? []));
    const pricesOf = (typeName: string): number[] =>
      cores.filter(({ core }) => catalog.subcategory(core).productTypes[core.productType] === typeName).map(({ core }) => core.priceCents);
    expect(Math.min(...pricesOf('Driver'))).toBeGreaterThan(15_000);
    expect(Math.min(...pricesOf('Coffee Maker'))).toBeGreaterThan(3_000);
    expect(median(pricesOf('Treadmill'))).toBeGreaterThan(50_000);
  });

  it('cost a category-dependent share of price: electronics thin, clothing fat', () => {
    const ratio = (category: number): number => {
      const picked = cores.filter(({ core }) => core.category === category);
      return picked.reduce((sum, { core }) => sum + core.costCents, 0) / picked.reduce((sum, { core }) => sum + core.priceCents, 0);
    };
    const at = (name: string): number => CATALOG.findIndex((category) => category.name === name);
    expect(1 - ratio(at('Electronics'))).toBeLessThan(0.3);
    expect(1 - ratio(at('Clothing'))).toBeGreaterThan(0.5);
    expect(1 - ratio(at('Books'))).toBeGreaterThan(0.38);
    expect(1 - ratio(at('Books'))).toBeLessThan(0.47);
  });
});

describe('model codes and authors', () => {
  it('are bijections of the id', () => {
    const codes = new Set(Array.from({ length: 200_000 }, (_, index) => modelCode(99, index + 1)));
    expect(codes.size).toBe(200_000);
    expect(modelCode(99, 6_760_001)).toMatch(/^[A-Z]{2}-\d{4}-1$/);
    const authors = new Set(Array.from({ length: 12 }, (_, index) => bookAuthor(AUTHORS, 5, index + 1)));
    expect(authors.size).toBe(12);
  });
});

describe('product popularity', () => {
  it('ZipfRanks gives a steep head: #1 drawn several times as often as #20', () => {
    const ranks = new ZipfRanks(5000, 1, 8, 321);
    const rng = new Rng().reseed(1, 1);
    const counts = new Int32Array(5001);
    for (let draw = 0; draw < 400_000; draw++) {
      const rank = ranks.drawRank(rng, 5000);
      counts[rank] = (counts[rank] as number) + 1;
    }
    expect((counts[1] as number) / (counts[20] as number)).toBeGreaterThan(2.5);
    expect((counts[1] as number) / (counts[20] as number)).toBeLessThan(4);
    for (const limit of [5000, 3001, 1234]) {
      const ids = new Set(Array.from({ length: limit }, (_, index) => ranks.idOfRank(index + 1, limit)));
      expect(ids.size).toBe(limit);
      expect(Math.min(...ids)).toBe(1);
      expect(Math.max(...ids)).toBe(limit);
    }
    // A launch moves at most two ranks: the new product takes one, the displaced product the last.
    const moved = Array.from({ length: 3000 }, (_, index) => index + 1).filter((rank) => ranks.idOfRank(rank, 3000) !== ranks.idOfRank(rank, 3001));
    expect(moved.length).toBeLessThanOrEqual(1);
  });

  it('ProductPicker never returns a product not yet launched or already discontinued', () => {
    const world = buildWorld(CONFIG, { customers: 100, products: 2000, orders: 1000, order_items: 3000, web_events: 10000 }, 42);
    const picker = new ProductPicker(world);
    const rng = new Rng().reseed(2, 2);
    const first = world.config.window.startDay * 86_400;
    let discontinuedSeen = 0;
    // Wrong picks collected and asserted once: 40,000 expect calls cost more than the draws.
    const wrong: string[] = [];
    for (let draw = 0; draw < 20_000; draw++) {
      const second = first + Math.floor(rng.float() * (world.windowLast - first));
      const id = picker.pick(rng, second);
      const launched = world.productTimeline.secondOf(id);
      if (launched > second) wrong.push(`draw ${draw}: product ${id} launched at ${launched}, after ${second}`);
      const end = world.productFacts.discontinuedAt(id);
      if (end !== 0) discontinuedSeen++;
      if (end !== 0 && second >= end) wrong.push(`draw ${draw}: product ${id} discontinued at ${end}, not after ${second}`);
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(discontinuedSeen).toBeGreaterThan(0);
  });
});
