// Column checks on a field's bytes, for the plain lines of a CSV range (ASCII, no quotes: see
// csvReader's plainLines). Each says only "this value passes every check of its column" or "not sure":
// a value it is not sure of sends the whole record to the string checks (TableScan), which report it.
// So a check here may be stricter than the schema (a leading zero, a minus sign), never looser.
import { daysFromCivil } from '../core/calendar.js';
import type { ColumnSchema } from '../schema/schemaTypes.js';
import { cleanAllowedValues } from './columnCheck.js';
import { parseTimestamp } from './valueParsers.js';
import { formatOf, isZipColumn } from './valueQuality.js';

const ZERO = 48;
const DOT = 46;
const SPACE = 32;
const COMMA = 44;
const LF = 10;

/**
 * The number of the plain digits `bytes[start, end)` (no sign, no leading zero but "0" itself, at most
 * 15 digits, so String() of it gives the text back); NaN otherwise.
 */
export function plainInteger(bytes: Uint8Array, start: number, end: number): number {
  const length = end - start;
  if (length === 0 || length > 15 || (bytes[start] === ZERO && length > 1)) return Number.NaN;
  let value = 0;
  for (let at = start; at < end; at++) {
    const digit = (bytes[at] as number) - ZERO;
    if (digit < 0 || digit > 9) return Number.NaN;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * The cents of the DECIMAL with at most two places at `bytes[start, end)`, digits only (no sign, no
 * leading zero, at most `wholeDigits` before the point, one or two after it), as parseCents reads it;
 * NaN for anything else. `end` is where the field must stop (its comma or line end).
 */
export function decimalCents(bytes: Uint8Array, start: number, end: number, wholeDigits: number): number {
  // parseCents' limit: past 17 characters the string path records NaN (and cents could pass 2^53), so a
  // wide DECIMAL's verdict must not depend on which path read its line.
  if (end - start > 17) return Number.NaN;
  let at = start;
  let whole = 0;
  while (at < end) {
    const digit = (bytes[at] as number) - ZERO;
    if (digit < 0 || digit > 9) break;
    whole = whole * 10 + digit;
    at++;
  }
  const digits = at - start;
  if (digits === 0 || digits > wholeDigits || (digits > 1 && bytes[start] === ZERO)) return Number.NaN;
  if (at === end) return whole * 100;
  if (bytes[at] !== DOT) return Number.NaN;
  const places = end - at - 1;
  if (places < 1 || places > 2) return Number.NaN;
  const tenths = (bytes[at + 1] as number) - ZERO;
  const hundredths = places === 2 ? (bytes[at + 2] as number) - ZERO : 0;
  if (tenths < 0 || tenths > 9 || hundredths < 0 || hundredths > 9) return Number.NaN;
  return whole * 100 + tenths * 10 + hundredths;
}

/**
 * plainInteger of the digits `bytes[start, stop)`, given `value`, the number they were summed to while
 * they were found (one pass over them): NaN unless plainInteger reads them (none, more than 15, a
 * leading zero).
 */
export function digitsValue(bytes: Uint8Array, start: number, stop: number, value: number): number {
  const length = stop - start;
  return length === 0 || length > 15 || (bytes[start] === ZERO && length > 1) ? Number.NaN : value;
}

function twoDigits(bytes: Uint8Array, at: number): number {
  const high = (bytes[at] as number) - ZERO;
  const low = (bytes[at + 1] as number) - ZERO;
  if (high < 0 || high > 9 || low < 0 || low > 9) return -1;
  return high * 10 + low;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** valueParsers' parseTimestamp of the text `bytes[start, end)`: epoch seconds, NaN when not a real timestamp. */
export function timestampBytes(bytes: Uint8Array, start: number, end: number): number {
  if (end - start !== 19 || bytes[start + 4] !== 45 || bytes[start + 7] !== 45 || bytes[start + 10] !== SPACE || bytes[start + 13] !== 58 || bytes[start + 16] !== 58) return Number.NaN;
  const century = twoDigits(bytes, start);
  const years = twoDigits(bytes, start + 2);
  const month = twoDigits(bytes, start + 5);
  const day = twoDigits(bytes, start + 8);
  const hour = twoDigits(bytes, start + 11);
  const minute = twoDigits(bytes, start + 14);
  const second = twoDigits(bytes, start + 17);
  if (century < 0 || years < 0) return Number.NaN;
  const year = century * 100 + years;
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return Number.NaN;
  return daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
}

/** The byte check of one column, or undefined when it has none (its records always take the string checks). */
export type ByteCheck =
  /** INTEGER or BIGINT: a plain integer in [low, high], or NULL when nullable (NaN). */
  | { readonly kind: 'integer'; readonly nullable: boolean; readonly low: number; readonly high: number }
  /** TIMESTAMP: a real one not after the validation's clock (COL-FUTURE), or NULL when nullable. */
  | { readonly kind: 'timestamp'; readonly nullable: boolean; readonly latest: number }
  /** One of the allowed values that pass every check (as their texts, by length), or NULL when nullable. */
  | { readonly kind: 'allowed'; readonly nullable: boolean; readonly byLength: readonly (readonly string[] | undefined)[] }
  /** VARCHAR without a documented format: at most `length` characters, no leading, trailing or doubled space. */
  | { readonly kind: 'text'; readonly nullable: boolean; readonly length: number }
  /** DECIMAL(p,2): decimalCents with `wholeDigits` (p - 2) whose value (cents / 100) is in [low, high], or NULL when nullable. */
  | { readonly kind: 'decimal'; readonly nullable: boolean; readonly wholeDigits: number; readonly low: number; readonly high: number }
  /** A ZIP code column (COL-FORMAT): exactly five ASCII digits, or NULL when nullable. */
  | { readonly kind: 'zip'; readonly nullable: boolean };


/**
 * The byte check of `column`, matching compileFieldCheck and compileQualityCheck for the values it
 * passes. `now` is the validation's clock (`YYYY-MM-DD HH:MM:SS`); `isClean` tells an allowed value that
 * passes every check of the column.
 */
export function byteCheck(column: ColumnSchema, now: string, isClean: (value: string) => boolean): ByteCheck | undefined {
  const type = column.type;
  const nullable = column.nullable;
  if (column.allowedValues) {
    const byLength = cleanAllowedValues(column, isClean);
    return byLength ? { kind: 'allowed', nullable, byLength } : undefined;
  }
  switch (type.kind) {
    case 'INTEGER':
    case 'BIGINT': {
      // plainInteger reads no sign: the lower bound is 0 at least.
      const low = Math.max(0, column.min ?? 0);
      const high = Math.min(type.kind === 'INTEGER' ? 2147483647 : Number.MAX_SAFE_INTEGER, column.max ?? Infinity);
      return { kind: 'integer', nullable, low, high };
    }
    case 'TIMESTAMP': {
      const latest = parseTimestamp(now);
      if (column.min !== undefined || column.max !== undefined || Number.isNaN(latest)) return undefined;
      return { kind: 'timestamp', nullable, latest };
    }
    case 'DECIMAL':
      // parseCents reads two places at most. A value passes min and max as Number(text) does: cents / 100
      // is the same correctly rounded double.
      return type.scale === 2 ? { kind: 'decimal', nullable, wholeDigits: type.precision - type.scale, low: column.min ?? -Infinity, high: column.max ?? Infinity } : undefined;
    case 'VARCHAR':
      // compileFieldCheck compares a VARCHAR with min or max as a number: the string checks judge those.
      if (column.min !== undefined || column.max !== undefined) return undefined;
      // Five digits pass the length check of a VARCHAR(5) or longer, the ZIP format, and every quality check.
      if (isZipColumn(column.name)) return type.length >= 5 ? { kind: 'zip', nullable } : undefined;
      // Any other column with a documented format (valueQuality) takes the string checks.
      return formatOf(column.name) ? undefined : { kind: 'text', nullable, length: type.length };
    default:
      return undefined;
  }
}

/** The allowed values of `byLength` that a field's bytes can hold whole (none has a comma or line end), in one list. */
export function fieldCandidates(byLength: readonly (readonly string[] | undefined)[]): readonly string[] {
  return byLength.flatMap((candidates) => candidates ?? []).filter((candidate) => candidate.length > 0 && !/[,\n]/.test(candidate));
}

/** Whether the field starting at `bytes[start]`, ending at a comma, an LF or `end`, is `candidate` (ASCII). */
export function holdsField(candidate: string, bytes: Uint8Array, start: number, end: number): boolean {
  const stop = start + candidate.length;
  if (stop > end) return false;
  if (stop < end) {
    const after = bytes[stop] as number;
    if (after !== COMMA && after !== LF) return false;
  }
  for (let index = 0; index < candidate.length; index++) if (candidate.charCodeAt(index) !== bytes[start + index]) return false;
  return true;
}

/**
 * The one of `candidates` (see fieldCandidates) that the field starting at `bytes[start]` holds, the field
 * ending at a comma, an LF or `end`; undefined when none.
 */
export function allowedField(candidates: readonly string[], bytes: Uint8Array, start: number, end: number): string | undefined {
  for (const candidate of candidates) if (holdsField(candidate, bytes, start, end)) return candidate;
  return undefined;
}

/**
 * Whether the ASCII text `bytes[start, end)` passes a 'text' check of at most `length` characters (not
 * NULL); `doubledSpaces` false says its chunk holds no two spaces in a row.
 */
export function plainText(bytes: Uint8Array, start: number, end: number, length: number, doubledSpaces: boolean): boolean {
  if (end - start > length || bytes[start] === SPACE || bytes[end - 1] === SPACE) return false;
  if (doubledSpaces) for (let at = start + 1; at < end - 1; at++) if (bytes[at] === SPACE && bytes[at + 1] === SPACE) return false;
  return true;
}
