// A shard's CSV (our quoting, csvText.ts) as typed columns, bytes to typed arrays: no string per value.
// One pass over the records reads each field straight into its column (columnScratch.ts says how each
// type is held); an empty field is NULL in every column.
import { daysFromCivil } from '../../core/calendar.js';
import type { ColumnType } from '../../schema/schemaTypes.js';
import { beginRow, BOOL, columnsIn, DATE, DECIMAL, emptyColumns, INT32, INT64, nullField, putWide, TEXT, TIMESTAMP, type ColumnBuffers, type ColumnMemory, type ColumnScratch } from './columnScratch.js';

const COMMA = 44;
const NEWLINE = 10;
const QUOTE = 34;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;

/** Thrown for a field the column's type cannot hold; the worker reports it with the shard. */
export class ParquetValueError extends Error {}

/** A decimal integer with an optional sign (and, with `scale`, a fraction of up to `scale` digits) as a scaled whole number; NaN if malformed. */
function scaledInteger(csv: Uint8Array, start: number, end: number, scale: number): number {
  let at = start;
  const negative = csv[at] === MINUS;
  if (negative) at++;
  if (at >= end) return NaN;
  let value = 0;
  let fraction = -1;
  for (; at < end; at++) {
    const byte = csv[at] as number;
    if (byte === DOT && fraction < 0 && scale > 0) {
      fraction = 0;
      continue;
    }
    const digit = byte - ZERO;
    if (digit < 0 || digit > 9) return NaN;
    if (fraction >= 0 && ++fraction > scale) return NaN;
    value = value * 10 + digit;
  }
  for (let missing = scale - Math.max(fraction, 0); missing > 0; missing--) value *= 10;
  return negative ? -value : value;
}

/** The two decimal digits at csv[at] as a number, NaN if either is not a digit. */
function twoDigits(csv: Uint8Array, at: number): number {
  const tens = (csv[at] as number) - ZERO;
  const ones = (csv[at + 1] as number) - ZERO;
  // Unsigned: a byte below '0' wraps to a large number.
  return tens >>> 0 > 9 || ones >>> 0 > 9 ? NaN : tens * 10 + ones;
}

// The last date read and its day number: a shard's rows mostly share their day with the row before.
let lastDate = -1;
let lastDay = 0;

/** `YYYY-MM-DD` at csv[start] as days since 1970, NaN if malformed. */
function dayNumber(csv: Uint8Array, start: number): number {
  if (csv[start + 4] !== MINUS || csv[start + 7] !== MINUS) return NaN;
  const year = twoDigits(csv, start) * 100 + twoDigits(csv, start + 2);
  const month = twoDigits(csv, start + 5);
  const day = twoDigits(csv, start + 8);
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31 && year >= 0)) return NaN;
  const date = (year * 16 + month) * 32 + day;
  if (date !== lastDate) {
    lastDay = daysFromCivil(year, month, day);
    lastDate = date;
  }
  return lastDay;
}

/** `YYYY-MM-DD HH:MM:SS` as microseconds since 1970, NaN if malformed. */
function timestampMicros(csv: Uint8Array, start: number, end: number): number {
  if (end - start !== 19 || csv[start + 10] !== 32 || csv[start + 13] !== 58 || csv[start + 16] !== 58) return NaN;
  const hours = twoDigits(csv, start + 11);
  const minutes = twoDigits(csv, start + 14);
  const seconds = twoDigits(csv, start + 17);
  if (!(hours < 24 && minutes < 60 && seconds < 60)) return NaN;
  return ((dayNumber(csv, start) * 24 + hours) * 60 + minutes) * 60_000_000 + seconds * 1_000_000;
}

function failure(csv: Uint8Array, name: string, start: number, end: number, what: string): ParquetValueError {
  const text = Buffer.from(csv.buffer, csv.byteOffset + start, Math.min(end - start, 80)).toString('utf8');
  return new ParquetValueError(`column ${name}: "${text}" is not ${what}`);
}

