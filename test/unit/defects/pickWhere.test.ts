// The injectors pick among the entries of a fixed list that pass a test without building the filtered
// list: the draws and the results must be those of a pick from that list, or the dirty bytes would change.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/random.js';
import { otherThan, pickWeightedWhere, pickWhere } from '../../../src/defects/injectors/pickWhere.js';

const ITEMS = ['a', 'b', 'c', 'd', 'e', 'f', 'g'] as const;
const WEIGHTED: readonly (readonly [string, number])[] = [['a', 5], ['b', 2.5], ['c', 1.5], ['d', 1], ['e', 0.3]];

/** Which items pass, from the bits of `mask`. */
function passes(item: string, mask: number): boolean {
  return ((mask >> (item.charCodeAt(0) - 97)) & 1) === 1;
}

/** What the injectors did before: filter, then pick (by weight) from the list. */
function weightedFromList(rng: Rng, choices: readonly (readonly [string, number])[]): string {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
  let draw = rng.float() * total;
  for (const [choice, weight] of choices) {
    draw -= weight;
    if (draw < 0) return choice;
  }
  return (choices[choices.length - 1] as readonly [string, number])[0];
}

describe('picks among the passing items', () => {
  it('pickWhere draws as rng.pick over the filtered list, and not at all when none passes', () => {
    for (let mask = 0; mask < 1 << ITEMS.length; mask++) {
      for (let id = 0; id < 40; id++) {
        const ours = new Rng().reseed(mask, id);
        const theirs = new Rng().reseed(mask, id);
        const kept = ITEMS.filter((item) => passes(item, mask));
        expect(pickWhere(ours, ITEMS, passes, mask)).toBe(kept.length === 0 ? undefined : theirs.pick(kept));
        // The generators are in step afterwards: the same number of draws.
        expect(ours.float()).toBe(theirs.float());
      }
    }
  });

  it('pickWeightedWhere draws as the weighted pick over the filtered list', () => {
    const keep = (choice: readonly [string, number], mask: number): boolean => passes(choice[0], mask);
    for (let mask = 0; mask < 1 << WEIGHTED.length; mask++) {
      for (let id = 0; id < 200; id++) {
        const ours = new Rng().reseed(7 + mask, id);
        const theirs = new Rng().reseed(7 + mask, id);
        const kept = WEIGHTED.filter((choice) => keep(choice, mask));
        expect(pickWeightedWhere(ours, WEIGHTED, keep, mask)).toBe(kept.length === 0 ? undefined : weightedFromList(theirs, kept));
        expect(ours.float()).toBe(theirs.float());
      }
    }
  });

  it('otherThan never returns the current value, and throws when nothing else is left', () => {
    const rng = new Rng().reseed(1, 1);
    for (let draw = 0; draw < 100; draw++) expect(otherThan(rng, ITEMS, 'c')).not.toBe('c');
    expect(() => otherThan(rng, ['x'], 'x')).toThrow();
  });
});
