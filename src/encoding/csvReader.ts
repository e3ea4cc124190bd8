// A streaming reader of line-based text records: reads a source (a file, or bytes in memory) in 1 MB
// chunks, checks its UTF-8 and hashes it as it goes, and pushes the text to a record splitter, which
// hands each record to a callback as an array of field strings (reused between records: copy what you
// keep). readCsv splits with csvRecords' RecordParser (malformed CSV throws its CsvFormatError with the
// line); readJsonLines with JsonLinesParser. Byte-level findings (invalid UTF-8, NUL bytes) are reported
// by physical line, found with native scans of each chunk.
import { createHash } from 'node:crypto';
import { isAscii, isUtf8 } from 'node:buffer';
import { fileSource, type ByteSource } from './byteSource.js';
import { RecordParser, type RecordHandler, type RecordLimits } from './csvRecords.js';
import { JsonLinesParser } from './jsonLinesRecords.js';
import { completeSequencesEnd, invalidSequenceOffsets } from './utf8.js';

export { CsvFormatError, type RecordHandler } from './csvRecords.js';

// 64 KB, not 1 MB: a decoded chunk's string stays out of V8's large-object space (over 128 KB), where
// finding line ends cost ~12x in validate; `profile` on staging: 0.94x the CPU, 194 vs 236-251 MB peak.
const CHUNK_BYTES = 64 << 10;
const LF = 10;
const CR = 13;
const QUOTE = 34;

export interface CsvReadOptions extends RecordLimits {
  /** Called for each invalid UTF-8 sequence (its bytes are read as U+FFFD). */
  readonly onInvalidUtf8?: (line: number) => void;
  /** Called once for each line holding a NUL byte (which PostgreSQL's COPY rejects). */
  readonly onNul?: (line: number) => void;
  readonly chunkBytes?: number;
  /** Checked after each chunk: true ends the read early (the stats then cover what was read). */
  readonly shouldStop?: () => boolean;
  /** The line the text starts on (default 1): for a byte range of a file read on its own. */
  readonly firstLine?: number;
  /** False skips the sha256 (`sha256` is then empty): a byte range's hash is no file's. */
  readonly hash?: boolean;
  /**
   * Takes the whole lines of a plain chunk (ASCII, without a quote, CR or NUL, read while no record is
   * open) as bytes instead of text: one record a line, for a reader that checks bytes without making a
   * string per field. readCsv only; chunks are then cut at their last line end.
   */
  readonly plainLines?: PlainLines;
}

/**
 * Receives `bytes[start, end)`: whole LF-ended lines (the file's last line may lack its LF), the first
 * on line `firstLine`; each line is one record, which the receiver reads as RecordParser would. Returns
 * the number of lines (records) it read.
 */
// Uint8Array, not Buffer: this type is part of the package's declarations, which must check without
// @types/node (the reader always passes a Buffer).
export type PlainLines = (bytes: Uint8Array, start: number, end: number, firstLine: number) => number;

export interface CsvStats {
  /** The source's bytes (a gzip file's compressed bytes, as are `sha256`'s). */
  readonly bytes: number;
  /** Records including the header (JSON lines: the data records, there is no header line). */
  readonly records: number;
  readonly sha256: string;
  readonly crlfRecords: number;
  readonly invalidUtf8: number;
  /** The line after the last one read. */
  readonly nextLine: number;
}

/** What the byte loop needs of a record splitter. */
interface TextRecordSplitter {
  push(text: string, final: boolean): void;
  /** True when no record is open (every pushed text was parsed to its end); CSV only. */
  readonly idle?: boolean;
  /** Counts `lines` one-line records read elsewhere (see CsvReadOptions.plainLines); CSV only. */
  skipLines?(lines: number): void;
  nextTextLine(): number;
  readonly line: number;
  readonly records: number;
  readonly crlf: number;
}

/** Reads `source` (a path is a file) record by record; resolves with its size, record count and sha256. */
export function readCsv(source: ByteSource | string, onRecord: RecordHandler, options: CsvReadOptions = {}): Promise<CsvStats> {
  const input = typeof source === 'string' ? fileSource(source) : source;
  const parser = new RecordParser(input.name, onRecord, options);
  if (options.firstLine !== undefined) parser.line = options.firstLine;
  return readText(input, parser, options);
}

/**
 * Reads JSON lines (one object of scalars per line) as records: first a header of the first object's
 * keys, then each line's values as text (see JsonLinesParser); line numbers are physical lines.
 */
