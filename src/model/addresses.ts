import type { Rng } from '../core/random.js';
import type { StateGeography } from './geography.js';
import type { World } from './world.js';

export interface PostalAddress {
  readonly line1: string;
  readonly city: string;
  readonly state: StateGeography;
  readonly zip: string;
}

/** A street address in a real residential city/state/ZIP, the state and then the ZIP weighted by population. */
export function drawAddress(world: World, rng: Rng): PostalAddress {
  const geography = world.geography;
  const state = geography.states[geography.stateChoice.pickIndex(rng)] as StateGeography;
  const zipIndex = state.zipChoice.pickIndex(rng);
  const names = world.names;
  const digits = rng.float();
  const houseNumber = digits < 0.15 ? rng.between(1, 99) : digits < 0.75 ? rng.between(100, 9999) : rng.between(10000, 99999);
  const street = rng.chance(0.55)
    ? rng.pick(names.streets)
    : `${rng.pick(rng.chance(0.5) ? names.last : names.male)} ${rng.pick(names.streetSuffixes)}`;
  return { line1: `${houseNumber} ${street}`, city: state.cities[zipIndex] as string, state, zip: state.zips[zipIndex] as string };
}

/** Recomputes customer `id`'s home address alone (orders ship there). */
export function customerAddress(world: World, rng: Rng, id: number): PostalAddress {
  return drawAddress(world, rng.reseed(world.keys.customerAddress, id));
}
