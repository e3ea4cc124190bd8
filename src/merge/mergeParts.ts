import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { TABLE_NAMES, type TableName } from '../schema/tableNames.js';
import { UsageError } from '../errors.js';
import { partSuffix } from '../plan/planShards.js';
import type { Manifest, ManifestDefects, ManifestFile } from '../writer/manifest.js';
import { ANSWER_KEY_FILE } from '../defects/defectKinds.js';
import { removeStaleTempFiles } from '../writer/outputDirectory.js';
import type { StagedFile } from '../writer/atomicFile.js';
import { silentLogger, type Logger } from '../log/logger.js';
import { withOutputLock } from '../run/outputLock.js';
import { swapInDataset } from '../run/swapInDataset.js';
import { recoverInterruptedSwap } from '../run/swapRecovery.js';
import { holdAfterTable } from '../run/testHooks.js';
import { TableFileWriter } from '../writer/tableFileWriter.js';
import { concatParts } from './concatParts.js';
import { concatParquetParts } from './concatParquetParts.js';
import { parseInstant, windowSeconds } from '../plan/instant.js';
import { loadConfig } from '../config/loadConfig.js';
import { loadSchemas } from '../schema/loadSchemas.js';
import { DEFAULT_CONFIG_FILE, DEFAULT_SCHEMA_DIR } from '../paths.js';
import { tableEncodings } from '../encoding/outputFormat.js';
import { ShardPool } from '../pool/shardPool.js';
import { SAMPLE_NESTED_ORDERS, SAMPLE_ROWS } from '../model/sampleSizes.js';
import { findPartSet } from './partSet.js';
import { joinAnswerKeys } from './joinAnswerKeys.js';

export interface MergeOptions {
  /** Directory holding `<table>.part-KKK-of-NNN.<ext>` files and their `manifest.part-KKK-of-NNN.json`. */
  readonly dir: string;
  /** Where the whole tables and manifest.json go (default: `dir`). */
  readonly outputDir?: string;
  /** Replace a merged dataset already in the output directory. */
  readonly force?: boolean;
  /** Config and schemas the parts were made with (default: the package's); needed for the samples. */
  readonly configFile?: string;
  readonly schemaDir?: string;
  /** Where warnings go (a stale lock taken over); default: nowhere. */
  readonly logger?: Logger;
  /** Stops the merge before its swap begins; its temporary files are removed. */
  readonly signal?: AbortSignal;
}

export interface MergeResult {
  readonly manifest: Manifest;
  /** Why no JSON samples were written, when none were. */
  readonly samplesSkipped?: string;
  readonly outputDir: string;
  readonly parts: number;
  readonly elapsedMs: number;
}

/**
 * How a format's parts join. CSV (header kept once) and JSON lines concatenate to exactly the bytes of a
 * full run. Parquet parts keep their row groups under one new footer: the full run's rows and types,
 * with row groups also cut at the part boundaries. A gzip part's shards are compressed per slice, so it
 * is no byte range of the whole.
 */
function concatenation(manifest: Manifest): { header: boolean; parquet: boolean } {
  const fields = manifest as unknown as Readonly<Record<string, unknown>>;
  const format = String(fields['format'] ?? 'csv');
  const compression = String(fields['compression'] ?? 'none');
  if (compression !== 'none') throw new UsageError(`the parts are ${compression}-compressed; merge joins uncompressed csv or jsonl parts (generate the parts without --compress)`);
  if (format === 'csv') return { header: true, parquet: false };
  if (format === 'jsonl') return { header: false, parquet: false };
  if (format === 'parquet') return { header: false, parquet: true };
  throw new UsageError(`the parts are ${format}; merge joins csv, jsonl or parquet parts`);
}

/** Refuses to overwrite a merged dataset unless `force`; returns the merged outputs already there. */
async function presentOutputs(outputDir: string, outputs: readonly string[], force: boolean): Promise<string[]> {
  const present = (await readdir(outputDir)).filter((name) => outputs.includes(name));
  if (present.length > 0 && !force) {
    throw new UsageError(`--output-dir: ${outputDir} already holds ${present.slice(0, 3).join(', ')}${present.length > 3 ? ', ...' : ''}; pass --force to replace it`);
  }
  return present;
}

/**
 * Joins the parts of a dataset into whole tables and writes manifest.json last. For CSV and JSON lines
 * the result is byte for byte what a single full run with the same seed and counts writes: parts are
 * contiguous id slices, and the manifest is a part manifest with `part: null` and each table's whole
 * file. Parquet holds the same rows and types (its row groups also break where the parts did).
 */
export async function mergeParts(options: MergeOptions): Promise<MergeResult> {
  const started = Date.now();
  const outputDir = resolve(options.outputDir ?? options.dir);
  const logger = options.logger ?? silentLogger();
  // Merge writes whole tables: it holds the same lock as a whole-table generate run into that directory.
  return withOutputLock(outputDir, '', 'ecomgen merge', logger, () => mergeLocked(options, outputDir, started, logger));
}

