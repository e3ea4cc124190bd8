import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './atomicFile.js';
import type { ManifestFile } from './manifest.js';
import type { DefectSettings } from '../defects/defectSettings.js';
import { isRecord } from '../core/jsonRecord.js';
import { fileEntriesProblem, parseJsonText, readStateFile, runIdentityProblem } from './stateFields.js';
import { recordedParquetCodec } from '../encoding/parquet/parquetCodec.js';

/** What a run is, so that `--resume` only continues a run of exactly the same dataset. */
export interface RunIdentity {
  readonly version: string;
  readonly seed: number;
  readonly counts: Readonly<Record<string, number>>;
  readonly tables: readonly string[];
  readonly part: { readonly index: number; readonly count: number } | null;
  readonly format: string;
  readonly compression: string;
  /** gzip's level when it is not the default 6; absent otherwise. */
  readonly compression_level?: number;
  /** A Parquet run's page codec (absent for csv and jsonl; a Parquet record without it is zstd). */
  readonly parquet_compression?: string;
  readonly config_sha256: string;
  readonly schemas_sha256: string;
  /** The instant the dataset shows, `YYYY-MM-DD HH:MM:SS` UTC (the window's end for a full run). */
  readonly as_of: string;
  /** A dirty run's defect settings (absent for clean data). */
  readonly defects?: DefectSettings;
}

/**
 * The journal of a run in progress (`.ecomgen-journal[.part-…].json`): the run's identity and the files
 * already complete. It is rewritten after every table and removed when the manifest is written, so an
 * interrupted run leaves exactly the record `--resume` needs.
 */
export interface RunJournal {
  readonly identity: RunIdentity;
  readonly files: readonly ManifestFile[];
}

export function journalFileName(partSuffix: string): string {
  return `.ecomgen-journal${partSuffix}.json`;
}

/** A run journal's content, or what is wrong with it (one phrase): `{}`, a truncated file, wrong types. */
export function parseJournal(text: string): RunJournal | string {
  const parsed = parseJsonText(text);
  if (typeof parsed === 'string') return parsed;
  const value = parsed.value;
  if (!isRecord(value)) return 'not a JSON object';
  const problem = runIdentityProblem(value['identity']) ?? fileEntriesProblem(value['files']);
  return problem ?? (value as unknown as RunJournal);
}

/** The run journal of a part suffix: absent, its content, or (a string) what is wrong with it. */
export async function readJournal(directory: string, partSuffix: string): Promise<RunJournal | string | undefined> {
  return readStateFile(join(directory, journalFileName(partSuffix)), parseJournal);
}

export async function writeJournal(directory: string, partSuffix: string, journal: RunJournal): Promise<void> {
  await writeFileAtomic(join(directory, journalFileName(partSuffix)), `${JSON.stringify(journal, null, 2)}\n`);
}

export async function removeJournal(directory: string, partSuffix: string): Promise<void> {
  await rm(join(directory, journalFileName(partSuffix)), { force: true });
}

/**
 * An identity as compared: a Parquet one read from an older build's manifest or journal has no
 * `parquet_compression`, and its pages are zstd, so it is the same run as `--parquet-compression zstd`
 * (whose files are the same bytes) and not the same as a snappy one.
 */
function compared(identity: RunIdentity): RunIdentity {
  const codec = recordedParquetCodec(identity);
  return codec === undefined || identity.parquet_compression === codec ? identity : { ...identity, parquet_compression: codec };
}

/** The first difference between two identities, named for an error message; undefined when equal. */
export function identityDifference(previous: RunIdentity, current: RunIdentity): string | undefined {
  const [before, now] = [compared(previous), compared(current)];
  // Both sides' keys: a field only one side has (a dirty run's defects) is a difference too.
  for (const key of new Set([...Object.keys(before), ...Object.keys(now)]) as Set<keyof RunIdentity>) {
    if (JSON.stringify(before[key]) !== JSON.stringify(now[key])) return key;
  }
  return undefined;
}
