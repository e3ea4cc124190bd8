import { Piscina } from 'piscina';
import { SHARD_WORKER_FILE } from '../paths.js';
import type { Shard } from '../plan/planShards.js';
import type { WorldSpec } from '../model/worldSpec.js';
import type { SampleRequest } from '../model/samples.js';
import type { Compression, OutputFormat, TableEncodings } from '../encoding/outputFormat.js';
import type { GzipLevel } from '../encoding/gzipLevel.js';
import type { ParquetCodec } from '../encoding/parquet/parquetCodec.js';
import type { SampleTask, ShardOutput, ShardTask } from '../../workers/generateShard.js';
import type { DirtyShardFacts } from '../defects/dirtyShard.js';
import type { TableDefectPlan } from '../defects/defectPlan.js';
import type { TableName } from '../schema/tableNames.js';
import { RuntimeFailure } from '../errors.js';
import { readsSharedTables, type SharedTables } from '../model/sharedTables.js';
import { laneBalancer, withLane } from './laneBalancer.js';
import { shardWindow } from './shardWindow.js';

export interface ShardResult {
  readonly shard: Shard;
  readonly bytes: Uint8Array;
  /** Rows in `bytes`: those of the shard's id range that existed at the run's instant. */
  readonly rows: number;
  /** Call once `bytes` is no longer needed (written out): its buffer then serves a later shard. */
  readonly release: () => void;
  /** A dirty run's shard: rows written (duplicates add some, late rows move) and its answer-key lines. */
  readonly dirty?: DirtyShardFacts;
}

export interface EncodingChoice {
  readonly format: OutputFormat;
  readonly compression: Compression;
  /** gzip's level; present for gzip only. */
  readonly gzipLevel?: GzipLevel;
  /** The codec of parquet pages; read for parquet only. */
  readonly parquetCompression?: ParquetCodec;
  readonly encodings: TableEncodings;
  /** The instant the dataset shows (epoch second). */
  readonly until: number;
  /** A dirty run's defect plan per table. */
  readonly defects?: Readonly<Partial<Record<TableName, TableDefectPlan>>>;
}

export interface OrderedOptions<Task> {
  /** Gives a task about to be submitted buffers to fill (its `buffers`, moved to the worker). */
  readonly withBuffer?: (task: Task) => Task;
  /** Tasks in flight per thread (default 2): more keeps threads busy when task sizes vary widely. */
  readonly tasksPerThread?: number;
  /**
   * A task's lane, or undefined: every task of one lane runs on the same worker thread (one per lane
   * while there are threads enough), so state a worker builds for that lane is built once, not per thread.
   */
  readonly laneOf?: (task: Task) => number | undefined;
}

/** A piscina pool of shard workers for one run. */
export class ShardPool {
  private readonly pool: Piscina;

  /** `youngGenerationMb`: each worker's young generation (8 MB unless a run's tasks allocate less per task). */
  constructor(
    private readonly threads: number,
    private readonly signal: AbortSignal,
    youngGenerationMb = 8,
  ) {
    this.pool = new Piscina({
      filename: SHARD_WORKER_FILE,
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: 60_000,
      // A small young generation keeps each worker's footprint down: rows are short-lived, so a
      // scavenge copies little whatever the space's size, and a smaller space only runs it more often
      // (prod shards in one worker: 36 -> 66 scavenges, ~5% more time in them, peak RSS -9 MB a worker
      // from 16 to 8 MB). An explicit old-generation limit stops V8 from sizing the heap from the
      // machine's 24 GB and growing it lazily.
      resourceLimits: { maxYoungGenerationSizeMb: youngGenerationMb, maxOldGenerationSizeMb: 64 },
      ...(threads > 1 ? { loadBalancer: laneBalancer(threads) } : {}),
    });
  }

