// A large CSV file cut into byte ranges that can be read at the same time (validate's workers). Each
// cut is just after a line end; whether it is also a record boundary (and not inside a quoted field
// that spans lines) is only known once the range before it has been read from a boundary: a range
// read without error to its end proves the next cut (see validate's datasetValidation, which reads the
// rest of the file as one range when a cut was wrong). The header, needed by every range, is the first
// line, so a file whose first line holds a quote is not cut.
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { ByteReader, ByteSource, RangeReader } from '../encoding/byteSource.js';
import { MAX_RECORD_FIELDS } from '../encoding/csvRecords.js';

const LF = 10;
/** The first line is looked for this far. */
const HEADER_LIMIT = 1 << 20;
/** A line end is looked for this far past each cut. */
const SEEK_BYTES = 1 << 16;

export interface CsvRanges {
  /** The header's fields (the first line split at its commas). */
  readonly header: readonly string[];
  /** [start, end) byte offsets, in order, covering the file. */
  readonly ranges: readonly (readonly [number, number])[];
}

/** Bytes a range's file is read in: its reader asks for less at a time (see validate's chunkScan). */
const FILE_READ_BYTES = 1 << 20;

/**
 * Full-size read blocks of closed readers, kept for the thread's next range: validate's workers read a
 * range per task, and a fresh megabyte per task, freed only by a full collection, left the C heap
 * holding many of them at once (peak RSS) once those collections became rare.
 */
const spareBlocks: Buffer[] = [];
const MAX_SPARE_BLOCKS = 2;

/** Bytes [start, end) of a file, read from its start as a ByteSource (in 1 MB reads, whatever the reader asks for). */
export function fileRangeSource(path: string, start: number, end: number): ByteSource {
  return {
    name: path,
    async open(): Promise<ByteReader> {
      const handle = await open(path, 'r');
      let position = start;
      const size = Math.max(0, Math.min(FILE_READ_BYTES, end - start));
      const block = (size === FILE_READ_BYTES ? spareBlocks.pop() : undefined) ?? Buffer.allocUnsafe(size);
      let held = 0;
      let taken = 0;
      let closed = false;
      return {
        async read(target, offset, length) {
          if (taken === held) {
            const wanted = Math.min(block.length, end - position);
            if (wanted <= 0) return 0;
            const { bytesRead } = await handle.read(block, 0, wanted, position);
            position += bytesRead;
            held = bytesRead;
            taken = 0;
            if (bytesRead === 0) return 0;
          }
          const count = Math.min(length, held - taken);
          block.copy(target, offset, taken, taken + count);
          taken += count;
          return count;
        },
        close: () => {
          // Once: a block handed on twice would be read into by two readers.
          if (!closed && block.length === FILE_READ_BYTES && spareBlocks.length < MAX_SPARE_BLOCKS) spareBlocks.push(block);
          closed = true;
          return handle.close();
        },
      };
    },
    openRanges(): never {
      throw new Error(`${path}: a byte range is read from its start only`);
    },
  };
}

/** The sha256 and size of a source's bytes, read from its start. */
export async function hashSource(source: ByteSource): Promise<{ sha256: string; bytes: number }> {
  const reader = await source.open();
  try {
    const hash = createHash('sha256');
    const buffer = Buffer.allocUnsafe(1 << 20);
    let bytes = 0;
    for (let read = await reader.read(buffer, 0, buffer.length); read > 0; read = await reader.read(buffer, 0, buffer.length)) {
      hash.update(buffer.subarray(0, read));
      bytes += read;
    }
    return { sha256: hash.digest('hex'), bytes };
  } finally {
    await reader.close();
  }
}

/**
 * Ranges of about `rangeBytes` each, cut just after a line end; undefined when the source is smaller
 * than two ranges, or its first line is not a plain header (it holds a quote, or is not found).
 */
export async function csvRanges(source: ByteSource, rangeBytes: number): Promise<CsvRanges | undefined> {
  const reader = await source.openRanges();
  try {
    return await cutRanges(reader, rangeBytes);
  } finally {
    await reader.close();
  }
}

async function cutRanges(reader: RangeReader, rangeBytes: number): Promise<CsvRanges | undefined> {
  const size = reader.byteLength;
  if (size < 2 * rangeBytes) return undefined;
  const head = await reader.slice(0, Math.min(size, HEADER_LIMIT));
  const headerEnd = head.indexOf(LF);
  if (headerEnd < 0) return undefined;
  let line = Buffer.from(head.buffer, head.byteOffset, headerEnd).toString('utf8');
  if (line.includes('"')) return undefined;
  if (line.endsWith('\r')) line = line.slice(0, -1);
  const header = line.split(',');
  if (header.length > MAX_RECORD_FIELDS) return undefined;
  const cuts = [0];
  for (let target = Math.max(rangeBytes, headerEnd + 1); target < size - rangeBytes / 2; target += rangeBytes) {
    const last = cuts[cuts.length - 1] as number;
    if (target <= last) continue;
    const probe = await reader.slice(target, Math.min(size, target + SEEK_BYTES));
    const at = probe.indexOf(LF);
    if (at < 0) continue;
    const cut = target + at + 1;
    if (cut < size) cuts.push(cut);
  }
  if (cuts.length < 2) return undefined;
  return { header, ranges: cuts.map((start, index) => [start, cuts[index + 1] ?? size] as const) };
}
