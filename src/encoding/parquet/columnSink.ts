// A shard's rows taken from a generator's CSV writing calls (RowWriter) straight into the thread's
// column scratch: the generator writes as it does for a CSV file, and each call stores its value as
// csvColumns.ts would read it back from the bytes RowSink writes for it, so no CSV text is written and
// parsed again. Fast paths: text into VARCHAR columns, `int` into INTEGER/BIGINT, `cents` into DECIMAL
// with two or more decimals, `timestamp` into TIMESTAMP, each as a field's only write. Any other write
// to a typed column is written by RowSink itself into a field buffer and read by csvColumns' own field
// reader at the field's end, so it is read exactly as from the CSV. Shapes whose CSV reading depends on
// bytes around the field (a quote among raw bytes, text after a quoted field, a delimiter inside `plain`
// text, more after a fast path's value, a field past the last column) make the sink decline: the caller
// then takes the CSV path, which reads whatever CSV it gets.
import { forcesQuotes } from '../csvText.js';
import { MAX_INT_BYTES, RowSink, TIMESTAMP_BYTES, writeDigits, writeTimestamp } from '../rowSink.js';
import type { DayBytes, RowWriter } from '../rowWriter.js';
import type { ColumnType } from '../../schema/schemaTypes.js';
import { beginRow, columnsIn, DECIMAL, emptyColumns, INT32, INT64, nullField, putWide, TEXT, TIMESTAMP, type ColumnBuffers, type ColumnMemory, type ColumnScratch } from './columnScratch.js';
import { typedField } from './csvColumns.js';

const COMMA = 44;
const NEWLINE = 10;
const QUOTE = 34;
const MINUS = 45;
const SPACE = 32;
const MICROS_PER_SECOND = 1_000_000;
/** The last second whose microseconds are a safe integer (the CSV path's limit too). */
const LAST_SAFE_SECOND = Math.floor(Number.MAX_SAFE_INTEGER / MICROS_PER_SECOND);

// What the current field of a column that is not VARCHAR holds (a VARCHAR field's bytes are in its column).
const NOTHING = 0;
/** A value stored straight into the column by a fast path: nothing more may follow in the field. */
const TYPED = 1;
/** CSV bytes in `pending`, read at the field's end. */
const PENDING = 2;

/** Whether `bytes` hold a byte that would end or quote a CSV field. */
function delimited(bytes: Uint8Array): boolean {
  for (let at = 0; at < bytes.length; at++) {
    const byte = bytes[at];
    if (byte === COMMA || byte === NEWLINE || byte === QUOTE) return true;
  }
  return false;
}

export class ColumnSink implements RowWriter {
  private readonly columns: ColumnScratch[];
  private readonly last: number;
  /** Records ended so far. */
  rows = 0;
  /** Set once a write took a shape this sink does not read as the CSV path would: the shard takes that path. */
  declined = false;
  private index = 0;
  private column: ColumnScratch;
  /** A VARCHAR field's first byte in its column's text. */
  private start = 0;
  /** What a typed column's current field holds (NOTHING, TYPED, PENDING). */
  private held = NOTHING;
  /** The current VARCHAR field was written quoted by `field`: in CSV nothing may follow it. */
  private quoted = false;
  /** A typed column's field as RowSink writes it, when no fast path took it. */
  private readonly pending = new RowSink(256);
  /** Where `reserve`'s callers write; fed in as CSV bytes by `advanceTo`. */
  private raw = new Uint8Array(64);

  constructor(names: readonly string[], types: readonly ColumnType[]) {
    this.columns = emptyColumns(names, types);
    this.last = types.length - 1;
    this.column = this.columns[0] as ColumnScratch;
    beginRow(this.columns, 0);
  }

  /** The field of a typed column as CSV text from here on; undefined (declined) after a fast path's value. */
  private toPending(): RowSink | undefined {
    if (this.held === TYPED) {
      this.declined = true;
      return undefined;
    }
    this.held = PENDING;
    return this.pending;
  }

  /** The current VARCHAR column with room for `bytes` more, or undefined (declined) after a quoted field. */
  private textRoom(bytes: number): ColumnScratch | undefined {
    if (this.quoted) {
      this.declined = true;
      return undefined;
    }
    const column = this.column;
    if (column.used + bytes > column.text.length) column.grow(column.used + bytes);
    return column;
  }

