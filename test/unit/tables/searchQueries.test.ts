// Search queries as typed: typos included, never a stray space (validate's COL-SPACE holds on clean runs).
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/random.js';
import { SearchQueries } from '../../../src/model/tables/webEvents/searchQueries.js';
import { worldOf } from '../helpers/memoryDataset.js';

describe('search queries', () => {
  it('never hold a leading, trailing or doubled space, even with a typo in every query', () => {
    const world = worldOf();
    const queries = new SearchQueries(world.catalog, 1);
    const rng = new Rng().reseed(7, 1);
    let typed = 0;
    let withOneLetterWord = 0;
    // Collected, then asserted once: an expect() per draw cost more than the draws.
    const badlySpaced: string[] = [];
    for (let draw = 0; draw < 200_000; draw++) {
      const query = queries.pick(rng, draw % world.catalog.categories.length);
      typed++;
      if (/(^| )\S( |$)/.test(query)) withOneLetterWord++;
      if (/^ | $| {2}/.test(query)) badlySpaced.push(query);
    }
    expect(typed).toBe(200_000);
    expect(badlySpaced).toEqual([]);
    // The case that used to break: one-letter words exist, so dropping one was possible.
    expect(withOneLetterWord).toBeGreaterThan(0);
  });
});
