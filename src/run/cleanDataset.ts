// `ecomgen clean`: removes datasets, holding each directory's locks so no live run loses its files.
import { lstat, readdir, readFile, rm, rmdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { acquireDirectoryLock, isStale, lockFileName, parseLockHolder, type DirectoryLock, type LockHolder } from '../writer/directoryLock.js';
import { parseJournal } from '../writer/journal.js';
import { parseManifest } from '../writer/manifest.js';
import { readStateFile } from '../writer/stateFields.js';
import { parseSwapJournal } from '../writer/swapJournal.js';
import { JOURNAL_NAME, MANIFEST_NAME, SWAP_JOURNAL_NAME, isStateFileName, partSuffixes, planClean, type CleanPlan, type DatasetState, type DirectoryEntry } from './cleanPlan.js';

export interface CleanReport extends CleanPlan {
  readonly directory: string;
  /** The directory itself was removed (it was empty afterwards); never on a dry run. */
  readonly directoryRemoved: boolean;
}

/** The directory's names, refusing (UsageError, nothing touched) what is not a directory holding a dataset. */
async function datasetNames(directory: string): Promise<string[]> {
  const info = await stat(directory).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`clean: cannot use ${directory} (${error.code === 'ENOENT' ? 'no such directory' : (error.code ?? error.message)})`);
  });
  if (!info.isDirectory()) throw new UsageError(`clean: ${directory} is not a directory`);
  const names = await readdir(directory);
  if (!names.some(isStateFileName)) {
    throw new UsageError(`clean: ${directory} holds no ecomgen dataset (no manifest.json, manifest.part-*.json or run journal); nothing removed`);
  }
  return names;
}

async function entries(directory: string, names: readonly string[]): Promise<DirectoryEntry[]> {
  const listed: DirectoryEntry[] = [];
  for (const name of names) {
    // lstat: a symbolic link is not a file of ours, whatever it points at.
    const info = await lstat(join(directory, name)).catch(() => undefined);
    if (info) listed.push({ name, size: info.isFile() ? info.size : undefined });
  }
  return listed;
}

async function readStates(directory: string, names: readonly string[]): Promise<DatasetState> {
  const read = async <T>(pattern: RegExp, parse: (text: string) => T | string): Promise<Map<string, T | string>> => {
    const states = new Map<string, T | string>();
    for (const name of names.filter((candidate) => pattern.test(candidate))) {
      const state = await readStateFile(join(directory, name), parse);
      if (state !== undefined) states.set(name, state);
    }
    return states;
  };
  return { manifests: await read(MANIFEST_NAME, parseManifest), journals: await read(JOURNAL_NAME, parseJournal), swapJournals: await read(SWAP_JOURNAL_NAME, parseSwapJournal) };
}

function refusal(directory: string, holder: LockHolder): UsageError {
  return new UsageError(`clean: ${directory} is in use by another ecomgen run (pid ${holder.pid} on ${holder.host}, started ${holder.started}: ${holder.command})`);
}

/** A dry run takes no lock (it writes nothing) but refuses the same directories a real one would. */
async function checkNotInUse(directory: string, names: readonly string[]): Promise<void> {
  for (const suffix of partSuffixes(names)) {
    const text = await readFile(join(directory, lockFileName(suffix)), 'utf8').catch(() => undefined);
    const holder = text === undefined ? undefined : parseLockHolder(text);
    if (holder && !isStale(holder)) throw refusal(directory, holder);
  }
}

/** The locks of every file set in the directory (whole tables and each part), or none and a refusal. */
async function lockAll(directory: string, names: readonly string[], onStale: (holder: LockHolder) => void): Promise<DirectoryLock[]> {
  const locks: DirectoryLock[] = [];
  try {
    for (const suffix of partSuffixes(names)) locks.push(await acquireDirectoryLock(directory, suffix, `ecomgen clean${suffix}`, onStale, 'clean'));
    return locks;
  } catch (error) {
    for (const lock of locks) await lock.release();
    throw error;
  }
}

async function removeFiles(directory: string, plan: CleanPlan): Promise<void> {
  for (const file of plan.remove) await rm(join(directory, file.name), { force: true });
}

/** Removes the directory when nothing is left in it; anything that appeared meanwhile keeps it. */
async function removeIfEmpty(directory: string): Promise<boolean> {
  if ((await readdir(directory)).length > 0) return false;
  return rmdir(directory).then(
    () => true,
    () => false,
  );
}

export interface CleanOptions {
  readonly dryRun: boolean;
  /** A lock left by a run that is gone was taken over. */
  readonly onStaleLock?: (directory: string, holder: LockHolder) => void;
}

/**
 * Cleans each directory: every one is checked (a dataset, not in use) and locked before anything is
 * removed, so a bad argument or a live run leaves all of them untouched.
 */
export async function cleanDatasets(directories: readonly string[], options: CleanOptions): Promise<CleanReport[]> {
  const named = new Map<string, string[]>();
  for (const directory of directories) named.set(directory, await datasetNames(directory));
  if (options.dryRun) {
    for (const [directory, names] of named) await checkNotInUse(directory, names);
    const reports: CleanReport[] = [];
    for (const [directory, names] of named) {
      reports.push({ directory, directoryRemoved: false, ...planClean(await entries(directory, names), await readStates(directory, names)) });
    }
    return reports;
  }
  const held = new Map<string, DirectoryLock[]>();
  try {
    for (const [directory, names] of named) held.set(directory, await lockAll(directory, names, (holder) => options.onStaleLock?.(directory, holder)));
    const reports: CleanReport[] = [];
    for (const directory of named.keys()) {
      // Read again under the locks: what a run finished meanwhile is in its records now.
      const names = await readdir(directory);
      const plan = planClean(await entries(directory, names), await readStates(directory, names));
      await removeFiles(directory, plan);
      for (const lock of held.get(directory) ?? []) await lock.release();
      held.delete(directory);
      reports.push({ directory, ...plan, directoryRemoved: await removeIfEmpty(directory) });
    }
    return reports;
  } finally {
    for (const locks of held.values()) for (const lock of locks) await lock.release();
  }
}
