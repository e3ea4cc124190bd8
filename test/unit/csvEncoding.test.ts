// The hot path quotes free text itself; csv-stringify (our chosen CSV library) is the oracle it must
// match byte for byte, on adversarial strings.
import { describe, expect, it } from 'vitest';
import { stringify } from 'csv-stringify/sync';
import { csvText } from '../../src/encoding/csvText.js';
import { CalendarText, centsText } from '../../src/core/calendar.js';
import { RowSink, writeHex } from '../../src/encoding/rowSink.js';
import { JsonLinesEncoder } from '../../src/encoding/jsonLines.js';
import type { JsonKind, TableEncoding } from '../../src/encoding/outputFormat.js';
import { Rng } from '../../src/core/random.js';
import { parseCsv } from '../helpers/csv.js';

const ALPHABET = ['a', 'Z', '0', ' ', ',', '"', '\n', '\r', "'", ';', '\t', 'é', 'ß', '中', '😀', '\\', '""', ',,'];

function randomText(rng: Rng): string {
  const length = rng.below(12);
  let text = '';
  for (let i = 0; i < length; i++) text += rng.pick(ALPHABET);
  return text.length === 0 ? 'x' : text;
}

describe('csvText', () => {
  it('matches csv-stringify byte for byte on 20,000 adversarial rows, and parses back', () => {
    const rng = new Rng();
    for (let row = 0; row < 20000; row++) {
      rng.reseed(99, row);
      const fields = Array.from({ length: 1 + rng.below(5) }, () => randomText(rng));
      const ours = `${fields.map(csvText).join(',')}\n`;
      // With LF records csv-stringify leaves a lone CR unquoted; RFC 4180 (and loaders) want it quoted.
      const oracle = stringify([fields], { eof: true, record_delimiter: 'unix', quoted_match: /\r/ });
      expect(ours).toBe(oracle);
      expect(parseCsv(ours)[0]).toEqual(fields);
    }
  });
});

// The big tables write their fields straight into bytes; the string formatters (csvText above, String,
// centsText, CalendarText) are the oracle, on values chosen to hit every edge: digit-count
// boundaries, the 2^31 switch inside the integer writer, negative and sub-dollar cents, leap days,
// midnight, non-ASCII and quoted text, and buffers too small for what is written.
describe('RowSink field writers', () => {
  it('write what the string formatters write, byte for byte, on 20,000 random rows', () => {
    const rng = new Rng();
    const calendar = new CalendarText();
    const sink = new RowSink(16);
    let expected = '';
    for (let row = 0; row < 20000; row++) {
      rng.reseed(7, row);
      const magnitude = Math.pow(10, rng.below(16));
      const integer = rng.chance(0.1) ? 2147483647 + rng.below(3) : Math.floor(rng.double() * magnitude * 9.9);
      const cents = (rng.chance(0.2) ? -1 : 1) * Math.floor(rng.double() * Math.pow(10, rng.below(12)));
      const seconds = 1640995200 + rng.below(3 * 366 * 86400);
      const text = randomText(rng);
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
      if (row % 100 === 0) sink.push(`,${text}`);
      sink.newline();
      const optional = row % 3 !== 0 && integer > 0 ? String(integer) : '';
      const pushed = row % 100 === 0 ? `,${text}` : '';
      const hexText = hexValue.toString(16).padStart(8, '0');
      expected += `${integer},${optional},${centsText(cents)},${calendar.timestamp(seconds)},${csvText(text)},${plain},${hexText}${pushed}\n`;
    }
    expect(sink.text()).toBe(expected);
    expect(sink.bytes().length).toBe(Buffer.byteLength(expected));
  });
});

/**
 * The typed JSON of a record, the obvious way: numbers and booleans as they are, an empty field as
 * null, other text through JSON.stringify. (The generator used this until the byte encoder replaced it.)
 */
function compileJsonRow(encoding: TableEncoding): (fields: readonly string[]) => string {
  const prefixes = encoding.names.map((name, index) => `${index === 0 ? '{' : ','}${JSON.stringify(name)}:`);
  return (fields) => {
    let out = '';
    prefixes.forEach((prefix, index) => {
      const value = fields[index] ?? '';
      out += prefix + (value === '' ? 'null' : encoding.kinds[index] === 'string' ? JSON.stringify(value) : value);
    });
    return `${out}}`;
  };
}

// JSON lines are transcoded from the CSV bytes; the string path above is the oracle, on adversarial text with control characters, quotes, backslashes
// and non-ASCII, empty and quoted-empty fields, short and long records.
describe('JsonLinesEncoder', () => {
  it('writes what compileJsonRow writes, byte for byte, on 5,000 random records', () => {
    const rng = new Rng();
    const kinds: JsonKind[] = ['number', 'string', 'boolean', 'string', 'string', 'number'];
    const encoding = { names: ['id', 'na"me', 'flag', 'text', 'more', 'amount'], kinds };
    const toJson = compileJsonRow(encoding);
    const controls = ['\u0001', '\u001f', '\b', '\f', '\t', '\\', '\u007f', '\u2028'];
    let csv = '';
    let expected = '';
    for (let row = 0; row < 5000; row++) {
      rng.reseed(11, row);
      const count = rng.chance(0.05) ? 1 + rng.below(8) : kinds.length;
      const fields = Array.from({ length: count }, (_, index) => {
        if (rng.chance(0.15)) return '';
        if (kinds[index] === 'number') return String(rng.below(100000) / 100);
        if (kinds[index] === 'boolean') return rng.chance(0.5) ? 'true' : 'false';
        return randomText(rng) + (rng.chance(0.3) ? rng.pick(controls) : '');
      });
      const quotedEmpty = count > 1 && rng.chance(0.1);
      csv += `${fields.map((field, index) => (quotedEmpty && index === 1 && field === '' ? '""' : csvText(field))).join(',')}\n`;
      expected += `${toJson(fields)}\n`;
    }
    const sink = new RowSink(64);
    new JsonLinesEncoder(encoding).encode(new Uint8Array(Buffer.from(csv, 'utf8')), sink);
    expect(sink.text()).toBe(expected);
    for (const line of sink.text().trimEnd().split('\n')) expect(() => JSON.parse(line) as unknown).not.toThrow();
  });
});
