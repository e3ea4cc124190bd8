import { createHash, randomBytes, type Hash } from 'node:crypto';
import { close, createWriteStream, fsync, openSync, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
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

  constructor(readonly finalPath: string) {
    this.tempPath = join(dirname(finalPath), `.${basename(finalPath)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
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

  async commit(): Promise<WrittenFile> {
    const stream = this.stream;
    if (this.failure) throw this.failure;
    const fd = this.fd;
    stream.end();
    await once(stream, 'finish');
    await fsyncFd(fd);
    this.closed = true;
    await closeFd(fd);
    await rename(this.tempPath, this.finalPath);
    return { file: basename(this.finalPath), rows: this.rows, bytes: this.bytes, sha256: this.hash.digest('hex') };
  }

  /** Abandons the file: closes the stream and removes the temporary file. */
  async discard(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.stream.destroy();
      await closeFd(this.fd).catch(() => undefined);
    }
    await rm(this.tempPath, { force: true });
  }
}
