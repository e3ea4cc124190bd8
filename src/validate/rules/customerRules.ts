// CUS-02..04 on each customers row, and the facts orders and web events need (registration time).
// CUS-01 (email unique) is the unique-index check of keyPlan.
import { US_STATES } from '../../vocab/usStates.js';
import { readZipTable } from '../../vocab/zipTable.js';
import type { CustomerRowFacts } from '../facts.js';
import type { RuleBook } from '../ruleBook.js';
import type { TableRules } from '../tableScan.js';
import type { TableLayout } from '../tableLayout.js';
import { parseDateNumber, parseTimestamp } from '../valueParsers.js';
import { ZipTriples } from './zipTriples.js';

const AREA_CODES = new Map(US_STATES.map((state) => [state.code, new Set(state.areaCodes)]));
const PHONE_PUNCTUATION = /^[\d ()+.-]+$/;

/** Every real triple; undefined (and why) when the ZIP table cannot be read. */
function loadTriples(): { triples?: ZipTriples; problem?: string } {
  try {
    return { triples: new ZipTriples(readZipTable()) };
  } catch (error) {
    return { problem: `the ZIP table is unavailable: ${(error as Error).message}` };
  }
}

// Built once per process: the set takes longer to build than a small dataset takes to check.
let zipTriples: { triples?: ZipTriples; problem?: string } | undefined;

/** CUS-03: whether (city, state, zip) is a real US triple, or the ZIP table is unavailable (the rule is then not checked). */
export function knownPlace(city: string, state: string, zip: string): boolean {
  zipTriples ??= loadTriples();
  const triples = zipTriples.triples;
  return !triples || triples.has(city, state, zip);
}

/** CUS-02: the age at registration in whole years, from YYYYMMDD numbers (NaN when either is). */
export function registrationAge(created: number, born: number): number {
  // The difference over 10000, floored, is the age in whole years.
  return Math.floor((created - born) / 10000);
}

/** CUS-02: whether `age` (registrationAge) is within 18 to 90 years (NaN is not judged). */
export function adultAge(age: number): boolean {
  return !(age < 18 || age > 90);
}

/** The problem with a phone number under CUS-04, or undefined when it is fine. */
export function phoneProblem(phone: string, state: string): string | undefined {
  if (!PHONE_PUNCTUATION.test(phone)) return 'is not a phone number';
  let digits = phone.replace(/\D/g, '');
  if (digits.length === 11 && digits.startsWith('1')) digits = digits.slice(1);
  if (digits.length !== 10) return 'does not have 10 digits';
  if (digits[0] === '0' || digits[0] === '1') return 'has an area code starting with 0 or 1';
  if (digits[3] === '0' || digits[3] === '1') return 'has an exchange starting with 0 or 1';
  const codes = AREA_CODES.get(state);
  if (codes && !codes.has(Number(digits.slice(0, 3)))) return `has area code ${digits.slice(0, 3)}, which is not one of ${state}'s`;
  return undefined;
}

export function customerRules(layout: TableLayout, book: RuleBook, facts: CustomerRowFacts, keyOf: (fields: readonly string[]) => string): TableRules {
  const file = layout.file;
  const at = {
    dateOfBirth: layout.at('date_of_birth'),
    createdAt: layout.at('created_at'),
    city: layout.at('city'),
    state: layout.at('state'),
    zip: layout.at('zip_code'),
    phone: layout.at('phone'),
  };
  const adult = book.tally('CUS-02');
  const geography = book.tally('CUS-03');
  const phone = book.tally('CUS-04');
  zipTriples ??= loadTriples();
  const { problem } = zipTriples;
  if (problem) geography.skip(problem);

  return {
    row(fields, line, slot) {
      const createdText = fields[at.createdAt] as string;
      const created = parseTimestamp(createdText);
      if (slot >= 0) facts.record(slot, created);

      const bornText = fields[at.dateOfBirth] as string;
      const age = registrationAge(parseDateNumber(createdText), parseDateNumber(bornText));
      if (!adultAge(age)) {
        adult.add(file, line, () => ({ key: keyOf(fields), values: { date_of_birth: bornText, created_at: createdText }, problem: `${age} years old at registration` }));
      }

      const city = fields[at.city] as string;
      const state = fields[at.state] as string;
      const zip = fields[at.zip] as string;
      if (!knownPlace(city, state, zip)) {
        geography.add(file, line, () => ({ key: keyOf(fields), values: { city, state, zip_code: zip }, problem: 'not a real US city / state / ZIP combination' }));
      }

      const phoneText = fields[at.phone] as string;
      const phoneIssue = phoneProblem(phoneText, state);
      if (phoneIssue) phone.add(file, line, () => ({ key: keyOf(fields), values: { phone: phoneText, state }, problem: `phone ${phoneIssue}` }));
    },
  };
}
