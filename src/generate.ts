import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { TABLE_NAMES, type TableName } from './schema/tableNames.js';
import { tableEncodings, dataExtension, type Compression, type OutputFormat } from './encoding/outputFormat.js';
import { UsageError } from './errors.js';
import { silentLogger, type Logger } from './log/logger.js';
import type { ProgressEvent } from './log/progress.js';
import type { WorldSpec } from './model/worldSpec.js';
import { SAMPLE_NESTED_ORDERS, SAMPLE_ROWS } from './model/samples.js';
import { writeSampleFiles } from './writer/sampleFiles.js';
import { partSuffix, planTables, type TablePlan } from './plan/planShards.js';
import { resolveOptions, type RunSettings } from './plan/resolveOptions.js';
import { ShardPool } from './pool/shardPool.js';
import { checkFreeSpace, estimateBytes } from './writer/diskSpace.js';
import { identityDifference, removeJournal, writeJournal, type RunIdentity } from './writer/journal.js';
import { manifestFileName, writeManifest, type Manifest, type ManifestFile } from './writer/manifest.js';
import { openOutputDirectory, removeStaleTempFiles, type OutputDirectoryState } from './writer/outputDirectory.js';
import { convertCsvToParquet } from './writer/parquet.js';
import { TableFileWriter, hashFile, type CompletedFile } from './writer/tableFileWriter.js';

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
  /** Replace a dataset already in the output directory (the old one stays whole until the new one is). */
  readonly force?: boolean;
  /** Finish an interrupted run: keep its complete, verified files and generate the rest. */
  readonly resume?: boolean;
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
  /** Wall time per table, in ms, from first shard submitted to file complete (tables overlap). */
  readonly tableMs: Readonly<Partial<Record<TableName, number>>>;
  /** Tables kept from an interrupted run by `resume`. */
  readonly reusedTables: readonly TableName[];
}

const packageJson = createRequire(import.meta.url)('../../package.json') as { name: string; version: string };
export const TOOL_VERSION = packageJson.version;

type Mode = 'fresh' | 'resume' | 'replace';

function runIdentity(settings: RunSettings): RunIdentity {
  return {
    version: packageJson.version,
    seed: settings.seed,
    counts: settings.counts,
    tables: settings.tables,
    part: settings.part ?? null,
    format: settings.format,
    compression: settings.compression,
    config_sha256: settings.configSha,
    schemas_sha256: settings.schemasSha,
  };
}

/** A manifest records the same fields a run identity holds, under the same names. */
function manifestIdentity(manifest: Manifest): RunIdentity {
  const { version, seed, counts, tables, part, format, compression, config_sha256, schemas_sha256 } = manifest;
  return { version, seed, counts, tables, part, format, compression, config_sha256, schemas_sha256 };
}

/** Decides how to treat what the directory holds: never mix two datasets, never lose a finished one. */
function chooseMode(state: OutputDirectoryState, settings: RunSettings, identity: RunIdentity): Mode {
  const dir = state.directory;
  if (state.existing.length === 0 && !state.journal) return 'fresh';
  if (settings.force) return 'replace';
  if (settings.resume) {
    const previous = state.journal?.identity ?? (state.manifest ? manifestIdentity(state.manifest) : undefined);
    if (!previous) throw new UsageError(`--resume: ${dir} holds files but no record of the run that wrote them; use --force to replace them`);
    const difference = identityDifference(previous, identity);
    if (difference) throw new UsageError(`--resume: ${dir} holds a run with a different ${difference}; use the same options, or --force to replace it`);
    return 'resume';
  }
  if (state.journal) {
    throw new UsageError(
      `--output-dir: ${dir} holds an interrupted run (${state.journal.files.length} of ${state.journal.identity.tables.length} tables complete); pass --resume to finish it or --force to replace it`,
    );
  }
  const shown = state.existing.slice(0, 3).join(', ');
  throw new UsageError(`--output-dir: ${dir} already holds a dataset (${shown}${state.existing.length > 3 ? ', ...' : ''}); pass --force to replace it`);
}

/** Files of an interrupted run that are whole: named as this run would name them, with the recorded sha256. */
async function verifiedFiles(state: OutputDirectoryState, plans: readonly TablePlan[]): Promise<Map<TableName, ManifestFile>> {
  const recorded = state.journal?.files ?? state.manifest?.files ?? [];
  const reused = new Map<TableName, ManifestFile>();
  for (const entry of recorded) {
    const plan = plans.find((candidate) => candidate.table === entry.table);
    if (!plan || plan.fileName !== entry.file) continue;
    const actual = await hashFile(join(state.directory, entry.file)).catch(() => undefined);
    if (actual?.sha256 === entry.sha256) reused.set(entry.table, entry);
  }
  return reused;
}

