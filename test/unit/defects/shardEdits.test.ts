// Edits applied where the clean bytes lie must give the bytes a fresh copy with the edits spliced in
// gives: stretches that move left, right or stay, insertions, removals, edits at the very start and end,
// several at one place, and edits that grow the buffer past its size.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/random.js';
import { RowSink } from '../../../src/encoding/rowSink.js';
import { ShardEdits } from '../../../src/defects/shardEdits.js';

interface Edit {
  readonly at: number;
  readonly end: number;
  readonly text: string;
}

/** The clean text with each edit's range replaced by its text, built by concatenation. */
function spliced(clean: string, edits: readonly Edit[]): string {
  let out = '';
  let copied = 0;
  for (const { at, end, text } of edits) {
    out += clean.slice(copied, at) + text;
    copied = end;
  }
  return out + clean.slice(copied);
}

/** Applies `edits` in place to a sink holding `clean` (sized `capacity`); returns its text and the edits' output places. */
function inPlace(clean: string, edits: readonly Edit[], capacity = clean.length + 1): { text: string; places: number[] } {
  const sink = new RowSink(Math.max(1, capacity));
  sink.plain(clean);
  const list = new ShardEdits();
  list.reset();
  const places: number[] = [];
  for (const { at, end, text } of edits) {
    list.begin(at, end);
    list.bytes.plain(text);
    list.finish();
    places.push(list.lastStart);
    expect(list.lastLength).toBe(text.length);
  }
  list.apply(sink);
  return { text: sink.text(), places };
}

/** Random ordered edits over a text of `length` bytes: replacements, removals and insertions of any size. */
function randomEdits(rng: Rng, length: number, count: number): Edit[] {
  const cuts = Array.from({ length: count * 2 }, () => rng.below(length + 1)).sort((a, b) => a - b);
  const edits: Edit[] = [];
  for (let index = 0; index < count; index++) {
    const at = cuts[index * 2] as number;
    const shape = rng.below(3);
    const end = shape === 1 ? at : (cuts[index * 2 + 1] as number);
    const text = shape === 2 ? '' : 'x'.repeat(rng.below(40)) + String(index);
    edits.push({ at, end, text });
  }
  return edits;
}

describe('ShardEdits', () => {
  const clean = Array.from({ length: 200 }, (_, index) => `${index + 1},value ${index * 7},more text ${index % 13}\n`).join('');

  it('gives the spliced bytes for edits that grow, shrink and insert at random places', () => {
    const rng = new Rng().reseed(7, 1);
    for (let round = 0; round < 60; round++) {
      const edits = randomEdits(rng, clean.length, 1 + rng.below(30));
      const expected = spliced(clean, edits);
      const { text, places } = inPlace(clean, edits);
      expect(text).toBe(expected);
      // Each edit's bytes sit at the place it reports.
      edits.forEach((edit, index) => expect(text.slice(places[index], (places[index] as number) + edit.text.length)).toBe(edit.text));
    }
  });

  it('handles edits at the very start and end, several at one place, and a buffer that must grow', () => {
    const edits: Edit[] = [
      { at: 0, end: 0, text: 'first\n' },
      { at: 0, end: 10, text: '' },
      { at: 10, end: 10, text: 'a\n' },
      { at: 10, end: 10, text: 'b\n' },
      { at: clean.length - 5, end: clean.length, text: 'tail'.repeat(500) },
      { at: clean.length, end: clean.length, text: 'after\n' },
    ];
    expect(inPlace(clean, edits, clean.length).text).toBe(spliced(clean, edits));
  });

  it('treats a position before the last edit\'s end as just after it', () => {
    const edits: Edit[] = [
      { at: 20, end: 40, text: 'X' },
      { at: 30, end: 30, text: 'Y' },
    ];
    expect(inPlace(clean, edits).text).toBe(spliced(clean, [edits[0] as Edit, { at: 40, end: 40, text: 'Y' }]));
  });

  it('leaves the bytes as they were without edits, and is empty again after reset', () => {
    expect(inPlace(clean, []).text).toBe(clean);
    const list = new ShardEdits();
    list.begin(0, 1);
    list.bytes.plain('z');
    list.finish();
    list.reset();
    const sink = new RowSink(clean.length);
    sink.plain(clean);
    list.apply(sink);
    expect(sink.text()).toBe(clean);
  });
});