  /**
   * Appends `text`'s UTF-8 to the current VARCHAR field (room made for it); returns whether CSV would
   * quote it. ASCII is copied by hand, as RowSink does; the rest of a text from its first other
   * character goes through the encoder.
   */
  private appendText(column: ColumnScratch, text: string): boolean {
    const length = text.length;
    const bytes = column.text;
    let at = column.used;
    for (let index = 0; index < length; index++) {
      const code = text.charCodeAt(index);
      if (code >= 0x80 || forcesQuotes(code)) {
        column.used = at;
        return this.appendRest(column, text, index);
      }
      bytes[at++] = code;
    }
    column.used = at;
    return false;
  }

  private appendRest(column: ColumnScratch, text: string, from: number): boolean {
    const bytes = column.text;
    let at = column.used;
    let quotes = false;
    for (let index = from; index < text.length; index++) {
      const code = text.charCodeAt(index);
      if (code >= 0x80) {
        at += Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).write(text.slice(index), at, 'utf8');
        for (let rest = index + 1; rest < text.length && !quotes; rest++) quotes = forcesQuotes(text.charCodeAt(rest));
        break;
      }
      if (forcesQuotes(code)) quotes = true;
      bytes[at++] = code;
    }
    column.used = at;
    return quotes;
  }

  /** A VARCHAR field's bytes that RowSink wrote (`pending`), appended to it. */
  private appendPending(): void {
    const bytes = this.pending.bytes();
    const column = this.textRoom(bytes.length);
    if (column !== undefined) {
      column.text.set(bytes, column.used);
      column.used += bytes.length;
    }
    this.pending.reset();
  }

  /** One byte of CSV written as it is (`byte`, `encoded`, `advanceTo`). */
  private rawByte(byte: number): void {
    if (byte === COMMA) this.comma();
    else if (byte === NEWLINE) this.newline();
    else if (byte === QUOTE) this.declined = true;
    else if (this.column.reader !== TEXT) this.toPending()?.byte(byte);
    else {
      const column = this.textRoom(1);
      if (column !== undefined) column.text[column.used++] = byte;
    }
  }

  byte(code: number): void {
    this.rawByte(code);
  }

  encoded(source: Uint8Array): void {
    for (let at = 0; at < source.length; at++) this.rawByte(source[at] as number);
  }

  reserve(bytes: number): Uint8Array {
    if (this.raw.length < bytes) this.raw = new Uint8Array(Math.max(bytes, this.raw.length * 2));
    return this.raw;
  }

  /** Where `reserve`'s array is written from: its start. */
  get position(): number {
    return 0;
  }

  advanceTo(position: number): void {
    const raw = this.raw;
    for (let at = 0; at < position; at++) this.rawByte(raw[at] as number);
  }

  int(value: number): void {
    const column = this.column;
    const reader = column.reader;
    if (reader === TEXT) {
      const room = this.textRoom(MAX_INT_BYTES);
      if (room === undefined) return;
      if (value < 0) {
        room.text[room.used++] = MINUS;
        room.used = writeDigits(room.text, room.used, -value);
      } else room.used = writeDigits(room.text, room.used, value);
    } else if (this.held === NOTHING && reader === INT32 && (value | 0) === value) {
      column.words[this.rows] = value;
      this.held = TYPED;
    } else if (this.held === NOTHING && reader === INT64 && Number.isSafeInteger(value)) {
      putWide(column.words, this.rows * 2, value, 2);
      this.held = TYPED;
    } else this.toPending()?.int(value);
  }

  cents(cents: number): void {
    const column = this.column;
    if (column.reader === TEXT) {
      this.pending.cents(cents);
      this.appendPending();
      return;
    }
    if (this.held === NOTHING && column.reader === DECIMAL && column.scale >= 2 && Number.isSafeInteger(cents)) {
      // As csvColumns reads `units.cc`: the cents, times ten per decimal past the second.
      let value = cents;
      for (let missing = column.scale - 2; missing > 0; missing--) value *= 10;
      if (Number.isSafeInteger(value)) {
        putWide(column.words, this.rows * 4, value, 4);
        this.held = TYPED;
        return;
      }
    }
    this.toPending()?.cents(cents);
  }

  timestamp(seconds: number, days: DayBytes): void {
    const column = this.column;
    if (column.reader === TEXT) {
      const room = this.textRoom(TIMESTAMP_BYTES);
      if (room !== undefined) room.used = writeTimestamp(room.text, room.used, seconds, days);
      return;
    }
    // The calendar's days are ISO dates, so the text reads back as the same second.
    if (this.held === NOTHING && column.reader === TIMESTAMP && Number.isInteger(seconds) && seconds >= 0 && seconds <= LAST_SAFE_SECOND) {
      putWide(column.words, this.rows * 2, seconds * MICROS_PER_SECOND, 2);
      this.held = TYPED;
      return;
    }
    this.toPending()?.timestamp(seconds, days);
  }

  plain(text: string): void {
    const column = this.column;
    if (column.reader !== TEXT) {
      this.toPending()?.plain(text);
      return;
    }
    // Text RowSink writes bare but CSV would quote breaks the record there: the CSV path reads it.
    if (this.textRoom(text.length * 3) !== undefined && this.appendText(column, text)) this.declined = true;
  }

  field(text: string): void {
    const column = this.column;
    if (column.reader !== TEXT) {
      this.toPending()?.field(text);
      return;
    }
    const empty = column.used === this.start;
    if (this.textRoom(text.length * 3) !== undefined && this.appendText(column, text)) this.quotedAt(empty);
  }

  numberedField(number: number, text: string, more: string): void {
    const column = this.column;
    if (column.reader !== TEXT) {
      this.toPending()?.numberedField(number, text, more);
      return;
    }
    const empty = column.used === this.start;
    this.int(number);
    if (this.textRoom(text.length * 3 + more.length * 3 + 2) === undefined) return;
    column.text[column.used++] = SPACE;
    let quotes = this.appendText(column, text);
    if (more !== '') {
      column.text[column.used++] = SPACE;
      quotes = this.appendText(column, more) || quotes;
    }
    if (quotes) this.quotedAt(empty);
  }

  /** The field just written is quoted in CSV: fine as a whole field, not after other bytes. */
  private quotedAt(empty: boolean): void {
    if (empty) this.quoted = true;
    else this.declined = true;
  }

  /** Ends a typed column's field that is not a fast path's value: NULL, or its text read as csvColumns reads it. */
  private endTextOfTyped(column: ColumnScratch): void {
    const bytes = this.pending.bytes();
    if (bytes.length === 0) nullField(column, this.rows);
    else if (delimited(bytes)) this.declined = true;
    // As csvColumns reads a field that is not in its plain shapes (the same value for those).
    else if (!this.declined) typedField(bytes, 0, bytes.length, column, this.rows);
    this.pending.reset();
  }

  private endField(): void {
    const column = this.column;
    if (column.reader === TEXT) {
      const used = column.used;
      if (used !== this.start) column.offsets[this.rows + 1] = used;
      else nullField(column, this.rows);
    } else if (this.held !== TYPED) {
      if (this.held === NOTHING) nullField(column, this.rows);
      else this.endTextOfTyped(column);
    }
  }

  private startField(index: number): void {
    const column = this.columns[index] as ColumnScratch;
    this.index = index;
    this.column = column;
    this.start = column.used;
    this.held = NOTHING;
    this.quoted = false;
  }

  comma(): void {
    this.endField();
    if (this.index < this.last) this.startField(this.index + 1);
    else {
      // csvColumns drops fields past the last column: too rare to mirror.
      this.declined = true;
      this.startField(this.index);
    }
  }

  newline(): void {
    this.endField();
    // Columns the record lacks are NULL, as in csvColumns.
    for (let index = this.index + 1; index <= this.last; index++) nullField(this.columns[index] as ColumnScratch, this.rows);
    this.rows++;
    beginRow(this.columns, this.rows);
    this.startField(0);
  }

  /** The rows' Arrow buffers, cut from `memory` (columnsIn); a last record without its newline ends as in CSV. */
  buffers(memory: ColumnMemory): ColumnBuffers[] {
    if (this.index > 0 || this.column.used !== this.start || this.held === TYPED || (this.held === PENDING && this.pending.position > 0)) this.newline();
    return columnsIn(this.columns, this.rows, memory);
  }
}
