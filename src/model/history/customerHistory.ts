// What happens to a customer account after it is opened: moves, consent changes, segment re-scores and,
// for a few accounts that never buy, erasure. Each event's time is drawn from the customer's own history
// stream, so the account as of any instant is a pure function of (seed, id, instant).
import { SECONDS_PER_DAY } from '../../core/calendar.js';
import { hashUnit, Rng } from '../../core/random.js';
import type { World } from '../world.js';
import { CustomerLifecycle } from '../customerLifecycle.js';

const YEAR = 365.25 * SECONDS_PER_DAY;

/**
 * Moves a year: the Census Bureau's CPS ASEC geographic-mobility tables put the share of US residents
 * who moved within the past year at 8-9% through 2019-2023 (8.7% in 2022); a move changes the address.
 */
export const MOVES_PER_YEAR = 0.085;
/**
 * Opt-outs a year among subscribers: Mailchimp's email marketing benchmarks give an average unsubscribe
 * rate of 0.26% per campaign; at one campaign a week that is ~13% of subscribers a year. Non-subscribers
 * opt in at the rate that keeps the configured opt-in share steady (r_in = r_out * p / (1 - p)).
 */
export const OPT_OUTS_PER_YEAR = 0.13;
/**
 * Segments are re-scored once a year on the account's anniversary (loyalty tiers re-qualify yearly on a
 * year's spend, as Sephora Beauty Insider and Nordstrom's Nordy Club do); this share of re-scores moves the
 * customer to another segment of its tier.
 */
export const SEGMENT_CHANGE_SHARE = 0.2;
/**
 * Accounts that never buy and are closed and erased (a deletion request under CCPA/GDPR, or a dormant
 * account closed): a share of the never-buying tier's accounts opened outside a checkout, after a
 * log-normal delay around six months. No public rate exists for this; it is kept small (about 0.6% of all
 * accounts) so deletes appear in change streams without thinning the table.
 */
export const ERASED_SHARE = 0.05;
const ERASE_DELAY_MEDIAN_DAYS = 180;
const ERASE_DELAY_SIGMA = 0.8;

export const CUSTOMER_EVENT = { move: 1, optToggle: 2, segment: 3, erased: 4 } as const;

/** The account as of an instant: how many moves, consent toggles and segment changes it has had. */
export interface CustomerState {
  moves: number;
  optToggles: number;
  segmentChanges: number;
  /** Second of the latest change at or before the instant (the registration when none). */
  updatedSecond: number;
}

export class CustomerHistory {
  private readonly rng = new Rng();
  private readonly lifecycle: CustomerLifecycle;
  private readonly key: number;
  private readonly optInRate: number;
  private readonly erasableTiers: readonly boolean[];
  /** The events of the customer last asked about, in time order. */
  private cachedId = 0;
  private count = 0;
  private times = new Float64Array(64);
  private kinds = new Uint8Array(64);
  private erased = 0;

  constructor(private readonly world: World) {
    this.lifecycle = new CustomerLifecycle(world.config.customers.lifecycle, world.keys.customerLifecycle);
    this.key = world.keys.customerHistory;
    this.optInRate = world.config.customers.marketingOptInRate;
    this.erasableTiers = world.config.customers.tiers.map((tier) => tier.orderWeight === 0);
  }

  /** Whether the account is one that is erased some day: such accounts never order or browse logged in. */
  erasable(id: number): boolean {
    return id > 1 && this.erasableTiers[this.world.customerTiers.tierOf(id)] === true && !this.lifecycle.signsUpAtCheckout(id) && hashUnit(this.key, 3 * id) < ERASED_SHARE;
  }

  /** Initial marketing consent (a hash, so the consent process below knows where it starts). */
  initialOptIn(id: number): boolean {
    return hashUnit(this.key, 3 * id + 1) < this.optInRate;
  }

  /** Second the account is erased, or 0 when it is not erased by the window's end. */
  erasedSecond(id: number): number {
    this.load(id);
    return this.erased;
  }

  /** The customer's change events inside the window (time, kind), in time order, erasure last. */
  events(id: number): { readonly count: number; readonly times: Float64Array; readonly kinds: Uint8Array } {
    this.load(id);
    return { count: this.count, times: this.times, kinds: this.kinds };
  }

