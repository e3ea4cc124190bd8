import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { TABLE_NAMES, type TableName } from './config/configTypes.js';
import { loadConfig } from './config/loadConfig.js';
import { UsageError } from './errors.js';
import { silentLogger, type Logger } from './log/logger.js';
import type { ProgressEvent } from './log/progress.js';
import type { WorldSpec } from './model/worldSpec.js';
import { DEFAULT_CONFIG_FILE, DEFAULT_SCHEMA_DIR } from './paths.js';
import { checkCounts } from './plan/checkCounts.js';
import { partSuffix, planTables, type PartSelection, type TablePlan } from './plan/planShards.js';
import { resolveCounts } from './plan/resolveCounts.js';
import { ShardPool } from './pool/shardPool.js';
import { loadSchemas } from './schema/loadSchemas.js';
import { manifestFileName, writeManifest, type Manifest, type ManifestFile } from './writer/manifest.js';
import { prepareOutputDirectory } from './writer/outputDirectory.js';
import { TableFileWriter } from './writer/tableFileWriter.js';
import { convertCsvToParquet } from './writer/parquet.js';
import { COMPRESSIONS, OUTPUT_FORMATS, dataExtension, tableEncoding, type Compression, type OutputFormat, type TableEncodings } from './csv/outputFormat.js';
import { gzipSync } from 'node:zlib';
import { writeFile, rename } from 'node:fs/promises';

/** Options of a run; each mirrors a flag of `ecomgen generate`. */
export interface GenerateOptions {
  /** Preset from config.yaml (default `dev`). */
  readonly environment?: string;
  /** Seed of the data (default: config.yaml's `seed`). */
  readonly seed?: number;
  readonly customers?: number;
  readonly products?: number;
  readonly orders?: number;
  readonly orderItems?: number;
  readonly webEvents?: number;
  /** Generate only these tables (row for row identical to a full run). */
  readonly tables?: readonly TableName[];
  /** Write only slice `part` of `parts` of every table. */
  readonly part?: number;
  readonly parts?: number;
  /** Worker threads (default: the machine's available parallelism). */
  readonly workers?: number;
  /** Rows per shard (default: config.yaml's generation.shard_rows); never changes the output. */
  readonly shardRows?: number;
  /** Default `sample_data/<environment>` under the current directory. */
  readonly outputDir?: string;
  readonly configFile?: string;
  readonly schemaDir?: string;
  /** Replace a dataset already in the output directory. */
  readonly force?: boolean;
  /** `csv` (default), `jsonl` (typed JSON lines) or `parquet` (typed columns). */
  readonly format?: OutputFormat;
  /** `gzip` for csv and jsonl (default `none`). */
  readonly compress?: Compression;
  /** Write `<table>.sample.json` and `orders_nested.sample.json` beside a full run (default true). */
  readonly samples?: boolean;
  readonly logger?: Logger;
  readonly onProgress?: (event: ProgressEvent) => void;
  readonly signal?: AbortSignal;
}

export interface GenerateResult {
  readonly manifest: Manifest;
  readonly outputDir: string;
  readonly elapsedMs: number;
  /** Wall time per table, in ms, from first shard submitted to file committed (tables overlap). */
  readonly tableMs: Readonly<Partial<Record<TableName, number>>>;
}

const packageJson = createRequire(import.meta.url)('../../package.json') as { name: string; version: string };
export const TOOL_VERSION = packageJson.version;

function positiveInteger(value: number | undefined, flag: string): void {
  if (value !== undefined && (!Number.isSafeInteger(value) || value < 1)) {
    throw new UsageError(`${flag}: must be a whole number of at least 1 (got ${value})`);
  }
}

function resolvePart(options: GenerateOptions): PartSelection | undefined {
  if (options.part === undefined && options.parts === undefined) return undefined;
  if (options.part === undefined || options.parts === undefined) throw new UsageError('--part and --parts go together');
  positiveInteger(options.parts, '--parts');
  positiveInteger(options.part, '--part');
  if (options.part > options.parts) throw new UsageError(`--part: ${options.part} is outside 1..${options.parts} (--parts)`);
  return { index: options.part, count: options.parts };
}

