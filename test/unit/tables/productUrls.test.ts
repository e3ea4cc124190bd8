// Product URLs are written from a pool of slug bytes found by the product's kind word (and, right after a
// pick, by the kind its popularity record holds): every URL must read as the slug rule makes it from the
// product's own name words.
import { describe, expect, it } from 'vitest';
import { writeDigits } from '../../../src/encoding/rowSink.js';
import { ProductUrls, slugText } from '../../../src/model/tables/webEvents/productUrls.js';
import type { World } from '../../../src/model/world.js';
import { TINY_COUNTS, worldOf } from '../helpers/memoryDataset.js';

const world = worldOf({ ...TINY_COUNTS, products: 6000 });

/** The URL field as the slug rule gives it from the product's facts, with no cache. */
function expectedUrl(target: World, id: number): string {
  const facts = target.productFacts;
  const sub = target.catalog.subcategoryOf(facts.categoryIndex(id), facts.subcategoryIndex(id));
  return `,/products/${id}-${slugText(sub.modifiers[facts.modifierIndex(id)] as string, sub.productTypes[facts.productTypeIndex(id)] as string)}`;
}

/** The URL field ProductUrls writes after the product id's digits, as a row has them. */
function writtenUrl(urls: ProductUrls, id: number): string {
  const ref = urls.slugRef(id);
  const view = new Uint8Array(32 + ProductUrls.bytes(ref));
  const idEnd = writeDigits(view, 0, id);
  const end = urls.writeUrl(view, idEnd, 0, idEnd, ref);
  return Buffer.from(view.subarray(idEnd, end)).toString('latin1');
}

describe('product URLs', () => {
  it('writes every product URL as the slug rule makes it from its name words', () => {
    const urls = new ProductUrls(world);
    const written: string[] = [];
    const expected: string[] = [];
    for (let id = 1; id <= world.counts.products; id++) {
      written.push(writtenUrl(urls, id));
      expected.push(expectedUrl(world, id));
    }
    expect(written).toEqual(expected);
    // Enough different slugs that the pool grew past its first 16 KB, and read back after growing.
    const slugs = new Set(expected.map((url) => url.replace(/^,\/products\/\d+-/, '')));
    expect([...slugs].reduce((bytes, slug) => bytes + slug.length, 0)).toBeGreaterThan(16 * 1024);
    // A second writer of the thread reads the same pool.
    expect(Array.from({ length: 500 }, (_, index) => writtenUrl(new ProductUrls(world), 6000 - index))).toEqual(expected.slice(-500).reverse());
  });

  it('writes the product just picked by the kind its popularity record holds, and any other product by its facts', () => {
    const urls = new ProductUrls(world);
    const popular = world.popularProducts;
    const second = world.windowLast;
    let checked = 0;
    for (let rank = 1; rank <= 3000; rank += 7) {
      const id = popular.onSaleAt(rank, world.counts.products, second);
      if (id === 0) continue;
      expect(popular.givenId).toBe(id);
      expect(popular.givenKind).toBe(world.productFacts.kindOf(id));
      // The picked product, then another one while the record still names the picked one.
      const other = (id % world.counts.products) + 1;
      expect([writtenUrl(urls, id), writtenUrl(urls, other)]).toEqual([expectedUrl(world, id), expectedUrl(world, other)]);
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
  });
});
