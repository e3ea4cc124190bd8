// The piscina worker: turns one shard (table, id range) into bytes in the run's output format. It knows
// nothing of files or of other shards; the World it builds is a read-only cache of pure functions,
// rebuilt only when a task brings a different spec (seed, counts, config).
import { move, transferableSymbol, valueSymbol } from 'piscina';
import type { TableName } from '../src/schema/tableNames.js';
import type { Compression, OutputFormat, TableEncoding } from '../src/encoding/outputFormat.js';
import { RowSink } from '../src/encoding/rowSink.js';
import { detachOnceAtStart } from '../src/pool/firstDetach.js';
import { DEFAULT_GZIP_LEVEL, type GzipLevel } from '../src/encoding/gzipLevel.js';
import { gzipMember } from '../src/encoding/gzipMember.js';
import { JsonLinesEncoder } from '../src/encoding/jsonLines.js';
import { buildSampleFiles, type SampleRequest } from '../src/model/samples.js';
import { createTableGenerator } from '../src/model/tables/registry.js';
import { buildWorld, type World } from '../src/model/world.js';
import { worldSpecKey, type WorldSpec } from '../src/model/worldSpec.js';
import { adoptSharedTables, shareWorldTables, type SharedTables } from '../src/model/sharedTables.js';
import { shareSessionEnds } from '../src/model/tables/webEvents/sessionEnds.js';
import type { ChangeCounts, ChangeRequest, StreamChanges } from '../src/changes/batchChanges.js';
import type { TableDefectPlan } from '../src/defects/defectPlan.js';
import type * as DirtyJson from '../src/defects/dirtyJson.js';
import type * as ShardDefects from '../src/defects/shardDefects.js';
import type * as DirtyShard from '../src/defects/dirtyShard.js';
import type { TableGenerator } from '../src/model/tables/registry.js';
import type { encodeParquetShard, encodeTypedShard, encodeWrittenShard } from '../src/encoding/parquet/shardFile.js';
import { DEFAULT_PARQUET_CODEC, type ParquetCodec } from '../src/encoding/parquet/parquetCodec.js';

export interface ShardTask {
  readonly spec: WorldSpec;
  readonly table: TableName;
  readonly from: number;
  readonly to: number;
  /** A parquet shard travels as a Parquet file of one row group; the coordinator keeps its row group. */
  readonly format: OutputFormat;
  readonly compression: Compression;
  /** gzip's level (plain gzip's 6 when absent). */
  readonly gzipLevel?: GzipLevel;
  /** The codec of a parquet shard's pages (snappy when absent). */
  readonly parquetCompression?: ParquetCodec;
  readonly encoding: TableEncoding;
  /** The instant the dataset shows (epoch second): only rows that existed then, as they were. */
  readonly until: number;
  /** A buffer handed back by the coordinator for reuse; the worker allocates one when absent. */
  readonly buffer?: ArrayBuffer;
  /** Present in a dirty run (`--defects`): which rows of this table get which defect. */
  readonly defects?: TableDefectPlan;
  /** The World's tables one worker built in shared memory (`shareTables`); absent: the worker builds its own. */
  readonly shared?: SharedTables;
}


export interface SampleTask extends SampleRequest {
  readonly spec: WorldSpec;
}

// Every shard's buffer is moved to the coordinator: see firstDetach.ts.
detachOnceAtStart();

let cachedKey = '';
let cachedWorld: World | undefined;

function worldFor(spec: WorldSpec, key = worldSpecKey(spec)): World {
  if (cachedWorld === undefined || key !== cachedKey) {
    cachedWorld = buildWorld(spec.config, spec.counts, spec.seed);
    cachedKey = key;
  }
  return cachedWorld;
}

/** The World that reads the shared tables (`shareTables`' or a task's), once it does. */
let adoptedBy: World | undefined;

/** The World of `spec`, reading the tables another worker shared when given (adopted once per World). */
function worldWith(spec: WorldSpec, shared: SharedTables | undefined, key?: string): World {
  const world = worldFor(spec, key);
  if (shared !== undefined && adoptedBy !== world) {
    adoptSharedTables(world, shared);
    adoptedBy = world;
  }
  return world;
}