/** Generates a dataset: plan -> worker pool -> ordered writer -> files and manifest.json. */
export async function generate(options: GenerateOptions = {}): Promise<GenerateResult> {
  const started = Date.now();
  const logger = options.logger ?? silentLogger();
  const settings = resolveOptions(options);
  const { config, counts, schemas, format, compression, workers, outputDir } = settings;
  const suffix = partSuffix(settings.part);
  const plans = planTables(config, counts, settings.tables, settings.part, settings.shardRows, dataExtension(format, compression));
  const identity = runIdentity(settings);

  const state = await openOutputDirectory(outputDir, suffix);
  const mode = chooseMode(state, settings, identity);
  await removeStaleTempFiles(outputDir, suffix);
  const reused = mode === 'resume' ? await verifiedFiles(state, plans) : new Map<TableName, ManifestFile>();
  const todo = plans.filter((plan) => !reused.has(plan.table));
  await checkFreeSpace(outputDir, estimateBytes(todo.map((plan) => ({ table: plan.table, rows: Math.max(0, plan.to - plan.from + 1) })), format, compression));

  const files: ManifestFile[] = [...reused.values()];
  const journal = async (): Promise<void> => {
    if (mode !== 'replace') await writeJournal(outputDir, suffix, { identity, files });
  };
  await journal();
  const shards = todo.flatMap((plan) => plan.shards);
  const rowsTotal = todo.reduce((sum, plan) => sum + Math.max(0, plan.to - plan.from + 1), 0);
  logger.info(
    { environment: settings.environment, seed: settings.seed, counts, tables: settings.tables, part: settings.part, format, compression, workers, mode, reused: [...reused.keys()], shards: shards.length, outputDir },
    'generating',
  );

  const encodings = tableEncodings(schemas);
  const writers = new Map<TableName, TableFileWriter>();
  const planByTable = new Map<TableName, TablePlan>(plans.map((plan) => [plan.table, plan]));
  const deferred: CompletedFile[] = [];
  const tableStarted = new Map<TableName, number>();
  const tableMs: Partial<Record<TableName, number>> = {};
  const tableRowsDone = new Map<TableName, number>();
  const spec: WorldSpec = { config, counts, seed: settings.seed };
  const signal = options.signal ?? new AbortController().signal;
  const pool = new ShardPool(workers, signal);
  const sampleFiles: string[] = [];
  let rowsDone = 0;

  const complete = async (table: TableName): Promise<void> => {
    const writer = writers.get(table);
    const plan = planByTable.get(table) as TablePlan;
    if (!writer || files.some((file) => file.table === table)) return;
    const completed = await writer.complete(
      format === 'parquet' ? (csvPath, parquetPath) => convertCsvToParquet(csvPath, parquetPath, schemas[table].columns, workers) : undefined,
    );
    // Replacing a dataset: the new files wait under temporary names until all of them are complete.
    if (mode === 'replace') deferred.push(completed);
    else await completed.publish();
    files.push({ table, file: completed.file, first_id: plan.from, last_id: plan.to, rows: completed.rows, bytes: completed.bytes, sha256: completed.sha256 });
    await journal();
    tableMs[table] = Date.now() - (tableStarted.get(table) ?? started);
    logger.info({ table, rows: completed.rows, bytes: completed.bytes, ms: tableMs[table] }, 'table written');
  };

  try {
    for (const plan of todo) {
      const writer = new TableFileWriter(join(outputDir, plan.fileName));
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
        if (current) await complete(current);
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
    for (const plan of todo) await complete(plan.table);
    const samples = settings.samples ? await pool.samples(spec, { encodings, rows: SAMPLE_ROWS, nestedOrders: SAMPLE_NESTED_ORDERS }) : {};

    if (mode === 'replace') {
      // The old dataset stops claiming completeness first, then the new files take its place.
      await rm(join(outputDir, manifestFileName(suffix)), { force: true });
      await removeJournal(outputDir, suffix);
      for (const completed of deferred) await completed.publish();
      const keep = new Set([...files.map((file) => file.file), ...Object.keys(samples)]);
      for (const name of state.existing) if (!keep.has(name)) await rm(join(outputDir, name), { force: true });
    }
    sampleFiles.push(...(await writeSampleFiles(outputDir, samples)));
  } catch (error) {
    await Promise.all([...writers.values()].map((writer) => writer.discard()));
    await removeStaleTempFiles(outputDir, suffix);
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
    seed: settings.seed,
    environment: settings.environment,
    counts,
    part: settings.part ?? null,
    tables: settings.tables,
    config_sha256: settings.configSha,
    schemas_sha256: settings.schemasSha,
    files,
    samples: sampleFiles,
  };
  await writeManifest(outputDir, manifestFileName(suffix), manifest);
  await removeJournal(outputDir, suffix);
  const elapsedMs = Date.now() - started;
  logger.info({ rows: rowsDone, ms: elapsedMs, rowsPerSecond: Math.round(rowsDone / Math.max(elapsedMs / 1000, 0.001)) }, 'done');
  return { manifest, outputDir, elapsedMs, tableMs, reusedTables: [...reused.keys()] };
}
