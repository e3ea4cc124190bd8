import { Piscina } from 'piscina';
import { SHARD_WORKER_FILE } from '../paths.js';
import type { Shard } from '../plan/planShards.js';
import type { WorldSpec } from '../model/worldSpec.js';
import type { ShardTask } from '../../workers/generateShard.js';
import { RuntimeFailure } from '../errors.js';

export interface ShardResult {
  readonly shard: Shard;
  readonly bytes: Uint8Array;
  /** Call once `bytes` is no longer needed (written out): its buffer then serves a later shard. */
  readonly release: () => void;
}

/**
 * Runs shards on a piscina pool and yields their bytes strictly in plan order. At most `maxInFlight`
 * shards are queued, running or finished-but-unconsumed at once, so memory stays bounded however large
 * the dataset: a slow consumer (the disk) stops new work from being submitted. Buffers travel to a
 * worker and back (moved, never copied) and are reused once released.
 */
export async function* runShards(
  shards: readonly Shard[],
  spec: WorldSpec,
  threads: number,
  signal: AbortSignal,
): AsyncGenerator<ShardResult> {
  const pool = new Piscina<ShardTask, Uint8Array>({
    filename: SHARD_WORKER_FILE,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 60_000,
    // A smaller young generation than V8's default keeps each worker's footprint down; rows are
    // short-lived, so scavenges stay cheap.
    resourceLimits: { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 128 },
  });
  const maxInFlight = Math.max(2, threads * 2);
  const pending = new Map<number, Promise<Uint8Array>>();
  const freeBuffers: ArrayBuffer[] = [];
  let submitted = 0;
  const submit = (): void => {
    while (submitted < shards.length && pending.size < maxInFlight) {
      const shard = shards[submitted] as Shard;
      const buffer = freeBuffers.pop();
      const task: ShardTask = { spec, table: shard.table, from: shard.from, to: shard.to, ...(buffer ? { buffer } : {}) };
      const promise = pool.run(task, { signal, ...(buffer ? { transferList: [buffer] } : {}) });
      // Rejections are observed when the shard's turn comes; this keeps Node from reporting them early.
      promise.catch(() => undefined);
      pending.set(submitted, promise);
      submitted++;
    }
  };
  try {
    for (let index = 0; index < shards.length; index++) {
      submit();
      const shard = shards[index] as Shard;
      let bytes: Uint8Array;
      try {
        bytes = await (pending.get(index) as Promise<Uint8Array>);
      } catch (error) {
        if (signal.aborted) throw error;
        throw new RuntimeFailure(`worker failed on ${shard.table} rows ${shard.from}-${shard.to}: ${(error as Error).message}`);
      }
      pending.delete(index);
      yield { shard, bytes, release: () => freeBuffers.push(bytes.buffer as ArrayBuffer) };
    }
  } finally {
    await pool.destroy();
  }
}
