// A shard's rows taken from a generator's CSV writing calls (RowWriter) straight into the thread's
// column scratch: the generator writes as it does for a CSV file, and each call stores its value as
// csvColumns.ts would read it back from the bytes RowSink writes for it, so no CSV text is written and
// parsed again. Fast paths: text into VARCHAR columns, `int` into INTEGER/BIGINT, `cents` into DECIMAL
// with two or more decimals, `timestamp` into TIMESTAMP. Any other write to a typed column is written by
// RowSink itself into a field buffer and read by csvColumns' own field reader at the field's end, so it
// is read exactly as from the CSV. Shapes whose CSV reading depends on bytes around the field (a quote
// among raw bytes, text after a quoted field, a delimiter inside `plain` text, a field past the last
// column) make the sink decline: the caller then takes the CSV path, which reads whatever CSV it gets.
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
/** A value stored straight into the column by a fast path. */
const TYPED = 1;
/** CSV bytes in `pending`, read at the field's end. */
const PENDING = 2;

// Which fast path stored a TYPED field's value: written out as text if more of the field follows.
const TYPED_INT = 0;
const TYPED_CENTS = 1;
const TYPED_TIMESTAMP = 2;

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
  private typedKind = TYPED_INT;
  private typedValue = 0;
  private typedDays: DayBytes | undefined;
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

  private decline(): void {
    this.declined = true;
  }

  /** A typed column's field goes to `pending` from here on (its TYPED value written out first). */
  private toPending(): RowSink {
    const pending = this.pending;
    if (this.held === TYPED) {
      if (this.typedKind === TYPED_INT) pending.int(this.typedValue);
      else if (this.typedKind === TYPED_CENTS) pending.cents(this.typedValue);
      else pending.timestamp(this.typedValue, this.typedDays as DayBytes);
    }
    this.held = PENDING;
    return pending;
  }

  private typed(kind: number, value: number): void {
    this.held = TYPED;
    this.typedKind = kind;
    this.typedValue = value;
  }

  /** The current VARCHAR column with room for `bytes` more, or undefined (declined) after a quoted field. */
  private textRoom(bytes: number): ColumnScratch | undefined {
    if (this.quoted) {
      this.decline();
      return undefined;
    }
    const column = this.column;
    if (column.used + bytes > column.text.length) column.grow(column.used + bytes);
    return column;
  }

  /** Appends `text`'s UTF-8 to the current VARCHAR field; returns whether CSV would quote it. */
  private appendText(column: ColumnScratch, text: string): boolean {
    const length = text.length;
    const bytes = column.text;
    let at = column.used;
    let quotes = false;
    for (let index = 0; index < length; index++) {
      const code = text.charCodeAt(index);
      if (code >= 0x80) {
        // As RowSink does: the rest of a non-ASCII text through the encoder.
        at += Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).write(text.slice(index), at, 'utf8');
        for (let rest = index + 1; rest < length && !quotes; rest++) quotes = forcesQuotes(text.charCodeAt(rest));
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
    if (column === undefined) return;
    column.text.set(bytes, column.used);
    column.used += bytes.length;
  }

  /** One byte of CSV written as it is (`byte`, `encoded`, `advanceTo`). */
  private rawByte(byte: number): void {
    if (byte === COMMA) this.comma();
    else if (byte === NEWLINE) this.newline();
    else if (byte === QUOTE) this.decline();
    else if (this.column.reader !== TEXT) this.toPending().byte(byte);
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
      this.typed(TYPED_INT, value);
    } else if (this.held === NOTHING && reader === INT64 && Number.isSafeInteger(value)) {
      putWide(column.words, this.rows * 2, value, 2);
      this.typed(TYPED_INT, value);
    } else this.toPending().int(value);
  }

  cents(cents: number): void {
    const column = this.column;
    if (column.reader === TEXT) {
      this.pending.reset();
      this.pending.cents(cents);
      this.appendPending();
      this.pending.reset();
      return;
    }
    if (this.held === NOTHING && column.reader === DECIMAL && column.scale >= 2 && Number.isSafeInteger(cents)) {
      // As csvColumns reads `units.cc`: the cents, times ten per decimal past the second.
      let value = cents;
      for (let missing = column.scale - 2; missing > 0; missing--) value *= 10;
      if (Number.isSafeInteger(value)) {
        putWide(column.words, this.rows * 4, value, 4);
        this.typed(TYPED_CENTS, cents);
        return;
      }
    }
    this.toPending().cents(cents);
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
      this.typed(TYPED_TIMESTAMP, seconds);
      this.typedDays = days;
      return;
    }
    this.toPending().timestamp(seconds, days);
  }

  plain(text: string): void {
    if (this.column.reader !== TEXT) {
      this.toPending().plain(text);
      return;
    }
    const column = this.textRoom(text.length * 3);
    // Text RowSink writes bare but CSV would quote breaks the record there: the CSV path reads it.
    if (column !== undefined && this.appendText(column, text)) this.decline();
  }

  field(text: string): void {
    if (this.column.reader !== TEXT) {
      this.toPending().field(text);
      return;
    }
    const empty = this.column.used === this.start;
    const column = this.textRoom(text.length * 3);
    if (column !== undefined && this.appendText(column, text)) this.quotedAt(empty);
  }

  numberedField(number: number, text: string, more: string): void {
    if (this.column.reader !== TEXT) {
      this.toPending().numberedField(number, text, more);
      return;
    }
    const empty = this.column.used === this.start;
    this.int(number);
    const column = this.textRoom(text.length * 3 + more.length * 3 + 2);
    if (column === undefined) return;
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
    else this.decline();
  }

  private endField(): void {
    const column = this.column;
    const row = this.rows;
    if (column.reader === TEXT) {
      if (column.used === this.start) nullField(column, row);
      else column.offsets[row + 1] = column.used;
    } else if (this.held === PENDING) {
      const bytes = this.pending.bytes();
      if (bytes.length === 0) nullField(column, row);
      else if (delimited(bytes)) this.decline();
      // The field as csvColumns reads a field that is not in its plain shapes (the same value for those).
      else if (!this.declined) typedField(bytes, 0, bytes.length, column, row);
      this.pending.reset();
    } else if (this.held === NOTHING) nullField(column, row);
  }

  private startField(index: number): void {
    this.index = index;
    const column = this.columns[index] as ColumnScratch;
    this.column = column;
    this.start = column.used;
    this.held = NOTHING;
    this.quoted = false;
  }

  comma(): void {
    this.endField();
    if (this.index === this.last) {
      // csvColumns drops fields past the last column: too rare to mirror.
      this.decline();
      this.startField(this.index);
      return;
    }
    this.startField(this.index + 1);
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
