// Reads the plain lines of a CSV range (csvReader's plainLines: ASCII, no quote, CR or NUL) record by
// record from their bytes. A table with a byte checker (PlainRow) has each record checked and taken
// there without a string per field; a record it is not sure of, and every record before the checker
// exists (the header), goes to the string checks as the fields RecordParser would have made of it.
import type { PlainLines, RecordHandler } from '../encoding/csvReader.js';
import { MAX_RECORD_FIELDS } from '../encoding/csvRecords.js';

const COMMA = 44;
const LF = 10;

/** Checks and takes a record from its bytes. */
export interface PlainRow {
  /** Fields a record has (the header's). */
  readonly width: number;
  /** Called with each chunk of lines before its records are taken. */
  chunk(bytes: Buffer, start: number, end: number): void;
  /**
   * Takes the record on `line` whose field i is `bytes[bounds[i], bounds[i + 1] - 1)`, when every check
   * of it passes as the string checks would pass it; false (having changed nothing) when not sure.
   */
  take(bytes: Uint8Array, bounds: Int32Array, line: number): boolean;
}

class PlainLinesReader {
  private readonly fields: string[] = [];
  private bounds = new Int32Array(0);
  /** The chunk as text, made for the first record that needs its fields as strings. */
  private text: string | undefined;

  constructor(
    private readonly row: () => PlainRow | undefined,
    private readonly onRecord: RecordHandler,
    private readonly onWideRecord: (line: number, count: number) => void,
  ) {}

  private boundsFor(width: number): Int32Array {
    if (this.bounds.length < width + 1) this.bounds = new Int32Array(width + 1);
    return this.bounds;
  }

  /** Hands on the record `bytes[lineStart, lineEnd)` of `count` fields as RecordParser would. */
  private asText(bytes: Buffer, start: number, end: number, lineStart: number, lineEnd: number, count: number, line: number): void {
    if (count > MAX_RECORD_FIELDS) {
      this.onWideRecord(line, count);
      return;
    }
    const text = (this.text ??= bytes.toString('latin1', start, end));
    const fields = this.fields;
    fields.length = 0;
    const last = lineEnd - start;
    let from = lineStart - start;
    for (let comma = text.indexOf(',', from); comma >= 0 && comma < last; comma = text.indexOf(',', from)) {
      fields.push(text.slice(from, comma));
      from = comma + 1;
    }
    fields.push(text.slice(from, last));
    this.onRecord(fields, line);
  }

  /** Takes or hands on the record `bytes[lineStart, lineEnd)` (its field bounds after the first in `bounds`). */
  private record(checker: PlainRow | undefined, bytes: Buffer, start: number, end: number, lineStart: number, lineEnd: number, commas: number, line: number): void {
    if (checker !== undefined && commas + 1 === checker.width) {
      const bounds = this.bounds;
      bounds[0] = lineStart;
      bounds[checker.width] = lineEnd + 1;
      if (checker.take(bytes, bounds, line)) return;
    }
    this.asText(bytes, start, end, lineStart, lineEnd, commas + 1, line);
  }

  readonly read: PlainLines = (chunkBytes, start, end, firstLine) => {
    const bytes = Buffer.isBuffer(chunkBytes) ? chunkBytes : Buffer.from(chunkBytes.buffer, chunkBytes.byteOffset, chunkBytes.byteLength);
    this.text = undefined;
    let checker = this.row();
    checker?.chunk(bytes, start, end);
    let width = checker?.width ?? 0;
    let bounds = this.boundsFor(width);
    let line = firstLine;
    let lineStart = start;
    let commas = 0;
    for (let at = start; at < end; at++) {
      const byte = bytes[at] as number;
      if (byte === COMMA) {
        commas++;
        if (commas < width) bounds[commas] = at + 1;
      } else if (byte === LF) {
        this.record(checker, bytes, start, end, lineStart, at, commas, line);
        // The header read makes the checker.
        if (checker === undefined) {
          checker = this.row();
          checker?.chunk(bytes, start, end);
          width = checker?.width ?? 0;
          bounds = this.boundsFor(width);
        }
        line++;
        lineStart = at + 1;
        commas = 0;
      }
    }
    // The input's last line, when it lacks its LF.
    if (lineStart < end) {
      this.record(checker, bytes, start, end, lineStart, end, commas, line);
      line++;
    }
    return line - firstLine;
  };
}

/**
 * The plainLines receiver: `row()` is the table's byte checker once it has one; `onRecord` and
 * `onWideRecord` get the other records as RecordParser hands them on.
 */
export function plainLinesReader(row: () => PlainRow | undefined, onRecord: RecordHandler, onWideRecord: (line: number, count: number) => void): PlainLines {
  return new PlainLinesReader(row, onRecord, onWideRecord).read;
}
