// The hot path quotes free text itself; csv-stringify (our chosen CSV library) is the oracle it must
// match byte for byte, on adversarial strings.
import { describe, expect, it } from 'vitest';
import { stringify } from 'csv-stringify/sync';
import { csvText } from '../src/model/csvText.js';
import { Rng } from '../src/core/random.js';
import { parseCsv } from './helpers/csv.js';

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
