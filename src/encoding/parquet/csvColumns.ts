// A shard's CSV (our quoting, csvText.ts) as typed columns, bytes to typed arrays: no string per value.
// One pass over the records reads each field straight into its column. The types follow the schema as
// DuckDB's CSV-to-Parquet conversion typed them (the previous Parquet path): INTEGER int32, BIGINT int64,
// DECIMAL(p,s) scaled integers, DATE days, TIMESTAMP microseconds (no time zone), BOOLEAN, VARCHAR UTF-8;
// an empty field is NULL in every column.
import { daysFromCivil } from '../../core/calendar.js';
import type { ColumnType } from '../../schema/schemaTypes.js';

const COMMA = 44;
const NEWLINE = 10;
const QUOTE = 34;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const TWO_32 = 4294967296;

/** One column's values as Arrow buffers: validity bitmap (bit set = present) and the type's buffers. */
export interface ColumnBuffers {
  readonly type: ColumnType;
  readonly length: number;
  readonly nullCount: number;
  readonly validity: Uint8Array;
  /** Fixed-width values (Int32Array words for int32, int64 as lo/hi words, decimal128 as 4 words), or bits for BOOLEAN, or UTF-8 bytes for VARCHAR. */
  readonly values: Uint8Array | Int32Array;
  /** VARCHAR only: where each value starts in `values` (length + 1 entries). */
  readonly offsets?: Int32Array;
}

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

