import { mkdir, readdir, rm, stat, access } from 'node:fs/promises';
import { constants } from 'node:fs';
import { join } from 'node:path';
import { TABLE_NAMES } from '../config/configTypes.js';
import { UsageError } from '../errors.js';

/** Files a run of ours may have written: table files (whole or parts), manifests, leftover temp files. */
const DATASET_FILE = new RegExp(
  `^(?:(?:${TABLE_NAMES.join('|')})(?:\\.part-\\d+-of-\\d+)?\\.(?:csv|jsonl|parquet)(?:\\.gz)?|manifest(?:\\.part-\\d+-of-\\d+)?\\.json|(?:${TABLE_NAMES.join('|')}|orders_nested)\\.sample\\.json)$`,
);
const TEMP_FILE = /^\..*\.tmp$/;

/**
 * Makes sure the output directory exists and is writable, and that we never mix two datasets in it:
 * without `force`, a directory that already holds files this run would write is refused; with it, they
 * are removed (manifests first, so the directory never claims to hold a finished dataset it does not).
 * A part run (`partSuffix` like `.part-003-of-008`) only conflicts with files of the same part, so
 * separate processes can write the parts of one dataset into one directory.
 */
export async function prepareOutputDirectory(directory: string, force: boolean, partSuffix: string, flag = '--output-dir'): Promise<void> {
  const info = await stat(directory).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new UsageError(`${flag}: cannot use ${directory} (${error.code ?? error.message})`);
  });
  if (info && !info.isDirectory()) throw new UsageError(`${flag}: ${directory} exists and is not a directory`);
  if (!info) {
    await mkdir(directory, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(`${flag}: cannot create ${directory} (${error.code ?? error.message})`);
    });
  }
  await access(directory, constants.W_OK).catch(() => {
    throw new UsageError(`${flag}: ${directory} is not writable`);
  });
  const conflicts = (name: string): boolean => DATASET_FILE.test(name) && (partSuffix === '' || name.includes(`${partSuffix}.`));
  const existing = (await readdir(directory)).filter(conflicts);
  if (existing.length === 0) return;
  if (!force) {
    throw new UsageError(`${flag}: ${directory} already holds a dataset (${existing.slice(0, 3).join(', ')}${existing.length > 3 ? ', ...' : ''}); pass --force to replace it`);
  }
  const manifests = existing.filter((name) => name.startsWith('manifest'));
  const others = existing.filter((name) => !name.startsWith('manifest'));
  for (const name of [...manifests, ...others]) await rm(join(directory, name), { force: true });
  for (const name of await readdir(directory)) {
    if (TEMP_FILE.test(name) && (partSuffix === '' || name.includes(`${partSuffix}.`))) await rm(join(directory, name), { force: true });
  }
}
