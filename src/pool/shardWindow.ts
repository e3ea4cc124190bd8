// How many shards a generate run keeps queued, running or finished-but-unwritten per worker thread. The
// coordinator writes shards strictly in plan order, so a worker that finishes ahead of the shard being
// waited for can only start another if the window has room. CSV and JSON lines shards cost about the
// same per row, and two per worker keep both threads busy. A Parquet shard's cost varies widely (a
// web_events row group costs several times a small table's), and with two per worker a thread often
// sat idle behind one slow shard; four per worker closed most of that gap (a replay of measured prod
// shard costs: the workers' span 11.3 -> 10.0 s, the same CPU, peak RSS 253-266 MB).
import type { OutputFormat } from '../encoding/outputFormat.js';

const SHARDS_PER_WORKER: Readonly<Record<OutputFormat, number>> = { csv: 2, jsonl: 2, parquet: 4 };

/** The most shards in flight at once for a run of `threads` workers writing `format` (at least 2). */
export function shardWindow(format: OutputFormat, threads: number): number {
  return Math.max(2, threads * SHARDS_PER_WORKER[format]);
}
