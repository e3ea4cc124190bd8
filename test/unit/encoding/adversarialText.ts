// Random short strings built from the characters CSV and JSON writers get wrong: separators, quotes,
// line ends, backslashes, multi-byte and astral characters, doubled quotes and doubled commas.
import type { Rng } from '../../../src/core/random.js';

const ALPHABET = ['a', 'Z', '0', ' ', ',', '"', '\n', '\r', "'", ';', '\t', 'é', 'ß', '中', '😀', '\\', '""', ',,'];

/** 1 to 11 pieces of ALPHABET (never empty: an empty field means NULL to our readers). */
export function adversarialText(rng: Rng): string {
  const length = rng.below(12);
  let text = '';
  for (let i = 0; i < length; i++) text += rng.pick(ALPHABET);
  return text.length === 0 ? 'x' : text;
}
