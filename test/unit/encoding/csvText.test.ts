// csvText holds the one quoting rule; csv-stringify (our chosen CSV library) is the oracle it must
// match byte for byte, on adversarial strings and on every single character.
import { describe, expect, it } from 'vitest';
import { stringify } from 'csv-stringify/sync';
import { csvText, forcesQuotes } from '../../../src/encoding/csvText.js';
import { Rng } from '../../../src/core/random.js';
import { parseCsv } from '../../helpers/csv.js';
import { adversarialText } from './adversarialText.js';

/** csv-stringify's record for `fields`; with LF records it leaves a lone CR bare, which RFC 4180 and loaders want quoted. */
const oracle = (fields: readonly string[]): string => stringify([fields], { eof: true, record_delimiter: 'unix', quoted_match: /\r/ });

describe('csvText', () => {
  it('matches csv-stringify byte for byte on 5,000 adversarial rows, and parses back', () => {
    const rng = new Rng();
    // Rows that differ collected and asserted once: 10,000 expect calls cost more than the rows.
    const wrong: { row: number; ours: string; oracle: string; parsed: string[] | undefined; fields: string[] }[] = [];
    for (let row = 0; row < 5000; row++) {
      rng.reseed(99, row);
      const fields = Array.from({ length: 1 + rng.below(5) }, () => adversarialText(rng));
      const ours = `${fields.map(csvText).join(',')}\n`;
      const expected = oracle(fields);
      const parsed = parseCsv(ours)[0];
      if (ours !== expected || JSON.stringify(parsed) !== JSON.stringify(fields)) wrong.push({ row, ours, oracle: expected, parsed, fields });
    }
    expect(wrong.slice(0, 3)).toEqual([]);
  });

  it.each([
    ['plain text', 'plain text'],
    ['', ''],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['"', '""""'],
    ['two\nlines', '"two\nlines"'],
    ['carriage\rreturn', '"carriage\rreturn"'],
    ["semi;colon\ttab 'single'", "semi;colon\ttab 'single'"],
    ['Señor 中文 😀', 'Señor 中文 😀'],
    ['é,', '"é,"'],
  ])('%j is written as %j', (value, expected) => {
    expect(csvText(value)).toBe(expected);
  });
});

describe('forcesQuotes', () => {
  it('names exactly the characters csv-stringify quotes a one-character field for', () => {
    const codes = [...Array.from({ length: 128 }, (_, code) => code), 0xe9, 0x2028, 0x4e2d, 0xd83d, 0xfeff];
    const quoted = codes.filter((code) => oracle([String.fromCharCode(code)]).startsWith('"'));
    expect(quoted.length).toBeGreaterThan(0);
    expect(codes.filter(forcesQuotes)).toEqual(quoted);
  });

  it('agrees with csvText on every UTF-16 code unit', () => {
    const disagreements: number[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const char = String.fromCharCode(code);
      if ((csvText(char) !== char) !== forcesQuotes(code)) disagreements.push(code);
    }
    expect(disagreements).toEqual([]);
  });
});
