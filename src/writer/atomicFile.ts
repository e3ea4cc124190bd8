import { createHash, randomBytes } from 'node:crypto';
import { open, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** What writeFileAtomic accepts: text, bytes, or chunks produced while the file is written. */
export type FileContent = string | Uint8Array | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>;

/**
 * Where a file is written before it is complete: `.<name>.<pid>-<random>.tmp` beside its final name.
 * Hidden, ending in `.tmp` and keeping `<name>` (with its `.part-KKK-of-NNN` suffix) whole, which is
 * what removeStaleTempFiles recognises; the random part keeps two writers of one name apart.
 */
export function temporaryPath(finalPath: string): string {
  return join(dirname(finalPath), `.${basename(finalPath)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

// File systems that cannot fsync a directory say so with these; the rename itself has still happened.
const DIRECTORY_SYNC_UNSUPPORTED = new Set(['EINVAL', 'ENOTSUP', 'EISDIR', 'EPERM']);

/** Makes the renames done in a directory durable: without it a crash can undo a rename already reported. */
export async function syncDirectory(directory: string): Promise<void> {
  // Opening counts as part of the sync: a directory we may write but not read (EACCES) cannot be
  // fsynced, and its rename has already happened, so failing here would report a done write as failed.
  const handle = await open(directory, 'r').catch((error: NodeJS.ErrnoException) => {
    if (DIRECTORY_SYNC_UNSUPPORTED.has(error.code ?? '') || error.code === 'EACCES') return undefined;
    throw error;
  });
  if (handle === undefined) return;
  try {
    await handle.sync();
  } catch (error) {
    if (!DIRECTORY_SYNC_UNSUPPORTED.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** Moves a complete, fsynced temporary file over its final name, durably. */
export async function publishFile(tempPath: string, finalPath: string): Promise<void> {
  await rename(tempPath, finalPath);
  await syncDirectory(dirname(finalPath));
}

/**
 * Writes a whole file so that `finalPath` holds either its old content or the new one, never a part:
 * written under a temporary name, fsynced, renamed over the target, and the directory fsynced. When the
 * write fails, the temporary file is removed and the target is untouched.
 */
export async function writeFileAtomic(finalPath: string, content: FileContent): Promise<void> {
  const tempPath = temporaryPath(finalPath);
  // 'wx': the name is ours alone; never truncate a file something else created.
  const handle = await open(tempPath, 'wx');
  try {
    try {
      await writeFile(handle, content);
      await handle.sync();
    } catch (error) {
      // The write's error is the one to report, not a close that fails after it.
      await handle.close().catch(() => undefined);
      throw error;
    }
    await handle.close();
    await publishFile(tempPath, finalPath);
  } catch (error) {
    // Harmless when the rename already happened: the temporary name is then free.
    await rm(tempPath, { force: true });
    throw error;
  }
}

/** A complete file waiting under its temporary name to be swapped in (writer/swapJournal.ts). */
export interface StagedFile {
  /** Final name, in the directory of `tempPath`. */
  readonly file: string;
  readonly tempPath: string;
  readonly bytes: number;
  readonly sha256: string;
}

/** Writes text to a fsynced temporary file beside `finalPath`, leaving the final name alone. */
export async function writeStagedFile(finalPath: string, content: string): Promise<StagedFile> {
  const tempPath = temporaryPath(finalPath);
  const bytes = Buffer.from(content, 'utf8');
  const handle = await open(tempPath, 'wx');
  try {
    await writeFile(handle, bytes);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(tempPath, { force: true });
    throw error;
  }
  await handle.close();
  return { file: basename(finalPath), tempPath, bytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') };
}
