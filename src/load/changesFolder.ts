import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { hashFile } from '../writer/tableFileWriter.js';
import type { TableName } from '../schema/tableNames.js';
import { isRecord } from '../core/jsonRecord.js';

/** The columns every change file has before the table's own (the changes folder contract). */
export const CHANGE_COLUMNS = ['_op', '_changed_at', '_seq'] as const;

export type ChangesFormat = 'csv' | 'jsonl';

/** What `load --apply` needs from the top-level manifest.json of `ecomgen changes`. */
export interface ChangesManifest {
  readonly schemaVersion: number;
  readonly format: ChangesFormat;
  /** Batch folder names as listed, in lexical (= time) order. */
  readonly batches: readonly string[];
}

interface BatchTableEntry {
  readonly rows: number;
  readonly sha256: string;
}

export interface ChangeBatch {
  readonly name: string;
  readonly format: ChangesFormat;
  readonly dir: string;
  readonly tables: Readonly<Record<TableName, { readonly path: string } & BatchTableEntry>>;
}

// Batch folders are named after the batch start: YYYY-MM-DD (day, week) or YYYY-MM-DDTHH (hour).
const BATCH_NAME = /^\d{4}-\d{2}-\d{2}(?:T\d{2})?$/;


async function readJson(path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`--apply: ${path} is missing (${what})`);
    throw new UsageError(`--apply: cannot read ${path} (${code ?? 'unknown error'})`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new UsageError(`--apply: ${path} is not valid JSON`);
  }
}

/**
 * Checks the top-level manifest of a changes folder. `ecomgen changes` writes it last, so a folder
 * without it (or with a snapshot's manifest) is not a complete change stream.
 */
export function parseChangesManifest(value: unknown, path: string): ChangesManifest {
  const notChanges = `--apply: ${path} is not the manifest of a complete changes folder (written by \`ecomgen changes\`)`;
  if (!isRecord(value) || value['kind'] !== 'changes') throw new UsageError(`${notChanges}: it has no "kind": "changes"`);
  const version = value['schema_version'];
  if (typeof version !== 'number' || !Number.isInteger(version)) throw new UsageError(`${notChanges}: schema_version is missing`);
  const format = value['format'] ?? 'csv';
  if (format !== 'csv' && format !== 'jsonl') throw new UsageError(`--apply: ${path} describes ${String(format)} batches; load --apply reads csv and jsonl batches`);
  const batches = value['batches'];
  if (!Array.isArray(batches) || !batches.every((batch): batch is string => typeof batch === 'string' && BATCH_NAME.test(batch))) {
    throw new UsageError(`${notChanges}: "batches" must list batch folder names (YYYY-MM-DD or YYYY-MM-DDTHH)`);
  }
  const sorted = [...batches].sort();
  if (new Set(sorted).size !== sorted.length) throw new UsageError(`${notChanges}: "batches" lists a batch twice`);
  return { schemaVersion: version, format, batches: sorted };
}

/** Reads `<dir>/manifest.json` and checks every batch it lists is a folder there. */
export async function readChangesFolder(dir: string): Promise<ChangesManifest> {
  const path = join(dir, 'manifest.json');
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`--apply: cannot read the changes folder ${dir} (${error.code ?? error.message})`);
  });
  if (!names.includes('manifest.json')) {
    throw new UsageError(`--apply: ${dir} is not a complete changes folder: it has no manifest.json (\`ecomgen changes\` writes it last)`);
  }
  const manifest = parseChangesManifest(await readJson(path, 'the changes manifest'), path);
  const missing = manifest.batches.find((batch) => !names.includes(batch));
  if (missing !== undefined) throw new UsageError(`--apply: ${path} lists batch ${missing}, which is not in ${dir}`);
  return manifest;
}

/** The per-table entries of a batch's manifest.json, checked for shape. */
export function parseBatchManifest(value: unknown, path: string, batch: string, tables: readonly TableName[]): Record<TableName, BatchTableEntry> {
  if (!isRecord(value) || value['batch'] !== batch) throw new UsageError(`--apply: ${path} is not the manifest of batch ${batch}`);
  const entries = value['tables'];
  const result: Partial<Record<TableName, BatchTableEntry>> = {};
  for (const table of tables) {
    const entry = isRecord(entries) ? entries[table] : undefined;
    if (!isRecord(entry) || typeof entry['rows'] !== 'number' || typeof entry['sha256'] !== 'string' || !/^[0-9a-f]{64}$/.test(entry['sha256'])) {
      throw new UsageError(`--apply: ${path} has no rows and sha256 for ${table}`);
    }
    result[table] = { rows: entry['rows'], sha256: entry['sha256'] };
  }
  return result as Record<TableName, BatchTableEntry>;
}

async function fileSha256(path: string): Promise<string> {
  return (await hashFile(path)).sha256;
}

/**
 * One batch folder, checked before anything of it is applied: its manifest, every table file present,
 * and each file's sha256 equal to the manifest's (a file cut short or changed in transit is refused).
 */
export async function readBatch(dir: string, batch: string, tables: readonly TableName[], format: ChangesFormat): Promise<ChangeBatch> {
  const batchDir = join(dir, batch);
  const manifestPath = join(batchDir, 'manifest.json');
  const entries = parseBatchManifest(await readJson(manifestPath, `batch ${batch} is incomplete`), manifestPath, batch, tables);
  const files: Partial<Record<TableName, { readonly path: string } & BatchTableEntry>> = {};
  for (const table of tables) {
    const path = join(batchDir, `${table}.${format}`);
    const entry = entries[table];
    const actual = await fileSha256(path).catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(`--apply: cannot read ${path} (${error.code ?? error.message})`);
    });
    if (actual !== entry.sha256) throw new UsageError(`--apply: ${path} does not match its manifest (sha256 ${actual}, manifest.json records ${entry.sha256})`);
    files[table] = { path, ...entry };
  }
  return { name: batch, format, dir: batchDir, tables: files as ChangeBatch['tables'] };
}

export interface BatchPlan {
  /** Batches to apply now, in order. */
  readonly toApply: readonly string[];
  /** Batches of the folder the target already holds. */
  readonly alreadyApplied: readonly string[];
}

/**
 * Which batches of a folder to apply, given those the target already holds: the new ones, in order.
 * A new batch older than the newest applied one would apply changes out of time order: refused.
 */
export function planBatches(available: readonly string[], applied: readonly string[]): BatchPlan {
  const done = new Set(applied);
  const newest = [...applied].sort().at(-1);
  const alreadyApplied = available.filter((batch) => done.has(batch));
  const toApply = [...available].sort().filter((batch) => !done.has(batch));
  const stale = newest === undefined ? undefined : toApply.find((batch) => batch < newest);
  if (stale !== undefined && newest !== undefined) {
    throw new UsageError(`--apply: batch ${stale} is older than ${newest}, the last batch applied to the target; batches must be applied in order`);
  }
  return { toApply, alreadyApplied };
}

/** Checks a change file's header: the change columns, then the table's columns in schema order. */
export function checkChangeHeader(header: string, columns: readonly string[], path: string, schemaVersion: number): void {
  const expected = [...CHANGE_COLUMNS, ...columns].join(',');
  if (header !== expected) {
    throw new UsageError(`--apply: ${path}: header does not match the schema (expected ${expected}); the changes were written with schema version ${schemaVersion}`);
  }
}