export function readJsonLines(source: ByteSource, onRecord: RecordHandler, options: CsvReadOptions = {}): Promise<CsvStats> {
  const { plainLines: _plainLines, ...textOnly } = options;
  return readText(source, new JsonLinesParser(source.name, onRecord, textOnly), textOnly);
}

async function readText(input: ByteSource, parser: TextRecordSplitter, options: CsvReadOptions): Promise<CsvStats> {
  const chunkBytes = options.chunkBytes ?? CHUNK_BYTES;
  const reader = await input.open();
  try {
    const plainLines = options.plainLines;
    // A chunk cut at its last line end carries up to a chunk of bytes into the next read.
    const buffer = Buffer.allocUnsafe(plainLines ? 2 * chunkBytes + 4 : chunkBytes + 4);
    const hash = options.hash === false ? undefined : createHash('sha256');
    let lastNulLine = 0;
    let carried = 0;
    let bytes = 0;
    let invalid = 0;
    for (;;) {
      const bytesRead = await reader.read(buffer, carried, chunkBytes);
      const final = bytesRead === 0;
      if (!final) hash?.update(buffer.subarray(carried, carried + bytesRead));
      bytes += bytesRead;
      const end = carried + bytesRead;
      let cut = final ? end : completeSequencesEnd(buffer, end);
      if (plainLines && !final) {
        const lineEnd = buffer.lastIndexOf(LF, end - 1);
        if (lineEnd >= 0 && end - (lineEnd + 1) <= chunkBytes) cut = lineEnd + 1;
      }
      const view = buffer.subarray(0, cut);
      // ASCII (the usual case) is valid UTF-8 and decodes as latin1, a plain copy.
      const ascii = isAscii(view);
      // Plain only up to a line end (a line longer than a chunk is read as text).
      if (plainLines && ascii && (final || buffer[cut - 1] === LF) && parser.idle && view.indexOf(QUOTE) < 0 && view.indexOf(CR) < 0 && view.indexOf(0) < 0) {
        parser.skipLines?.(plainLines(view, 0, cut, parser.line));
      } else {
        if (!ascii && !isUtf8(view)) {
          const offsets = invalidSequenceOffsets(view, Number.MAX_SAFE_INTEGER);
          invalid += offsets.length;
          if (options.onInvalidUtf8) for (const line of linesAt(view, offsets, parser.nextTextLine())) options.onInvalidUtf8(line);
        }
        const nuls = options.onNul ? firstNulPerLine(view) : [];
        if (options.onNul && nuls.length > 0) {
          for (const line of linesAt(view, nuls, parser.nextTextLine())) {
            // A line cut by the chunk boundary may hold NULs in both chunks: it counts once.
            if (line !== lastNulLine) options.onNul(line);
            lastNulLine = line;
          }
        }
        parser.push(buffer.toString(ascii ? 'latin1' : 'utf8', 0, cut), final);
      }
      if (final || options.shouldStop?.()) break;
      buffer.copy(buffer, 0, cut, end);
      carried = end - cut;
    }
    // A decoding source (gzip) reports the bytes of the file itself.
    const own = reader.digest?.() ?? { bytes, sha256: hash ? hash.digest('hex') : '' };
    return { bytes: own.bytes, records: parser.records, sha256: own.sha256, crlfRecords: parser.crlf, invalidUtf8: invalid, nextLine: parser.line };
  } finally {
    await reader.close();
  }
}

/** The line of each of `offsets` (ascending) in `bytes`, whose first byte is on line `firstLine`. */
function linesAt(bytes: Buffer, offsets: readonly number[], firstLine: number): number[] {
  const lines: number[] = [];
  let line = firstLine;
  let counted = 0;
  for (const offset of offsets) {
    for (let at = bytes.indexOf(LF, counted); at >= 0 && at < offset; at = bytes.indexOf(LF, at + 1)) {
      line++;
      counted = at + 1;
    }
    lines.push(line);
  }
  return lines;
}

/** The offset of the first NUL byte of each line of `bytes` that holds one. */
function firstNulPerLine(bytes: Buffer): number[] {
  const offsets: number[] = [];
  for (let at = bytes.indexOf(0); at >= 0; ) {
    offsets.push(at);
    const lineEnd = bytes.indexOf(LF, at);
    if (lineEnd < 0) break;
    at = bytes.indexOf(0, lineEnd + 1);
  }
  return offsets;
}
