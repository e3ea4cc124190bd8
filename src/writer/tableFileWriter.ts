import { createHash, type Hash } from 'node:crypto';
import { close, createWriteStream, fsync, openSync, type WriteStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { promisify } from 'node:util';
import { basename } from 'node:path';
import { RuntimeFailure } from '../errors.js';
import { publishFile, temporaryPath } from './atomicFile.js';

const fsyncFd = promisify(fsync);
const closeFd = promisify(close);

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

/**
 * One output file, written under a temporary name beside its final one, hashed as it goes, fsynced and
 * renamed only when complete: the final name never holds a partial file.
 */
export class TableFileWriter {
  private readonly stream: WriteStream;
  private readonly hash: Hash = createHash('sha256');
  private bytes = 0;
  private rows = 0;
  private closed = false;
  private failure: Error | undefined;
  private readonly fd: number;
  readonly tempPath: string;
  private readonly convertedPath: string;

  constructor(readonly finalPath: string) {
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
    const flushed = this.stream.write(chunk, (error) => {
      if (!error) onWritten?.();
    });
    // once() rejects if the stream errors while we wait, so a full disk surfaces here.
    if (!flushed) await once(this.stream, 'drain').catch((error: unknown) => Promise.reject(this.wrap(error)));
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
      await fsyncFd(fd);
      this.closed = true;
      await closeFd(fd);
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
    if (error instanceof RuntimeFailure) return error;
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOSPC' ? 'no space left on device (ENOSPC)' : code ? `${(error as Error).message.split(',')[0]} (${code})` : (error as Error).message;
    return new RuntimeFailure(`writing ${basename(this.finalPath)} failed: ${reason}`);
  }

  /** Abandons the file: closes the stream and removes the temporary file. */
  async discard(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.stream.destroy();
      await closeFd(this.fd).catch(() => undefined);
    }
    await rm(this.tempPath, { force: true });
    await rm(this.convertedPath, { force: true });
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
