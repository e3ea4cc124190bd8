import { csvText, forcesQuotes } from './csvText.js';
import type { DayBytes, RowWriter } from './rowWriter.js';

/**
 * Collects a shard's CSV rows as UTF-8 bytes in one buffer. The buffer comes from the coordinator and
 * goes back to it, so a run recycles a handful of buffers instead of leaving a trail of dead ones for
 * the garbage collector.
 *
 * Every table writes through the field writers (`int`, `cents`, `plain`, `field`, `timestamp`, `encoded`,
 * ...), which put each value's bytes straight into the buffer: no string per row, so nothing for the
 * collector and no rope to flatten (the "no allocation per row" rule of tpchgen-rs).
 */

const COMMA = 44;
const NEWLINE = 10;
const ZERO = 48;
const MINUS = 45;
const DOT = 46;
const SPACE = 32;
const COLON = 58;
const SECONDS_PER_DAY = 86400;
/** The longest integer text: a sign and the 16 digits of 2^53. */
export const MAX_INT_BYTES = 17;
/** Room for a timestamp: a date of at most 10 bytes, a space and `HH:MM:SS`. */
export const TIMESTAMP_BYTES = 19;
const HEX_BYTES = Uint8Array.from('0123456789abcdef', (digit) => digit.charCodeAt(0));

export class RowSink implements RowWriter {
  private buffer: Buffer;
  private view: Uint8Array;
  private used = 0;

  constructor(initial: ArrayBuffer | number = 4 * 1024 * 1024) {
    this.buffer = typeof initial === 'number' ? Buffer.from(new ArrayBuffer(initial)) : Buffer.from(initial);
    this.view = new Uint8Array(this.buffer.buffer, this.buffer.byteOffset, this.buffer.length);
  }

  /** Empties the sink for reuse, keeping its buffer. */
  reset(): void {
    this.used = 0;
  }

  /** Makes room for `bytes` more bytes. */
  private room(bytes: number): void {
    if (this.used + bytes > this.view.length) this.grow(bytes);
  }

  private grow(atLeast: number): void {
    const next = Buffer.from(new ArrayBuffer(Math.max(this.buffer.length * 2, this.used + atLeast)));
    this.buffer.copy(next, 0, 0, this.used);
    this.buffer = next;
    this.view = new Uint8Array(next.buffer, next.byteOffset, next.length);
  }

  /** One ASCII character, by code. */
  byte(code: number): void {
    this.room(1);
    this.view[this.used++] = code;
  }

  comma(): void {
    this.room(1);
    this.view[this.used++] = COMMA;
  }

  newline(): void {
    this.room(1);
    this.view[this.used++] = NEWLINE;
  }

  /** A whole number (|value| < 2^53) in decimal, as String(value) writes it. */
  int(value: number): void {
    this.room(MAX_INT_BYTES);
    if (value < 0) {
      this.view[this.used++] = MINUS;
      this.used = writeDigits(this.view, this.used, -value);
    } else {
      this.used = writeDigits(this.view, this.used, value);
    }
  }

  /** A positive id, or nothing for 0 (an absent optional key). */
  optionalInt(value: number): void {
    if (value > 0) this.int(value);
  }

  /** Money from integer cents with exactly two decimals, as centsText writes it. */
  cents(cents: number): void {
    let magnitude = cents;
    if (cents < 0) {
      this.room(1);
      this.view[this.used++] = MINUS;
      magnitude = -cents;
    }
    const whole = Math.floor(magnitude / 100);
    this.int(whole);
    this.room(3);
    const fraction = magnitude - whole * 100;
    const tens = (fraction / 10) | 0;
    const view = this.view;
    view[this.used] = DOT;
    view[this.used + 1] = ZERO + tens;
    view[this.used + 2] = ZERO + fraction - tens * 10;
    this.used += 3;
  }

  /** Text that needs no CSV quoting (the caller knows it holds no comma, quote, CR or LF). */
  plain(text: string): void {
    const length = text.length;
    this.room(length * 3);
    const view = this.view;
    let at = this.used;
    for (let index = 0; index < length; index++) {
      const code = text.charCodeAt(index);
      if (code >= 0x80) {
        // Short ASCII fields are copied faster by hand than through a call into C++; the rest of a
        // non-ASCII field goes through the encoder.
        this.used = at + this.buffer.write(text.slice(index), at, 'utf8');
        return;
      }
      view[at++] = code;
    }
    this.used = at;
  }

  /** Free text with our CSV quoting (csvText.ts holds the rule), byte for byte as csvText writes it. */
  field(text: string): void {
    const length = text.length;
    this.room(length * 3);
    const view = this.view;
    const start = this.used;
    let at = start;
    for (let index = 0; index < length; index++) {
      const code = text.charCodeAt(index);
      // Bare ASCII is copied by hand; a field that needs quotes or holds non-ASCII takes the string path.
      if (code >= 0x80 || forcesQuotes(code)) {
        this.used = start;
        this.quotedOrWide(text);
        return;
      }
      view[at++] = code;
    }
    this.used = at;
  }

  /**
   * `${number} ${text}`, or `${number} ${text} ${more}` when `more` is not empty, as one field: the same
   * bytes as `field` of the joined text, without joining it (an address's first line).
   */
  numberedField(number: number, text: string, more: string): void {
    const start = this.used;
    this.int(number);
    this.room(text.length + more.length + 2);
    this.view[this.used++] = SPACE;
    if (this.bareAscii(text) && (more === '' || (this.byte(SPACE), this.bareAscii(more)))) return;
    // Quotes or non-ASCII: the joined text takes field's string path.
    this.used = start;
    this.quotedOrWide(more === '' ? `${number} ${text}` : `${number} ${text} ${more}`);
  }

