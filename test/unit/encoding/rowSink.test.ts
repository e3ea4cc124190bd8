// RowSink writes fields straight into bytes. The string formatters are the oracle (String, centsText,
// csvText, Date#toISOString, Buffer.from), on values chosen to hit every edge: digit-count boundaries,
// the 2^31 switch inside the integer writer, negative and sub-dollar cents, leap days, midnight,
// non-ASCII and quoted text, and buffers too small for what is written.
import { describe, expect, it } from 'vitest';
import { CalendarText, centsText } from '../../../src/core/calendar.js';
import { Rng } from '../../../src/core/random.js';
import { csvText } from '../../../src/encoding/csvText.js';
import { encodeText, RowSink, writeDigits, writeHex } from '../../../src/encoding/rowSink.js';
import type { DayBytes } from '../../../src/encoding/rowWriter.js';
import { adversarialText } from './adversarialText.js';

/** Dates through Date#toISOString: independent of CalendarText's cache. */
const isoDays: DayBytes = { dateBytes: (day) => new Uint8Array(Buffer.from(new Date(day * 86_400_000).toISOString().slice(0, 10))) };
const isoTimestamp = (seconds: number): string => new Date(seconds * 1000).toISOString().slice(0, 19).replace('T', ' ');

/** What `write` puts into a fresh sink, as text. */
function written(write: (sink: RowSink) => void, initialBytes = 16): string {
  const sink = new RowSink(initialBytes);
  write(sink);
  return sink.text();
}

describe('RowSink field writers', () => {
  it('write what the string formatters write, byte for byte, on 5,000 random rows', () => {
    const rng = new Rng();
    const calendar = new CalendarText();
    const sink = new RowSink(16);
    let expected = '';
    for (let row = 0; row < 5000; row++) {
      rng.reseed(7, row);
      const magnitude = Math.pow(10, rng.below(16));
      const integer = rng.chance(0.1) ? 2147483647 + rng.below(3) : Math.floor(rng.double() * magnitude * 9.9);
      const cents = (rng.chance(0.2) ? -1 : 1) * Math.floor(rng.double() * Math.pow(10, rng.below(12)));
      const seconds = 1640995200 + rng.below(3 * 366 * 86400);
      const text = adversarialText(rng);
      const plain = rng.pick(['', 'page_view', '/products/17-usb-c-cable', 'ünïcode', '中文😀']);
      const hexValue = rng.u32();
      sink.int(integer);
      sink.comma();
      sink.optionalInt(row % 3 === 0 ? 0 : integer);
      sink.comma();
      sink.cents(cents);
      sink.comma();
      sink.timestamp(seconds, calendar);
      sink.comma();
      sink.field(text);
      sink.comma();
      sink.plain(plain);
      sink.comma();
      const hexBytes = new Uint8Array(8);
      writeHex(hexBytes, 0, hexValue, 8);
      sink.encoded(hexBytes);
      if (row % 100 === 0) sink.plain(`,${text}`);
      sink.newline();
      const optional = row % 3 !== 0 && integer > 0 ? String(integer) : '';
      const appended = row % 100 === 0 ? `,${text}` : '';
      const hexText = hexValue.toString(16).padStart(8, '0');
      expected += `${integer},${optional},${centsText(cents)},${isoTimestamp(seconds)},${csvText(text)},${plain},${hexText}${appended}\n`;
    }
    expect(sink.text()).toBe(expected);
    expect(sink.bytes().length).toBe(Buffer.byteLength(expected));
  });

  it('int writes every digit-count boundary, both sides of 2^31 and 2^53 - 1 as String does', () => {
    const values = [0, 7, -7, 2147483647, 2147483648, -2147483648, -2147483649, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER];
    for (let power = 1; power <= 15; power++) values.push(10 ** power - 1, 10 ** power, -(10 ** power));
    expect(written((sink) => values.forEach((value) => (sink.int(value), sink.comma())), 1)).toBe(values.map((value) => `${value},`).join(''));
  });

  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [-5, '-0.05'],
    [99, '0.99'],
    [100, '1.00'],
    [-100, '-1.00'],
    [123456, '1234.56'],
    [-2147483649, '-21474836.49'],
  ])('cents(%d) is %s', (cents, expected) => {
    expect(written((sink) => sink.cents(cents))).toBe(expected);
    expect(centsText(cents)).toBe(expected);
  });

  it('optionalInt writes a positive id and nothing for 0', () => {
    expect(written((sink) => (sink.optionalInt(0), sink.comma(), sink.optionalInt(42)))).toBe(',42');
  });

  it.each([
    [0, '1970-01-01 00:00:00'],
    [86399, '1970-01-01 23:59:59'],
    [951782400, '2000-02-29 00:00:00'],
    [951868799, '2000-02-29 23:59:59'],
    [1735689599, '2024-12-31 23:59:59'],
    [1640995200 + 9 * 3600 + 5 * 60 + 7, '2022-01-01 09:05:07'],
  ])('timestamp(%d) is %s', (seconds, expected) => {
    expect(isoTimestamp(seconds)).toBe(expected);
    expect(written((sink) => sink.timestamp(seconds, isoDays))).toBe(expected);
  });

  it.each([
    ['bare', 'bare'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['ends with newline\n', '"ends with newline\n"'],
    ['a long ASCII prefix copied by hand before the comma,', '"a long ASCII prefix copied by hand before the comma,"'],
    ['café', 'café'],
    ['中文, quoted', '"中文, quoted"'],
    ['', ''],
  ])('field(%j) is %j', (text, expected) => {
    expect(written((sink) => (sink.plain('x,'), sink.field(text), sink.comma()))).toBe(`x,${expected},`);
  });

  it('plain copies ASCII and hands the rest of a non-ASCII text to the UTF-8 encoder', () => {
    const texts = ['page_view', 'ab中😀c', 'é', '😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀'];
    const sink = new RowSink(4);
    for (const text of texts) {
      sink.plain(text);
      sink.newline();
    }
    expect(Buffer.from(sink.bytes()).equals(Buffer.from(texts.map((text) => `${text}\n`).join(''), 'utf8'))).toBe(true);
  });

  it('byte, comma and newline write one byte each', () => {
    expect(written((sink) => (sink.byte(65), sink.comma(), sink.byte(0x7a), sink.newline()))).toBe('A,z\n');
  });

  it('text and field writes keep their order while a small buffer grows past a long non-ASCII text', () => {
    const long = `${'é'.repeat(9000)},`;
    const expected = `a,1,${long}2\nb`;
    expect(written((sink) => (sink.plain('a,'), sink.int(1), sink.plain(','), sink.plain(long), sink.int(2), sink.newline(), sink.plain('b')), 8)).toBe(expected);
  });
});

