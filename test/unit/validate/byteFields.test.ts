// The byte-level pieces of validate's plain-line path agree with the string path they stand in for: a
// timestamp or integer read from bytes is the number valueParsers reads from its text, an ASCII id
// interned from bytes gets the number intern() gives its text, session ids travel as bytes and come
// back as the same texts, the session rules' small id sets behave as Sets, and the DECIMAL check read
// char by char accepts what its pattern accepts.
import { describe, expect, it } from 'vitest';
import type { ColumnSchema } from '../../../src/schema/schemaTypes.js';
import { compileFieldCheck } from '../../../src/validate/columnCheck.js';
import { allowedField, digitsValue, fieldCandidates, plainInteger, plainText, timestampBytes } from '../../../src/validate/byteFields.js';
import { SmallIdSet } from '../../../src/validate/sessions/smallIdSet.js';
import { StringTable } from '../../../src/validate/stringTable.js';
import { parseInteger, parseTimestamp } from '../../../src/validate/valueParsers.js';

/** `text` in the middle of other bytes, as a field sits in its line. */
function framed(text: string): { bytes: Buffer; start: number; end: number } {
  const bytes = Buffer.from(`9,${text},x`, 'latin1');
  return { bytes, start: 2, end: 2 + text.length };
}

const TIMESTAMPS = [
  '2024-12-31 23:59:59',
  '2024-02-29 00:00:00',
  '2023-02-29 00:00:00',
  '1900-02-29 12:00:00',
  '2000-02-29 12:00:00',
  '2024-13-01 00:00:00',
  '2024-00-10 00:00:00',
  '2024-04-31 10:00:00',
  '2024-04-30 24:00:00',
  '2024-04-30 23:60:00',
  '2024-04-30 23:59:60',
  '0000-01-01 00:00:00',
  '0001-01-01 00:00:00',
  '2024-1-01 00:00:000',
  '2024-01-01T00:00:00',
  '2024-01-01 00:00',
  '2024-01-01 00:00:00 ',
  '2O24-01-01 00:00:00',
  '2024/01/01 00:00:00',
  '',
];

describe('byte fields', () => {
  it('reads a timestamp as parseTimestamp reads its text, real or not', () => {
    for (const text of TIMESTAMPS) {
      const { bytes, start, end } = framed(text);
      expect(timestampBytes(bytes, start, end), text).toBe(parseTimestamp(text));
    }
  });

  it('reads plain integers as parseInteger does, and declines what String() would not give back', () => {
    for (const text of ['0', '7', '42', '2147483647', '123456789012345']) {
      const { bytes, start, end } = framed(text);
      expect(plainInteger(bytes, start, end), text).toBe(parseInteger(text));
      expect(String(plainInteger(bytes, start, end))).toBe(text);
    }
    for (const text of ['', '007', '-5', '-0', '1e5', '12a', '1234567890123456', ' 1']) {
      const { bytes, start, end } = framed(text);
      expect(plainInteger(bytes, start, end), text).toBeNaN();
    }
  });

  it('gives digits summed as they were found the number plainInteger reads from them, NaN where it reads none', () => {
    for (const text of ['0', '7', '42', '2147483647', '123456789012345', '', '007', '00', '1234567890123456']) {
      const { bytes, start, end } = framed(text);
      let value = 0;
      for (let at = start; at < end; at++) value = value * 10 + ((bytes[at] as number) - 48);
      expect(digitsValue(bytes, start, end, value), text).toBe(plainInteger(bytes, start, end));
    }
  });

  it('passes text only without a leading, trailing or doubled space and within its length', () => {
    const passes = (text: string, length: number, doubled = true): boolean => {
      const { bytes, start, end } = framed(text);
      return plainText(bytes, start, end, length, doubled);
    };
    expect(passes('red shoes', 9)).toBe(true);
    expect(passes('red shoes', 8)).toBe(false);
    expect(passes(' red', 10)).toBe(false);
    expect(passes('red ', 10)).toBe(false);
    expect(passes('red  shoes', 20)).toBe(false);
    // The chunk was searched for doubled spaces already and holds none.
    expect(passes('a b c', 20, false)).toBe(true);
  });
});

