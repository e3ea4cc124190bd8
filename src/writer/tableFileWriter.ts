import { createHash, type Hash } from 'node:crypto';
import fs, { createWriteStream, fdatasync, fsync, openSync, type WriteStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { promisify } from 'node:util';
import { basename } from 'node:path';
import { RuntimeFailure } from '../errors.js';
import { publishFile, temporaryPath } from './atomicFile.js';

const fsyncFd = promisify(fsync);
const fdatasyncFd = promisify(fdatasync);

/**
 * Bytes written between two early flushes of a file's data. Without them the kernel holds a large file's
 * pages dirty until the fsync that completes it (its background writeback starts at 10% of memory or after
 * 30 s), and that fsync then writes the whole file while the run waits: ~0.8 s for prod's 750 MB
 * web_events.csv, on the run's critical path. Flushed as they are written, the pages go to the disk while
 * the workers make the next shards, and the closing fsync has only the last few MB left.
 */
const EARLY_FLUSH_BYTES = 64 * 1024 * 1024;

export interface WrittenFile {
  readonly file: string;
  readonly rows: number;
  readonly bytes: number;
  readonly sha256: string;
}

export interface CompletedFile extends WrittenFile {
  /** Where the completed file waits until it is published. */
  readonly tempPath: string;
  /** Renames the completed file to its final name, durably. */
  readonly publish: () => Promise<void>;
}

/** Test hook `ECOMGEN_FAIL_WRITE=<file>:<bytes>:<code>`: fail writing <file> once it passes <bytes>. */
function injectedWriteFailure(fileName: string, bytes: number): NodeJS.ErrnoException | undefined {
  const spec = process.env['ECOMGEN_FAIL_WRITE'];
  if (!spec) return undefined;
  const [file, after, code] = spec.split(':');
  if (file !== fileName || bytes <= Number(after)) return undefined;
  return Object.assign(new Error(`${code ?? 'EIO'}: injected write failure, write`), { code: code ?? 'EIO' });
}

/** A disk error writing `fileName`, in one line naming the file and the cause (a RuntimeFailure as it is). */
export function writeFailure(fileName: string, error: unknown): Error {
  if (error instanceof RuntimeFailure) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const reason = code === 'ENOSPC' ? 'no space left on device (ENOSPC)' : code ? `${(error as Error).message.split(',')[0]} (${code})` : (error as Error).message;
  return new RuntimeFailure(`writing ${fileName} failed: ${reason}`);
}

/**
 * One output file, written under a temporary name beside its final one, hashed as it goes, fsynced and
 * renamed only when complete: the final name never holds a partial file.
 */
export class TableFileWriter {
  private readonly stream: WriteStream;
  private readonly hash: Hash = createHash('sha256');
  private bytes = 0;
  private rows = 0;
  /** Bytes that have reached the file, and those covered by the last early flush started. */
  private written = 0;
  private flushedTo = 0;
  /** The early flush in progress (fdatasync on libuv's pool), at most one at a time. */
  private flushing: Promise<void> | undefined;
  private closed = false;
  private failure: Error | undefined;
  /** Settles once the last chunk written so far has reached the file or failed (the stream calls back in order). */
  private lastWrite: Promise<void> = Promise.resolve();
  private readonly fd: number;
  readonly tempPath: string;
  private readonly convertedPath: string;

  /** `earlyFlushBytes`: bytes written between two early flushes (EARLY_FLUSH_BYTES unless given). */
  constructor(
    readonly finalPath: string,
    private readonly earlyFlushBytes = EARLY_FLUSH_BYTES,
  ) {
    this.tempPath = temporaryPath(finalPath);
    this.convertedPath = this.tempPath.replace(/\.tmp$/, '.converted.tmp');
    this.fd = openSync(this.tempPath, 'wx');
    this.stream = createWriteStream('', { fd: this.fd, highWaterMark: 4 * 1024 * 1024, autoClose: false });
    // Kept for the next write or commit to throw, instead of crashing the process as an unhandled event.
    this.stream.on('error', (error) => {
      this.failure = error;
    });
  }

  /**
   * Writes a chunk, waiting for 'drain' when the stream's buffer is full; `onWritten` runs once the
   * chunk has reached the file, when its memory may be reused.
   */
  async write(chunk: Uint8Array, rows: number, onWritten?: () => void): Promise<void> {
    this.hash.update(chunk);
    this.bytes += chunk.byteLength;
    this.rows += rows;
    this.failure ??= injectedWriteFailure(basename(this.finalPath), this.bytes);
    if (this.failure) throw this.wrap(this.failure);
    let settle!: () => void;
    this.lastWrite = new Promise((resolve) => {
      settle = resolve;
    });
    const flushed = this.stream.write(chunk, (error) => {
      settle();
      if (error) return;
      this.written += chunk.byteLength;
      if (!this.closed && this.flushing === undefined && this.written - this.flushedTo >= this.earlyFlushBytes) this.flushEarly();
      onWritten?.();
    });
    // once() rejects if the stream errors while we wait, so a full disk surfaces here.
    if (!flushed) await once(this.stream, 'drain').catch((error: unknown) => Promise.reject(this.wrap(error)));
  }

  /** Resolves once every chunk written so far has reached the file (or failed: the failure surfaces at the next write or at completion). */
  writesSettled(): Promise<void> {
    return this.lastWrite;
  }

  /** Starts writing the file's data so far to the disk, without waiting; a failure surfaces at the next write or at completion. */
  private flushEarly(): void {
    this.flushedTo = this.written;
    this.flushing = fdatasyncFd(this.fd).then(
      () => {
        this.flushing = undefined;
      },
      (error: unknown) => {
        this.flushing = undefined;
        this.failure ??= error as Error;
      },
    );
  }

  /**
   * Completes the file under its temporary name (flushed, fsynced, hashed); `publish()` then renames it
   * into place. With `convert`, the written file is an intermediate (CSV on its way to Parquet): the
   * converted file is what gets hashed and published.
   */
  async complete(convert?: (sourcePath: string, targetPath: string) => Promise<void>): Promise<CompletedFile> {
    try {
      const stream = this.stream;
      if (this.failure) throw this.failure;
      const fd = this.fd;
      stream.end();
      await once(stream, 'finish');
      await this.flushing;
      if (this.failure) throw this.failure;
      await fsyncFd(fd);
      this.closed = true;
      // Not destroyed (autoClose is off), the stream leaves the descriptor to us. Looked up on `fs` at the
      // call, as the stream does, so a test counting closes sees both.
      await promisify(fs.close)(fd);
      let written: WrittenFile;
      let readyPath = this.tempPath;
      if (!convert) {
        written = { file: basename(this.finalPath), rows: this.rows, bytes: this.bytes, sha256: this.hash.digest('hex') };
      } else {
        await convert(this.tempPath, this.convertedPath);
        await rm(this.tempPath, { force: true });
        const converted = await hashFile(this.convertedPath, { sync: true });
        readyPath = this.convertedPath;
        written = { file: basename(this.finalPath), rows: this.rows, bytes: converted.bytes, sha256: converted.sha256 };
      }
      return { ...written, tempPath: readyPath, publish: () => publishFile(readyPath, this.finalPath) };
    } catch (error) {
      throw this.wrap(error);
    }
  }

  /** Completes and publishes at once. */
  async commit(convert?: (sourcePath: string, targetPath: string) => Promise<void>): Promise<WrittenFile> {
    const completed = await this.complete(convert);
    await completed.publish();
    return completed;
  }

  /** Disk errors name the file and the cause in one line. */
  private wrap(error: unknown): Error {
    return writeFailure(basename(this.finalPath), error);
  }

  /** Abandons the file: closes the stream and removes the temporary file. */
  async discard(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      // An early flush still running holds the descriptor: it is closed once that returns.
      await this.flushing;
      await this.destroyStream();
    }
    await rm(this.tempPath, { force: true });
    await rm(this.convertedPath, { force: true });
  }

  /**
   * Destroying the stream closes its descriptor, whatever autoClose says, once a write in progress is done;
   * closing it here as well would close whatever file took the number in between (another table's, a module
   * being loaded), so the stream alone closes it, and this waits until it has.
   */
  private async destroyStream(): Promise<void> {
    if (this.stream.closed) return;
    const closed = once(this.stream, 'close').catch(() => undefined);
    this.stream.destroy();
    await closed;
  }
}

/**
 * sha256 and size of a file, streamed. With `sync`, the file is fsynced first, so a rename that follows
 * is durable.
 */
export async function hashFile(path: string, options: { readonly sync?: boolean } = {}): Promise<{ sha256: string; bytes: number }> {
  const handle = await open(path, options.sync ? 'r+' : 'r');
  try {
    if (options.sync) await handle.sync();
    const hash = createHash('sha256');
    let bytes = 0;
    for await (const chunk of handle.createReadStream({ autoClose: false, highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      bytes += chunk.length;
    }
    return { sha256: hash.digest('hex'), bytes };
  } finally {
    await handle.close();
  }
}
