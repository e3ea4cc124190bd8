// JSON lines are transcoded from the CSV bytes. The oracle is the obvious string path: each value
// through JSON.stringify (numbers and booleans as written, an empty field as null), on adversarial
// text with control characters, quotes, backslashes and non-ASCII, empty and quoted-empty fields,
// short and long records; JSON.parse then reads every line back to the typed record.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/random.js';
import { csvText } from '../../../src/encoding/csvText.js';
import { JsonLinesEncoder } from '../../../src/encoding/jsonLines.js';
import type { JsonKind, TableEncoding } from '../../../src/encoding/outputFormat.js';
import { RowSink } from '../../../src/encoding/rowSink.js';
import { adversarialText } from './adversarialText.js';

type JsonValue = string | number | boolean | null;

/** The typed JSON line of a record, built with JSON.stringify one value at a time. */
function stringifyRecord(encoding: TableEncoding, fields: readonly string[]): string {
  const members = encoding.names.map((name, index) => {
    const value = fields[index] ?? '';
    const json = value === '' ? 'null' : encoding.kinds[index] === 'string' ? JSON.stringify(value) : value;
    return `${JSON.stringify(name)}:${json}`;
  });
  return `{${members.join(',')}}`;
}

function typedRecord(encoding: TableEncoding, fields: readonly string[]): Record<string, JsonValue> {
  return Object.fromEntries(encoding.names.map((name, index) => {
    const value = fields[index] ?? '';
    const kind = encoding.kinds[index];
    return [name, value === '' ? null : kind === 'number' ? Number(value) : kind === 'boolean' ? value === 'true' : value];
  }));
}

function encode(encoding: TableEncoding, csv: string, initialBytes = 64): string {
  const sink = new RowSink(initialBytes);
  new JsonLinesEncoder(encoding).encode(new Uint8Array(Buffer.from(csv, 'utf8')), sink);
  return sink.text();
}

/** Schema types matching JSON kinds (the JSON lines encoder reads only names and kinds). */
const typesOf = (kinds: readonly JsonKind[]): TableEncoding['types'] => kinds.map((kind) => (kind === 'number' ? { kind: 'INTEGER' } : kind === 'boolean' ? { kind: 'BOOLEAN' } : { kind: 'VARCHAR', length: 50 }));

const TEXT: TableEncoding = { names: ['text'], kinds: ['string'], types: typesOf(['string']) };

describe('JsonLinesEncoder', () => {
  it('writes what JSON.stringify writes, byte for byte, on 2,000 random records, and they parse back', () => {
    const rng = new Rng();
    const kinds: JsonKind[] = ['number', 'string', 'boolean', 'string', 'string', 'number'];
    const encoding: TableEncoding = { names: ['id', 'na"me', 'flag', 'text', 'ünï', 'amount'], kinds, types: typesOf(kinds) };
    const controls = ['\u0001', '\u001f', '\b', '\f', '\t', '\\', '\u007f', '\u2028', '\u0000'];
    const records: string[][] = [];
    let csv = '';
    for (let row = 0; row < 2000; row++) {
      rng.reseed(11, row);
      const count = rng.chance(0.05) ? 1 + rng.below(8) : kinds.length;
      const fields = Array.from({ length: count }, (_, index) => {
        if (rng.chance(0.15)) return '';
        if (kinds[index] === 'number') return String(rng.below(100000) / 100);
        if (kinds[index] === 'boolean') return rng.chance(0.5) ? 'true' : 'false';
        return adversarialText(rng) + (rng.chance(0.3) ? rng.pick(controls) : '');
      });
      const quotedEmpty = count > 1 && rng.chance(0.1);
      csv += `${fields.map((field, index) => (quotedEmpty && index === 1 && field === '' ? '""' : csvText(field))).join(',')}\n`;
      records.push(fields);
    }
    const lines = encode(encoding, csv).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(records.length);
    lines.forEach((line, index) => {
      const fields = records[index] as string[];
      expect(line).toBe(stringifyRecord(encoding, fields));
      expect(JSON.parse(line)).toEqual(typedRecord(encoding, fields));
    });
  });

  it('escapes every control character, quote, backslash and DEL as JSON.stringify does', () => {
    const chars = [...Array.from({ length: 32 }, (_, code) => String.fromCharCode(code)), '"', '\\', '\u007f', '\u2028', 'é', '😀'];
    const csv = chars.map((char) => `${csvText(`<${char}>`)}\n`).join('');
    expect(encode(TEXT, csv)).toBe(chars.map((char) => `{"text":${JSON.stringify(`<${char}>`)}}\n`).join(''));
  });

  it.each([
    ['an empty field', '\n', '{"text":null}'],
    ['a quoted empty field', '""\n', '{"text":null}'],
    ['a last record without a newline', 'abc', '{"text":"abc"}'],
    ['a quoted field with a comma and doubled quotes', '"a,""b"""\n', '{"text":"a,\\"b\\""}'],
    ['a quoted newline', '"two\nlines"\n', '{"text":"two\\nlines"}'],
  ])('reads %s', (_, csv, expected) => {
    expect(encode(TEXT, csv)).toBe(`${expected}\n`);
  });

  it('fills columns a record lacks with null and drops fields beyond the schema', () => {
    const encoding: TableEncoding = { names: ['id', 'price', 'active'], kinds: ['number', 'number', 'boolean'], types: typesOf(['number', 'number', 'boolean']) };
    expect(encode(encoding, '1\n2,3.50,true,extra,"more"\n')).toBe('{"id":1,"price":null,"active":null}\n{"id":2,"price":3.50,"active":true}\n');
  });

  it('writes {} per record for a table without columns', () => {
    expect(encode({ names: [], kinds: [], types: [] }, 'a\nb\n')).toBe('{}\n{}\n');
  });

  it('grows the sink mid-value for a field far longer than one reservation', () => {
    const long = `${'\u0001"é'.repeat(40000)},end`;
    expect(encode(TEXT, `${csvText(long)}\n`, 8)).toBe(`{"text":${JSON.stringify(long)}}\n`);
  });
});
