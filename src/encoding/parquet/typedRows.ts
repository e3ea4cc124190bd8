// A shard's rows written as typed values by their generator, straight into the thread's column scratch:
// no CSV text written and parsed back (csvColumns.ts). Each setter leaves the scratch as csvColumns
// leaves it for the field the CSV path writes for the same value, so the Parquet bytes are the same.
import type { ColumnType } from '../../schema/schemaTypes.js';
import { beginRow, columnsIn, emptyColumns, INT32, INT64, nullField, putWide, TEXT, TIMESTAMP, type ColumnBuffers, type ColumnMemory, type ColumnScratch } from './columnScratch.js';
import { ParquetValueError } from './csvColumns.js';

const MICROS_PER_SECOND = 1_000_000;
/** Bytes of repeats a byte loop writes faster than native copies (each a call of ~10-20 ns). */
const SHORT_FILL = 64;

/**
 * Rows of typed values, filled one row at a time: `begin()`, then every column's value once, then
 * `end()`. The columns are the thread's scratch (columnScratch.ts): valid until the next shard's.
 */
export class TypedRows {
  private readonly columns: ColumnScratch[];
  /** Rows ended so far. */
  count = 0;

  constructor(
    readonly names: readonly string[],
    readonly types: readonly ColumnType[],
  ) {
    this.columns = emptyColumns(names, types);
  }

  /** Starts the next row. */
  begin(): void {
    beginRow(this.columns, this.count);
  }

  /** Ends the row begun: every column has its value. */
  end(): void {
    this.count++;
  }

  /** A whole number in an INTEGER or BIGINT column (the CSV path's `writeDigits` field). */
  int(index: number, value: number): void {
    this.intAt(this.columns[index] as ColumnScratch, this.count, value);
  }

  private intAt(column: ColumnScratch, row: number, value: number): void {
    if (column.reader === INT32 && value >= -2147483648 && value <= 2147483647) column.words[row] = value;
    else if (column.reader === INT64 && Number.isSafeInteger(value)) putWide(column.words, row * 2, value, 2);
    else throw new ParquetValueError(`column ${column.name}: "${value}" is not ${column.reader === INT32 ? 'an INTEGER' : `a ${column.type.kind}`}`);
  }

  /**
   * Epoch seconds in a TIMESTAMP column, as `YYYY-MM-DD HH:MM:SS` shows them (rowSink.ts): whole seconds,
   * a fraction dropped.
   */
  seconds(index: number, second: number): void {
    const column = this.columns[index] as ColumnScratch;
    const micros = Math.floor(second) * MICROS_PER_SECOND;
    if (column.reader !== TIMESTAMP || !Number.isSafeInteger(micros)) throw new ParquetValueError(`column ${column.name}: second ${second} is not a TIMESTAMP`);
    putWide(column.words, this.count * 2, micros, 2);
  }

  /**
   * `bytes[start, end)` (UTF-8) in a VARCHAR column; empty is NULL, as an empty CSV field is. The caller
   * writes a value CSV would not quote: no comma, line break or quote.
   */
  text(index: number, bytes: Uint8Array, start: number, end: number): void {
    const column = this.columns[index] as ColumnScratch;
    if (start === end) {
      nullField(column, this.count);
      return;
    }
    if (column.reader !== TEXT) throw new ParquetValueError(`column ${column.name} is not a VARCHAR`);
    let used = column.used;
    if (used + end - start > column.text.length) column.grow(used + end - start);
    const text = column.text;
    // By hand: a native copy needs a subarray per value, which costs more than these short values' bytes.
    for (let at = start; at < end; at++) text[used++] = bytes[at] as number;
    column.used = used;
    column.offsets[this.count + 1] = used;
  }

  /**
   * `bytes` as the value of rows [from, count) of a VARCHAR column (empty: NULL), ended rows whose value
   * in this column was left out: a value many rows in a row repeat is written once, then its copies
   * doubled by native copies (a handful, where a byte loop per row cost more than the rest of the row).
   */
  fillText(index: number, bytes: Uint8Array, from: number): void {
    const column = this.columns[index] as ColumnScratch;
    const length = bytes.length;
    if (length === 0 || column.reader !== TEXT) {
      for (let row = from; row < this.count; row++) this.textAt(column, row, bytes);
      return;
    }
    const start = column.used;
    const end = start + length * (this.count - from);
    if (end > column.text.length) column.grow(end);
    const text = column.text;
    if (end - start <= SHORT_FILL) {
      for (let at = start; at < end; at += length) for (let index = 0; index < length; index++) text[at + index] = bytes[index] as number;
    } else {
      text.set(bytes, start);
      for (let done = start + length; done < end; done += Math.min(done - start, end - done)) text.copyWithin(done, start, start + Math.min(done - start, end - done));
    }
    const offsets = column.offsets;
    for (let row = from, used = start + length; row < this.count; row++, used += length) offsets[row + 1] = used;
    column.used = end;
  }

  /**
   * For a value written in place: the VARCHAR column's bytes with room for `bytes` more from `textEnd`.
   * Then `wrote` ends the row's value there.
   */
  textRoom(index: number, bytes: number): Uint8Array {
    const column = this.columns[index] as ColumnScratch;
    if (column.reader !== TEXT) throw new ParquetValueError(`column ${column.name} is not a VARCHAR`);
    if (column.used + bytes > column.text.length) column.grow(column.used + bytes);
    return column.text;
  }

  /** Where the VARCHAR column's next value starts in `textRoom`'s bytes. */
  textEnd(index: number): number {
    return (this.columns[index] as ColumnScratch).used;
  }

  /** The row's value of the column is `textRoom`'s bytes from `textEnd` to `end` (not empty). */
  wrote(index: number, end: number): void {
    const column = this.columns[index] as ColumnScratch;
    column.used = end;
    column.offsets[this.count + 1] = end;
  }

  /** A whole number (`int`) as the value of rows [from, count) of a column, as `fillText`; 0 is NULL. */
  fillInt(index: number, value: number, from: number): void {
    const column = this.columns[index] as ColumnScratch;
    if (value === 0) {
      for (let row = from; row < this.count; row++) nullField(column, row);
      return;
    }
    if (column.reader === INT32 && value >= -2147483648 && value <= 2147483647) {
      column.words.fill(value, from, this.count);
      return;
    }
    for (let row = from; row < this.count; row++) this.intAt(column, row, value);
  }

  /** Row `row`'s value in a VARCHAR column, the whole of `bytes` (rows before it already have theirs). */
  private textAt(column: ColumnScratch, row: number, bytes: Uint8Array): void {
    if (bytes.length === 0) {
      nullField(column, row);
      return;
    }
    if (column.reader !== TEXT) throw new ParquetValueError(`column ${column.name} is not a VARCHAR`);
    if (column.used + bytes.length > column.text.length) column.grow(column.used + bytes.length);
    column.text.set(bytes, column.used);
    column.used += bytes.length;
    column.offsets[row + 1] = column.used;
  }

  /** NULL in any column (an empty CSV field). */
  none(index: number): void {
    nullField(this.columns[index] as ColumnScratch, this.count);
  }

  /** The rows' Arrow buffers, cut from `memory` (columnsIn). */
  buffers(memory: ColumnMemory): ColumnBuffers[] {
    return columnsIn(this.columns, this.count, memory);
  }
}
