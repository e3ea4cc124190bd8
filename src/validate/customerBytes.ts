// customers' records checked from their bytes (see plainRows), as orders' are (orderBytes): the column
// checks (ByteRecord, with the email, the phone, the birth date and the booleans made strings and passed
// through the string path's own checks), and customerRules' CUS-02, -03 and -04 and CUS-05, each only as
// "passes"; a record any of them is not sure of is left to the string checks, which report it. A record
// that passes is taken as the string path takes it (its row, its unique keys' texts, its registration
// time), with a string made only of the fields the checks or the keys need.
import type { CustomerRowFacts } from './facts.js';
import type { PlainRow, PlainRowSetup } from './plainRows.js';
import { adultAge, knownPlace, phoneProblem, registrationAge } from './rules/customerRules.js';
import { standaloneRecord } from './standaloneRecord.js';
import { parseDateNumber } from './valueParsers.js';

const ZERO = 48;

export interface CustomerByteSetup extends PlainRowSetup {
  /** The rows' facts, by row (customerRules' `facts`). */
  readonly customers: CustomerRowFacts;
}

/** The YYYYMMDD number of the date a checked timestamp's bytes start with (parseDateNumber of its text). */
function dateNumberAt(bytes: Uint8Array, at: number): number {
  let year = 0;
  for (let index = 0; index < 4; index++) year = year * 10 + ((bytes[at + index] as number) - ZERO);
  const month = ((bytes[at + 5] as number) - ZERO) * 10 + ((bytes[at + 6] as number) - ZERO);
  const day = ((bytes[at + 8] as number) - ZERO) * 10 + ((bytes[at + 9] as number) - ZERO);
  return year * 10000 + month * 100 + day;
}

/** The byte checker of customers, or undefined when its schema does not fit it (every record takes the string checks). */
export function customerBytes(setup: CustomerByteSetup): PlainRow | undefined {
  const { layout, columns, customers } = setup;
  const createdAt = layout.at('created_at');
  const updatedAt = layout.at('updated_at');
  const bornAt = layout.at('date_of_birth');
  const cityAt = layout.at('city');
  const stateAt = layout.at('state');
  const zipAt = layout.at('zip_code');
  const phoneAt = layout.at('phone');
  // The rules' texts are read as strings (an allowed state is a text too).
  const reader = standaloneRecord(setup, [bornAt, cityAt, zipAt, phoneAt]);
  if (!reader) return undefined;
  const { record, reads } = reader;
  if (!reads([createdAt, updatedAt], ['timestamp']) || !reads([stateAt], ['allowed', 'string'])) return undefined;
  const { numbers, texts, starts } = record;

  /** customerRules' and CUS-05's checks of the record read all pass. */
  const rulesPass = (bytes: Uint8Array): boolean => {
    const created = numbers[createdAt] as number;
    // CUS-02, from the YYYYMMDD numbers the string path parses (a NULL created_at is NaN, not judged).
    const createdDate = Number.isNaN(created) ? Number.NaN : dateNumberAt(bytes, starts[createdAt] as number);
    if (!adultAge(registrationAge(createdDate, parseDateNumber(texts[bornAt] as string)))) return false;
    const state = texts[stateAt] as string;
    // CUS-03 and CUS-04.
    if (!knownPlace(texts[cityAt] as string, state, texts[zipAt] as string)) return false;
    if (phoneProblem(texts[phoneAt] as string, state) !== undefined) return false;
    // CUS-05: NaN (NULL) compares false.
    return !(created > (numbers[updatedAt] as number));
  };

  return {
    chunk(bytes, start, end) {
      record.chunk(bytes, start, end);
    },
    take(bytes, lineStart, end, line) {
      const recordEnd = record.read(bytes, lineStart, end);
      if (recordEnd < 0 || !rulesPass(bytes)) return -1;
      // Passed: taken as the string path takes it.
      const row = columns.addRead(line, numbers, texts);
      customers.record(row, numbers[createdAt] as number);
      return recordEnd;
    },
  };
}