  /** The account as of `second` (which is at or after its registration). */
  stateAt(id: number, second: number, state: CustomerState): CustomerState {
    this.load(id);
    state.moves = 0;
    state.optToggles = 0;
    state.segmentChanges = 0;
    state.updatedSecond = this.world.customerTimeline.secondOf(id);
    for (let index = 0; index < this.count && (this.times[index] as number) <= second; index++) {
      const kind = this.kinds[index];
      if (kind === CUSTOMER_EVENT.move) state.moves++;
      else if (kind === CUSTOMER_EVENT.optToggle) state.optToggles++;
      else if (kind === CUSTOMER_EVENT.segment) state.segmentChanges++;
      state.updatedSecond = this.times[index] as number;
    }
    return state;
  }

  /**
   * How many times the customer has moved by `second`: orders ship to the address it had then. Moves are
   * the first process drawn from the history stream (after the erasure), so they are walked alone, up to
   * `second`, without the consent and segment events `load` draws and sorts for the whole window.
   */
  movesBy(id: number, second: number): number {
    const created = this.world.registrations.secondOf(id);
    const rng = this.rng.reseed(this.key, id);
    const erased = this.erasable(id) ? this.erasedAfter(created, rng) : 0;
    const end = erased > 0 ? erased - 1 : this.world.windowLast;
    let moves = 0;
    for (let t = created + exponential(rng, MOVES_PER_YEAR); t <= end && Math.ceil(t) <= second; t += exponential(rng, MOVES_PER_YEAR)) moves++;
    return moves;
  }

  /** The second an erasable account registered at `created` is erased, or 0 after the window (one draw of `rng`). */
  private erasedAfter(created: number, rng: Rng): number {
    const delay = ERASE_DELAY_MEDIAN_DAYS * SECONDS_PER_DAY * Math.exp(ERASE_DELAY_SIGMA * rng.normal());
    const erased = Math.floor(created + Math.max(SECONDS_PER_DAY, delay));
    return erased <= this.world.windowLast ? erased : 0;
  }

  private push(second: number, kind: number): void {
    if (this.count === this.times.length) {
      const times = new Float64Array(this.count * 2);
      times.set(this.times);
      this.times = times;
      const kinds = new Uint8Array(this.count * 2);
      kinds.set(this.kinds);
      this.kinds = kinds;
    }
    this.times[this.count] = second;
    this.kinds[this.count] = kind;
    this.count++;
  }

  private load(id: number): void {
    if (id === this.cachedId) return;
    this.cachedId = id;
    this.count = 0;
    const world = this.world;
    const created = world.customerTimeline.secondOf(id);
    const last = world.windowLast;
    const rng = this.rng.reseed(this.key, id);
    this.erased = this.erasable(id) ? this.erasedAfter(created, rng) : 0;
    const end = this.erased > 0 ? this.erased - 1 : last;
    // Changes come at whole seconds after the registration; times are drawn per process, then merged.
    for (let t = created + exponential(rng, MOVES_PER_YEAR); t <= end; t += exponential(rng, MOVES_PER_YEAR)) this.push(Math.ceil(t), CUSTOMER_EVENT.move);
    let optedIn = this.initialOptIn(id);
    const optInsPerYear = (OPT_OUTS_PER_YEAR * this.optInRate) / Math.max(1 - this.optInRate, 1e-9);
    for (let t = created + exponential(rng, optedIn ? OPT_OUTS_PER_YEAR : optInsPerYear); t <= end; t += exponential(rng, optedIn ? OPT_OUTS_PER_YEAR : optInsPerYear)) {
      this.push(Math.ceil(t), CUSTOMER_EVENT.optToggle);
      optedIn = !optedIn;
    }
    for (let year = 1; created + year * YEAR <= end; year++) {
      if (rng.chance(SEGMENT_CHANGE_SHARE)) this.push(Math.ceil(created + year * YEAR), CUSTOMER_EVENT.segment);
    }
    sortEvents(this.times, this.kinds, this.count);
    if (this.erased > 0) this.push(this.erased, CUSTOMER_EVENT.erased);
  }
}

/** Seconds to the next event of a Poisson process with `perYear` events a year. */
export function exponential(rng: Rng, perYear: number): number {
  return perYear <= 0 ? Number.POSITIVE_INFINITY : (-Math.log(1 - rng.float()) * YEAR) / perYear;
}

/** Insertion sort of a few events by time (kind breaks ties, so the order is the same on every run). */
function sortEvents(times: Float64Array, kinds: Uint8Array, count: number): void {
  for (let index = 1; index < count; index++) {
    const time = times[index] as number;
    const kind = kinds[index] as number;
    let at = index - 1;
    while (at >= 0 && ((times[at] as number) > time || ((times[at] as number) === time && (kinds[at] as number) > kind))) {
      times[at + 1] = times[at] as number;
      kinds[at + 1] = kinds[at] as number;
      at--;
    }
    times[at + 1] = time;
    kinds[at + 1] = kind;
  }
}