async function mergeLocked(options: MergeOptions, outputDir: string, started: number, logger: Logger): Promise<MergeResult> {
  const dir = resolve(options.dir);
  const force = options.force ?? false;
  await recoverInterruptedSwap(outputDir, '', { force, resume: false, hint: '--force' }, undefined);
  // Temporary files of a merge (or whole-table run) that was killed: only our own names, never a part's.
  await removeStaleTempFiles(outputDir, '');
  const set = await findPartSet(dir);
  const reference = set.manifests[0] as Manifest;
  const { header, parquet } = concatenation(reference);
  const suffix = partSuffix({ index: 1, count: set.count });
  const wholeName = (partFile: string): string => partFile.replace(suffix, '');
  const outputs = new Map<TableName, string>([...set.tables].map(([table, parts]) => [table, wholeName((parts[0] as { entry: ManifestFile }).entry.file)]));
  const dirty = reference.defects !== undefined;

  // The parts may share the output directory (they are the input); only merged outputs conflict.
  const present = await presentOutputs(outputDir, [...outputs.values(), ...(dirty ? [ANSWER_KEY_FILE] : []), 'manifest.json'], force);

  // Every table is written and checked, and the samples and manifest staged, before anything is swapped
  // in: a bad part leaves the directory as it was.
  const writers = new Map<TableName, TableFileWriter>();
  let answerKeyWriter: TableFileWriter | undefined;
  const files: ManifestFile[] = [];
  const staged: StagedFile[] = [];
  let swapping = false;
  try {
    for (const [table, parts] of set.tables) {
      const writer = new TableFileWriter(join(outputDir, outputs.get(table) as string));
      writers.set(table, writer);
      if (parquet) await concatParquetParts(writer, parts, new (await import('../encoding/parquet/tableAssembler.js')).ParquetTableAssembler(), options.signal);
      else await concatParts(writer, parts, { header, ...(options.signal ? { signal: options.signal } : {}) });
      if (options.signal) await holdAfterTable(table, options.signal, () => logger.info({ table }, 'holding'));
    }
    for (const [table, parts] of set.tables) {
      const written = await (writers.get(table) as TableFileWriter).complete();
      staged.push(written);
      const first = (parts[0] as { entry: ManifestFile }).entry;
      const last = (parts[parts.length - 1] as { entry: ManifestFile }).entry;
      const rows = parts.reduce((sum, part) => sum + part.entry.rows, 0);
      // Spread keeps the key order (and any field we do not know of) of the part's entry.
      files.push({ ...first, file: written.file, first_id: 1, last_id: last.last_id, rows, bytes: written.bytes, sha256: written.sha256 });
    }
    files.sort((a, b) => TABLE_NAMES.indexOf(a.table) - TABLE_NAMES.indexOf(b.table));
    // A dirty run's parts: their answer keys joined into the whole run's defects.csv.
    let defects: ManifestDefects | undefined;
    const joined = await joinAnswerKeys(dir, set.manifests);
    if (joined) {
      answerKeyWriter = new TableFileWriter(join(outputDir, ANSWER_KEY_FILE));
      for (const chunk of joined.chunks) await answerKeyWriter.write(chunk, 0);
      const written = await answerKeyWriter.complete();
      staged.push(written);
      defects = { ...joined.defects, file: written.file, rows: joined.rows, bytes: written.bytes, sha256: written.sha256 };
    }
    const samples = await mergedSamples(reference, options);
    const manifest: Manifest = { ...reference, part: null, files, samples: Object.keys(samples.files ?? {}).sort(), ...(defects ? { defects } : {}) };
    await swapInDataset({
      outputDir,
      partSuffix: '',
      tables: staged,
      samples: samples.files ?? {},
      manifest,
      existing: present,
      onSwap: () => {
        // Past this point a signal waits: the swap is short, and finishing it leaves the new dataset whole.
        options.signal?.throwIfAborted();
        swapping = true;
      },
    });
    return {
      manifest,
      outputDir,
      parts: set.count,
      elapsedMs: Date.now() - started,
      ...(samples.skipped ? { samplesSkipped: samples.skipped } : {}),
    };
  } catch (error) {
    if (!swapping) {
      await Promise.all([...writers.values(), ...(answerKeyWriter ? [answerKeyWriter] : [])].map((writer) => writer.discard()));
      await removeStaleTempFiles(outputDir, '');
    }
    throw error;
  }
}

/**
 * The JSON samples a full run writes beside its tables, rebuilt by one worker, so the merged directory
 * (manifest included) is what a single full run writes. Only when the config and schemas at hand are the
 * ones the parts were made with (their hashes match); otherwise none, and the reason.
 */
async function mergedSamples(reference: Manifest, options: MergeOptions): Promise<{ files?: Record<string, string>; skipped?: string }> {
  const { config, sha256: configSha } = loadConfig(resolve(options.configFile ?? DEFAULT_CONFIG_FILE));
  const { schemas, sha256: schemasSha } = loadSchemas(resolve(options.schemaDir ?? DEFAULT_SCHEMA_DIR));
  if (configSha !== reference.config_sha256 || schemasSha !== reference.schemas_sha256) {
    return { skipped: 'the config or schemas differ from those the parts were made with (pass --config / --schemas)' };
  }
  const encodings = tableEncodings(schemas);
  const pool = new ShardPool(1, new AbortController().signal);
  try {
    const files = await pool.samples({ config, counts: reference.counts, seed: reference.seed }, {
      encodings,
      rows: SAMPLE_ROWS,
      nestedOrders: SAMPLE_NESTED_ORDERS,
      until: parseInstant(reference.as_of) ?? windowSeconds(config).last,
    });
    return { files };
  } finally {
    await pool.destroy();
  }
}