function typeName(type: ColumnType): string {
  switch (type.kind) {
    case 'DECIMAL':
      return `a DECIMAL(${type.precision},${type.scale})`;
    case 'DATE':
      return 'a DATE (YYYY-MM-DD)';
    case 'TIMESTAMP':
      return 'a TIMESTAMP (YYYY-MM-DD HH:MM:SS)';
    case 'BOOLEAN':
      return 'a BOOLEAN (true or false)';
    case 'INTEGER':
      return 'an INTEGER';
    default:
      return `a ${type.kind}`;
  }
}

/** Where the unquoted rest of a field starting at `at` ends (its comma, newline or the end). */
function fieldEnd(csv: Uint8Array, at: number, length: number): number {
  let end = at;
  if (csv[end] === QUOTE) {
    end++;
    while (end < length) {
      if (csv[end] === QUOTE) {
        if (csv[end + 1] !== QUOTE) {
          end++;
          break;
        }
        end++;
      }
      end++;
    }
  }
  while (end < length) {
    const byte = csv[end];
    if (byte === COMMA || byte === NEWLINE) break;
    end++;
  }
  return end;
}

function textField(csv: Uint8Array, start: number, end: number, column: ColumnScratch, row: number): void {
  if (column.used + end - start > column.text.length) column.grow(column.used + end - start);
  const text = column.text;
  let used = column.used;
  if (csv[start] !== QUOTE) {
    // By hand: a native copy needs a subarray per field, which cost more than these short fields' bytes.
    for (let at = start; at < end; at++) text[used++] = csv[at] as number;
  } else {
    // Inside the quotes, a doubled quote is one quote.
    for (let at = start + 1; at < end - 1; at++) {
      const byte = csv[at] as number;
      text[used++] = byte;
      if (byte === QUOTE) at++;
    }
  }
  column.used = used;
  column.offsets[row + 1] = used;
}

/**
 * Reads the present field csv[start, end) of a column that is not VARCHAR into it, as the one-pass
 * readers below read it (they fall back to this for anything but their plain shapes); throws if the
 * type cannot hold it.
 */
export function typedField(csv: Uint8Array, start: number, end: number, column: ColumnScratch, row: number): void {
  let value = NaN;
  switch (column.reader) {
    case BOOL: {
      const length = end - start;
      const first = csv[start];
      if (length === 4 && first === 116 && csv[start + 1] === 114 && csv[start + 2] === 117 && csv[start + 3] === 101) {
        column.bits[row >> 3] = (column.bits[row >> 3] as number) | (1 << (row & 7));
        return;
      }
      if (length === 5 && first === 102 && csv[start + 1] === 97 && csv[start + 2] === 108 && csv[start + 3] === 115 && csv[start + 4] === 101) return;
      break;
    }
    case INT32:
    case DATE:
      value = column.reader === INT32 ? scaledInteger(csv, start, end, 0) : end - start === 10 ? dayNumber(csv, start) : NaN;
      if (value >= -2147483648 && value <= 2147483647) {
        column.words[row] = value;
        return;
      }
      break;
    default:
      value = column.reader === TIMESTAMP ? timestampMicros(csv, start, end) : scaledInteger(csv, start, end, column.scale);
      if (Number.isSafeInteger(value)) {
        putWide(column.words, row * column.width, value, column.width);
        return;
      }
  }
  throw failure(csv, column.name, start, end, typeName(column.type));
}

/** Bytes of text a field may copy as it is scanned; a longer one is measured first (textField). */
const SCANNED_TEXT = 4096;

// Four bytes of a field tested at once for a comma or a newline: a byte of `word ^ COMMAS` is zero
// where `word` holds a comma, and `(x - ONES) & ~x & HIGHS` marks zero bytes of x (the lowest mark is
// exact: a false one only sits above a real zero, where the borrow went).
const COMMAS = 0x2c2c2c2c;
const NEWLINES = 0x0a0a0a0a;
const ONES = 0x01010101;
const HIGHS = 0x80808080 | 0;

