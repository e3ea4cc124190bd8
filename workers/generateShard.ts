// The piscina worker: turns one shard (table, id range) into bytes in the run's output format. It knows
// nothing of files or of other shards; the World it builds is a read-only cache of pure functions,
// rebuilt only when a task brings a different spec (seed, counts, config).
import { gzipSync } from 'node:zlib';
import { move } from 'piscina';
import type { TableName } from '../src/config/configTypes.js';
import type { Compression, OutputFormat, TableEncoding } from '../src/csv/outputFormat.js';
import { RowSink } from '../src/csv/rowSink.js';
import { compileJsonRow, csvLines } from '../src/csv/typedJson.js';
import { buildSampleFiles, type SampleRequest } from '../src/model/samples.js';
import { createTableGenerator } from '../src/model/tableGenerators.js';
import { buildWorld, type World } from '../src/model/world.js';
import { worldSpecKey, type WorldSpec } from '../src/model/worldSpec.js';

export interface ShardTask {
  readonly spec: WorldSpec;
  readonly table: TableName;
  readonly from: number;
  readonly to: number;
  /** csv and parquet shards travel as CSV (parquet is converted once the table is complete). */
  readonly format: OutputFormat;
  readonly compression: Compression;
  readonly encoding: TableEncoding;
  /** A buffer handed back by the coordinator for reuse; the worker allocates one when absent. */
  readonly buffer?: ArrayBuffer;
}

export interface SampleTask extends SampleRequest {
  readonly spec: WorldSpec;
}

let cachedKey = '';
let cachedWorld: World | undefined;

function worldFor(spec: WorldSpec): World {
  const key = worldSpecKey(spec);
  if (cachedWorld === undefined || key !== cachedKey) {
    cachedWorld = buildWorld(spec.config, spec.counts, spec.seed);
    cachedKey = key;
  }
  return cachedWorld;
}

/**
 * Test hook `ECOMGEN_FAIL_SHARD=<table>:<id>[:exit]`: the shard holding that row throws, or with `exit`
 * its worker thread dies, to prove that failures leave nothing half-written.
 */
function injectedFailure(task: ShardTask): void {
  const spec = process.env['ECOMGEN_FAIL_SHARD'];
  if (!spec) return;
  const [table, id, how] = spec.split(':');
  const failId = Number(id);
  if (table === task.table && failId >= task.from && failId <= task.to) {
    if (how === 'exit') process.exit(3);
    throw new Error(`injected failure in ${task.table} rows ${task.from}-${task.to}`);
  }
}

function toJsonLines(csv: string, encoding: TableEncoding): Uint8Array {
  const toJson = compileJsonRow(encoding);
  const sink = new RowSink(csv.length * 2 + 1024);
  for (const fields of csvLines(csv)) sink.push(`${toJson(fields)}\n`);
  return sink.bytes();
}

/** Returns the shard's bytes as a view over a whole buffer, moved (not copied) to the coordinator. */
export default function generateShard(task: ShardTask): Uint8Array {
  injectedFailure(task);
  const world = worldFor(task.spec);
  const sink = new RowSink(task.buffer);
  createTableGenerator(world, task.table).rows(task.from, task.to, sink);
  let bytes = task.format === 'jsonl' ? toJsonLines(sink.text(), task.encoding) : sink.bytes();
  // Each shard is its own gzip member; members concatenate into one valid .gz file, in parallel.
  if (task.compression === 'gzip') bytes = new Uint8Array(gzipSync(bytes));
  return move(bytes) as Uint8Array;
}

/** The `<table>.sample.json` files and `orders_nested.sample.json`, as file name -> content. */
export function buildSamples(task: SampleTask): Record<string, string> {
  return buildSampleFiles(worldFor(task.spec), task);
}
