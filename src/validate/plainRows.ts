// Reads the plain lines of a CSV range (csvReader's plainLines: ASCII, no quote, CR or NUL) record by
// record from their bytes. A table with a byte checker (PlainRow) has each record checked and taken
// there without a string per field; a record it is not sure of, and every record before the checker
// exists (the header), goes to the string checks as the fields RecordParser would have made of it.
import type { PlainLines, RecordHandler } from '../encoding/csvReader.js';
import { MAX_RECORD_FIELDS } from '../encoding/csvRecords.js';
import type { TableSchema } from '../schema/schemaTypes.js';
import type { DatasetFacts } from './facts.js';
import type { IdIndex } from './idIndex.js';
import type { RowColumns } from './rowColumns.js';
import type { TableLayout } from './tableLayout.js';

const COMMA = 44;
const LF = 10;

/** Checks and takes a record from its bytes, reading its fields as it checks them. */
export interface PlainRow {
  /** Called with each chunk of lines before its records are taken. */
  chunk(bytes: Buffer, start: number, end: number): void;
  /**
   * Takes the record that starts at `lineStart` (and ends at its LF, or at `end` on the input's last
   * line) when it has the header's fields and every check of it passes as the string checks would pass
   * it; returns where the record ends (its LF's index, or `end`). -1, having changed nothing, when not sure.
   */
  take(bytes: Buffer, lineStart: number, end: number, line: number): number;
}

/** What a table's byte checker (webEventBytes, itemBytes, orderBytes, customerBytes, productBytes) is made from: its table, the run's lookups, and where a taken record goes. */
export interface PlainRowSetup {
  readonly schema: TableSchema;
  readonly layout: TableLayout;
  readonly now: string;
  readonly foreignKeys: readonly { readonly at: number; readonly ids: IdIndex | undefined }[];
  readonly columns: RowColumns;
  readonly facts: DatasetFacts;
}

class PlainLinesReader {
  private readonly fields: string[] = [];
  /** The chunk as text, made for the first record that needs its fields as strings. */
  private text: string | undefined;

  constructor(
    private readonly row: () => PlainRow | undefined,
    private readonly onRecord: RecordHandler,
    private readonly onWideRecord: (line: number, count: number) => void,
  ) {}

  /** Hands on the record `bytes[lineStart, lineEnd)` as RecordParser would. */
  private asText(bytes: Buffer, start: number, end: number, lineStart: number, lineEnd: number, line: number): void {
    let count = 1;
    for (let at = lineStart; at < lineEnd; at++) if (bytes[at] === COMMA) count++;
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

  // The checker finds the record's commas and its end as it reads the fields: the bytes are passed over
  // once, where a split first and the checks after passed over them twice. A record it is not sure of is
  // then looked at again, to hand it on as text.
  readonly read: PlainLines = (chunkBytes, start, end, firstLine) => {
    const bytes = Buffer.isBuffer(chunkBytes) ? chunkBytes : Buffer.from(chunkBytes.buffer, chunkBytes.byteOffset, chunkBytes.byteLength);
    this.text = undefined;
    let checker = this.row();
    checker?.chunk(bytes, start, end);
    let line = firstLine;
    let lineStart = start;
    while (lineStart < end) {
      let lineEnd = checker ? checker.take(bytes, lineStart, end, line) : -1;
      if (lineEnd < 0) {
        lineEnd = bytes.indexOf(LF, lineStart);
        // The input's last line, when it lacks its LF.
        if (lineEnd < 0 || lineEnd > end) lineEnd = end;
        this.asText(bytes, start, end, lineStart, lineEnd, line);
        // The header read makes the checker.
        if (checker === undefined) {
          checker = this.row();
          checker?.chunk(bytes, start, end);
        }
      }
      line++;
      lineStart = lineEnd + 1;
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
