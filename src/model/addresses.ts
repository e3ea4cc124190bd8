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
  return drawAddressIn(world, rng, geography.states[geography.stateChoice.pickIndex(rng)] as StateGeography);
}

/** A street address in `state`, the ZIP weighted by its residents. */
function drawAddressIn(world: World, rng: Rng, state: StateGeography): PostalAddress {
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
function customerAddress(world: World, rng: Rng, id: number): PostalAddress {
  return drawAddress(world, rng.reseed(world.keys.customerAddress, id));
}

/** The state of customer `id`'s home address: the first draw of its address stream (see drawAddress). */
function customerHomeState(world: World, rng: Rng, id: number): StateGeography {
  const geography = world.geography;
  return geography.states[geography.stateChoice.pickIndex(rng.reseed(world.keys.customerAddress, id))] as StateGeography;
}

/**
 * Customer `id`'s address after `moves` moves: the home address first, then a new one per move (its own
 * stream, so the addresses before a move never change). Moves stay in the home state (most US moves are
 * local: about 80% within the same state in the Census CPS ASEC), which keeps the phone's area code local.
 */
export function customerAddressAfter(world: World, rng: Rng, id: number, moves: number): PostalAddress {
  if (moves === 0) return customerAddress(world, rng, id);
  const homeState = customerHomeState(world, rng, id);
  return drawAddressIn(world, rng.reseed(world.keys.customerMoves, id * 64 + Math.min(moves, 31)), homeState);
}
