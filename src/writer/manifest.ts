import { join } from 'node:path';
import type { TableCounts, TableName } from '../schema/tableNames.js';
import type { PartSelection } from '../plan/planShards.js';
import type { Compression, OutputFormat } from '../encoding/outputFormat.js';
import type { GzipLevel } from '../encoding/gzipLevel.js';
import type { ParquetCodec } from '../encoding/parquet/parquetCodec.js';
import { writeFileAtomic } from './atomicFile.js';
import type { DefectKind } from '../defects/defectKinds.js';
import type { DefectSettings } from '../defects/defectSettings.js';
import { isRecord } from '../core/jsonRecord.js';
import { fileEntriesProblem, parseJsonText, runIdentityProblem } from './stateFields.js';

export interface ManifestFile {
  readonly table: TableName;
  readonly file: string;
  readonly first_id: number;
  readonly last_id: number;
  readonly rows: number;
  readonly bytes: number;
  readonly sha256: string;
}

/** What a dataset is and how to check it. Holds no clock time, so the same run gives the same manifest. */
export interface Manifest {
  readonly tool: string;
  readonly version: string;
  readonly format: OutputFormat;
  readonly compression: Compression;
  /** gzip's level when it is not the default 6 (`--compress gzip:<level>`); absent otherwise. */
  readonly compression_level?: GzipLevel;
  /**
   * The codec of a Parquet dataset's pages (`--parquet-compression`); absent for csv and jsonl. A Parquet
   * manifest without it was written by an older build, whose pages are zstd.
   */
  readonly parquet_compression?: ParquetCodec;
  readonly seed: number;
  readonly environment: string;
  readonly counts: TableCounts;
  readonly part: PartSelection | null;
  readonly tables: readonly TableName[];
  readonly config_sha256: string;
  readonly schemas_sha256: string;
  /** Version of the tables' columns (see schemas/VERSION). */
  readonly schema_version: number;
  /** The instant the dataset shows, `YYYY-MM-DD HH:MM:SS` UTC (the window's end for a full run). */
  readonly as_of: string;
  /** Per file: its id range and the rows it holds (those that existed at `as_of`). */
  readonly files: readonly ManifestFile[];
  /** The JSON sample files written beside the data (full runs only). */
  readonly samples: readonly string[];
  /** A dirty run (`--defects`): its settings, its answer key and the dirty rows per kind. Absent for clean data. */
  readonly defects?: ManifestDefects;
}

export interface ManifestDefects {
  readonly settings: DefectSettings;
  /** The answer key: `defects.csv` (`defects.part-KKK-of-NNN.csv` for a part). */
  readonly file: string;
  /** Answer-key lines (one per changed value or moved/added row). */
  readonly rows: number;
  readonly bytes: number;
  readonly sha256: string;
  /** Dirty rows per kind (a row carries one defect). */
  readonly counts: Readonly<Partial<Record<DefectKind, number>>>;
}

export function manifestFileName(partSuffix: string): string {
  return `manifest${partSuffix}.json`;
}

/** The bytes of a manifest file. */
export function manifestText(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** Written last, and atomically: its presence means every file it lists is complete. */
export async function writeManifest(directory: string, fileName: string, manifest: Manifest): Promise<void> {
  await writeFileAtomic(join(directory, fileName), manifestText(manifest));
}

/**
 * A manifest read back (to resume from it or check it), or what is wrong with it in one phrase: an empty
 * or truncated file, `{}`, fields of the wrong type.
 */
export function parseManifest(text: string): Manifest | string {
  const parsed = parseJsonText(text);
  if (typeof parsed === 'string') return parsed;
  const value = parsed.value;
  if (!isRecord(value)) return 'not a JSON object';
  const problem = runIdentityProblem(value) ?? fileEntriesProblem(value['files']);
  if (problem) return problem;
  if (!Array.isArray(value['samples']) || !value['samples'].every((name) => typeof name === 'string')) return 'samples is not a list of names';
  return value as unknown as Manifest;
}
