// Where the table readers get their bytes: a file on disk, or bytes already in memory (the unit tests, a
// caller that holds a dataset). Either fills the reader's own buffer, so a file is read in the same
// bounded memory as it always was, and memory data goes through the same UTF-8 checks and hashing.
// Parquet, read from its footer, asks for byte ranges instead.
import { open } from 'node:fs/promises';

/** One reading pass over a source. */
export interface ByteReader {
  /** Copies up to `length` bytes into `target` at `offset`; resolves with how many, 0 at the end. */
  read(target: Uint8Array, offset: number, length: number): Promise<number>;
  close(): Promise<void>;
  /** A decoding reader (gzip) gives the size and sha256 of the stored bytes it has read. */
  digest?(): { readonly bytes: number; readonly sha256: string };
}

/** Reads of any byte range, for formats read from the end (Parquet's footer). */
export interface RangeReader {
  readonly byteLength: number;
  /** Bytes [start, end). */
  slice(start: number, end: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** Bytes that can be read from the start, as many times as needed (session replay reads a table twice). */
export interface ByteSource {
  /** What errors call it: the path of a file, the name of memory data. */
  readonly name: string;
  open(): Promise<ByteReader>;
  openRanges(): Promise<RangeReader>;
}

/** A file; opening it rejects with the system error (ENOENT, EISDIR...) as fs does. */
export function fileSource(path: string): ByteSource {
  return {
    name: path,
    async open(): Promise<ByteReader> {
      const handle = await open(path, 'r');
      return {
        read: async (target, offset, length) => (await handle.read(target, offset, length, null)).bytesRead,
        close: () => handle.close(),
      };
    },
    async openRanges(): Promise<RangeReader> {
      const handle = await open(path, 'r');
      const { size } = await handle.stat();
      return {
        byteLength: size,
        async slice(start, end) {
          const target = new Uint8Array(Math.max(0, end - start));
          let done = 0;
          while (done < target.length) {
            const { bytesRead } = await handle.read(target, done, target.length - done, start + done);
            if (bytesRead === 0) break;
            done += bytesRead;
          }
          return target.subarray(0, done);
        },
        close: () => handle.close(),
      };
    },
  };
}

/** Bytes in memory; a string is taken as its UTF-8 encoding. The bytes are read in place, not copied. */
export function memorySource(name: string, data: Uint8Array | string): ByteSource {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return {
    name,
    open(): Promise<ByteReader> {
      let position = 0;
      return Promise.resolve({
        read(target: Uint8Array, offset: number, length: number): Promise<number> {
          const count = Math.min(length, bytes.length - position);
          target.set(bytes.subarray(position, position + count), offset);
          position += count;
          return Promise.resolve(count);
        },
        close: () => Promise.resolve(),
      });
    },
    openRanges: () => Promise.resolve({ byteLength: bytes.length, slice: (start, end) => Promise.resolve(bytes.subarray(start, end)), close: () => Promise.resolve() }),
  };
}
