// Picks among the items of a fixed list that pass a test, with the same draws and the same result as a
// pick from the filtered list, without building that list: the injectors made a small array per dirty
// row this way, garbage that made clean rows pay for extra scavenges (issue 15). Tests are module-level
// functions given a context, so no closure is made per call either.
import type { Rng } from '../../core/random.js';

export type Keep<T, C> = (item: T, context: C) => boolean;

/** `rng.pick(items.filter(keep))`, or undefined, without a draw, when no item passes. */
export function pickWhere<T, C>(rng: Rng, items: readonly T[], keep: Keep<T, C>, context: C): T | undefined {
  let count = 0;
  for (let index = 0; index < items.length; index++) if (keep(items[index] as T, context)) count++;
  if (count === 0) return undefined;
  let left = Math.floor(rng.float() * count);
  for (let index = 0; index < items.length; index++) {
    const item = items[index] as T;
    if (keep(item, context) && left-- === 0) return item;
  }
  return undefined;
}

/**
 * A weighted pick among the passing choices, drawn as over the filtered list (their weights summed in
 * order, one uniform draw); undefined, without a draw, when no choice passes.
 */
export function pickWeightedWhere<T, C>(rng: Rng, choices: readonly (readonly [T, number])[], keep: Keep<readonly [T, number], C>, context: C): T | undefined {
  let total = 0;
  let last: readonly [T, number] | undefined;
  for (let index = 0; index < choices.length; index++) {
    const choice = choices[index] as readonly [T, number];
    if (!keep(choice, context)) continue;
    total += choice[1];
    last = choice;
  }
  if (last === undefined) return undefined;
  let draw = rng.float() * total;
  for (let index = 0; index < choices.length; index++) {
    const choice = choices[index] as readonly [T, number];
    if (!keep(choice, context)) continue;
    draw -= choice[1];
    if (draw < 0) return choice[0];
  }
  return last[0];
}

function differs(value: string, current: string): boolean {
  return value !== current;
}

/** `rng.pick(values.filter((value) => value !== current))`: one of the other values. */
export function otherThan(rng: Rng, values: readonly string[], current: string): string {
  const value = pickWhere(rng, values, differs, current);
  if (value === undefined) throw new Error('pick from an empty list');
  return value;
}
