import { hostname } from 'node:os';
import { link, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { temporaryPath } from './atomicFile.js';

/** Who holds an output directory (or one part's file set in it) for the length of a run. */
export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  /** ISO time the holder started. */
  readonly started: string;
  readonly command: string;
}

/** A held lock; `release` removes the lock file if it is still ours. */
export interface DirectoryLock {
  readonly holder: LockHolder;
  release(): Promise<void>;
}

/** `.ecomgen-lock[.part-KKK-of-NNN].json`: one per part file set, so the parts of one run may share a directory. */
export function lockFileName(partSuffix: string): string {
  return `.ecomgen-lock${partSuffix}.json`;
}

/** A lock file's holder, or undefined when the text is not one (a lock is only ever written whole). */
export function parseLockHolder(text: string): LockHolder | undefined {
  try {
    const value = JSON.parse(text) as Partial<Record<keyof LockHolder, unknown>> | null;
    if (!value || typeof value !== 'object') return undefined;
    const { pid, host, started, command } = value;
    if (typeof pid !== 'number' || typeof host !== 'string' || typeof started !== 'string' || typeof command !== 'string') return undefined;
    return { pid, host, started, command };
  } catch {
    return undefined;
  }
}

/** Whether a process of this host is alive: signal 0 checks without sending anything (EPERM: alive, not ours). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A holder that is certainly gone: a process of this very host that no longer runs. Another host's is never judged. */
export function isStale(holder: LockHolder, host: string = hostname(), alive: (pid: number) => boolean = processAlive): boolean {
  return holder.host === host && holder.pid !== process.pid && !alive(holder.pid);
}

function describeHolder(holder: LockHolder): string {
  return `pid ${holder.pid} on ${holder.host}, started ${holder.started}`;
}

async function readHolder(path: string): Promise<{ text: string; holder: LockHolder | undefined } | undefined> {
  try {
    const text = await readFile(path, 'utf8');
    return { text, holder: parseLockHolder(text) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Takes the lock of `directory` for this part suffix, or refuses (UsageError naming the holder). The lock
 * file is written whole under a temporary name and hard-linked to its final name: link() fails when the
 * name exists, so of two runs exactly one gets it, and a reader never sees a half-written lock. A lock
 * left by a process of this host that is gone is taken over (`onStale` reports it); the take-over moves
 * the stale file aside and checks that what it moved is the very lock it judged, so two runs taking
 * over at once cannot both win.
 */
export async function acquireDirectoryLock(
  directory: string,
  partSuffix: string,
  command: string,
  onStale: (holder: LockHolder) => void,
  flag = '--output-dir',
): Promise<DirectoryLock> {
  const path = join(directory, lockFileName(partSuffix));
  const holder: LockHolder = { pid: process.pid, host: hostname(), started: new Date().toISOString(), command };
  const mine = `${JSON.stringify(holder)}\n`;
  const tempPath = temporaryPath(path);
  await writeFile(tempPath, mine, { flag: 'wx' });
  try {
    for (let attempt = 0; attempt < 10; attempt++) {
      try {
        await link(tempPath, path);
        return { holder, release: () => releaseLock(path, mine) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const current = await readHolder(path);
      if (!current) continue;
      if (!current.holder) {
        throw new UsageError(`${flag}: ${path} is not a lock of ecomgen (unreadable); if no ecomgen run uses ${directory}, remove it`);
      }
      if (!isStale(current.holder)) {
        const otherHost = current.holder.host !== hostname() ? `; if that host is gone, remove ${path} by hand` : '';
        throw new UsageError(`${flag}: ${directory} is in use by another ecomgen run (${describeHolder(current.holder)}: ${current.holder.command})${otherHost}`);
      }
      // Move the stale lock aside, then check it is the one judged stale: if another run replaced it in
      // between, put that live lock back and look again.
      const aside = temporaryPath(path);
      try {
        await rename(path, aside);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw error;
      }
      const moved = await readFile(aside, 'utf8');
      if (moved === current.text) {
        await rm(aside, { force: true });
        onStale(current.holder);
      } else {
        await link(aside, path).catch(() => undefined);
        await rm(aside, { force: true });
      }
    }
    throw new UsageError(`${flag}: could not take the lock ${path}: other runs keep taking it`);
  } finally {
    await rm(tempPath, { force: true });
  }
}

/** Removes the lock only while it still holds what this run wrote. */
async function releaseLock(path: string, mine: string): Promise<void> {
  const current = await readFile(path, 'utf8').catch(() => undefined);
  if (current === mine) await rm(path, { force: true });
}