describe('allowed values read where the field starts', () => {
  const candidates = fieldCandidates([undefined, undefined, ['ab'], ['abc', 'a,b'], undefined, undefined, ['Chrome'], undefined, undefined, undefined, undefined, undefined, undefined, ['Chrome Mobile']]);

  it('lists every value by length but those a field cannot hold whole', () => {
    expect(candidates).toEqual(['ab', 'abc', 'Chrome', 'Chrome Mobile']);
  });

  it('gives the value the field holds whole, ended by a comma, an LF or the end, as comparing the split field with each allowed value would', () => {
    const cases: [string, string | undefined][] = [
      ['ab,x', 'ab'],
      ['abc\nx', 'abc'],
      ['abc', 'abc'],
      ['abcd,x', undefined],
      ['a,b,x', undefined],
      ['Chrome Mobile,x', 'Chrome Mobile'],
      ['Chrome,x', 'Chrome'],
      ['Chrome Mobil,x', undefined],
      ['chrome,x', undefined],
      ['Chrome ,x', undefined],
      [',x', undefined],
    ];
    for (const [line, value] of cases) {
      const bytes = Buffer.from(`9,${line}`, 'latin1');
      expect(allowedField(candidates, bytes, 2, bytes.length), line).toBe(value);
    }
    // The field may not run past the chunk's end.
    const cut = Buffer.from('9,Chrome Mobile', 'latin1');
    expect(allowedField(candidates, cut, 2, 10)).toBeUndefined();
  });
});

describe('StringTable.internAscii', () => {
  it('gives an ASCII id read from bytes the number intern() gives its text, new or not', () => {
    const byText = new StringTable();
    const byBytes = new StringTable();
    const ids = Array.from({ length: 5000 }, (_, index) => `${(index % 1300) * 7919}-session-${index % 1300}`);
    const differences: string[] = [];
    for (const id of ids) {
      const { bytes, start, end } = framed(id);
      const expected = byText.intern(id);
      const addedByText = byText.added;
      const got = byBytes.internAscii(bytes, start, end);
      if (got !== expected || byBytes.added !== addedByText) differences.push(`${id}: entry ${got} added ${byBytes.added}; intern(): entry ${expected} added ${addedByText}`);
    }
    expect(differences.slice(0, 5)).toEqual([]);
    expect(byBytes.size).toBe(byText.size);
    expect(byBytes.size).toBeLessThan(ids.length);
    expect(Array.from({ length: byText.size }, (_, entry) => byBytes.text(entry))).toEqual(Array.from({ length: byText.size }, (_, entry) => byText.text(entry)));
  });

  it('hands its entries on as bytes that give back every text, ASCII or not', () => {
    const table = new StringTable();
    const texts = ['a', 'José', 'b-2', '', 'ü'.repeat(40)];
    for (const text of texts) table.intern(text);
    const { bytes, ends } = table.entryBytes();
    const back = Array.from(ends, (end, entry) => Buffer.from(bytes.subarray(entry > 0 ? ends[entry - 1] : 0, end)).toString('utf8'));
    expect(back).toEqual(texts);
  });
});

describe('SmallIdSet', () => {
  it('holds what a Set holds through adds, deletes and clears, past its inline size', () => {
    const small = new SmallIdSet();
    const set = new Set<number>();
    const differences: string[] = [];
    let state = 99;
    for (let step = 0; step < 20_000; step++) {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      const id = (state >>> 8) % 90 - 2;
      const action = state % 10;
      if (action < 6) {
        small.add(id);
        set.add(id);
      } else if (action < 9) {
        small.delete(id);
        set.delete(id);
      } else if (step % 7 === 0) {
        small.clear();
        set.clear();
      }
      // Differences collected and asserted once: 40,000 expect calls cost more than the set itself.
      if (small.has(id) !== set.has(id) || small.size !== set.size) differences.push(`step ${step}, id ${id}: has ${small.has(id)} size ${small.size}; a Set: has ${set.has(id)} size ${set.size}`);
    }
    expect(differences.slice(0, 5)).toEqual([]);
    expect([...small.values()].sort((a, b) => a - b)).toEqual([...set].sort((a, b) => a - b));
  });
});

describe('the DECIMAL check', () => {
  it('accepts what -?digits(.digits{1,scale}) with at most precision - scale whole digits accepts, and says why not', () => {
    const column: ColumnSchema = { name: 'price', type: { kind: 'DECIMAL', precision: 6, scale: 2 }, typeText: 'DECIMAL(6,2)', description: '', nullable: false, primaryKey: false };
    const check = compileFieldCheck(column);
    const grammar = /^-?(\d+)(?:\.(\d{1,2}))?$/;
    const values = ['0', '0.00', '12.5', '12.50', '-3.99', '1234.56', '12345.6', '0001234.5', '00000', '.5', '5.', '5.123', '-', '-.1', '+1', '1e3', '1,5', '12.3.4', ' 1.00', '1.00 ', 'abc', '９.99'];
    for (const value of values) {
      const match = grammar.exec(value);
      const whole = match ? (match[1] as string).replace(/^0+(?=\d)/, '') : '';
      const expected = !match ? 'is not a DECIMAL(6,2)' : whole.length > 4 ? 'has too many digits for DECIMAL(6,2)' : undefined;
      expect(check(value), value).toBe(expected);
    }
  });
});
