// StringTable keeps its strings' bytes in pages that never move: over several pages (and a string longer
// than a page), each distinct string keeps the number it got first, is found again and given back as it
// was, whether it is ASCII or not; and a table past its byte budget refuses new strings only.
import { describe, expect, it } from 'vitest';
import { StringTable } from '../../../src/validate/stringTable.js';

/** Deterministic strings: ids like session ids, some with non-ASCII letters, a few repeated. */
function texts(count: number): string[] {
  const made: string[] = [];
  let state = 12345;
  for (let index = 0; index < count; index++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const hex = state.toString(16).padStart(8, '0');
    made.push(index % 7 === 0 ? `José-${hex}-ü` : `${hex}-4a1b-${index.toString(16)}-9c2d-${hex}${hex}`);
  }
  return made;
}

describe('StringTable', () => {
  it('numbers strings in first-seen order across many pages, and finds and gives each back', () => {
    const table = new StringTable();
    const expected = new Map<string, number>();
    // About 42 bytes each: 40,000 strings fill more than one 1 MB page, beside the long string's own page.
    const all = texts(40_000);
    const long = 'x'.repeat(1536 << 10);
    all.splice(20_000, 0, long, 'short after long', long);
    const numbers: number[] = [];
    const added: boolean[] = [];
    const firstSeen: number[] = [];
    const wasNew: boolean[] = [];
    for (const text of all) {
      numbers.push(table.intern(text));
      added.push(table.added);
      wasNew.push(!expected.has(text));
      if (!expected.has(text)) expected.set(text, expected.size);
      firstSeen.push(expected.get(text) as number);
    }
    expect(numbers).toEqual(firstSeen);
    expect(added).toEqual(wasNew);
    // Everything again, in reverse: nothing new.
    const again = [...all].reverse().map((text) => [table.intern(text), table.added] as const);
    expect(again).toEqual([...firstSeen].reverse().map((number) => [number, false] as const));
    expect(table.size).toBe(expected.size);
    const back = [...expected.keys()].map((text, number) => [table.text(number) === text, table.find(text) === number]);
    expect(back.every(([text, found]) => text && found)).toBe(true);
    expect(table.find('never added')).toBe(-1);
  });

  it('refuses new strings once its byte budget is spent, and still finds the old ones', () => {
    const table = new StringTable(2 << 20);
    const all = texts(200_000);
    let refused = -1;
    for (const [index, text] of all.entries()) {
      if (table.intern(text) < 0) {
        refused = index;
        break;
      }
    }
    expect(refused).toBeGreaterThan(0);
    expect(table.overflowed).toBe(true);
    expect(table.intern(all[0] as string)).toBe(0);
    expect(table.text(0)).toBe(all[0]);
    expect(table.intern(all[refused] as string)).toBe(-1);
  });
});
