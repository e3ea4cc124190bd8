import { readdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { TABLE_NAMES, type TableName } from '../schema/tableNames.js';
import { UsageError } from '../errors.js';
import { partSuffix } from '../plan/planShards.js';
import { writeManifest, type Manifest, type ManifestFile } from '../writer/manifest.js';
import { prepareOutputDirectory } from '../writer/outputDirectory.js';
import { TableFileWriter } from '../writer/tableFileWriter.js';
import { concatParts } from './concatParts.js';
import { loadConfig } from '../config/loadConfig.js';
import { loadSchemas } from '../schema/loadSchemas.js';
import { DEFAULT_CONFIG_FILE, DEFAULT_SCHEMA_DIR } from '../paths.js';
import { tableEncodings } from '../encoding/outputFormat.js';
import { ShardPool } from '../pool/shardPool.js';
import { SAMPLE_NESTED_ORDERS, SAMPLE_ROWS } from '../model/samples.js';
import { writeSampleFiles } from '../writer/sampleFiles.js';
import { findPartSet } from './partSet.js';

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
 * Only formats whose parts concatenate to exactly the bytes of a full run: CSV (header kept once) and
 * JSON lines. A gzip part's shards are compressed per slice and Parquet files have footers, so neither
 * is a byte range of the whole.
 */
function concatenation(manifest: Manifest): { header: boolean } {
  const fields = manifest as unknown as Readonly<Record<string, unknown>>;
  const format = String(fields['format'] ?? 'csv');
  const compression = String(fields['compression'] ?? 'none');
  if (compression !== 'none') throw new UsageError(`the parts are ${compression}-compressed; merge joins uncompressed csv or jsonl parts (generate the parts without --compress)`);
  if (format === 'csv') return { header: true };
  if (format === 'jsonl') return { header: false };
  throw new UsageError(`the parts are ${format}; merge joins csv or jsonl parts`);
}

/** Refuses to overwrite a merged dataset unless `force`, which removes it (manifest first). */
async function clearOutputs(outputDir: string, outputs: readonly string[], force: boolean): Promise<void> {
  const present = (await readdir(outputDir)).filter((name) => outputs.includes(name));
  if (present.length === 0) return;
  if (!force) {
    throw new UsageError(`--output-dir: ${outputDir} already holds ${present.slice(0, 3).join(', ')}${present.length > 3 ? ', ...' : ''}; pass --force to replace it`);
  }
  const ordered = [...present.filter((name) => name === 'manifest.json'), ...present.filter((name) => name !== 'manifest.json')];
  for (const name of ordered) await rm(join(outputDir, name), { force: true });
}

/**
 * Joins the parts of a dataset into whole tables and writes manifest.json last. The result is byte for
 * byte what a single full run with the same seed and counts writes: parts are contiguous id slices, and
 * the manifest is a part manifest with `part: null` and each table's whole file.
 */
export async function mergeParts(options: MergeOptions): Promise<MergeResult> {
  const started = Date.now();
  const dir = resolve(options.dir);
  const outputDir = resolve(options.outputDir ?? dir);
  const set = await findPartSet(dir);
  const reference = set.manifests[0] as Manifest;
  const { header } = concatenation(reference);
  const suffix = partSuffix({ index: 1, count: set.count });
  const wholeName = (partFile: string): string => partFile.replace(suffix, '');
  const outputs = new Map<TableName, string>([...set.tables].map(([table, parts]) => [table, wholeName((parts[0] as { entry: ManifestFile }).entry.file)]));

  // The parts may share the output directory (they are the input); only merged outputs conflict.
  await prepareOutputDirectory(outputDir);
  await clearOutputs(outputDir, [...outputs.values(), 'manifest.json'], options.force ?? false);

  // Every table is written and checked before any is renamed into place: a bad part leaves no output.
  const writers = new Map<TableName, TableFileWriter>();
  const files: ManifestFile[] = [];
  try {
    for (const [table, parts] of set.tables) {
      const writer = new TableFileWriter(join(outputDir, outputs.get(table) as string));
      writers.set(table, writer);
      await concatParts(writer, parts, { header });
    }
    for (const [table, parts] of set.tables) {
      const written = await (writers.get(table) as TableFileWriter).commit();
      writers.delete(table);
      const first = (parts[0] as { entry: ManifestFile }).entry;
      const last = (parts[parts.length - 1] as { entry: ManifestFile }).entry;
      const rows = parts.reduce((sum, part) => sum + part.entry.rows, 0);
      // Spread keeps the key order (and any field we do not know of) of the part's entry.
      files.push({ ...first, file: written.file, first_id: 1, last_id: last.last_id, rows, bytes: written.bytes, sha256: written.sha256 });
    }
  } catch (error) {
    await Promise.all([...writers.values()].map((writer) => writer.discard()));
    throw error;
  }
  files.sort((a, b) => TABLE_NAMES.indexOf(a.table) - TABLE_NAMES.indexOf(b.table));
  const samples = await mergedSamples(reference, options);
  const sampleNames = samples.files ? await writeSampleFiles(outputDir, samples.files) : [];
  const manifest: Manifest = { ...reference, part: null, files, samples: sampleNames };
  await writeManifest(outputDir, 'manifest.json', manifest);
  return {
    manifest,
    outputDir,
    parts: set.count,
    elapsedMs: Date.now() - started,
    ...(samples.skipped ? { samplesSkipped: samples.skipped } : {}),
  };
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
    const files = await pool.samples({ config, counts: reference.counts, seed: reference.seed }, { encodings, rows: SAMPLE_ROWS, nestedOrders: SAMPLE_NESTED_ORDERS });
    return { files };
  } finally {
    await pool.destroy();
  }
}
