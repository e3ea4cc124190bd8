import { civilDate, epochDay, SECONDS_PER_DAY } from '../core/calendar.js';
import { Rng } from '../core/random.js';
import { WeightedChoice } from '../core/weighted.js';
import type { RowSink } from '../encoding/rowSink.js';
import { csvText } from '../encoding/csvText.js';
import type { StateGeography } from './geography.js';
import type { World } from './world.js';

export interface PostalAddress {
  readonly line1: string;
  readonly city: string;
  readonly state: StateGeography;
  readonly zip: string;
}

/** A street address in a real city/state/ZIP, the state weighted by population. */
export function drawAddress(world: World, rng: Rng): PostalAddress {
  const geography = world.geography;
  const state = geography.states[geography.stateChoice.pickIndex(rng)] as StateGeography;
  const zipIndex = rng.below(state.zips.length);
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

const EMAIL_MULTIPLIER = 7919;
const EMAIL_OFFSET = 4241;

/**
 * A number unique to the id with the same count of digits, shuffled inside its decade so emails do not
 * count up 1, 2, 3: an affine map modulo 9*10^(d-1) with a multiplier coprime to 2, 3 and 5.
 */
export function emailNumber(id: number): number {
  const digits = String(id).length;
  const low = digits === 1 ? 1 : 10 ** (digits - 1);
  const size = 9 * 10 ** (digits - 1);
  return low + (((id - low) * EMAIL_MULTIPLIER + EMAIL_OFFSET) % size);
}

function emailName(text: string): string {
  return text.toLowerCase().replace(/[^a-z]/g, '');
}

const TEN_THOUSAND = 10000;

/** Generates customers [from, to] as CSV rows. */
export class CustomerGenerator {
  private readonly rng = new Rng();
  private readonly addressRng = new Rng();
  private readonly genderChoice: WeightedChoice<string>;
  private readonly ageChoice: WeightedChoice<number>;
  private readonly domainChoice: WeightedChoice<string>;
  private readonly segmentChoices: readonly WeightedChoice<string>[];

  constructor(private readonly world: World) {
    const config = world.config.customers;
    this.genderChoice = WeightedChoice.fromRecord(config.genderShares);
    this.ageChoice = new WeightedChoice(config.ageBands.map((_, index) => index), config.ageBands.map((band) => band.weight));
    this.domainChoice = WeightedChoice.fromRecord(config.emailDomains);
    this.segmentChoices = config.tiers.map((tier) => WeightedChoice.fromRecord(tier.segments));
  }

  private dateOfBirth(createdSecond: number): string {
    const band = this.world.config.customers.ageBands[this.ageChoice.pickIndex(this.rng)];
    if (!band) throw new Error('no age band');
    const age = this.rng.between(band.from, band.to);
    const created = civilDate(Math.floor(createdSecond / SECONDS_PER_DAY));
    const birthdayDay = created.month === 2 && created.dayOfMonth === 29 ? 28 : created.dayOfMonth;
    // Born within the year before the age-th birthday: exactly `age` years old at registration.
    const dobDay = epochDay(created.year - age, created.month, birthdayDay) - this.rng.below(365);
    return this.world.calendar.date(dobDay);
  }

  row(id: number): string {
    const world = this.world;
    const rng = this.rng.reseed(world.keys.customerPerson, id);
    const address = customerAddress(world, this.addressRng, id);
    const gender = this.genderChoice.pick(rng);
    const first = rng.pick(gender === 'F' ? world.names.female : world.names.male);
    const last = rng.pick(world.names.last);
    const firstPart = emailName(first);
    const lastPart = emailName(last);
    const style = rng.below(6);
    const local =
      style === 0 ? `${firstPart}.${lastPart}`
      : style === 1 ? `${firstPart}${lastPart}`
      : style === 2 ? `${firstPart.charAt(0)}${lastPart}`
      : style === 3 ? `${firstPart}_${lastPart}`
      : style === 4 ? `${firstPart}${lastPart.charAt(0)}`
      : `${lastPart}.${firstPart}`;
    const email = `${local}${emailNumber(id)}@${this.domainChoice.pick(rng)}`;
    const area = rng.pick(address.state.areaCodes);
    let exchange = rng.between(200, 999);
    if (exchange % 100 === 11) exchange += 1; // N11 codes are service numbers, not exchanges
    const line = String(rng.below(TEN_THOUSAND)).padStart(4, '0');
    const createdSecond = world.customerTimeline.secondOf(id);
    const dateOfBirth = this.dateOfBirth(createdSecond);
    const tier = world.customerTiers.tierOf(id);
    const segment = (this.segmentChoices[tier] as WeightedChoice<string>).pick(rng);
    const optIn = rng.chance(world.config.customers.marketingOptInRate) ? 'true' : 'false';
    const line2 = rng.chance(world.config.customers.addressLine2Rate)
      ? csvText(world.fakerSource.at(world.keys.customerLine2, id).location.secondaryAddress())
      : '';
    return `${id},${csvText(first)},${csvText(last)},${gender},${csvText(email)},(${area}) ${exchange}-${line},${dateOfBirth},${csvText(address.line1)},${line2},${csvText(address.city)},${address.state.code},${address.zip},US,${segment},${optIn},${world.calendar.timestamp(createdSecond)}\n`;
  }

  rows(from: number, to: number, sink: RowSink): void {
    for (let id = from; id <= to; id++) sink.push(this.row(id));
  }
}
