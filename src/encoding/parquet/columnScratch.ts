// A shard's typed columns as they are filled row by row, whoever fills them: csvColumns.ts from a
// shard's CSV, a generator that writes typed values itself (typedRows.ts). Both leave the same state
// for the same values, so the Arrow buffers cut from it, and so the Parquet bytes, are the same. The
// types follow the schema as DuckDB's CSV-to-Parquet conversion typed them: INTEGER int32, BIGINT int64,
// DECIMAL(p,s) scaled integers, DATE days, TIMESTAMP microseconds (no time zone), BOOLEAN, VARCHAR UTF-8.
import type { ColumnType } from '../../schema/schemaTypes.js';

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

/** Zeroed memory for a shard's column buffers, at a multiple of 8 bytes in its ArrayBuffer. */
export type ColumnMemory = (bytes: number) => Uint8Array;

// How a column's values are held, one code per Arrow layout: the readers switch on it per field.
export const TEXT = 0;
export const BOOL = 1;
export const INT32 = 2;
export const DATE = 3;
export const INT64 = 4;
export const TIMESTAMP = 5;
export const DECIMAL = 6;

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

/** Two's complement little-endian words of a safe integer, without a BigInt per value. */
export function putWide(values: Int32Array, at: number, value: number, words: number): void {
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

/**
 * A column's values as they are filled. The row count is known only at the end, so the values go to
 * arrays kept from shard to shard and are copied into the stream's body once (a native copy).
 */
export class ColumnScratch {
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

// One set per thread, shared by both fillers: a worker's largest shard sizes it once.
const scratches: ColumnScratch[] = [];
/** Rows every scratch has room for; grows with the largest shard. */
let capacity = 1024;

/** The thread's scratches set up, empty, for a shard of these columns. */
export function emptyColumns(names: readonly string[], types: readonly ColumnType[]): ColumnScratch[] {
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
  return columns;
}

/** Makes room for row `row` in every column and, at each eighth row, marks its validity byte present. */
export function beginRow(columns: readonly ColumnScratch[], row: number): void {
  if (row === capacity) {
    capacity *= 2;
    for (const column of columns) column.fit(capacity);
  }
  if ((row & 7) === 0) {
    const byte = row >> 3;
    for (const column of columns) {
      // Every row starts present (its validity byte set whole when its first row came): NULLs, the
      // rarer case, clear their bit, and a present field costs no store.
      column.validity[byte] = 0xff;
      if (column.reader === BOOL) column.bits[byte] = 0;
    }
  }
}

/** Row `row` of `column` is NULL: its validity bit cleared, zero words or an empty text. */
export function nullField(column: ColumnScratch, row: number): void {
  column.nulls++;
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

/**
 * The columns' first `rows` rows cut from one piece of `memory`, in Arrow's order (each column's
 * validity, then its values, or offsets and UTF-8 data), each at a multiple of 64 bytes from its start:
 * the layout of an Arrow IPC body.
 */
export function columnsIn(columns: readonly ColumnScratch[], rows: number, memory: ColumnMemory): ColumnBuffers[] {
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
