// The text of a gzip file (ours hold one gzip member per shard, one after another), decompressed as it is
// read, in the reader's bounded chunks. The stored bytes are hashed on the way in: a manifest's size and
// sha256 are the file's, not its text's.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { ByteReader, ByteSource } from './byteSource.js';
import { FormatError } from './formatError.js';

const RAW_CHUNK_BYTES = 1 << 20;

export function gunzipSource(stored: ByteSource): ByteSource {
  return {
    name: stored.name,
    openRanges: () => stored.openRanges(),
    async open(): Promise<ByteReader> {
      const raw = await stored.open();
      const hash = createHash('sha256');
      let rawBytes = 0;
      async function* storedChunks(): AsyncGenerator<Uint8Array> {
        for (;;) {
          const chunk = new Uint8Array(RAW_CHUNK_BYTES);
          const count = await raw.read(chunk, 0, chunk.length);
          if (count === 0) return;
          const bytes = chunk.subarray(0, count);
          hash.update(bytes);
          rawBytes += count;
          yield bytes;
        }
      }
      const input = Readable.from(storedChunks());
      const gunzip = createGunzip();
      input.on('error', (error) => gunzip.destroy(error));
      input.pipe(gunzip);
      const output = gunzip[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
      let pending: Buffer | undefined;
      let ended = false;
      return {
        async read(target, offset, length) {
          while (!pending || pending.length === 0) {
            if (ended) return 0;
            let next: IteratorResult<Buffer>;
            try {
              next = await output.next();
            } catch (error) {
              const code = (error as NodeJS.ErrnoException).code;
              // zlib's codes (Z_DATA_ERROR, Z_BUF_ERROR): the file's fault, not the system's.
              if (typeof code === 'string' && code.startsWith('Z_')) throw new FormatError(stored.name, 0, `${stored.name}: not valid gzip data (${(error as Error).message})`);
              throw error;
            }
            if (next.done) {
              ended = true;
              return 0;
            }
            pending = next.value;
          }
          const count = Math.min(length, pending.length);
          target.set(pending.subarray(0, count), offset);
          pending = pending.subarray(count);
          return count;
        },
        async close() {
          input.destroy();
          gunzip.destroy();
          await raw.close();
        },
        digest: () => ({ bytes: rawBytes, sha256: hash.digest('hex') }),
      };
    },
  };
}