const SAMPLE_ROWS = 100;
const SAMPLE_NESTED_ORDERS = 20;

function resolveEncoding(options: GenerateOptions): { format: OutputFormat; compression: Compression } {
  const format = options.format ?? 'csv';
  const compression = options.compress ?? 'none';
  if (!OUTPUT_FORMATS.includes(format)) throw new UsageError(`--format: unknown format "${String(format)}" (use ${OUTPUT_FORMATS.join(', ')})`);
  if (!COMPRESSIONS.includes(compression)) throw new UsageError(`--compress: unknown compression "${String(compression)}" (use ${COMPRESSIONS.join(', ')})`);
  if (format === 'parquet' && compression !== 'none') throw new UsageError('--compress: parquet files are compressed inside (zstd); use --compress only with csv or jsonl');
  return { format, compression };
}

function resolveTables(tables: readonly string[] | undefined): TableName[] {
  if (tables === undefined) return [...TABLE_NAMES];
  if (tables.length === 0) throw new UsageError('--tables: name at least one table');
  for (const table of tables) {
    if (!(TABLE_NAMES as readonly string[]).includes(table)) {
      throw new UsageError(`--tables: unknown table "${table}" (tables are ${TABLE_NAMES.join(', ')})`);
    }
  }
  return TABLE_NAMES.filter((table) => tables.includes(table));
}

