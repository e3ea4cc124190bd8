// Checks of the state files a run reads back (manifest, journal, swap journal), written by us but possibly
// truncated, emptied or edited since: each says what is wrong in one phrase, or undefined when fine.
import { readFile } from 'node:fs/promises';
import { isRecord } from '../core/jsonRecord.js';
import { PARQUET_CODECS, isParquetCodec } from '../encoding/parquet/parquetCodec.js';

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/** The fields of a run identity (writer/journal.ts RunIdentity), which a manifest holds too. */
export function runIdentityProblem(value: unknown): string | undefined {
  if (!isRecord(value)) return 'no run identity';
  const { version, seed, counts, tables, part, format, compression, compression_level, parquet_compression, config_sha256, schemas_sha256, as_of } = value;
  for (const [key, field] of Object.entries({ version, format, compression, config_sha256, schemas_sha256, as_of })) {
    if (typeof field !== 'string') return `${key} is not a string`;
  }
  if (!isCount(seed)) return 'seed is not a whole number';
  if (compression_level !== undefined && !(isCount(compression_level) && compression_level >= 1 && compression_level <= 9)) return 'compression_level is not a gzip level from 1 to 9';
  if (parquet_compression !== undefined && !isParquetCodec(parquet_compression)) return `parquet_compression is not one of ${PARQUET_CODECS.join(', ')}`;
  if (!isRecord(counts) || !Object.values(counts).every(isCount)) return 'counts is not an object of row counts';
  if (!Array.isArray(tables) || !tables.every((table) => typeof table === 'string')) return 'tables is not a list of names';
  if (part !== null && !(isRecord(part) && isCount(part['index']) && isCount(part['count']))) return 'part is neither null nor { index, count }';
  return undefined;
}

/** A `files` list of manifest entries (writer/manifest.ts ManifestFile). */
export function fileEntriesProblem(value: unknown): string | undefined {
  if (!Array.isArray(value)) return 'files is not a list';
  for (const [position, entry] of value.entries()) {
    const where = `files[${position}]`;
    if (!isRecord(entry)) return `${where} is not an object`;
    for (const key of ['table', 'file', 'sha256']) if (typeof entry[key] !== 'string') return `${where}.${key} is not a string`;
    for (const key of ['first_id', 'last_id', 'rows', 'bytes']) if (!isCount(entry[key])) return `${where}.${key} is not a whole number`;
  }
  return undefined;
}

/** JSON text parsed, or what is wrong with it. */
export function parseJsonText(text: string): { readonly value: unknown } | string {
  if (text.trim() === '') return 'empty';
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    return `invalid JSON (${(error as Error).message})`;
  }
}

/**
 * A state file of ours (journal, swap journal): absent (undefined), its content, or (a string) what is
 * wrong with it, so a damaged file gets one line naming the problem instead of a parser's stack.
 */
export async function readStateFile<T>(path: string, parse: (text: string) => T | string): Promise<T | string | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
  }
  return parse(text);
}
