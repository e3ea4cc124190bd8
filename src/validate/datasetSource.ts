// Where validation reads a dataset from: a directory of files (any format and layout generate writes,
// see read/datasetTables), or the same files held in memory. The checks are the same either way; only
// how the tables are found, opened and reported missing differs.
import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { datasetTablesIn, memoryDatasetTables, type DatasetTables } from '../read/datasetTables.js';
import type { TableInput } from '../read/tableInput.js';
import type { TableName } from '../schema/tableNames.js';
import { DatasetUnreadable } from './datasetUnreadable.js';
import { combineManifests, parseManifest, type ManifestState, type ManifestText } from './manifestCheck.js';

export interface DatasetSource {
  /** What the report calls the dataset (its `directory`): an absolute path, or a memory dataset's label. */
  readonly location: string;
  /** Each table's input; rejects with DatasetUnreadable when one is missing or unreadable, before any is read. */
  tables(names: readonly TableName[]): Promise<ReadonlyMap<TableName, TableInput>>;
  /** What the dataset's manifest (or its parts' manifests) promise about its files. */
  manifest(): Promise<ManifestState>;
}

/** A dataset held in memory, as the files a directory would hold. */
export interface DatasetFiles {
  /** Each file's content by name (customers.csv, orders.jsonl, ...); a string is taken as its UTF-8 encoding. */
  readonly files: Readonly<Record<string, Uint8Array | string>>;
  /** The content of manifest.json, when the dataset has one. */
  readonly manifest?: Uint8Array | string;
  /** What the report calls the dataset in place of a directory (default `(memory)`). */
  readonly label?: string;
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code;
}

function requireTables(found: DatasetTables, names: readonly TableName[]): ReadonlyMap<TableName, TableInput> {
  for (const name of names) if (!found.tables.has(name)) throw new DatasetUnreadable(found.missing(name));
  return found.tables;
}

async function manifestText(path: string): Promise<ManifestText> {
  try {
    return { kind: 'text', text: await readFile(path, 'utf8') };
  } catch (error) {
    const code = errorCode(error);
    return code === 'ENOENT' ? { kind: 'absent' } : { kind: 'unreadable', code: code ?? 'unknown error' };
  }
}

export function directorySource(directory: string): DatasetSource {
  const absolute = resolve(directory);
  let found: DatasetTables | undefined;
  return {
    location: absolute,
    async tables(names) {
      let info;
      try {
        info = await stat(absolute);
      } catch (error) {
        const code = errorCode(error);
        throw new DatasetUnreadable(code === 'ENOENT' ? `${absolute}: no such directory` : `${absolute}: cannot read it (${code ?? 'unknown error'})`);
      }
      if (!info.isDirectory()) throw new DatasetUnreadable(`${absolute} is not a directory`);
      try {
        found = await datasetTablesIn(absolute);
      } catch (error) {
        if (error instanceof UsageError) throw new DatasetUnreadable(error.message);
        const code = errorCode(error);
        if (typeof code === 'string') throw new DatasetUnreadable(`${absolute}: cannot read it (${code})`);
        throw error;
      }
      return requireTables(found, names);
    },
    async manifest() {
      const names = found?.manifests ?? [];
      if (names.length === 0) return { kind: 'absent' };
      const states: { name: string; state: ManifestState }[] = [];
      for (const name of names) states.push({ name, state: parseManifest(await manifestText(join(absolute, name))) });
      return combineManifests(states);
    },
  };
}

function utf8Text(data: Uint8Array | string): string {
  return typeof data === 'string' ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8');
}

export function memoryDatasetSource(dataset: DatasetFiles): DatasetSource {
  const { files, manifest } = dataset;
  const location = dataset.label ?? '(memory)';
  return {
    location,
    tables(names) {
      try {
        return Promise.resolve(requireTables(memoryDatasetTables(files, location), names));
      } catch (error) {
        return Promise.reject(error instanceof UsageError && !(error instanceof DatasetUnreadable) ? new DatasetUnreadable(error.message) : error);
      }
    },
    manifest: () => Promise.resolve(parseManifest(manifest === undefined ? { kind: 'absent' } : { kind: 'text', text: utf8Text(manifest) })),
  };
}
