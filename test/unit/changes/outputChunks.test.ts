// A change task's bytes travel in chunks of one size, lent by the coordinator and handed back: the bytes
// are those of one contiguous buffer, lent chunks are filled before any is made, unused ones come back,
// and the pool keeps only chunks of that size, up to its limit.
import { describe, expect, it } from 'vitest';
import { RowSink } from '../../../src/encoding/rowSink.js';
import { tableEncodings } from '../../../src/encoding/outputFormat.js';
import { planBatches } from '../../../src/changes/batchPlan.js';
import { StreamChanges, type ChangeRequest } from '../../../src/changes/batchChanges.js';
import { CHUNK_BYTES, ChunkedOutput, ChunkPool } from '../../../src/changes/outputChunks.js';
import { windowSeconds } from '../../../src/plan/instant.js';
import { SCHEMAS, worldOf } from '../helpers/memoryDataset.js';

const joined = (parts: readonly Uint8Array[]): Buffer => Buffer.concat(parts.map((part) => Buffer.from(part.buffer, part.byteOffset, part.byteLength)));

describe('ChunkedOutput', () => {
  it('writes rows across chunks with the bytes of one buffer, lent chunks first, none over the chunk size', () => {
    const lent = [new ArrayBuffer(CHUNK_BYTES), new ArrayBuffer(CHUNK_BYTES), new ArrayBuffer(1024)];
    const output = new ChunkedOutput(lent);
    const whole = new RowSink(1024);
    // Rows of varied lengths, ~3.5 chunks in all.
    for (let row = 0; whole.position < 3.5 * CHUNK_BYTES; row++) {
      const text = `${row},${'x'.repeat(row % 300)}\n`;
      output.sink().plain(text);
      whole.plain(text);
    }
    const { parts, spare } = output.finish();
    expect(parts.length).toBe(4);
    expect(joined(parts).equals(Buffer.from(whole.bytes()))).toBe(true);
    for (const part of parts) expect(part.buffer.byteLength).toBe(CHUNK_BYTES);
    // The two lent chunks of the right size hold the first rows; the odd-sized one is not used.
    expect(new Set(parts.slice(0, 2).map((part) => part.buffer))).toEqual(new Set(lent.slice(0, 2)));
    expect(spare).toEqual([]);
  });

  it('hands back lent chunks it did not use, and writes no part when no row came', () => {
    const lent = [new ArrayBuffer(CHUNK_BYTES), new ArrayBuffer(CHUNK_BYTES)];
    const { parts, spare } = new ChunkedOutput(lent).finish();
    expect(parts).toEqual([]);
    expect(new Set(spare)).toEqual(new Set(lent));
  });
});

describe('ChunkPool', () => {
  it('lends one more than the kind took, keeps chunks of its size only, up to its limit', () => {
    const pool = new ChunkPool(3);
    expect(pool.lend('web_events')).toBeUndefined();
    pool.give(new ArrayBuffer(2 * CHUNK_BYTES));
    expect(pool.size).toBe(0);
    const chunks = Array.from({ length: 4 }, () => new ArrayBuffer(CHUNK_BYTES));
    for (const chunk of chunks) pool.give(chunk);
    expect(pool.size).toBe(3);
    expect(pool.lend('orders')?.length).toBe(1);
    pool.took('web_events', 1);
    expect(pool.lend('web_events')?.length).toBe(2);
    expect(pool.size).toBe(0);
  });

  it('lends one more than the largest output of the kind so far, not the last one', () => {
    const pool = new ChunkPool(10);
    for (let chunk = 0; chunk < 10; chunk++) pool.give(new ArrayBuffer(CHUNK_BYTES));
    pool.took('web_events', 4);
    pool.took('web_events', 1);
    expect(pool.lend('web_events')?.length).toBe(5);
    pool.took('orders', 0);
    expect(pool.lend('orders')?.length).toBe(1);
  });
});

describe('StreamChanges in chunks', () => {
  const world = worldOf({ customers: 2000, products: 300, orders: 20000, order_items: 60000, web_events: 60000 });
  const encodings = tableEncodings(SCHEMAS);
  const to = world.windowLast - (world.windowLast % 86400) - 1;
  const from = to - 6 * 86400;
  const batches = planBatches(from, to, 'day');
  const seqBase = windowSeconds(world.config).first;
  const request = (table: 'orders' | 'order_items', index: number, late: number): ChangeRequest => ({ table, from, to, seqBase, index, lastIndex: batches.length - 1, batches: batches.slice(0, index + 1), batchOffset: 0, slice: 0, slices: 1, faults: { late, duplicates: 0 }, format: 'csv', encoding: encodings[table] });

  it('fills lent chunks with the bytes a stream without them writes, with and without delivery faults', () => {
    for (const late of [0, 0.2]) {
      for (const table of ['orders', 'order_items'] as const) {
        const fresh = new StreamChanges(world, from, to);
        const lending = new StreamChanges(world, from, to);
        // The first batch, and later ones that take late rows from those before them.
        for (const index of [0, 3, batches.length - 1]) {
          const expected = fresh.write(request(table, index, late));
          expect(expected.parts.length).toBeGreaterThan(0);
          const lent = [new ArrayBuffer(CHUNK_BYTES), new ArrayBuffer(CHUNK_BYTES)];
          const filled = lending.write(request(table, index, late), lent);
          expect(filled.parts[0]?.buffer).toBe(lent[1]);
          // Every lent chunk comes back, written or not.
          const back = new Set<ArrayBufferLike>([...filled.parts.map((part) => part.buffer), ...filled.spare]);
          for (const chunk of lent) expect(back.has(chunk)).toBe(true);
          expect(joined(filled.parts).equals(joined(expected.parts))).toBe(true);
          expect(filled.counts).toEqual(expected.counts);
        }
      }
    }
  });
});
