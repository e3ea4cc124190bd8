// A shard's CSV (our quoting, csvText.ts) as typed columns, bytes to typed arrays: no string per value.
// One pass finds every field's bounds; then each column is filled by a loop of its own type (a builder
// object per value, called through a virtual method, made this step cost as much as generating the rows). The types follow the schema as
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

function digits(csv: Uint8Array, at: number, count: number): number {
  let value = 0;
  for (let index = at; index < at + count; index++) {
    const digit = (csv[index] as number) - ZERO;
    if (digit < 0 || digit > 9) return NaN;
    value = value * 10 + digit;
  }
  return value;
}

/** `YYYY-MM-DD` at csv[start] as days since 1970, NaN if malformed. */
function dayNumber(csv: Uint8Array, start: number): number {
  if (csv[start + 4] !== MINUS || csv[start + 7] !== MINUS) return NaN;
  const month = digits(csv, start + 5, 2);
  const day = digits(csv, start + 8, 2);
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31)) return NaN;
  return daysFromCivil(digits(csv, start, 4), month, day);
}

/** `YYYY-MM-DD HH:MM:SS` as microseconds since 1970, NaN if malformed. */
function timestampMicros(csv: Uint8Array, start: number, end: number): number {
  if (end - start !== 19 || csv[start + 10] !== 32 || csv[start + 13] !== 58 || csv[start + 16] !== 58) return NaN;
  const hours = digits(csv, start + 11, 2);
  const minutes = digits(csv, start + 14, 2);
  const seconds = digits(csv, start + 17, 2);
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

/** Field bounds of a shard: per record and column, start and end (a quoted field's start is stored as -(start + 1)). */
interface FieldBounds {
  readonly rows: number;
  readonly bounds: Int32Array;
}

let boundsScratch = new Int32Array(0);

function fieldBounds(csv: Uint8Array, columns: number): FieldBounds {
  const length = csv.length;
  const stride = columns * 2;
  let bounds = boundsScratch;
  let rows = 0;
  let at = 0;
  while (at < length) {
    if ((rows + 1) * stride > bounds.length) {
      const grown = new Int32Array(Math.max(1024, bounds.length * 2, (rows + 1) * stride));
      grown.set(bounds);
      bounds = grown;
    }
    const base = rows * stride;
    let column = 0;
    for (;;) {
      const start = at;
      let quoted = false;
      if (csv[at] === QUOTE) {
        quoted = true;
        at++;
        while (at < length) {
          if (csv[at] === QUOTE) {
            if (csv[at + 1] !== QUOTE) {
              at++;
              break;
            }
            at++;
          }
          at++;
        }
      }
      while (at < length) {
        const byte = csv[at];
        if (byte === COMMA || byte === NEWLINE) break;
        at++;
      }
      if (column < columns) {
        bounds[base + column * 2] = quoted ? -(start + 1) : start;
        bounds[base + column * 2 + 1] = at;
      }
      column++;
      if (at >= length || csv[at] === NEWLINE) break;
      at++;
    }
    at++;
    // Columns the record lacks are NULL (an empty field).
    for (; column < columns; column++) {
      bounds[base + column * 2] = 0;
      bounds[base + column * 2 + 1] = 0;
    }
    rows++;
  }
  boundsScratch = bounds;
  return { rows, bounds };
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

/** Total bytes of a VARCHAR column's present values (quotes included: an upper bound). */
function textBytes(bounds: Int32Array, rows: number, stride: number, offset: number): number {
  let total = 0;
  for (let row = 0; row < rows; row++) {
    const raw = bounds[row * stride + offset] as number;
    total += (bounds[row * stride + offset + 1] as number) - (raw < 0 ? -raw - 1 : raw);
  }
  return total;
}

function setBit(bits: Uint8Array, row: number): void {
  bits[row >> 3] = (bits[row >> 3] as number) | (1 << (row & 7));
}

// Arrow's recommended alignment: arrow-rs copies a buffer that sits off its type's alignment (16 bytes
// for decimal128) before using it.
const padded = (length: number): number => (length + 63) & ~63;

/** Bytes of each of a column's Arrow buffers: validity, then the values (or offsets and UTF-8 data). */
function bufferSizes(type: ColumnType, rows: number, fields: FieldBounds, offset: number, stride: number): number[] {
  const bits = (rows + 7) >> 3;
  switch (type.kind) {
    case 'VARCHAR':
      return [bits, (rows + 1) * 4, textBytes(fields.bounds, rows, stride, offset)];
    case 'BOOLEAN':
      return [bits, bits];
    case 'INTEGER':
    case 'DATE':
      return [bits, rows * 4];
    case 'BIGINT':
    case 'TIMESTAMP':
      return [bits, rows * 8];
    case 'DECIMAL':
      return [bits, rows * 16];
  }
}

/** A column's field positions and the memory its buffers fill. */
interface ColumnInput {
  readonly csv: Uint8Array;
  readonly name: string;
  readonly type: ColumnType;
  readonly rows: number;
  readonly bounds: Int32Array;
  readonly stride: number;
  /** This column's first bound in each record: bounds[row * stride + offset]. */
  readonly offset: number;
  readonly validity: Uint8Array;
  readonly values: Uint8Array;
}

function textColumn(input: ColumnInput, ends: Int32Array): ColumnBuffers {
  const { csv, rows, bounds, stride, offset, validity, values: bytes } = input;
  let nulls = 0;
  let used = 0;
  for (let row = 0; row < rows; row++) {
    const raw = bounds[row * stride + offset] as number;
    const end = bounds[row * stride + offset + 1] as number;
    const start = raw < 0 ? -raw - 1 : raw;
    if (start === end) {
      nulls++;
      ends[row + 1] = used;
      continue;
    }
    setBit(validity, row);
    if (raw >= 0) {
      if (end - start > 32) {
        bytes.set(csv.subarray(start, end), used);
        used += end - start;
      } else {
        for (let at = start; at < end; at++) bytes[used++] = csv[at] as number;
      }
    } else {
      // Inside the quotes, a doubled quote is one quote.
      for (let at = start + 1; at < end - 1; at++) {
        const byte = csv[at] as number;
        bytes[used++] = byte;
        if (byte === QUOTE) at++;
      }
    }
    ends[row + 1] = used;
  }
  return { type: input.type, length: rows, nullCount: nulls, validity, values: bytes.subarray(0, used), offsets: ends };
}

function booleanColumn(input: ColumnInput): ColumnBuffers {
  const { csv, rows, bounds, stride, offset, validity, values: bits } = input;
  let nulls = 0;
  for (let row = 0; row < rows; row++) {
    const raw = bounds[row * stride + offset] as number;
    const end = bounds[row * stride + offset + 1] as number;
    const start = raw < 0 ? -raw - 1 : raw;
    if (start === end) {
      nulls++;
      continue;
    }
    setBit(validity, row);
    const length = end - start;
    const first = csv[start];
    if (length === 4 && first === 116 && csv[start + 1] === 114 && csv[start + 2] === 117 && csv[start + 3] === 101) setBit(bits, row);
    else if (!(length === 5 && first === 102 && csv[start + 1] === 97 && csv[start + 2] === 108 && csv[start + 3] === 115 && csv[start + 4] === 101)) throw failure(csv, input.name, start, end, typeName(input.type));
  }
  return { type: input.type, length: rows, nullCount: nulls, validity, values: bits };
}

/** A field's number as the column's type holds it (NaN if malformed). */
type ParseNumber = (csv: Uint8Array, start: number, end: number) => number;

// One loop per width, each given its parser: the type is decided once per column, not per row.
function int32Column(input: ColumnInput, parse: ParseNumber): ColumnBuffers {
  const { csv, rows, bounds, stride, offset, validity } = input;
  const values = new Int32Array(input.values.buffer, input.values.byteOffset, rows);
  let nulls = 0;
  for (let row = 0; row < rows; row++) {
    const raw = bounds[row * stride + offset] as number;
    const end = bounds[row * stride + offset + 1] as number;
    const start = raw < 0 ? -raw - 1 : raw;
    if (start === end) {
      nulls++;
      continue;
    }
    setBit(validity, row);
    const value = parse(csv, start, end);
    if (!(value >= -2147483648 && value <= 2147483647)) throw failure(csv, input.name, start, end, typeName(input.type));
    values[row] = value;
  }
  return { type: input.type, length: rows, nullCount: nulls, validity, values };
}

/** BIGINT and TIMESTAMP as int64 words, DECIMAL as decimal128 words (`words` 2 or 4 per value). */
function wideColumn(input: ColumnInput, parse: ParseNumber, words: 2 | 4): ColumnBuffers {
  const { csv, rows, bounds, stride, offset, validity } = input;
  const values = new Int32Array(input.values.buffer, input.values.byteOffset, rows * words);
  let nulls = 0;
  for (let row = 0; row < rows; row++) {
    const raw = bounds[row * stride + offset] as number;
    const end = bounds[row * stride + offset + 1] as number;
    const start = raw < 0 ? -raw - 1 : raw;
    if (start === end) {
      nulls++;
      continue;
    }
    setBit(validity, row);
    const value = parse(csv, start, end);
    if (!Number.isSafeInteger(value)) throw failure(csv, input.name, start, end, typeName(input.type));
    putWide(values, row * words, value, words);
  }
  return { type: input.type, length: rows, nullCount: nulls, validity, values };
}

const integer: ParseNumber = (csv, start, end) => scaledInteger(csv, start, end, 0);
const date: ParseNumber = (csv, start, end) => (end - start === 10 ? dayNumber(csv, start) : NaN);

function column(input: ColumnInput, buffers: readonly Uint8Array[]): ColumnBuffers {
  const type = input.type;
  switch (type.kind) {
    case 'VARCHAR': {
      const offsets = buffers[1] as Uint8Array;
      return textColumn({ ...input, values: buffers[2] as Uint8Array }, new Int32Array(offsets.buffer, offsets.byteOffset, input.rows + 1));
    }
    case 'BOOLEAN':
      return booleanColumn(input);
    case 'INTEGER':
      return int32Column(input, integer);
    case 'DATE':
      return int32Column(input, date);
    case 'BIGINT':
      return wideColumn(input, integer, 2);
    case 'TIMESTAMP':
      return wideColumn(input, timestampMicros, 2);
    case 'DECIMAL': {
      const scale = type.scale;
      return wideColumn(input, (csv, start, end) => scaledInteger(csv, start, end, scale), 4);
    }
  }
}

/** Zeroed memory for a shard's column buffers, at a multiple of 8 bytes in its ArrayBuffer. */
export type ColumnMemory = (bytes: number) => Uint8Array;

const newMemory: ColumnMemory = (bytes) => new Uint8Array(bytes);

/**
 * Splits CSV records (no header line) into typed columns. A record with fewer fields than columns has
 * NULL in the rest; fields past the last column are ignored (as the JSON lines encoder does). Every
 * buffer is cut from one piece of `memory`, in Arrow's order (each column's validity, then its values,
 * or offsets and UTF-8 data), each at a multiple of 64 bytes from its start: the layout of an Arrow IPC body.
 */
export function csvColumns(csv: Uint8Array, names: readonly string[], types: readonly ColumnType[], memory: ColumnMemory = newMemory): ColumnBuffers[] {
  const stride = types.length * 2;
  const fields = fieldBounds(csv, types.length);
  const rows = fields.rows;
  const sizes = types.map((type, index) => bufferSizes(type, rows, fields, index * 2, stride));
  const region = memory(sizes.flat().reduce((total, size) => total + padded(size), 0));
  let used = 0;
  return types.map((type, index) => {
    const buffers = (sizes[index] as number[]).map((size) => {
      const buffer = region.subarray(used, used + size);
      used += padded(size);
      return buffer;
    });
    const input: ColumnInput = { csv, name: names[index] as string, type, rows, bounds: fields.bounds, stride, offset: index * 2, validity: buffers[0] as Uint8Array, values: buffers[1] as Uint8Array };
    return column(input, buffers);
  });
}
