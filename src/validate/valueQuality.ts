// Checks of values that fit their column's type but not what the data promises: stray spaces, an email in
// capitals, mojibake, a phone or ZIP code in another format, a time in the future. Each is its own rule,
// so a data-quality report can tell them apart (and `validate --answer-key` can score them).
import type { ColumnSchema } from '../schema/schemaTypes.js';

export const QUALITY_RULES: readonly { id: string; name: string; description: string }[] = [
  { id: 'COL-SPACE', name: 'no_stray_spaces', description: 'text values have no leading, trailing or doubled spaces' },
  { id: 'COL-CASE', name: 'lower_case_email', description: 'email addresses are lower-case' },
  { id: 'COL-MOJIBAKE', name: 'no_mojibake', description: 'text holds no UTF-8 read as Latin-1 / Windows-1252 (JosÃ©, â€™)' },
  { id: 'COL-FORMAT', name: 'documented_format', description: 'phone numbers are "(NXX) NXX-XXXX", ZIP codes five digits, email addresses name@domain.tld' },
  { id: 'COL-FUTURE', name: 'not_in_future', description: "no DATE or TIMESTAMP is later than the dataset's as_of (from its manifest; the time of validation without one)" },
];

export type QualityRule = 'COL-SPACE' | 'COL-CASE' | 'COL-MOJIBAKE' | 'COL-FORMAT' | 'COL-FUTURE';

/** What is wrong with a non-NULL value that passed COL-TYPE: the rule and the problem, or undefined. */
export type QualityCheck = (value: string) => readonly [QualityRule, string] | undefined;

/**
 * UTF-8 lead bytes (C2, C3, E2) shown as Windows-1252 and followed by a continuation byte's character:
 * no real name, address or product holds these pairs.
 */
const MOJIBAKE = /[ÂÃ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]|â€/;
/** The characters every MOJIBAKE match starts with (Â, Ã, â): a value without them cannot match. */
const MOJIBAKE_LEAD_C2 = 0xc2;
const MOJIBAKE_LEAD_C3 = 0xc3;
const MOJIBAKE_LEAD_E2 = 0xe2;
const PHONE = /^\(\d{3}\) \d{3}-\d{4}$/;
const ZIP = /^\d{5}$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$/;

function isTenDigits(value: string): boolean {
  const digits = value.replace(/\D/g, '');
  return digits.length === 10 || (digits.length === 11 && digits.startsWith('1'));
}

function spaceProblem(value: string): string | undefined {
  if (value.charCodeAt(0) === 32 || value.charCodeAt(value.length - 1) === 32) return 'has a leading or trailing space';
  return value.includes('  ') ? 'has two spaces in a row' : undefined;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** `YYYY-MM-DD HH:MM:SS` of a time: timestamps in that form compare as text. */
export function timestampOf(date: Date): string {
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

/** Whether a VARCHAR column's values must be ZIP codes, five digits (COL-FORMAT), by the column's name. */
export function isZipColumn(name: string): boolean {
  return name === 'zip_code' || name === 'shipping_zip';
}

/** The documented format a VARCHAR column's values must follow (COL-FORMAT), by the column's name. */
export function formatOf(name: string): RegExp | undefined {
  return name === 'phone' ? PHONE : isZipColumn(name) ? ZIP : name === 'email' ? EMAIL : undefined;
}

/** The quality checks of one column, or undefined when it has none. `now` is the validation's clock: the dataset's as_of, or the time of validation. */
export function compileQualityCheck(column: ColumnSchema, now: string): QualityCheck | undefined {
  const kind = column.type.kind;
  if (kind === 'TIMESTAMP' || kind === 'DATE') {
    const limit = kind === 'DATE' ? now.slice(0, 10) : now;
    return (value) => (value > limit ? ['COL-FUTURE', `${column.name} ${value} is in the future (after ${now} UTC)`] : undefined);
  }
  if (kind !== 'VARCHAR') return undefined;
  const format = formatOf(column.name);
  const formatName = column.name === 'phone' ? '"(NXX) NXX-XXXX"' : column.name === 'email' ? 'name@domain.tld' : 'five digits';
  const isEmail = column.name === 'email';
  // A phone number that is not one (too few digits) is CUS-04's; this rule sees a real one written another way.
  const isPhone = column.name === 'phone';
  return (value) => {
    // One pass over the text finds what the usual value lacks (a doubled space, a character mojibake
    // starts with), so most values run neither a search for two spaces nor the mojibake pattern.
    let doubled = false;
    let suspect = false;
    let previous = 0;
    for (let index = 0; index < value.length; index++) {
      const code = value.charCodeAt(index);
      if (code === 32 && previous === 32) doubled = true;
      else if (code === MOJIBAKE_LEAD_C2 || code === MOJIBAKE_LEAD_C3 || code === MOJIBAKE_LEAD_E2) suspect = true;
      previous = code;
    }
    const space = doubled || value.charCodeAt(0) === 32 || previous === 32 ? spaceProblem(value) : undefined;
    if (space) return ['COL-SPACE', `${column.name} ${space}`];
    if (format && !format.test(value) && !(isPhone && !isTenDigits(value))) return ['COL-FORMAT', `${column.name} is not ${formatName}`];
    if (isEmail && value.toLowerCase() !== value) return ['COL-CASE', `${column.name} has upper-case letters`];
    if (suspect && MOJIBAKE.test(value)) return ['COL-MOJIBAKE', `${column.name} holds mojibake (UTF-8 read as Latin-1)`];
    return undefined;
  };
}
