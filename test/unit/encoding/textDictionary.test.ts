// The text dictionary choice read from a shard's column: values that come back after others get a
// dictionary, values that never do (keys, a session's id in one run) are written plain.
import { describe, expect, it } from 'vitest';
import type { ColumnBuffers } from '../../../src/encoding/parquet/columnScratch.js';
import { dictionaryPays } from '../../../src/encoding/parquet/textDictionary.js';

/** A text column of `values` in Arrow's layout (no NULLs). */
function textColumn(values: readonly string[]): ColumnBuffers {
  const encoded = values.map((value) => Buffer.from(value, 'utf8'));
  const offsets = new Int32Array(values.length + 1);
  encoded.forEach((bytes, index) => (offsets[index + 1] = (offsets[index] as number) + bytes.length));
  const validity = new Uint8Array(Math.ceil(values.length / 8)).fill(0xff);
  return { type: { kind: 'VARCHAR', length: 50 }, length: values.length, nullCount: 0, validity, values: new Uint8Array(Buffer.concat(encoded)), offsets };
}

describe('dictionaryPays', () => {
  it('says no for distinct values and for distinct values each repeated in one run', () => {
    expect(dictionaryPays(textColumn(Array.from({ length: 3000 }, (_unused, row) => `user${row}@example.com`)))).toBe(false);
    expect(dictionaryPays(textColumn(Array.from({ length: 3000 }, (_unused, row) => `session-${Math.floor(row / 7)}`)))).toBe(false);
  });

  it('says yes for a few values that come back, and for a near-constant column', () => {
    const statuses = ['placed', 'shipped', 'delivered'];
    expect(dictionaryPays(textColumn(Array.from({ length: 3000 }, (_unused, row) => statuses[(row * 7) % 3] as string)))).toBe(true);
    expect(dictionaryPays(textColumn(new Array<string>(3000).fill('US')))).toBe(true);
    expect(dictionaryPays(textColumn([]))).toBe(true);
  });

  it('draws the line at one change in twenty going back to an earlier value, counted over the first 1,024 values', () => {
    // 500 changes of value; every 10th (yes) or every 30th (no) goes back to the first value.
    const column = (every: number): string[] => Array.from({ length: 501 }, (_unused, row) => (row > 0 && row % every === 0 ? 'v0' : `v${row}`));
    expect(dictionaryPays(textColumn(column(10)))).toBe(true);
    expect(dictionaryPays(textColumn(column(30)))).toBe(false);
    // Returns only after the first 1,024 values are not seen.
    const late = [...Array.from({ length: 1024 }, (_unused, row) => `k${row}`), ...new Array<string>(2000).fill('k0').map((value, row) => (row % 2 ? value : `x${row}`))];
    expect(dictionaryPays(textColumn(late))).toBe(false);
  });

  it('tells apart values whose hashes share a slot by their bytes, and values of different lengths', () => {
    // Prefixes of one another: same leading bytes, different lengths, all distinct.
    expect(dictionaryPays(textColumn(Array.from({ length: 1024 }, (_unused, row) => 'a'.repeat(row + 1))))).toBe(false);
    // 1,024 distinct values fill half the slots: probing finds each one's own.
    const values = Array.from({ length: 1024 }, (_unused, row) => `id-${row}`);
    expect(dictionaryPays(textColumn([...values.slice(0, 512), ...values.slice(0, 512)]))).toBe(true);
  });
});