describe('RowSink buffer', () => {
  it('grows from 1 byte to hold 50,000 mixed writes without losing any', () => {
    const sink = new RowSink(1);
    const parts: string[] = [];
    for (let index = 0; index < 50000; index++) {
      const text = index % 7 === 0 ? `"q${index}"` : `t${index}é`;
      sink.int(index);
      sink.comma();
      sink.field(text);
      sink.newline();
      parts.push(`${index},${csvText(text)}\n`);
    }
    const expected = parts.join('');
    expect(sink.text()).toBe(expected);
    expect(sink.bytes().byteLength).toBe(Buffer.byteLength(expected));
    expect(sink.bytes().buffer.byteLength).toBeGreaterThanOrEqual(Buffer.byteLength(expected));
  });

  it('writes into the ArrayBuffer it was given until it must grow, and reset keeps it', () => {
    const given = new ArrayBuffer(32);
    const sink = new RowSink(given);
    sink.plain('fits');
    expect(sink.bytes().buffer).toBe(given);
    sink.reset();
    expect(sink.text()).toBe('');
    expect(sink.position).toBe(0);
    sink.plain('x'.repeat(100));
    expect(sink.bytes().buffer).not.toBe(given);
    expect(sink.text()).toBe('x'.repeat(100));
  });

  it('encoded copies bytes larger than the buffer', () => {
    const source = encodeText('0123456789'.repeat(1000));
    expect(written((sink) => (sink.encoded(source), sink.encoded(source)), 8)).toBe('0123456789'.repeat(2000));
  });

  it('reserve and advanceTo let an encoder write bytes by hand at position', () => {
    const sink = new RowSink(2);
    sink.plain('ab');
    const view = sink.reserve(3);
    expect(view.length).toBeGreaterThanOrEqual(sink.position + 3);
    view.set(encodeText('cde'), sink.position);
    sink.advanceTo(sink.position + 3);
    expect(sink.text()).toBe('abcde');
  });
});

describe('byte helpers', () => {
  it('writeDigits writes digits and returns the offset after them', () => {
    const values = [0, 9, 10, 4294967295, 2 ** 31, Number.MAX_SAFE_INTEGER];
    for (const value of values) {
      const target = new Uint8Array(20);
      const end = writeDigits(target, 2, value);
      expect(Buffer.from(target.subarray(2, end)).toString('latin1')).toBe(String(value));
    }
  });

  it('writeHex zero-pads to the width and keeps the low digits', () => {
    const values = [0, 1, 0xabc, 0xdeadbeef, 0xffffffff];
    for (const value of values) {
      const target = new Uint8Array(8);
      expect(writeHex(target, 0, value, 8)).toBe(8);
      expect(Buffer.from(target).toString('latin1')).toBe(value.toString(16).padStart(8, '0'));
    }
    const short = new Uint8Array(4);
    writeHex(short, 0, 0x12345678, 4);
    expect(Buffer.from(short).toString('latin1')).toBe('5678');
  });

  it('encodeText gives UTF-8 bytes, ASCII or not', () => {
    for (const text of ['', 'abc', 'Señor', '中文😀', 'a\u0000b']) expect(Buffer.from(encodeText(text)).equals(Buffer.from(text, 'utf8'))).toBe(true);
  });
});
