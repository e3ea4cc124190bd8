// validate's worker threads: a piscina pool running chunkScan tasks (workers/validateChunk.ts). The
// facts of earlier tables travel as shared memory, copied once per table; the results' typed columns
// are moved back, not copied.
import { Piscina } from 'piscina';
import { RuntimeFailure } from '../errors.js';
import { VALIDATE_WORKER_FILE } from '../paths.js';
import type { ChunkResult, ChunkTask } from './chunkScan.js';
import type { ChunkRunner } from './chunkRunner.js';
import { sharedCopy } from './facts.js';

class ChunkPool implements ChunkRunner {
  private readonly pool: Piscina;

  constructor(private readonly threads: number) {
    this.pool = new Piscina({
      filename: VALIDATE_WORKER_FILE,
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: 60_000,
      // A task holds a 4 MB range's records briefly and its columns (off the heap): a worker's heap
      // stays under 20 MB on prod, and tight limits keep the three threads' peak RSS near 300 MB there
      // (48/16 MB gave 355 MB, 32/8 MB with 4 MB ranges about 300 MB: see bench/PROFILE.md).
      resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 32 },
    });
  }

  share<T extends Int32Array | Float64Array>(array: T): T {
    return sharedCopy(array);
  }

  /** At most threads + 1 tasks are queued, running or finished-but-unconsumed at once (each holds a range's columns). */
  async run(tasks: readonly ChunkTask[], consume: (result: ChunkResult) => boolean): Promise<void> {
    const maxInFlight = this.threads + 1;
    const pending = new Map<number, Promise<ChunkResult>>();
    let submitted = 0;
    for (let index = 0; index < tasks.length; index++) {
      while (submitted < tasks.length && pending.size < maxInFlight) {
        const promise = this.pool.run(tasks[submitted]) as Promise<ChunkResult>;
        // Rejections are observed when the task's turn comes; this keeps Node from reporting them early.
        promise.catch(() => undefined);
        pending.set(submitted, promise);
        submitted++;
      }
      let result: ChunkResult;
      try {
        result = await (pending.get(index) as Promise<ChunkResult>);
      } catch (error) {
        const task = tasks[index] as ChunkTask;
        throw new RuntimeFailure(`worker failed on ${task.name}: ${(error as Error).message}`);
      }
      pending.delete(index);
      if (!consume(result)) return;
    }
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}

/** A ChunkPool started on its first task: a dataset held in memory never starts one. */
export function lazyChunkPool(threads: number): ChunkRunner {
  let pool: ChunkPool | undefined;
  return {
    share: sharedCopy,
    run: (tasks, consume) => {
      pool ??= new ChunkPool(threads);
      return pool.run(tasks, consume);
    },
    close: async () => {
      await pool?.close();
    },
  };
}
