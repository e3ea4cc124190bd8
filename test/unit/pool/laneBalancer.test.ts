import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Piscina } from 'piscina';
import { afterAll, describe, expect, it } from 'vitest';
import { laneBalancer, withLane } from '../../../src/pool/laneBalancer.js';

type Balancer = ReturnType<typeof laneBalancer>;
type FakeWorker = Parameters<Balancer>[1][number];
type FakeTask = Parameters<Balancer>[0];

function worker(id: number, currentUsage = 0): FakeWorker {
  return { id, currentUsage, isRunningAbortableTask: false, terminating: false, destroyed: false } as unknown as FakeWorker;
}

/** Piscina's view of a task: its own symbol-keyed queue options travel with it. */
function task(lane?: number): FakeTask {
  const base = { taskId: 1, filename: 'w.mjs', name: 'run', created: 0, isAbortable: false };
  return (lane === undefined ? base : withLane(base, lane)) as unknown as FakeTask;
}

describe('laneBalancer', () => {
  it('gives an unlaned task an idle worker, or none when every worker is busy', () => {
    const balance = laneBalancer(2);
    expect(balance(task(), [worker(1, 1), worker(2, 0)])?.id).toBe(2);
    expect(balance(task(), [worker(1, 1), worker(2, 1)])).toBeNull();
  });

  it('keeps a lane on one worker, busy or not, and gives two lanes two workers', () => {
    const balance = laneBalancer(2);
    const first = balance(task(0), [worker(1, 1), worker(2, 0)]);
    expect(first?.id).toBe(2);
    // Lane 0 stays on worker 2 even while it is busy and worker 1 idles; lane 1 takes worker 1.
    expect(balance(task(0), [worker(1, 0), worker(2, 3)])?.id).toBe(2);
    expect(balance(task(1), [worker(1, 1), worker(2, 0)])?.id).toBe(1);
    expect(balance(task(1), [worker(1, 2), worker(2, 0)])?.id).toBe(1);
  });

  it('holds a laned task back until every thread has started, and hands a lane on when its worker is gone', () => {
    const balance = laneBalancer(2);
    expect(balance(task(0), [worker(1)])).toBeNull();
    expect(balance(task(0), [worker(1), worker(2)])?.id).toBe(1);
    const gone = { ...worker(1), terminating: true } as FakeWorker;
    expect(balance(task(0), [gone, worker(2), worker(3)])?.id).toBe(2);
  });
});

describe('laneBalancer in a piscina pool', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ecomgen-lanes-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs every task of a lane on one thread and the two lanes on different threads', async () => {
    const file = join(dir, 'threadOf.mjs');
    // A task that takes a little time, so the other thread is often idle when a laned task is queued.
    writeFileSync(file, "import { threadId } from 'node:worker_threads';\nexport default function ({ spin }) { const end = Date.now() + spin; while (Date.now() < end); return threadId; }\n");
    const pool = new Piscina({ filename: file, minThreads: 2, maxThreads: 2, loadBalancer: laneBalancer(2) });
    try {
      const lanes = Array.from({ length: 24 }, (_, at) => (at % 3 === 2 ? undefined : at % 3));
      const threads = await Promise.all(lanes.map((lane, at) => pool.run(lane === undefined ? { spin: 2 + (at % 4) } : withLane({ spin: 1 }, lane)) as Promise<number>));
      const threadsOf = (lane: number): Set<number> => new Set(threads.filter((_, at) => lanes[at] === lane));
      expect(threadsOf(0).size).toBe(1);
      expect(threadsOf(1).size).toBe(1);
      expect([...threadsOf(0)][0]).not.toBe([...threadsOf(1)][0]);
      // The unlaned tasks still ran (on either thread).
      expect(threads.filter((_, at) => lanes[at] === undefined)).toHaveLength(8);
    } finally {
      await pool.destroy();
    }
  });
});
