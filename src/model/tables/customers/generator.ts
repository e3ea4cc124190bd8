import { civilDate, epochDay, SECONDS_PER_DAY } from '../../../core/calendar.js';
import { Rng } from '../../../core/random.js';
import { WeightedChoice } from '../../../core/weighted.js';
import { encodeText, type RowSink } from '../../../encoding/rowSink.js';
import { customerAddress } from '../../addresses.js';
import type { World } from '../../world.js';

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
const OPEN_PAREN = 40;
const CLOSE_PAREN = 41;
const SPACE = 32;
const DASH = 45;
const COUNTRY_FIELD = encodeText(',US,');
const TRUE_FIELD = encodeText(',true,');
const FALSE_FIELD = encodeText(',false,');

/** Generates customers [from, to] as CSV rows, field by field into the sink's bytes. */
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

  /** An epoch day of birth. */
  private dateOfBirth(createdSecond: number): number {
    const band = this.world.config.customers.ageBands[this.ageChoice.pickIndex(this.rng)];
    if (!band) throw new Error('no age band');
    const age = this.rng.between(band.from, band.to);
    const created = civilDate(Math.floor(createdSecond / SECONDS_PER_DAY));
    const birthdayDay = created.month === 2 && created.dayOfMonth === 29 ? 28 : created.dayOfMonth;
    // Born within the year before the age-th birthday: exactly `age` years old at registration.
    return epochDay(created.year - age, created.month, birthdayDay) - this.rng.below(365);
  }

  /** Writes customer `id` as one CSV row. */
  private row(id: number, sink: RowSink): void {
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
    const domain = this.domainChoice.pick(rng);
    const area = rng.pick(address.state.areaCodes);
    let exchange = rng.between(200, 999);
    if (exchange % 100 === 11) exchange += 1; // N11 codes are service numbers, not exchanges
    const line = rng.below(TEN_THOUSAND);
    const createdSecond = world.customerTimeline.secondOf(id);
    const dobDay = this.dateOfBirth(createdSecond);
    const tier = world.customerTiers.tierOf(id);
    const segment = (this.segmentChoices[tier] as WeightedChoice<string>).pick(rng);
    const optIn = rng.chance(world.config.customers.marketingOptInRate);
    const line2 = rng.chance(world.config.customers.addressLine2Rate)
      ? world.fakerSource.at(world.keys.customerLine2, id).location.secondaryAddress()
      : '';

    sink.int(id);
    sink.comma();
    sink.field(first);
    sink.comma();
    sink.field(last);
    sink.comma();
    sink.plain(gender);
    sink.comma();
    sink.field(`${local}${emailNumber(id)}@${domain}`);
    sink.comma();
    sink.byte(OPEN_PAREN);
    sink.int(area);
    sink.byte(CLOSE_PAREN);
    sink.byte(SPACE);
    sink.int(exchange);
    sink.byte(DASH);
    sink.plain(String(line).padStart(4, '0'));
    sink.comma();
    sink.encoded(world.calendar.dateBytes(dobDay));
    sink.comma();
    sink.field(address.line1);
    sink.comma();
    sink.field(line2);
    sink.comma();
    sink.field(address.city);
    sink.comma();
    sink.plain(address.state.code);
    sink.comma();
    sink.plain(address.zip);
    sink.encoded(COUNTRY_FIELD);
    sink.plain(segment);
    sink.encoded(optIn ? TRUE_FIELD : FALSE_FIELD);
    sink.timestamp(createdSecond, world.calendar);
    sink.newline();
  }

  rows(from: number, to: number, sink: RowSink): void {
    for (let id = from; id <= to; id++) this.row(id, sink);
  }
}
