// Where validation reads a dataset from: a directory of files, or the same files held in memory. The
// checks are the same either way; only how a file is found, opened and reported missing differs.
import { access, constants, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileSource, memorySource, type ByteSource } from '../encoding/byteSource.js';
import { DatasetUnreadable } from './datasetUnreadable.js';
import { MANIFEST_FILE, type ManifestText } from './manifestCheck.js';

export interface DatasetSource {
  /** What the report calls the dataset (its `directory`): an absolute path, or a memory dataset's label. */
  readonly location: string;
  /** Rejects with DatasetUnreadable when one of `files` is missing or unreadable, before any is read. */
  checkFiles(files: readonly string[]): Promise<void>;
  /** A file's bytes; reading them may still fail with a system error (EISDIR, EIO...). */
  file(name: string): ByteSource;
  manifest(): Promise<ManifestText>;
}

/** A dataset held in memory, as the files a directory would hold. */
export interface DatasetFiles {
  /** Each file's content by name (customers.csv, ...); a string is taken as its UTF-8 encoding. */
  readonly files: Readonly<Record<string, Uint8Array | string>>;
  /** The content of manifest.json, when the dataset has one. */
  readonly manifest?: Uint8Array | string;
  /** What the report calls the dataset in place of a directory (default `(memory)`). */
  readonly label?: string;
}

function missingMessage(path: string, files: readonly string[]): string {
  return `${path}: missing (a dataset has ${files.join(', ')})`;
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code;
}

export function directorySource(directory: string): DatasetSource {
  const absolute = resolve(directory);
  return {
    location: absolute,
    async checkFiles(files) {
      let info;
      try {
        info = await stat(absolute);
      } catch (error) {
        const code = errorCode(error);
        throw new DatasetUnreadable(code === 'ENOENT' ? `${absolute}: no such directory` : `${absolute}: cannot read it (${code ?? 'unknown error'})`);
      }
      if (!info.isDirectory()) throw new DatasetUnreadable(`${absolute} is not a directory`);
      for (const file of files) {
        const path = join(absolute, file);
        try {
          await access(path, constants.R_OK);
        } catch (error) {
          const code = errorCode(error);
          throw new DatasetUnreadable(code === 'ENOENT' ? missingMessage(path, files) : `${path}: cannot read it (${code ?? 'unknown error'})`);
        }
      }
    },
    file: (name) => fileSource(join(absolute, name)),
    async manifest() {
      try {
        return { kind: 'text', text: await readFile(join(absolute, MANIFEST_FILE), 'utf8') };
      } catch (error) {
        const code = errorCode(error);
        return code === 'ENOENT' ? { kind: 'absent' } : { kind: 'unreadable', code: code ?? 'unknown error' };
      }
    },
  };
}

function utf8Text(data: Uint8Array | string): string {
  return typeof data === 'string' ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8');
}

export function memoryDatasetSource(dataset: DatasetFiles): DatasetSource {
  const { files, manifest } = dataset;
  const content = (name: string): Uint8Array | string | undefined => (Object.hasOwn(files, name) ? files[name] : undefined);
  return {
    location: dataset.label ?? '(memory)',
    checkFiles(names) {
      const missing = names.find((name) => content(name) === undefined);
      return missing === undefined ? Promise.resolve() : Promise.reject(new DatasetUnreadable(missingMessage(missing, names)));
    },
    file(name) {
      const data = content(name);
      if (data === undefined) throw new DatasetUnreadable(missingMessage(name, [name]));
      return memorySource(name, data);
    },
    manifest: () => Promise.resolve(manifest === undefined ? { kind: 'absent' } : { kind: 'text', text: utf8Text(manifest) }),
  };
}