  /** Copies `text` when it is ASCII that needs no quotes and returns true; else returns false (what it copied stays). */
  private bareAscii(text: string): boolean {
    const length = text.length;
    this.room(length);
    const view = this.view;
    let at = this.used;
    for (let index = 0; index < length; index++) {
      const code = text.charCodeAt(index);
      if (code >= 0x80 || forcesQuotes(code)) return false;
      view[at++] = code;
    }
    this.used = at;
    return true;
  }

  private quotedOrWide(text: string): void {
    const quoted = csvText(text);
    this.room(quoted.length * 3);
    this.used += this.buffer.write(quoted, this.used, 'utf8');
  }

  /** Bytes already encoded (a value written once and repeated, like a session id). */
  encoded(source: Uint8Array): void {
    this.room(source.length);
    // A native copy: ~11 ns for 48 bytes against ~65 ns by hand (and ~80 ns from a string).
    this.view.set(source, this.used);
    this.used += source.length;
  }

  /** `YYYY-MM-DD HH:MM:SS` of a whole number of epoch seconds. */
  timestamp(seconds: number, days: DayBytes): void {
    this.room(TIMESTAMP_BYTES);
    this.used = writeTimestamp(this.view, this.used, seconds, days);
  }

  /**
   * For encoders that write byte by byte: makes room for `bytes` more and returns the buffer to write
   * into from `position`; `advanceTo` then records how far they wrote. The buffer changes when it grows.
   */
  reserve(bytes: number): Uint8Array {
    this.room(bytes);
    return this.view;
  }

  get position(): number {
    return this.used;
  }

  advanceTo(position: number): void {
    this.used = position;
  }

  /** The rows as a view of length `byteLength` over the whole (transferable) ArrayBuffer. */
  bytes(): Uint8Array {
    return new Uint8Array(this.buffer.buffer, this.buffer.byteOffset, this.used);
  }

  text(): string {
    return this.buffer.toString('utf8', 0, this.used);
  }
}

/** How many decimal digits a whole number 0 <= value < 2^53 has (String(value).length, without the string). */
export function decimalDigits(value: number): number {
  let digits = 1;
  for (let power = 10; power <= value; power *= 10) digits++;
  return digits;
}

/** Decimal digits of a whole number 0 <= value < 2^53 at `at`; returns the offset after them. */
export function writeDigits(target: Uint8Array, at: number, value: number): number {
  const end = at + decimalDigits(value);
  let position = end;
  if (value < 2147483648) {
    let small = value | 0;
    do {
      const next = (small / 10) | 0;
      target[--position] = ZERO + small - next * 10;
      small = next;
    } while (small > 0);
    return end;
  }
  let rest = value;
  do {
    const next = Math.floor(rest / 10);
    // The digit first: ZERO + rest would round once rest is within 48 of 2^53.
    target[--position] = ZERO + (rest - next * 10);
    rest = next;
  } while (rest > 0);
  return end;
}

/**
 * `YYYY-MM-DD HH:MM:SS` of a whole number of epoch seconds at `at` (TIMESTAMP_BYTES of room); returns the
 * offset after it.
 */
export function writeTimestamp(view: Uint8Array, at: number, seconds: number, days: DayBytes): number {
  const day = Math.floor(seconds / SECONDS_PER_DAY);
  const date = days.dateBytes(day);
  view.set(date, at);
  const time = at + date.length;
  view[time] = SPACE;
  return writeTimeOfDay(view, time + 1, seconds - day * SECONDS_PER_DAY);
}

/** `HH:MM:SS` of `secondOfDay` (0..86399) at `at` (8 bytes); returns the offset after it. */
export function writeTimeOfDay(view: Uint8Array, at: number, secondOfDay: number): number {
  let rest = secondOfDay;
  const hour = (rest / 3600) | 0;
  rest -= hour * 3600;
  const minute = (rest / 60) | 0;
  const second = rest - minute * 60;
  writeTwoDigits(view, at, hour);
  view[at + 2] = COLON;
  writeTwoDigits(view, at + 3, minute);
  view[at + 5] = COLON;
  writeTwoDigits(view, at + 6, second);
  return at + 8;
}

function writeTwoDigits(view: Uint8Array, at: number, value: number): void {
  const tens = (value / 10) | 0;
  view[at] = ZERO + tens;
  view[at + 1] = ZERO + value - tens * 10;
}

/** Lowercase hex of `value` (an unsigned 32-bit number), zero-padded to exactly `width` digits. */
export function writeHex(target: Uint8Array, at: number, value: number, width: number): number {
  let rest = value >>> 0;
  for (let index = width - 1; index >= 0; index--) {
    target[at + index] = HEX_BYTES[rest & 15] as number;
    rest >>>= 4;
  }
  return at + width;
}

/**
 * A string's UTF-8 bytes, for values encoded once and copied into many rows. ASCII is copied by hand
 * into a plain `new Uint8Array`: V8 keeps such small arrays on its heap, where TextEncoder's result
 * would carry a separately allocated backing store each.
 */
export function encodeText(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0x80) return new Uint8Array(Buffer.from(text, 'utf8'));
    bytes[index] = code;
  }
  return bytes;
}