  /**
   * Runs shards and yields their bytes strictly in plan order. At most `shardWindow` shards (2 or 4 per
   * thread, by format) are queued, running or finished-but-unconsumed at once, so memory stays bounded
   * however large the dataset: a slow consumer (the disk) stops new work from being submitted. Buffers
   * travel to a worker and back (moved, never copied) and are reused once released.
   */
  async *run(shards: readonly Shard[], spec: WorldSpec, encoding: EncodingChoice): AsyncGenerator<ShardResult> {
    const maxInFlight = shardWindow(encoding.format, this.threads);
    const pending = new Map<number, Promise<ShardOutput>>();
    const freeBuffers: ArrayBuffer[] = [];
    let submitted = 0;
    // A dirty run's shards end in a trailer; its reader (and the defect pass behind it) is loaded by such runs only.
    const dirtyRun = encoding.defects !== undefined && Object.keys(encoding.defects).length > 0;
    const readDirtyTrailer = dirtyRun ? (await import('../defects/dirtyShard.js')).readDirtyTrailer : undefined;
    // One worker builds the World's tables into shared memory first; every task submitted once they
    // are back hands them on, so the other workers read them instead of building their own. Should that
    // task fail, every worker builds its own, as before.
    let shared: SharedTables | undefined;
    if (this.threads > 1 && readsSharedTables(new Set(shards.map((shard) => shard.table)))) {
      const tables = this.pool.run({ spec }, { name: 'shareTables' }) as Promise<SharedTables>;
      tables.then(
        (built) => {
          shared = built;
        },
        () => undefined,
      );
    }
    const submit = (): void => {
      while (submitted < shards.length && pending.size < maxInFlight) {
        const shard = shards[submitted] as Shard;
        const buffer = freeBuffers.pop();
        const task: ShardTask = {
          spec,
          table: shard.table,
          from: shard.from,
          to: shard.to,
          format: encoding.format,
          compression: encoding.compression,
          ...(encoding.gzipLevel === undefined ? {} : { gzipLevel: encoding.gzipLevel }),
          ...(encoding.format === 'parquet' && encoding.parquetCompression !== undefined ? { parquetCompression: encoding.parquetCompression } : {}),
          encoding: encoding.encodings[shard.table],
          until: encoding.until,
          ...(buffer ? { buffer } : {}),
          ...(encoding.defects?.[shard.table] ? { defects: encoding.defects[shard.table] } : {}),
          ...(shared ? { shared } : {}),
        };
        // No abort signal on the task: piscina would terminate a worker mid-task and start a replacement,
        // and exiting while that replacement boots aborted the process (SIGABRT, no message) in ~1 run in
        // 20 signalled under load. A shard takes well under a second, so a stop waits for it instead.
        const promise = this.pool.run(task, buffer ? { transferList: [buffer] } : {}) as Promise<ShardOutput>;
        // Rejections are observed when the shard's turn comes; this keeps Node from reporting them early.
        promise.catch(() => undefined);
        pending.set(submitted, promise);
        submitted++;
      }
    };
    for (let index = 0; index < shards.length; index++) {
      submit();
      const shard = shards[index] as Shard;
      let output: ShardOutput;
      if (this.signal.aborted) throw this.signal.reason;
      try {
        output = await (pending.get(index) as Promise<ShardOutput>);
      } catch (error) {
        if (this.signal.aborted) throw error;
        throw new RuntimeFailure(`worker failed on ${shard.table} rows ${shard.from}-${shard.to}: ${(error as Error).message}`);
      }
      pending.delete(index);
      // The next shard is submitted before this one is handed over: while the consumer writes (and
      // waits for the disk), every worker still has a shard to make.
      submit();
      const whole = output.bytes;
      const release = (): void => {
        freeBuffers.push(whole.buffer as ArrayBuffer);
      };
      if (encoding.defects?.[shard.table] && readDirtyTrailer) {
        const { bytes, facts } = readDirtyTrailer(whole);
        yield { shard, bytes, rows: facts.rows, release, dirty: facts };
      } else {
        yield { shard, bytes: whole, rows: output.rows, release };
      }
    }
  }

  /**
   * Runs the named worker function on each task and yields the results strictly in task order, with at
   * most 2 x threads (or `tasksPerThread` x threads) tasks queued, running or unconsumed at once (memory
   * stays bounded). The `buffers` (ArrayBuffers) that `withBuffer` gives a task move to the worker.
   */
  async *runOrdered<Task, Result>(name: string, tasks: readonly Task[], describe: (task: Task) => string, options: OrderedOptions<Task> = {}): AsyncGenerator<Result> {
    const { withBuffer, laneOf } = options;
    const maxInFlight = Math.max(2, this.threads * (options.tasksPerThread ?? 2));
    const pending = new Map<number, Promise<Result>>();
    let submitted = 0;
    for (let index = 0; index < tasks.length; index++) {
      while (submitted < tasks.length && pending.size < maxInFlight) {
        // `withBuffer` may give the task buffers to fill (moved to the worker, not copied).
        let task = withBuffer ? withBuffer(tasks[submitted] as Task) : (tasks[submitted] as Task);
        const lane = this.threads > 1 ? laneOf?.(task) : undefined;
        if (lane !== undefined) task = withLane(task, lane);
        const buffers = (task as { buffers?: unknown }).buffers;
        const promise = this.pool.run(task, Array.isArray(buffers) && buffers.length > 0 ? { name, transferList: buffers as ArrayBuffer[] } : { name }) as Promise<Result>;
        promise.catch(() => undefined);
        pending.set(submitted, promise);
        submitted++;
      }
      if (this.signal.aborted) throw this.signal.reason;
      let result: Result;
      try {
        result = await (pending.get(index) as Promise<Result>);
      } catch (error) {
        if (this.signal.aborted) throw error;
        throw new RuntimeFailure(`worker failed on ${describe(tasks[index] as Task)}: ${(error as Error).message}`);
      }
      pending.delete(index);
      yield result;
    }
  }

  /** Runs the named worker function once, on any thread; a failure names `what`. */
  async runOne<Task, Result>(name: string, task: Task, what: string): Promise<Result> {
    if (this.signal.aborted) throw this.signal.reason;
    try {
      const result = (await this.pool.run(task, { name })) as Result;
      // A stop during a long task (a prod World's set-up) is honoured when it returns, as runOrdered does.
      if (this.signal.aborted) throw this.signal.reason;
      return result;
    } catch (error) {
      if (this.signal.aborted) throw error;
      throw new RuntimeFailure(`worker failed on ${what}: ${(error as Error).message}`);
    }
  }

  /** Builds the JSON sample files in one worker. */
  async samples(spec: WorldSpec, request: SampleRequest): Promise<Record<string, string>> {
    const task: SampleTask = { spec, ...request };
    try {
      return (await this.pool.run(task, { name: 'buildSamples', signal: this.signal })) as Record<string, string>;
    } catch (error) {
      if (this.signal.aborted) throw error;
      throw new RuntimeFailure(`worker failed on the JSON samples: ${(error as Error).message}`);
    }
  }

  async destroy(): Promise<void> {
    await this.pool.destroy();
  }
}