/** The delimiter marks of four little-endian bytes (0 when none is a comma or a newline). */
function delimiterMarks(word: number): number {
  const commas = word ^ COMMAS;
  const newlines = word ^ NEWLINES;
  return (((commas - ONES) & ~commas) | ((newlines - ONES) & ~newlines)) & HIGHS;
}

/**
 * An unquoted VARCHAR field copied as it is scanned (most fields: one touch of each byte), four bytes
 * at a time while a whole word fits (half of this step's time went to the byte loop on web_events'
 * ids and URLs), into room made first so the loops check nothing but the bytes; returns where the
 * field ends. A word is stored before it is tested: the bytes past the field's end are overwritten by
 * the next field or lie past `used`.
 */
function plainText(csv: Uint8Array, words: DataView, start: number, length: number, column: ColumnScratch, row: number): number {
  if (column.used + SCANNED_TEXT > column.text.length) column.grow(column.used + SCANNED_TEXT);
  const text = column.text;
  const textWords = column.textWords;
  let used = column.used;
  let at = start;
  const stop = Math.min(length, start + SCANNED_TEXT);
  while (at + 4 <= stop) {
    const word = words.getInt32(at, true);
    textWords.setInt32(used, word, true);
    const marks = delimiterMarks(word);
    if (marks !== 0) {
      // The lowest mark is the first delimiter's byte (little-endian: the first byte is the lowest).
      const before = (31 - Math.clz32(marks & -marks)) >> 3;
      column.used = used + before;
      column.offsets[row + 1] = used + before;
      return at + before;
    }
    at += 4;
    used += 4;
  }
  while (at < stop) {
    const byte = csv[at] as number;
    if (byte === COMMA || byte === NEWLINE) break;
    text[used++] = byte;
    at++;
  }
  if (at === stop && at < length && csv[at] !== COMMA && csv[at] !== NEWLINE) {
    const end = fieldEnd(csv, start, length);
    textField(csv, start, end, column, row);
    return end;
  }
  column.used = used;
  column.offsets[row + 1] = used;
  return at;
}

/**
 * An unquoted INTEGER or BIGINT field parsed as it is scanned; anything but digits (after an optional
 * sign) up to the field's end goes to typedField, which reads it the same way or names the bad value.
 */
function plainInteger(csv: Uint8Array, start: number, length: number, column: ColumnScratch, row: number): number {
  let at = start;
  const negative = csv[at] === MINUS;
  if (negative) at++;
  const digitsFrom = at;
  let value = 0;
  while (at < length) {
    const digit = (csv[at] as number) - ZERO;
    if (digit < 0 || digit > 9) break;
    value = value * 10 + digit;
    at++;
  }
  const next = at < length ? csv[at] : NEWLINE;
  if (at === digitsFrom || (next !== COMMA && next !== NEWLINE)) {
    const end = fieldEnd(csv, start, length);
    typedField(csv, start, end, column, row);
    return end;
  }
  if (negative) value = -value;
  if (column.reader === INT32 ? value >= -2147483648 && value <= 2147483647 : Number.isSafeInteger(value)) {
    if (column.reader === INT32) column.words[row] = value;
    else putWide(column.words, row * 2, value, 2);
    return at;
  }
  typedField(csv, start, at, column, row);
  return at;
}

/**
 * An unquoted DECIMAL field parsed as it is scanned, as scaledInteger reads it (the same operations in
 * the same order, so the same value); anything else up to the field's end goes to typedField, which
 * names the bad value.
 */
function plainDecimal(csv: Uint8Array, start: number, length: number, column: ColumnScratch, row: number): number {
  const scale = column.scale;
  let at = start;
  const negative = csv[at] === MINUS;
  if (negative) at++;
  const digitsFrom = at;
  let value = 0;
  let fraction = -1;
  for (; at < length; at++) {
    const byte = csv[at] as number;
    if (byte === DOT && fraction < 0 && scale > 0) {
      fraction = 0;
      continue;
    }
    const digit = byte - ZERO;
    if (digit < 0 || digit > 9) break;
    if (fraction >= 0) fraction++;
    value = value * 10 + digit;
  }
  const next = at < length ? csv[at] : NEWLINE;
  if (at === digitsFrom || fraction > scale || (next !== COMMA && next !== NEWLINE)) {
    const end = fieldEnd(csv, start, length);
    typedField(csv, start, end, column, row);
    return end;
  }
  for (let missing = scale - Math.max(fraction, 0); missing > 0; missing--) value *= 10;
  if (negative) value = -value;
  if (!Number.isSafeInteger(value)) typedField(csv, start, at, column, row);
  else putWide(column.words, row * 4, value, 4);
  return at;
}

