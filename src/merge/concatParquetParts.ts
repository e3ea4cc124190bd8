import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { parquetMetadataAsync, type FileMetaData } from 'hyparquet';
import { UsageError } from '../errors.js';
import { PARQUET_MAGIC } from '../encoding/parquet/parquetLayout.js';
import type { ParquetTableAssembler } from '../encoding/parquet/tableAssembler.js';
import type { TableFileWriter } from '../writer/tableFileWriter.js';
import type { PartFile } from './partSet.js';

const CHUNK_BYTES = 1024 * 1024;
const TAIL_BYTES = 8;

function arrayBufferOf(bytes: Uint8Array): ArrayBuffer {
  return Uint8Array.prototype.slice.call(bytes).buffer as ArrayBuffer;
}

/**
 * Appends one table's Parquet part files to `writer` as one file: the magic, every part's row groups as
 * they are (streamed, never decoded), and one footer listing them all. Each part's sha256 is checked
 * against its part manifest as it is read. The rows are the full run's, in order; the row groups are
 * cut where the parts were (a full run cuts only every 65,536 ids), so the bytes are not a full run's.
 */
export async function concatParquetParts(writer: TableFileWriter, parts: readonly PartFile[], assembler: ParquetTableAssembler, signal?: AbortSignal): Promise<void> {
  await writer.write(PARQUET_MAGIC, 0);
  for (const part of parts) {
    signal?.throwIfAborted();
    const name = basename(part.path);
    const handle = await open(part.path, 'r');
    try {
      const { size } = await handle.stat();
      const read = async (start: number, end: number): Promise<Uint8Array> => {
        const target = new Uint8Array(Math.max(0, end - start));
        const { bytesRead } = await handle.read(target, 0, target.length, start);
        return target.subarray(0, bytesRead);
      };
      const file = { byteLength: size, slice: async (start: number, end?: number) => arrayBufferOf(await read(start, end ?? size)) };
      const metadata: FileMetaData = await parquetMetadataAsync(file).catch((error: unknown) => {
        throw new UsageError(`${name} is not a Parquet file merge can join (${(error as Error).message})`);
      });
      const tail = new DataView(arrayBufferOf(await read(size - TAIL_BYTES, size)));
      const bodyEnd = size - TAIL_BYTES - tail.getUint32(0, true);
      assembler.place(metadata, bodyEnd - PARQUET_MAGIC.length);
      // The whole part is hashed (its sha256 is in the part manifest); only its body is copied.
      const hash = createHash('sha256');
      for (let at = 0; at < size; at += CHUNK_BYTES) {
        signal?.throwIfAborted();
        const chunk = await read(at, Math.min(size, at + CHUNK_BYTES));
        hash.update(chunk);
        const from = Math.max(at, PARQUET_MAGIC.length);
        const to = Math.min(at + chunk.length, bodyEnd);
        if (to > from) await writer.write(chunk.subarray(from - at, to - at), 0);
      }
      if (hash.digest('hex') !== part.entry.sha256) {
        throw new UsageError(`${name} does not match the sha256 in its part manifest: the file changed or is incomplete`);
      }
    } finally {
      await handle.close();
    }
  }
  await writer.write(await assembler.footer(() => Promise.reject(new UsageError('no Parquet part to take the columns from'))), 0);
}
