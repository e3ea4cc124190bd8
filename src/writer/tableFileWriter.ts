import { createHash, randomBytes, type Hash } from 'node:crypto';
import { close, createWriteStream, fsync, openSync, type WriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { promisify } from 'node:util';
import { basename, dirname, join } from 'node:path';

const fsyncFd = promisify(fsync);
const closeFd = promisify(close);

export interface WrittenFile {
  readonly file: string;
  readonly rows: number;
  readonly bytes: number;
  readonly sha256: string;
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
    const unique = `${process.pid}-${randomBytes(4).toString('hex')}`;
    this.tempPath = join(dirname(finalPath), `.${basename(finalPath)}.${unique}.tmp`);
    this.convertedPath = join(dirname(finalPath), `.${basename(finalPath)}.${unique}.converted.tmp`);
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
    if (this.failure) throw this.failure;
    const flushed = this.stream.write(chunk, (error) => {
      if (!error) onWritten?.();
    });
    // once() rejects if the stream errors while we wait, so a full disk surfaces here.
    if (!flushed) await once(this.stream, 'drain');
  }

  /**
   * Completes the file. With `convert`, the written file is an intermediate (CSV on its way to Parquet):
   * the converted file is what gets hashed, fsynced and renamed into place.
   */
  async commit(convert?: (sourcePath: string, targetPath: string) => Promise<void>): Promise<WrittenFile> {
    const stream = this.stream;
    if (this.failure) throw this.failure;
    const fd = this.fd;
    stream.end();
    await once(stream, 'finish');
    await fsyncFd(fd);
    this.closed = true;
    await closeFd(fd);
    if (!convert) {
      await rename(this.tempPath, this.finalPath);
      return { file: basename(this.finalPath), rows: this.rows, bytes: this.bytes, sha256: this.hash.digest('hex') };
    }
    await convert(this.tempPath, this.convertedPath);
    await rm(this.tempPath, { force: true });
    const converted = await hashFile(this.convertedPath);
    await rename(this.convertedPath, this.finalPath);
    return { file: basename(this.finalPath), rows: this.rows, bytes: converted.bytes, sha256: converted.sha256 };
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

/** sha256 and size of a file, streamed; fsynced first so the rename that follows is durable. */
async function hashFile(path: string): Promise<{ sha256: string; bytes: number }> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
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
