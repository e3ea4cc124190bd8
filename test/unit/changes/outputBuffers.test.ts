// A change task's bytes go into the buffer the coordinator hands back when it is large enough, and a
// buffer the worker has to make leaves room for a somewhat larger batch: the stream then recycles a
// handful of buffers instead of allocating (and freeing, across threads) one per task.
import { describe, expect, it } from 'vitest';
import { tableEncodings } from '../../../src/encoding/outputFormat.js';
import { planBatches } from '../../../src/changes/batchPlan.js';
import { StreamChanges } from '../../../src/changes/batchChanges.js';
import type { ChangeRequest } from '../../../src/changes/batchChanges.js';
import { windowSeconds } from '../../../src/plan/instant.js';
import { SCHEMAS, worldOf } from '../helpers/memoryDataset.js';

const world = worldOf({ customers: 2000, products: 300, orders: 20000, order_items: 60000, web_events: 60000 });
const encodings = tableEncodings(SCHEMAS);
const to = world.windowLast - (world.windowLast % 86400) - 1;
const from = to - 6 * 86400;
const batches = planBatches(from, to, 'day');
const seqBase = windowSeconds(world.config).first;

function request(table: 'orders' | 'order_items', index: number): ChangeRequest {
  return { table, from, to, seqBase, index, lastIndex: batches.length - 1, batches: batches.slice(0, index + 1), batchOffset: 0, slice: 0, slices: 1, faults: { late: 0, duplicates: 0 }, format: 'csv', encoding: encodings[table] };
}

describe('StreamChanges output buffers', () => {
  it('fills a handed-back buffer that is large enough, and leaves one too small, with the same bytes as a fresh one', () => {
    for (const table of ['orders', 'order_items'] as const) {
      const fresh = new StreamChanges(world, from, to);
      const reused = new StreamChanges(world, from, to);
      for (let index = 0; index < batches.length; index++) {
        const expected = Buffer.from(fresh.write(request(table, index)).bytes);
        expect(expected.length).toBeGreaterThan(0);
        const large = new ArrayBuffer(8 * 1024 * 1024);
        const filled = reused.write(request(table, index), large);
        expect(filled.bytes.buffer).toBe(large);
        expect(Buffer.from(filled.bytes).equals(expected)).toBe(true);
        const small = new ArrayBuffer(1024);
        const replaced = reused.write(request(table, index), small);
        expect(replaced.bytes.buffer).not.toBe(small);
        expect(Buffer.from(replaced.bytes).equals(expected)).toBe(true);
      }
    }
  });

  it("makes a new buffer with room beyond the batch's bytes, so a later, larger batch fits it", () => {
    const stream = new StreamChanges(world, from, to);
    const { bytes } = stream.write(request('order_items', 0));
    expect(bytes.length).toBeGreaterThan(0);
    expect(bytes.buffer.byteLength).toBeGreaterThanOrEqual(Math.floor(1.2 * bytes.length));
  });
});