/** Builds `world`'s tables into shared memory for the other workers; this worker then reads them too. */
function shareOwnTables(world: World): SharedTables {
  const tables = shareWorldTables(world);
  adoptedBy = world;
  return tables;
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

// The CSV of a shard whose output is JSON lines or gzip is made in these worker-owned sinks first, so
// that the buffer the coordinator handed over receives the final bytes and goes back to it for reuse
// (a new buffer per shard was garbage the size of the shard).
let csvScratch: RowSink | undefined;
let jsonScratch: RowSink | undefined;
const jsonEncoders = new Map<string, JsonLinesEncoder>();

function jsonEncoder(encoding: TableEncoding): JsonLinesEncoder {
  const key = JSON.stringify(encoding);
  let encoder = jsonEncoders.get(key);
  if (encoder === undefined) {
    encoder = new JsonLinesEncoder(encoding);
    jsonEncoders.set(key, encoder);
  }
  return encoder;
}

/** A shard's bytes and how many rows they hold. */
export interface ShardOutput {
  readonly bytes: Uint8Array;
  readonly rows: number;
}

/** The output with its buffer moved (not copied) to the coordinator. */
export function movedOutput(bytes: Uint8Array, rows: number): ShardOutput {
  const output: ShardOutput = { bytes, rows };
  return move({ [transferableSymbol]: bytes.buffer, [valueSymbol]: output }) as unknown as ShardOutput;
}

// The defect pass and the change streams are loaded by the first task that needs them: a clean
// snapshot's workers never import them (~30-60 ms of start-up per worker).
let encodeDirtyJson: typeof DirtyJson.encodeDirtyJson;
let patchShardDefects: typeof ShardDefects.patchShardDefects;
let rowsArrivingFromBefore: typeof ShardDefects.rowsArrivingFromBefore;
let appendDirtyTrailer: typeof DirtyShard.appendDirtyTrailer;

async function loadDefects(): Promise<void> {
  const [json, shard, trailer] = await Promise.all([import('../src/defects/dirtyJson.js'), import('../src/defects/shardDefects.js'), import('../src/defects/dirtyShard.js')]);
  encodeDirtyJson = json.encodeDirtyJson;
  patchShardDefects = shard.patchShardDefects;
  rowsArrivingFromBefore = shard.rowsArrivingFromBefore;
  appendDirtyTrailer = trailer.appendDirtyTrailer;
}

let regenerated: RowSink | undefined;
/** Loaded by the first parquet shard: CSV and JSON lines runs never load Arrow or the WebAssembly writer. */
let parquetEncoder: typeof encodeParquetShard | undefined;
let typedParquetEncoder: typeof encodeTypedShard | undefined;
let writtenParquetEncoder: typeof encodeWrittenShard | undefined;

/**
 * A clean Parquet shard written by its generator as typed values (no CSV text to parse back), in
 * `output` from its start: by its typed form when it has one, else by its CSV calls taken as typed
 * values; undefined when it declines this shard.
 */
function typedParquetShard(task: ShardTask, generator: TableGenerator, output: RowSink): ShardOutput | undefined {
  const typedRows = generator.typedRows?.bind(generator);
  let rows = 0;
  const codec = task.parquetCompression ?? DEFAULT_PARQUET_CODEC;
  const file =
    typedRows === undefined
      ? (writtenParquetEncoder as typeof encodeWrittenShard)(task.encoding, codec, (sink) => (rows = generator.rows(task.from, task.to, sink, task.until)))
      : (typedParquetEncoder as typeof encodeTypedShard)(task.encoding, codec, (columns) => (rows = typedRows(task.from, task.to, columns, task.until)));
  if (file === undefined) return undefined;
  output.reset();
  output.encoded(file);
  return movedOutput(output.bytes(), rows);
}

/** The shard's CSV records as a Parquet file, in `output` from its start. */
function parquetInto(output: RowSink, csv: Uint8Array, task: ShardTask): void {
  const file = (parquetEncoder as typeof encodeParquetShard)(csv, task.encoding, task.parquetCompression ?? DEFAULT_PARQUET_CODEC);
  output.reset();
  output.encoded(file);
}

// The late rows from before a shard that land in it are made by the shard's own generator, before its
// rows: for web_events they share the shard's first session segment, which is then laid out once, not
// twice (a single row otherwise costs a whole segment's layout, ~0.8 ms). Rows asked for later (the row
// before the first, for the few injectors that read it) are made alone, by a generator of their own so
// the shard's is not disturbed. That one is kept for the next shards of its table: building one (a
// web_events generator lays out the customers' orders) cost more than the rows. Only the current
// table's is kept: shards come table by table, and an older one is dead weight in the old space every
// full collection marks.
let single: { world: World; table: TableName; generator: TableGenerator } | undefined;

function singleGenerator(world: World, table: TableName): TableGenerator {
  if (single?.world !== world || single.table !== table) single = { world, table, generator: createTableGenerator(world, table) };
  return single.generator;
}

/**
 * A dirty run's shard: the clean rows first (the same bytes as a clean run), then the defect pass over
 * them, then the output format. The answer key travels in the same buffer, after the rows (dirtyShard.ts
 * says how), so the buffer is moved and recycled as a clean shard's is.
 */
function dirtyShard(task: ShardTask, world: World, generator: TableGenerator, plan: TableDefectPlan, output: RowSink): ShardOutput {
  const lineOf = (rowGenerator: TableGenerator, id: number): string => {
    regenerated ??= new RowSink(64 * 1024);
    regenerated.reset();
    rowGenerator.rows(id, id, regenerated, task.until);
    const text = regenerated.text();
    return text.endsWith('\n') ? text.slice(0, -1) : text;
  };
  const arrivals = rowsArrivingFromBefore(plan, task.spec.counts, task.from, task.to);
  const early = new Map<number, string>();
  for (const { id } of arrivals) early.set(id, lineOf(generator, id));
  // The clean rows go where a clean run puts them (a plain CSV shard: the buffer it leaves in) and the
  // defect pass edits them there: no second shard-sized buffer, no copy of the shard into it.
  const direct = task.format === 'csv' && task.compression === 'none';
  const csv = direct ? output : (csvScratch ??= new RowSink());
  csv.reset();
  const cleanRows = generator.rows(task.from, task.to, csv, task.until);
  const regenerate = (id: number): string => early.get(id) ?? lineOf(singleGenerator(world, task.table), id);
  const result = patchShardDefects(
    { plan, counts: task.spec.counts, columns: task.encoding.names, typedColumns: task.format === 'parquet', from: task.from, to: task.to, rows: cleanRows, regenerate, arrivals, keepDirtyLines: task.format === 'jsonl' },
    csv,
  );
  const csvBytes = csv.bytes();
  if (task.format === 'jsonl') {
    const json = task.compression === 'gzip' ? (jsonScratch ??= new RowSink()) : output;
    json.reset();
    encodeDirtyJson(csvBytes, result.dirtyLines, jsonEncoder(task.encoding), task.encoding, json);
    if (task.compression === 'gzip') {
      output.reset();
      output.encoded(gzipMember(json.bytes(), task.gzipLevel ?? DEFAULT_GZIP_LEVEL));
    }
  } else if (task.format === 'parquet') {
    parquetInto(output, csvBytes, task);
  } else if (task.compression === 'gzip') {
    output.reset();
    output.encoded(gzipMember(csvBytes, task.gzipLevel ?? DEFAULT_GZIP_LEVEL));
  }
  // Every path above leaves the shard's final bytes at the start of `output`.
  appendDirtyTrailer(output, result);
  return movedOutput(output.bytes(), result.rows);
}

/** Builds this worker's World's tables into shared memory for the other workers (named task `shareTables`). */
export function shareTables(task: { readonly spec: WorldSpec }): SharedTables {
  return shareOwnTables(worldFor(task.spec));
}

/** Returns the shard's bytes as a view over a whole buffer, and its row count. */
export default function generateShard(task: ShardTask): ShardOutput | Promise<ShardOutput> {
  if (task.format === 'parquet' && parquetEncoder === undefined) {
    return import('../src/encoding/parquet/shardFile.js').then((module) => {
      parquetEncoder = module.encodeParquetShard;
      typedParquetEncoder = module.encodeTypedShard;
      writtenParquetEncoder = module.encodeWrittenShard;
      return generateShard(task);
    });
  }
  if (task.defects && encodeDirtyJson === undefined) return loadDefects().then(() => generateShard(task));
  injectedFailure(task);
  const world = worldWith(task.spec, task.shared);
  const output = new RowSink(task.buffer);
  let generator = createTableGenerator(world, task.table);
  if (task.defects) return dirtyShard(task, world, generator, task.defects, output);
  if (task.format === 'parquet') {
    const typed = typedParquetShard(task, generator, output);
    if (typed !== undefined) return typed;
    // Declined part-way: the CSV path gets a generator of its own, in the state of a fresh task's.
    generator = createTableGenerator(world, task.table);
  }
  if (task.format === 'csv' && task.compression === 'none') {
    const rows = generator.rows(task.from, task.to, output, task.until);
    return movedOutput(output.bytes(), rows);
  }
  csvScratch ??= new RowSink();
  csvScratch.reset();
  const rows = generator.rows(task.from, task.to, csvScratch, task.until);
  let bytes = csvScratch.bytes();
  if (task.format === 'parquet') {
    parquetInto(output, bytes, task);
    return movedOutput(output.bytes(), rows);
  }
  if (task.format === 'jsonl') {
    const json = task.compression === 'gzip' ? (jsonScratch ??= new RowSink()) : output;
    json.reset();
    jsonEncoder(task.encoding).encode(bytes, json);
    bytes = json.bytes();
  }
  // Each shard is its own gzip member; members concatenate into one valid .gz file, in parallel.
  if (task.compression === 'gzip') {
    output.reset();
    output.encoded(gzipMember(bytes, task.gzipLevel ?? DEFAULT_GZIP_LEVEL));
    bytes = output.bytes();
  }
  return movedOutput(bytes, rows);
}

export interface ChangeTask extends ChangeRequest {
  readonly spec: WorldSpec;
  /** worldSpecKey(spec), made once by the coordinator: a stream has thousands of small tasks. */
  readonly specKey: string;
  /** Written outputs' chunks lent back for this task's bytes (moved, not copied; see outputChunks.ts). */
  readonly buffers?: readonly ArrayBuffer[];
  /** The World's tables one worker built in shared memory (`changeSetup`); absent: the worker builds its own. */
  readonly shared?: SharedTables;
}

/** A change file's bytes in chunks, the lent chunks left unused, rows by op, and its row count. */
export interface ChangeOutput {
  readonly parts: readonly Uint8Array[];
  readonly spare: readonly ArrayBuffer[];
  readonly rows: number;
  readonly counts: ChangeCounts;
}

let cachedStreamKey = '';
let cachedStream: StreamChanges | undefined;
let streamChanges: typeof StreamChanges | undefined;

/** What a change stream's coordinator learns from one worker before its batches (named task `changeSetup`). */
export interface ChangeSetup {
  /** The World's tables in shared memory for the other workers (absent when `share` was false). */
  readonly shared?: SharedTables;
  /** No web event is stamped before this second (see firstEventSecondBound). */
  readonly firstEventBound: number;
}

/**
 * Builds this worker's World (its tables shared when `share`) and the clickstream's floor: the
 * coordinator needs only that number, and building a World of its own for it cost its heap ~7 MB.
 */
export async function changeSetup(task: { readonly spec: WorldSpec; readonly specKey: string; readonly share: boolean }): Promise<ChangeSetup> {
  const { firstEventSecondBound } = await import('../src/changes/eventSegments.js');
  const world = worldFor(task.spec, task.specKey);
  // The workers also share what their change batches learn of browsing sessions' ends.
  const shared = task.share ? { ...shareOwnTables(world), sessionEnds: shareSessionEnds(world) } : undefined;
  return { ...(shared ? { shared } : {}), firstEventBound: firstEventSecondBound(world) };
}

/** One table's file of one change batch (named task `changeShard`). */
export function changeShard(task: ChangeTask): ChangeOutput | Promise<ChangeOutput> {
  if (streamChanges === undefined) {
    return import('../src/changes/batchChanges.js').then((module) => {
      streamChanges = module.StreamChanges;
      return changeShard(task);
    });
  }
  const world = worldWith(task.spec, task.shared, task.specKey);
  const key = `${cachedKey}|${task.from}|${task.to}`;
  if (cachedStream === undefined || key !== cachedStreamKey) {
    cachedStream = new streamChanges(world, task.from, task.to);
    cachedStreamKey = key;
  }
  const { parts, spare, counts } = cachedStream.write(task, task.buffers);
  const output: ChangeOutput = { parts, spare, rows: counts.I + counts.U + counts.D, counts };
  // Every chunk goes back to the coordinator, written or not (piscina transfers each of the list).
  return move({ [transferableSymbol]: [...parts.map((part) => part.buffer), ...spare], [valueSymbol]: output }) as unknown as ChangeOutput;
}

/** The `<table>.sample.json` files and `orders_nested.sample.json`, as file name -> content. */
export function buildSamples(task: SampleTask): Record<string, string> {
  return buildSampleFiles(worldFor(task.spec), task);
}
