import { civilDate, epochDay, SECONDS_PER_DAY } from '../../../core/calendar.js';
import { Rng } from '../../../core/random.js';
import { WeightedChoice } from '../../../core/weighted.js';
import { forcesQuotes } from '../../../encoding/csvText.js';
import { decimalDigits, encodeText, RowSink } from '../../../encoding/rowSink.js';
import type { RowWriter } from '../../../encoding/rowWriter.js';
import { customerAddressAfter, writeLine1 } from '../../addresses.js';
import { CustomerHistory, type CustomerState } from '../../history/customerHistory.js';
import type { World } from '../../world.js';

const EMAIL_MULTIPLIER = 7919;
const EMAIL_OFFSET = 4241;

/**
 * A number unique to the id with the same count of digits, shuffled inside its decade so emails do not
 * count up 1, 2, 3: an affine map modulo 9*10^(d-1) with a multiplier coprime to 2, 3 and 5.
 */
export function emailNumber(id: number): number {
  const digits = decimalDigits(id);
  const low = digits === 1 ? 1 : 10 ** (digits - 1);
  const size = 9 * 10 ** (digits - 1);
  return low + (((id - low) * EMAIL_MULTIPLIER + EMAIL_OFFSET) % size);
}

function emailName(text: string): string {
  return text.toLowerCase().replace(/[^a-z]/g, '');
}

/**
 * emailName of every name of a vocabulary list, by the name's index, worked out once per list: a row
 * draws a name's index and reads both (two regex replaces a row before, then two Map look-ups).
 */
const EMAIL_NAMES = new WeakMap<readonly string[], readonly string[]>();

function emailNamesOf(names: readonly string[]): readonly string[] {
  let emailNames = EMAIL_NAMES.get(names);
  if (emailNames === undefined) {
    emailNames = names.map(emailName);
    EMAIL_NAMES.set(names, emailNames);
  }
  return emailNames;
}

/** Whether `text` is ASCII that needs no CSV quotes: then it is written as is inside a field. */
function bareAscii(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0x80 || forcesQuotes(code)) return false;
  }
  return true;
}

const TEN_THOUSAND = 10000;
/** `YYYY-MM-DD`. */
const DATE_BYTES = 10;
const OPEN_PAREN = 40;
const CLOSE_PAREN = 41;
const SPACE = 32;
const DASH = 45;
const ZERO = 48;
const DOT = 46;
const UNDERSCORE = 95;
const AT = 64;
const COUNTRY_FIELD = encodeText(',US,');
const TRUE_FIELD = encodeText(',true,');
const FALSE_FIELD = encodeText(',false,');

/**
 * An e-mail's local part and number by `style`: first.last, firstlast, flast, first_last, firstl or
 * last.first (the names' e-mail forms are lowercase letters), then emailNumber(id).
 */
function writeEmailLocalPart(sink: RowWriter, style: number, firstPart: string, lastPart: string, id: number): void {
  if (style === 5) {
    sink.plain(lastPart);
    sink.byte(DOT);
    sink.plain(firstPart);
  } else {
    if (style === 2) {
      if (firstPart.length > 0) sink.byte(firstPart.charCodeAt(0));
    } else sink.plain(firstPart);
    if (style === 0) sink.byte(DOT);
    else if (style === 3) sink.byte(UNDERSCORE);
    if (style === 4) {
      if (lastPart.length > 0) sink.byte(lastPart.charCodeAt(0));
    } else sink.plain(lastPart);
  }
  sink.int(emailNumber(id));
}

/** Generates customers [from, to] as CSV rows, field by field into the sink's bytes. */
export class CustomerGenerator {
  private readonly rng = new Rng();
  private readonly addressRng = new Rng();
  private readonly genderChoice: WeightedChoice<string>;
  private readonly ageChoice: WeightedChoice<number>;
  private readonly domainChoice: WeightedChoice<string>;
  /** Whether each domain (by the choice's index) is written as is: an e-mail is then written in pieces. */
  private readonly bareDomains: readonly boolean[];
  /** The local part of an e-mail whose domain needs field's quoting (made on first use). */
  private localPartScratch: RowSink | undefined;
  private readonly segmentChoices: readonly WeightedChoice<string>[];
  private readonly history: CustomerHistory;
  private readonly state: CustomerState = { moves: 0, optToggles: 0, segmentChanges: 0, updatedSecond: 0 };

  constructor(private readonly world: World) {
    const config = world.config.customers;
    this.genderChoice = WeightedChoice.fromRecord(config.genderShares);
    this.ageChoice = new WeightedChoice(config.ageBands.map((_, index) => index), config.ageBands.map((band) => band.weight));
    this.domainChoice = WeightedChoice.fromRecord(config.emailDomains);
    this.bareDomains = this.domainChoice.values.map(bareAscii);
    this.segmentChoices = config.tiers.map((tier) => WeightedChoice.fromRecord(tier.segments));
    this.history = new CustomerHistory(world);
  }

  /** The segment after `changes` re-scores that moved it: each time another segment of the tier, by weight. */
  private segmentAfter(id: number, tier: number, segment: string, changes: number): string {
    const choice = this.segmentChoices[tier] as WeightedChoice<string>;
    const rng = this.addressRng;
    let current = segment;
    for (let change = 1; change <= changes; change++) {
      rng.reseed(this.world.keys.customerMoves, id * 64 + 32 + Math.min(change, 15));
      let next = choice.pick(rng);
      for (let attempt = 0; attempt < 8 && next === current; attempt++) next = choice.pick(rng);
      current = next;
    }
    return current;
  }

