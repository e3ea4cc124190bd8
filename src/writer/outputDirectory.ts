import { mkdir, readdir, rm, stat, access } from 'node:fs/promises';
import { constants } from 'node:fs';
import { dirname, join } from 'node:path';
import { TABLE_NAMES } from '../schema/tableNames.js';
import { UsageError } from '../errors.js';
import { journalFileName, readJournal, type RunJournal } from './journal.js';
import { manifestFileName, parseManifest, type Manifest } from './manifest.js';
import { readStateFile } from './stateFields.js';

/** Files a run of ours may have written: table files (whole or parts, any format), manifests, samples. */
const DATASET_NAME = `(?:(?:${TABLE_NAMES.join('|')})(?:\\.part-\\d+-of-\\d+)?\\.(?:csv|jsonl|parquet)(?:\\.gz)?|manifest(?:\\.part-\\d+-of-\\d+)?\\.json|defects(?:\\.part-\\d+-of-\\d+)?\\.csv|(?:${TABLE_NAMES.join('|')}|orders_nested)\\.sample\\.json)`;
const DATASET_FILE = new RegExp(`^${DATASET_NAME}$`);
/**
 * Temporary files of ours (writer/atomicFile.ts temporaryPath): `.<dataset file, journal, swap journal or
 * lock>.<pid>-<hex>.tmp`,
 * `.converted.tmp` for Parquet, and the `.<name>.<pid>.tmp` of earlier versions. Nothing else that merely
 * looks temporary: ecomgen never deletes a file it did not create.
 */
const TEMP_FILE = new RegExp(`^\\.(?:${DATASET_NAME}|\\.?ecomgen-(?:journal|swap|lock)(?:\\.part-\\d+-of-\\d+)?\\.json)\\.\\d+(?:-[0-9a-f]+)?(?:\\.converted)?\\.tmp$`);
const PART_NAME = /\.part-\d+-of-\d+\./;

/** Whether a name is one of ecomgen's temporary files (see TEMP_FILE), whatever run or part left it. */
export function isTemporaryFileName(name: string): boolean {
  return TEMP_FILE.test(name);
}

/** What an output directory already holds for a run with this part suffix. */
export interface OutputDirectoryState {
  readonly directory: string;
  /** Dataset files of ours that this run would conflict with. */
  readonly existing: readonly string[];
  readonly manifest: Manifest | undefined;
  readonly journal: RunJournal | undefined;
  /** State files of ours that cannot be used, as `<file>: what is wrong`; only `--force` gets past them. */
  readonly damaged: readonly string[];
}

/**
 * Creates the directory when missing and checks it is a writable directory; bad input is a UsageError
 * naming `flag`. Every command that writes into a directory (generate, merge) opens it through here.
 */
export async function prepareOutputDirectory(directory: string, flag = '--output-dir'): Promise<void> {
  const info = await stat(directory).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new UsageError(`${flag}: cannot use ${directory} (${error.code ?? error.message})`);
  });
  if (info && !info.isDirectory()) throw new UsageError(`${flag}: ${directory} exists and is not a directory`);
  if (!info) {
    await makeDirectories(directory).catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(`${flag}: cannot create ${directory} (${error.code ?? error.message})`);
    });
  }
  await access(directory, constants.W_OK).catch(() => {
    throw new UsageError(`${flag}: ${directory} is not writable`);
  });
}

/**
 * Prepares the directory (prepareOutputDirectory), then lists what of ours is in it. A part run
 * (`partSuffix` like `.part-003-of-008`) only sees files of the same part, so separate processes can
 * write the parts of one dataset into one directory.
 */
export async function openOutputDirectory(directory: string, partSuffix: string, flag = '--output-dir'): Promise<OutputDirectoryState> {
  await prepareOutputDirectory(directory, flag);
  const mine = (name: string): boolean => partSuffix === '' || name.includes(`${partSuffix}.`);
  const existing = (await readdir(directory)).filter((name) => DATASET_FILE.test(name) && mine(name));
  const manifestName = manifestFileName(partSuffix);
  const damaged: string[] = [];
  const read = await readStateFile(join(directory, manifestName), parseManifest);
  if (typeof read === 'string') damaged.push(`${manifestName}: ${read}`);
  const manifest = typeof read === 'string' ? undefined : read;
  const journal = await readJournal(directory, partSuffix);
  if (typeof journal === 'string') damaged.push(`${journalFileName(partSuffix)}: ${journal}`);
  return { directory, existing, manifest, journal: typeof journal === 'string' ? undefined : journal, damaged };
}

/**
 * mkdir -p one level at a time: Node's recursive mkdir spins forever on some pseudo file systems
 * (`/proc/x/y` loops on ENOENT), where creating each missing level in turn fails at once.
 */
async function makeDirectories(directory: string): Promise<void> {
  const missing: string[] = [];
  for (let path = directory; ; path = dirname(path)) {
    const exists = await stat(path).then(() => true, () => false);
    if (exists || dirname(path) === path) break;
    missing.unshift(path);
  }
  for (const path of missing) {
    await mkdir(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  }
}

/**
 * Removes temporary files left by an earlier run of the same file set that died without cleaning up. Run
 * while holding that file set's lock: a whole-table run (or merge) removes only whole-table temporaries,
 * a part run only its part's, so runs of other parts sharing the directory keep theirs.
 */
export async function removeStaleTempFiles(directory: string, partSuffix: string): Promise<void> {
  for (const name of await readdir(directory)) {
    const sameSet = partSuffix === '' ? !PART_NAME.test(name) : name.includes(`${partSuffix}.`);
    if (TEMP_FILE.test(name) && sameSet) await rm(join(directory, name), { force: true });
  }
}