/** Generates a dataset: plan -> worker pool -> ordered writer -> files and manifest.json. */
export async function generate(options: GenerateOptions = {}): Promise<GenerateResult> {
  const started = Date.now();
  const logger = options.logger ?? silentLogger();
  const environment = options.environment ?? 'dev';
  const configFile = resolve(options.configFile ?? DEFAULT_CONFIG_FILE);
  const { config, sha256: configSha } = loadConfig(configFile);
  const { schemas, sha256: schemasSha } = loadSchemas(resolve(options.schemaDir ?? DEFAULT_SCHEMA_DIR));

  const seed = options.seed ?? config.seed;
  if (!Number.isSafeInteger(seed) || seed < 0) throw new UsageError(`--seed: must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER} (got ${seed})`);
  positiveInteger(options.workers, '--workers');
  positiveInteger(options.shardRows, '--shard-rows');
  const part = resolvePart(options);
  const tables = resolveTables(options.tables);
  const counts = resolveCounts(config, environment, options);
  checkCounts(config, counts, seed);
  const { format, compression } = resolveEncoding(options);
  const workers = options.workers ?? availableParallelism();
  const shardRows = options.shardRows ?? config.generation.shardRows;

  const outputDir = resolve(options.outputDir ?? `sample_data/${environment}`);
  await prepareOutputDirectory(outputDir, options.force ?? false, partSuffix(part));

  const plans = planTables(config, counts, tables, part, shardRows, dataExtension(format, compression));
  const encodings = Object.fromEntries(TABLE_NAMES.map((table) => [table, tableEncoding(schemas[table].columns)])) as TableEncodings;
  const writeSamples = (options.samples ?? true) && part === undefined;
  const shards = plans.flatMap((plan) => plan.shards);
  const rowsTotal = plans.reduce((sum, plan) => sum + Math.max(0, plan.to - plan.from + 1), 0);
  logger.info({ environment, seed, counts, tables, part, format, compression, workers, shards: shards.length, outputDir }, 'generating');

  const writers = new Map<TableName, TableFileWriter>();
  const planByTable = new Map<TableName, TablePlan>(plans.map((plan) => [plan.table, plan]));
  const files: ManifestFile[] = [];
  const tableStarted = new Map<TableName, number>();
  const tableMs: Partial<Record<TableName, number>> = {};
  const spec: WorldSpec = { config, counts, seed };
  const signal = options.signal ?? new AbortController().signal;
  const pool = new ShardPool(workers, signal);
  const sampleFiles: string[] = [];
  let rowsDone = 0;
  const tableRowsDone = new Map<TableName, number>();

  const commit = async (table: TableName): Promise<void> => {
    const writer = writers.get(table);
    const plan = planByTable.get(table) as TablePlan;
    if (!writer) return;
    const written = await writer.commit(
      format === 'parquet'
        ? (csvPath, parquetPath) => convertCsvToParquet(csvPath, parquetPath, schemas[table].columns, workers)
        : undefined,
    );
    files.push({ table, file: written.file, first_id: plan.from, last_id: plan.to, rows: written.rows, bytes: written.bytes, sha256: written.sha256 });
    tableMs[table] = Date.now() - (tableStarted.get(table) ?? started);
    logger.info({ table, rows: written.rows, bytes: written.bytes, ms: tableMs[table] }, 'table written');
  };

  try {
    for (const plan of plans) {
      const writer = new TableFileWriter(resolve(outputDir, plan.fileName));
      writers.set(plan.table, writer);
      // CSV (and the CSV on its way to Parquet) starts with its header; JSON lines have none.
      if (format !== 'jsonl') {
        const header = Buffer.from(`${schemas[plan.table].columns.map((column) => column.name).join(',')}\n`);
        await writer.write(compression === 'gzip' ? gzipSync(header) : header, 0);
      }
      tableStarted.set(plan.table, Date.now());
    }
    let current: TableName | undefined;
    for await (const { shard, bytes, release } of pool.run(shards, spec, { format, compression, encodings })) {
      if (current !== shard.table) {
        if (current) await commit(current);
        current = shard.table;
      }
      const rows = shard.to - shard.from + 1;
      await (writers.get(shard.table) as TableFileWriter).write(bytes, rows, release);
      rowsDone += rows;
      const done = (tableRowsDone.get(shard.table) ?? 0) + rows;
      tableRowsDone.set(shard.table, done);
      const plan = planByTable.get(shard.table) as TablePlan;
      options.onProgress?.({ table: shard.table, tableRowsDone: done, tableRows: plan.to - plan.from + 1, rowsDone, rowsTotal, elapsedMs: Date.now() - started });
    }
    // Tables with no shard (an empty slice) still get their header-only file.
    for (const plan of plans) if (!files.some((file) => file.table === plan.table)) await commit(plan.table);
    if (writeSamples) {
      const samples = await pool.samples(spec, { encodings, rows: SAMPLE_ROWS, nestedOrders: SAMPLE_NESTED_ORDERS });
      for (const [name, content] of Object.entries(samples).sort()) {
        const temp = resolve(outputDir, `.${name}.${process.pid}.tmp`);
        await writeFile(temp, content);
        await rename(temp, resolve(outputDir, name));
        sampleFiles.push(name);
      }
    }
  } catch (error) {
    await Promise.all([...writers.values()].map((writer) => writer.discard()));
    throw error;
  } finally {
    await pool.destroy();
  }

  files.sort((a, b) => TABLE_NAMES.indexOf(a.table) - TABLE_NAMES.indexOf(b.table));
  const manifest: Manifest = {
    tool: packageJson.name,
    version: packageJson.version,
    format,
    compression,
    seed,
    environment,
    counts,
    part: part ?? null,
    tables,
    config_sha256: configSha,
    schemas_sha256: schemasSha,
    files,
    samples: sampleFiles,
  };
  await writeManifest(outputDir, manifestFileName(partSuffix(part)), manifest);
  const elapsedMs = Date.now() - started;
  logger.info({ rows: rowsDone, ms: elapsedMs, rowsPerSecond: Math.round(rowsDone / Math.max(elapsedMs / 1000, 0.001)) }, 'done');
  return { manifest, outputDir, elapsedMs, tableMs };
}