  /**
   * The e-mail `${local}${emailNumber(id)}@${domain}` as one field, the local part by `style` from the
   * names' e-mail forms. Those are lowercase letters, so with a bare domain the field is its pieces'
   * bytes, written without joining them; any other domain (a config's, needing quotes or not ASCII) takes
   * field's path with the same pieces joined.
   */
  private writeEmail(sink: RowWriter, style: number, firstPart: string, lastPart: string, id: number, domainIndex: number): void {
    const domain = this.domainChoice.values[domainIndex] as string;
    if (this.bareDomains[domainIndex] === true) {
      writeEmailLocalPart(sink, style, firstPart, lastPart, id);
      sink.byte(AT);
      sink.plain(domain);
      return;
    }
    const local = (this.localPartScratch ??= new RowSink(256));
    local.reset();
    writeEmailLocalPart(local, style, firstPart, lastPart, id);
    sink.field(`${local.text()}@${domain}`);
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

  /**
   * Writes customer `id` as it was at `at` as one CSV row, or nothing when the account did not exist then
   * (not yet opened, or erased); returns whether it wrote the row.
   */
  row(id: number, at: number, sink: RowWriter): boolean {
    const world = this.world;
    const createdSecond = world.customerTimeline.secondOf(id);
    if (createdSecond > at) return false;
    const erased = this.history.erasedSecond(id);
    if (erased > 0 && erased <= at) return false;
    const state = this.history.stateAt(id, at, this.state);
    const rng = this.rng.reseed(world.keys.customerPerson, id);
    const address = customerAddressAfter(world, this.addressRng, id, state.moves);
    const gender = this.genderChoice.pick(rng);
    // rng.below(length) is the index rng.pick(list) draws.
    const firstNames = gender === 'F' ? world.names.female : world.names.male;
    const firstIndex = rng.below(firstNames.length);
    const first = firstNames[firstIndex] as string;
    const lastIndex = rng.below(world.names.last.length);
    const last = world.names.last[lastIndex] as string;
    const firstPart = emailNamesOf(firstNames)[firstIndex] as string;
    const lastPart = emailNamesOf(world.names.last)[lastIndex] as string;
    const style = rng.below(6);
    const domainIndex = this.domainChoice.pickIndex(rng);
    const area = rng.pick(address.state.areaCodes);
    let exchange = rng.between(200, 999);
    if (exchange % 100 === 11) exchange += 1; // N11 codes are service numbers, not exchanges
    const line = rng.below(TEN_THOUSAND);
    const dobDay = this.dateOfBirth(createdSecond);
    const tier = world.customerTiers.tierOf(id);
    const firstSegment = (this.segmentChoices[tier] as WeightedChoice<string>).pick(rng);
    // The consent drawn here is replaced by the history's (a hash, so the history knows where it starts);
    // the draw is kept so the fields drawn after it stay as they were.
    rng.chance(world.config.customers.marketingOptInRate);
    const optIn = this.history.initialOptIn(id) !== (state.optToggles % 2 === 1);
    const segment = state.segmentChanges === 0 ? firstSegment : this.segmentAfter(id, tier, firstSegment, state.segmentChanges);
    const hasLine2 = rng.chance(world.config.customers.addressLine2Rate);
    let line2 = hasLine2 && state.moves === 0 ? world.fakerSource.at(world.keys.customerLine2, id).location.secondaryAddress() : '';
    if (state.moves > 0) {
      // A new home: an apartment or suite as often as anywhere else.
      const movedRng = this.addressRng.reseed(world.keys.customerMoves, id * 64 + 48 + Math.min(state.moves, 15));
      if (movedRng.chance(world.config.customers.addressLine2Rate)) line2 = world.fakerSource.at(world.keys.customerMoves, id * 64 + 48 + Math.min(state.moves, 15)).location.secondaryAddress();
    }

    sink.int(id);
    sink.comma();
    sink.field(first);
    sink.comma();
    sink.field(last);
    sink.comma();
    sink.plain(gender);
    sink.comma();
    this.writeEmail(sink, style, firstPart, lastPart, id, domainIndex);
    sink.comma();
    sink.byte(OPEN_PAREN);
    sink.int(area);
    sink.byte(CLOSE_PAREN);
    sink.byte(SPACE);
    sink.int(exchange);
    sink.byte(DASH);
    // The line number's four digits, zero-padded, without a string.
    const digits = sink.reserve(4);
    const lineAt = sink.position;
    digits[lineAt] = ZERO + Math.floor(line / 1000);
    digits[lineAt + 1] = ZERO + (Math.floor(line / 100) % 10);
    digits[lineAt + 2] = ZERO + (Math.floor(line / 10) % 10);
    digits[lineAt + 3] = ZERO + (line % 10);
    sink.advanceTo(lineAt + 4);
    sink.comma();
    const dob = sink.reserve(DATE_BYTES);
    sink.advanceTo(world.calendar.writeDate(dob, sink.position, dobDay));
    sink.comma();
    writeLine1(sink, address);
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
    sink.comma();
    sink.timestamp(state.updatedSecond, world.calendar);
    sink.newline();
    return true;
  }

  rows(from: number, to: number, sink: RowWriter, until: number): number {
    let written = 0;
    for (let id = from; id <= to; id++) if (this.row(id, until, sink)) written++;
    return written;
  }
}
