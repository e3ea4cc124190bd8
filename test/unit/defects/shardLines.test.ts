// Finding a row's line in a shard's clean CSV without indexing every line: the jump by average line
// length must land on exactly the line a full scan finds, for every id, asked in any order.
import { describe, expect, it } from 'vitest';
import { shardLines } from '../../../src/defects/shardLines.js';
import { RowSink } from '../../../src/encoding/rowSink.js';
import { createTableGenerator } from '../../../src/model/tables/registry.js';
import { TABLE_NAMES, type TableName } from '../../../src/schema/tableNames.js';
import { shuffle } from '../../helpers/shuffle.js';
import { TINY_COUNTS, worldOf } from '../helpers/memoryDataset.js';

const world = worldOf();

/** Each line's start and end by its leading id, read by splitting the text. */
function linesBySplitting(bytes: Uint8Array): Map<number, { start: number; end: number }> {
  const lines = new Map<number, { start: number; end: number }>();
  let start = 0;
  for (let at = 0; at < bytes.length; at++) {
    if (bytes[at] !== 10) continue;
    lines.set(Number(Buffer.from(bytes.subarray(start, at)).toString('utf8').split(',')[0]), { start, end: at + 1 });
    start = at + 1;
  }
  return lines;
}

describe('shard lines', () => {
  it.each(TABLE_NAMES)('%s: every id is found where splitting the shard finds it, in any order', (table: TableName) => {
    const from = 3;
    const to = TINY_COUNTS[table] - 2;
    const sink = new RowSink();
    const rows = createTableGenerator(world, table).rows(from, to, sink, world.windowLast);
    const bytes = new Uint8Array(sink.bytes());
    const expected = linesBySplitting(bytes);
    expect(expected.size).toBe(rows);
    const ids = Array.from({ length: to - from + 1 }, (_, index) => from + index);
    shuffle(ids, 11);
    const lines = shardLines(bytes, from, to, rows);
    for (const id of ids) {
      const line = expected.get(id);
      expect(lines.start(id), `${table} ${id}`).toBe(line ? line.start : -1);
      if (line) expect(lines.end(id), `${table} ${id}`).toBe(line.end);
    }
    expect(lines.start(from - 1)).toBe(-1);
    expect(lines.start(to + 1)).toBe(-1);
    expect(lines.after(from - 1)).toBe(0);
    expect(lines.after(to)).toBe(bytes.length);
  });

  it('finds the lines of a shard with gaps, and after() skips to the last row at or before an id', () => {
    const text = '1,a\n2,bb\n5,ccc\n6,d\n';
    const bytes = new TextEncoder().encode(text);
    const lines = shardLines(bytes, 1, 7, 4);
    expect([1, 2, 3, 4, 5, 6, 7].map((id) => lines.start(id))).toEqual([0, 4, -1, -1, 9, 15, -1]);
    expect(lines.end(5)).toBe(15);
    expect(lines.after(4)).toBe(9);
    expect(lines.after(7)).toBe(text.length);
  });

  it('refuses a shard whose lines do not start with their ids', () => {
    const bytes = new TextEncoder().encode('1,a\nx,b\n3,c\n');
    expect(() => shardLines(bytes, 1, 3, 3).start(2)).toThrow(/unexpected line at byte/);
  });
});
