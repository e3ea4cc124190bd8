// How many workers and how large shards a run may use. Workers past the core count make nothing
// faster and each costs memory: measured peak RSS (staging, 2 cores) was 121 MB for 1 worker, 163 for
// 2, 240 for 4, 403 for 8 and 732 for 16, about 40 MB a worker (51 MB at prod), with heaps capped at
// 64 + 16 MB (src/pool). `--workers 1000` used to start and die out of memory.

import { availableParallelism, freemem, totalmem } from 'node:os';
import { MAX_SHARD_ROWS } from '../config/loadConfig.js';
import { UsageError } from '../errors.js';

/** What a worker may take at most: its capped heaps and its share of the shards in flight. */
export const WORKER_MEMORY_BYTES = 96 * 1024 * 1024;
/** A floor for the core-based cap, so a small machine can still run a few workers (tests, CI). */
const MIN_WORKER_CAP = 8;

export interface MachineResources {
  /** Cores this process may use (os.availableParallelism). */
  readonly parallelism: number;
  /** Memory available to this process, in bytes. */
  readonly memoryBytes: number;
}

/** This machine: its usable cores and the memory available now (a cgroup limit when lower). */
export function machineResources(): MachineResources {
  const constrained = process.constrainedMemory?.() ?? 0;
  const memoryBytes = constrained > 0 && constrained < totalmem() ? Math.min(constrained, freemem()) : freemem();
  return { parallelism: availableParallelism(), memoryBytes };
}

function gigabytes(bytes: number): string {
  return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
}

/** The most workers a run may start here, and why that many. */
export function workerCap(machine: MachineResources): { readonly cap: number; readonly reason: string } {
  const byCores = Math.max(MIN_WORKER_CAP, 2 * machine.parallelism);
  const byMemory = Math.max(1, Math.floor(machine.memoryBytes / WORKER_MEMORY_BYTES));
  if (byMemory < byCores) {
    return { cap: byMemory, reason: `${gigabytes(machine.memoryBytes)} of memory is available and a worker takes up to ${WORKER_MEMORY_BYTES / 1024 ** 2} MB` };
  }
  return { cap: byCores, reason: `twice the ${machine.parallelism} available cores, at least ${MIN_WORKER_CAP}; more workers than cores only add memory` };
}

/** The workers of a run: the requested count when within the cap (else a UsageError), by default the cores. */
export function resolveWorkers(requested: number | undefined, machine: MachineResources): number {
  const { cap, reason } = workerCap(machine);
  if (requested === undefined) return Math.max(1, Math.min(machine.parallelism, cap));
  if (requested > cap) throw new UsageError(`--workers: ${requested} is more than this machine can run: at most ${cap} (${reason})`);
  return requested;
}

/** Refuses a shard size whose buffers would outgrow the memory the README promises. */
export function checkShardRows(shardRows: number): void {
  if (shardRows > MAX_SHARD_ROWS) {
    throw new UsageError(
      `--shard-rows: ${shardRows} is more than ${MAX_SHARD_ROWS}: each worker holds two shards' bytes in memory, and larger shards are no faster`,
    );
  }
}
