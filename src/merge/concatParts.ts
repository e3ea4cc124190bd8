import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { UsageError } from '../errors.js';
import type { TableFileWriter } from '../writer/tableFileWriter.js';
import type { PartFile } from './partSet.js';

const NEWLINE = 0x0a;

/**
 * Appends one table's part files to `writer`, streaming (memory stays at a few chunks whatever the
 * size). With `header`, each part starts with the same header line and only the first part's is
 * kept. Each part's sha256 is checked against its part manifest as it is read.
 */
export async function concatParts(writer: TableFileWriter, parts: readonly PartFile[], options: { readonly header: boolean; readonly signal?: AbortSignal }): Promise<void> {
  let firstHeader: Buffer | undefined;
  for (const part of parts) {
    options.signal?.throwIfAborted();
    const hash = createHash('sha256');
    // Until the end of the header line is seen, its bytes collect here (the line may span chunks).
    let pendingHeader: Buffer[] | undefined = options.header ? [] : undefined;
    for await (const chunk of createReadStream(part.path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
      options.signal?.throwIfAborted();
      hash.update(chunk);
      if (!pendingHeader) {
        await writer.write(chunk, 0);
        continue;
      }
      const end = chunk.indexOf(NEWLINE);
      if (end < 0) {
        pendingHeader.push(chunk);
        continue;
      }
      const header = Buffer.concat([...pendingHeader, chunk.subarray(0, end + 1)]);
      const earlier = pendingHeader;
      pendingHeader = undefined;
      if (!firstHeader) {
        firstHeader = header;
        for (const piece of [...earlier, chunk]) await writer.write(piece, 0);
        continue;
      }
      if (!header.equals(firstHeader)) throw new UsageError(`${basename(part.path)} has another header than part 1: the parts are not of one table`);
      if (end + 1 < chunk.length) await writer.write(chunk.subarray(end + 1), 0);
    }
    if (pendingHeader) throw new UsageError(`${basename(part.path)} has no header line`);
    if (hash.digest('hex') !== part.entry.sha256) {
      throw new UsageError(`${basename(part.path)} does not match the sha256 in its part manifest: the file changed or is incomplete`);
    }
  }
}