const DATE_BYTES = 10;
const TIMESTAMP_BYTES = 19;

/**
 * A DATE or TIMESTAMP field read at its fixed width, without scanning for its end first; false (nothing
 * stored) when the field is not a well-formed value followed by a delimiter, which the general path then
 * reads or names. A well-formed value has no delimiter inside (every position is checked for a digit,
 * '-', ' ' or ':'), so one that parses is the whole field when a delimiter follows it.
 */
function plainInstant(csv: Uint8Array, start: number, length: number, column: ColumnScratch, row: number): boolean {
  const end = start + (column.reader === DATE ? DATE_BYTES : TIMESTAMP_BYTES);
  if (end > length || (end < length && csv[end] !== COMMA && csv[end] !== NEWLINE)) return false;
  if (column.reader === DATE) {
    const day = dayNumber(csv, start);
    if (!(day >= -2147483648 && day <= 2147483647)) return false;
    column.words[row] = day;
    return true;
  }
  const micros = timestampMicros(csv, start, end);
  if (!Number.isSafeInteger(micros)) return false;
  putWide(column.words, row * 2, micros, 2);
  return true;
}

const newMemory: ColumnMemory = (bytes) => new Uint8Array(bytes);

/**
 * Splits CSV records (no header line) into typed columns. A record with fewer fields than columns has
 * NULL in the rest; fields past the last column are ignored (as the JSON lines encoder does). One pass
 * over the records reads each field into its column (a switch on the column's type per field: the
 * field bounds of a first pass, written and read back column by column, cost half of this step).
 * Every buffer is then cut from one piece of `memory` (columnsIn).
 */
export function csvColumns(csv: Uint8Array, names: readonly string[], types: readonly ColumnType[], memory: ColumnMemory = newMemory): ColumnBuffers[] {
  const count = types.length;
  const columns = emptyColumns(names, types);
  const length = csv.length;
  const words = new DataView(csv.buffer, csv.byteOffset, csv.byteLength);
  let rows = 0;
  let at = 0;
  while (at < length) {
    beginRow(columns, rows);
    let index = 0;
    for (;;) {
      if (index < count) {
        const column = columns[index] as ColumnScratch;
        const first = at < length ? (csv[at] as number) : NEWLINE;
        if (first === COMMA || first === NEWLINE) nullField(column, rows);
        else {
          const reader = column.reader;
          if (first !== QUOTE && reader === TEXT) at = plainText(csv, words, at, length, column, rows);
          else if (first !== QUOTE && (reader === INT32 || reader === INT64)) at = plainInteger(csv, at, length, column, rows);
          else if (first !== QUOTE && reader === DECIMAL) at = plainDecimal(csv, at, length, column, rows);
          else if (first !== QUOTE && (reader === TIMESTAMP || reader === DATE) && plainInstant(csv, at, length, column, rows)) at += reader === DATE ? DATE_BYTES : TIMESTAMP_BYTES;
          else {
            const end = fieldEnd(csv, at, length);
            if (reader === TEXT) textField(csv, at, end, column, rows);
            else typedField(csv, at, end, column, rows);
            at = end;
          }
        }
      } else at = fieldEnd(csv, at, length);
      index++;
      if (at >= length || csv[at] === NEWLINE) break;
      at++;
    }
    at++;
    // Columns the record lacks are NULL (an empty field).
    for (; index < count; index++) nullField(columns[index] as ColumnScratch, rows);
    rows++;
  }
  return columnsIn(columns, rows, memory);
}
