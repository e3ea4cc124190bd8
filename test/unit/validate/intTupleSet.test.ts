// IntTupleSet holds integer tuples in its own table: a tuple read at an offset of a key column is found
// again as the table grows, and past maxTuples new tuples are refused (overflowed) while known ones are
// still found.
import { describe, expect, it } from 'vitest';
import { IntTupleSet } from '../../../src/validate/intTupleSet.js';

/** (order, product) pairs like order_items', every fifth one repeating an earlier pair. */
function pairs(count: number): Int32Array {
  const column = new Int32Array(count * 2);
  for (let row = 0; row < count; row++) {
    const from = row % 5 === 4 ? row - 3 : row;
    column[row * 2] = Math.floor(from / 3) + 1;
    column[row * 2 + 1] = ((from * 7919) % 20000) - 10000;
  }
  return column;
}

function addedFlags(set: IntTupleSet, column: Int32Array): boolean[] {
  const flags: boolean[] = [];
  for (let at = 0; at < column.length; at += 2) flags.push(set.add(column, at));
  return flags;
}

describe('IntTupleSet', () => {
  it('adds each distinct tuple once, read at its offset of a key column, growing from its first slots', () => {
    const column = pairs(50_000);
    const flags = addedFlags(new IntTupleSet(2), column);
    expect(flags.filter((added) => added)).toHaveLength(40_000);
    flags.forEach((added, row) => expect(added).toBe(row % 5 !== 4));
  });

  it('fills three quarters of its slots before it doubles them (prod\'s 1.5M item keys in 2M slots)', () => {
    const set = new IntTupleSet(2);
    const column = new Int32Array(2 * 1537).map((_, at) => (at % 2 === 0 ? at : -at));
    for (let at = 0; at < 2 * 1536; at += 2) expect(set.add(column, at)).toBe(true);
    expect(set.slots).toBe(2048);
    expect(set.add(column, 2 * 1536)).toBe(true);
    expect(set.slots).toBe(4096);
    for (let at = 0; at < column.length; at += 2) expect(set.add(column, at)).toBe(false);
  });

  it('refuses new tuples past maxTuples, while still finding known ones', () => {
    const set = new IntTupleSet(3, 4);
    for (let value = 0; value < 4; value++) expect(set.add([value, value, value])).toBe(true);
    expect(set.add([9, 9, 9])).toBe(false);
    expect(set.overflowed).toBe(true);
    expect(set.add([2, 2, 2])).toBe(false);
  });
});