/** Two's complement little-endian words of a safe integer, without a BigInt per value. */
function putWide(values: Int32Array, at: number, value: number, words: number): void {
  // Floor division keeps the sign in the high word.
  const high = Math.floor(value / TWO_32);
  values[at] = value - high * TWO_32;
  values[at + 1] = high;
  if (words === 4) {
    const sign = value < 0 ? -1 : 0;
    values[at + 2] = sign;
    values[at + 3] = sign;
  }
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

// How a column's fields are read, one code per Arrow layout: the pass switches on it per field.
const TEXT = 0;
const BOOL = 1;
const INT32 = 2;
const DATE = 3;
const INT64 = 4;
const TIMESTAMP = 5;
const DECIMAL = 6;

function readerOf(type: ColumnType): number {
  switch (type.kind) {
    case 'VARCHAR':
      return TEXT;
    case 'BOOLEAN':
      return BOOL;
    case 'INTEGER':
      return INT32;
    case 'DATE':
      return DATE;
    case 'BIGINT':
      return INT64;
    case 'TIMESTAMP':
      return TIMESTAMP;
    case 'DECIMAL':
      return DECIMAL;
  }
}

/** 32-bit words per value of a fixed-width reader (0 for text and booleans). */
function widthOf(reader: number): number {
  if (reader === INT32 || reader === DATE) return 1;
  if (reader === INT64 || reader === TIMESTAMP) return 2;
  return reader === DECIMAL ? 4 : 0;
}

function grownBytes(array: Uint8Array, length: number): Uint8Array {
  if (array.length >= length) return array;
  const grown = new Uint8Array(Math.max(length, array.length * 2));
  grown.set(array);
  return grown;
}

function grownWords(array: Int32Array, length: number): Int32Array {
  if (array.length >= length) return array;
  const grown = new Int32Array(Math.max(length, array.length * 2));
  grown.set(array);
  return grown;
}

/**
 * A column's values as the pass reads them. The row count is known only at the end, so the values go
 * to arrays kept from shard to shard and are copied into the stream's body once (a native copy).
 */
class ColumnScratch {
  reader = TEXT;
  width = 0;
  scale = 0;
  name = '';
  type: ColumnType = { kind: 'VARCHAR', length: 0 };
  nulls = 0;
  validity: Uint8Array = new Uint8Array(0);
  /** Fixed-width values: int32, int64 as lo/hi words, decimal128 as 4 words. */
  words: Int32Array = new Int32Array(0);
  /** A BOOLEAN's values, one bit a row. */
  bits: Uint8Array = new Uint8Array(0);
  /** VARCHAR: where each value starts in `text` (rows + 1 entries), and the UTF-8 bytes. */
  offsets: Int32Array = new Int32Array(1);
  text: Uint8Array = new Uint8Array(0);
  /** `text` read and written four bytes at a time. */
  textWords: DataView = new DataView(this.text.buffer);
  used = 0;

  /** `text` with room for at least `bytes` bytes, its contents kept. */
  grow(bytes: number): void {
    this.text = grownBytes(this.text, bytes);
    this.textWords = new DataView(this.text.buffer, this.text.byteOffset, this.text.byteLength);
  }

  /** Room for `rows` rows. */
  fit(rows: number): void {
    const bytes = (rows + 7) >> 3;
    this.validity = grownBytes(this.validity, bytes);
    if (this.width > 0) this.words = grownWords(this.words, rows * this.width);
    else if (this.reader === BOOL) this.bits = grownBytes(this.bits, bytes);
    else this.offsets = grownWords(this.offsets, rows + 1);
  }
}

const scratches: ColumnScratch[] = [];
/** Rows every scratch has room for; grows with the largest shard. */
let capacity = 1024;

function nullField(column: ColumnScratch, row: number): void {
  column.nulls++;
  // Every row starts present (its validity byte set whole when its first row came): NULLs, the rarer
  // case, clear their bit, and a present field costs no store.
  column.validity[row >> 3] = (column.validity[row >> 3] as number) & ~(1 << (row & 7));
  // Stores, not fill(): a builtin call per NULL cost more than the rest of the field.
  const width = column.width;
  const words = column.words;
  const at = row * width;
  if (width === 0) {
    if (column.reader === TEXT) column.offsets[row + 1] = column.used;
  } else {
    words[at] = 0;
    if (width > 1) {
      words[at + 1] = 0;
      if (width > 2) {
        words[at + 2] = 0;
        words[at + 3] = 0;
      }
    }
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

/** Reads the present field csv[start, end) into its column; throws if the type cannot hold it. */
function typedField(csv: Uint8Array, start: number, end: number, column: ColumnScratch, row: number): void {
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

// Arrow's recommended alignment: arrow-rs copies a buffer that sits off its type's alignment (16 bytes
// for decimal128) before using it.
const padded = (length: number): number => (length + 63) & ~63;

/** Bytes of each of a column's Arrow buffers: validity, then the values (or offsets and UTF-8 data). */
function bufferSizes(column: ColumnScratch, rows: number): number[] {
  const bits = (rows + 7) >> 3;
  if (column.width > 0) return [bits, rows * column.width * 4];
  return column.reader === BOOL ? [bits, bits] : [bits, (rows + 1) * 4, column.used];
}

/** A column's scratch copied into its buffers (cut from the stream's body). */
function columnBuffers(column: ColumnScratch, rows: number, buffers: readonly Uint8Array[]): ColumnBuffers {
  const [validity, values, data] = buffers as [Uint8Array, Uint8Array, Uint8Array | undefined];
  validity.set(column.validity.subarray(0, validity.length));
  // The bits past the last row were set with their byte: Arrow leaves them zero.
  if ((rows & 7) !== 0) validity[validity.length - 1] = (validity[validity.length - 1] as number) & ((1 << (rows & 7)) - 1);
  const common = { type: column.type, length: rows, nullCount: column.nulls, validity };
  if (column.width > 0) {
    const words = new Int32Array(values.buffer, values.byteOffset, rows * column.width);
    words.set(column.words.subarray(0, words.length));
    return { ...common, values: words };
  }
  if (column.reader === BOOL) {
    values.set(column.bits.subarray(0, values.length));
    return { ...common, values };
  }
  const offsets = new Int32Array(values.buffer, values.byteOffset, rows + 1);
  offsets.set(column.offsets.subarray(0, rows + 1));
  (data as Uint8Array).set(column.text.subarray(0, column.used));
  return { ...common, values: data as Uint8Array, offsets };
}

/** Zeroed memory for a shard's column buffers, at a multiple of 8 bytes in its ArrayBuffer. */
export type ColumnMemory = (bytes: number) => Uint8Array;

const newMemory: ColumnMemory = (bytes) => new Uint8Array(bytes);

/**
 * Splits CSV records (no header line) into typed columns. A record with fewer fields than columns has
 * NULL in the rest; fields past the last column are ignored (as the JSON lines encoder does). One pass
 * over the records reads each field into its column (a switch on the column's type per field: the
 * field bounds of a first pass, written and read back column by column, cost half of this step).
 * Every buffer is then cut from one piece of `memory`, in Arrow's order (each column's validity, then
 * its values, or offsets and UTF-8 data), each at a multiple of 64 bytes from its start: the layout of
 * an Arrow IPC body.
 */
export function csvColumns(csv: Uint8Array, names: readonly string[], types: readonly ColumnType[], memory: ColumnMemory = newMemory): ColumnBuffers[] {
  const count = types.length;
  while (scratches.length < count) scratches.push(new ColumnScratch());
  const columns = scratches.slice(0, count);
  columns.forEach((column, index) => {
    const type = types[index] as ColumnType;
    column.type = type;
    column.name = names[index] as string;
    column.reader = readerOf(type);
    column.width = widthOf(column.reader);
    column.scale = type.kind === 'DECIMAL' ? type.scale : 0;
    column.nulls = 0;
    column.used = 0;
    column.fit(capacity);
    column.offsets[0] = 0;
  });
  const length = csv.length;
  const words = new DataView(csv.buffer, csv.byteOffset, csv.byteLength);
  let rows = 0;
  let at = 0;
  while (at < length) {
    if (rows === capacity) {
      capacity *= 2;
      for (const column of columns) column.fit(capacity);
    }
    const byte = rows >> 3;
    const bit = 1 << (rows & 7);
    if (bit === 1) {
      for (const column of columns) {
        column.validity[byte] = 0xff;
        if (column.reader === BOOL) column.bits[byte] = 0;
      }
    }
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
  const sizes = columns.map((column) => bufferSizes(column, rows));
  const region = memory(sizes.flat().reduce((total, size) => total + padded(size), 0));
  let used = 0;
  return columns.map((column, index) => {
    const buffers = (sizes[index] as number[]).map((size) => {
      const buffer = region.subarray(used, used + size);
      used += padded(size);
      return buffer;
    });
    return columnBuffers(column, rows, buffers);
  });
}
