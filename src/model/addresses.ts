import type { Rng } from '../core/random.js';
import type { RowWriter } from '../encoding/rowWriter.js';
import type { StateGeography } from './geography.js';
import type { World } from './world.js';

export interface PostalAddress {
  readonly line1: string;
  readonly city: string;
  readonly state: StateGeography;
  readonly zip: string;
}

/**
 * A drawn street address, its first line kept in pieces (house number, street, suffix): tables write
 * the pieces straight into their rows (`writeLine1`), and `line1` is only joined when asked for (a
 * change stream's order window keeps the pieces too). The joined text cost a number-to-text conversion,
 * two concatenations and a flattening copy per order, about a third of the address draw.
 */
export class DrawnAddress implements PostalAddress {
  constructor(
    readonly houseNumber: number,
    /** A street name, or a person's name before `suffix`. */
    readonly street: string,
    /** The street suffix after a person's name (`Smith Avenue`), '' after a street name. */
    readonly suffix: string,
    readonly city: string,
    readonly state: StateGeography,
    readonly zip: string,
  ) {}

  get line1(): string {
    return this.suffix === '' ? `${this.houseNumber} ${this.street}` : `${this.houseNumber} ${this.street} ${this.suffix}`;
  }
}

/** Writes `address.line1` as one CSV field, the same bytes as `sink.field(address.line1)`. */
export function writeLine1(sink: RowWriter, address: PostalAddress): void {
  if (address instanceof DrawnAddress) sink.numberedField(address.houseNumber, address.street, address.suffix);
  else sink.field(address.line1);
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
  // The draws in the order the joined `${name} ${suffix}` took them: the name first, then the suffix.
  let street: string;
  let suffix = '';
  if (rng.chance(0.55)) {
    street = rng.pick(names.streets);
  } else {
    street = rng.pick(rng.chance(0.5) ? names.last : names.male);
    suffix = rng.pick(names.streetSuffixes);
  }
  return new DrawnAddress(houseNumber, street, suffix, state.cities[zipIndex] as string, state, state.zips[zipIndex] as string);
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
