// The RFC 4180 record splitter every CSV reader here shares: the streaming file reader (csvReader) pushes
// text a chunk at a time, parseRecords hands it a whole text at once (JSON samples). Quoted fields may
// span pushes and lines; doubled quotes are unescaped; CRLF line ends are accepted and counted.
// Malformed CSV (an unterminated quote, text after a closing quote, a quote inside an unquoted field)
// throws CsvFormatError with the line, since nothing after it can be trusted.
//
// Linear time whatever the input: the next comma, quote and line end are each searched for once and
// remembered until the parse moves past them (a search per record would rescan the rest of the text for
// every line that lacks the character), and a record that spans pushes is parsed again only once the
// text waiting for it has doubled. Bounded memory: a record keeps at most `maxFields` field strings
// (the rest are only counted) and may not be longer than MAX_RECORD_CHARS.

import { FormatError } from './formatError.js';

/** A record longer than this is taken for an unterminated quote rather than read into memory. */
export const MAX_RECORD_CHARS = 16 << 20;
/** Fields a record may hold by default; a record with more is handed to `onWideRecord` with its count. */
export const MAX_RECORD_FIELDS = 10_000;
const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

export class CsvFormatError extends FormatError {
  constructor(file: string, line: number, reason: string) {
    super(file, line, `${file} line ${line}: malformed CSV: ${reason}`);
  }
}

/** Receives each record and the physical line it starts on (the header is line 1). */
export type RecordHandler = (fields: readonly string[], line: number) => void;

/** Receives a record with more than `maxFields` fields instead of the record handler: its line and its number of fields. */
type WideRecordHandler = (line: number, fieldCount: number) => void;

export interface RecordLimits {
  /** Most fields a record may have (default MAX_RECORD_FIELDS). */
  readonly maxFields?: number;
  /** Called for a record with more fields; without it such a record throws CsvFormatError. */
  readonly onWideRecord?: WideRecordHandler;
}

/** Splits pushed text into records; the fields array handed to `emit` is reused between records. */
export class RecordParser {
  private readonly fields: string[] = [];
  private readonly maxFields: number;
  /** Text of an incomplete record (and anything after it) left by the last parse. */
  private leftover = '';
  /** Text pushed since the last parse. */
  private pending: string[] = [];
  private pendingChars = 0;
  /** The leftover is parsed again once leftover and pending text reach this many characters. */
  private retryChars = 0;
  /** The text being parsed, and where its next comma, quote and LF are (its length when there is none). */
  private text = '';
  private nextComma = -1;
  private nextQuote = -1;
  private nextLineEnd = -1;
  /** Line on which the next record (or the leftover) starts. */
  line = 1;
  records = 0;
  crlf = 0;

  constructor(
    private readonly file: string,
    private readonly emit: RecordHandler,
    private readonly limits: RecordLimits = {},
  ) {
    this.maxFields = limits.maxFields ?? MAX_RECORD_FIELDS;
  }

  /** True when no record is open: every pushed text was parsed to its end. */
  get idle(): boolean {
    return this.leftover === '' && this.pendingChars === 0;
  }

  /** Counts `lines` one-line records read elsewhere (csvReader's plainLines). */
  skipLines(lines: number): void {
    this.line += lines;
    this.records += lines;
  }

  /** Line at which text pushed next begins: the text not yet parsed may hold newlines. */
  nextTextLine(): number {
    let line = this.line;
    for (const text of [this.leftover, ...this.pending]) {
      for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) line++;
    }
    return line;
  }

  push(chunk: string, final: boolean): void {
    if (chunk.length > 0) {
      this.pending.push(chunk);
      this.pendingChars += chunk.length;
    }
    const unparsed = this.leftover.length + this.pendingChars;
    if (!final && unparsed < this.retryChars) return;
    const text = this.leftover + this.pending.join('');
    this.pending = [];
    this.pendingChars = 0;
    const consumed = this.parse(text, final);
    this.leftover = consumed < text.length ? text.slice(consumed) : '';
    this.text = '';
    if (this.leftover.length > MAX_RECORD_CHARS) {
      throw new CsvFormatError(this.file, this.line, `a record longer than ${MAX_RECORD_CHARS} characters (an unterminated quote?)`);
    }
    this.retryChars = 2 * this.leftover.length;
  }

  private commaFrom(at: number): number {
    if (this.nextComma < at) {
      const found = this.text.indexOf(',', at);
      this.nextComma = found < 0 ? this.text.length : found;
    }
    return this.nextComma;
  }

  private quoteFrom(at: number): number {
    if (this.nextQuote < at) {
      const found = this.text.indexOf('"', at);
      this.nextQuote = found < 0 ? this.text.length : found;
    }
    return this.nextQuote;
  }

  private lineEndFrom(at: number): number {
    if (this.nextLineEnd < at) {
      const found = this.text.indexOf('\n', at);
      this.nextLineEnd = found < 0 ? this.text.length : found;
    }
    return this.nextLineEnd;
  }

  /** Hands on a record of `count` fields (those past maxFields were counted, not kept). */
  private record(line: number, count: number): void {
    this.records++;
    if (count <= this.maxFields) {
      this.emit(this.fields, line);
      return;
    }
    this.fields.length = 0;
    const onWide = this.limits.onWideRecord;
    if (!onWide) throw new CsvFormatError(this.file, line, `a record of ${count} fields (at most ${this.maxFields} are read)`);
    onWide(line, count);
  }

  /** Parses every complete record of `text`; returns where the incomplete rest begins. */
  private parse(text: string, final: boolean): number {
    this.text = text;
    this.nextComma = -1;
    this.nextQuote = -1;
    this.nextLineEnd = -1;
    const length = text.length;
    let position = 0;
    while (position < length) {
      const newline = this.lineEndFrom(position);
      if (newline === length && !final) break;
      if (this.quoteFrom(position) < newline) {
        const next = this.parseQuoted(position, final);
        if (next < 0) break;
        position = next;
        continue;
      }
      // The common case: a record on one line without quotes.
      let end = newline;
      if (end > position && text.charCodeAt(end - 1) === CR) {
        end--;
        this.crlf++;
      }
      this.record(this.line++, this.splitUnquoted(position, end));
      position = newline + 1;
    }
    return Math.min(position, length);
  }

  /** Splits `text[start, end)`, which holds no quote, at its commas; returns the number of fields. */
  private splitUnquoted(start: number, end: number): number {
    const { fields, text, maxFields } = this;
    fields.length = 0;
    let count = 0;
    let from = start;
    for (let comma = this.commaFrom(from); comma < end; comma = this.commaFrom(from)) {
      if (count < maxFields) fields.push(text.slice(from, comma));
      count++;
      from = comma + 1;
    }
    if (count < maxFields) fields.push(text.slice(from, end));
    return count + 1;
  }

  /** Parses one record that holds a quote; returns the position after it, or -1 when it needs more text. */
  private parseQuoted(start: number, final: boolean): number {
    const { fields, text, maxFields } = this;
    const length = text.length;
    fields.length = 0;
    let count = 0;
    let at = start;
    let newlines = 0;
    for (;;) {
      const keep = count < maxFields;
      count++;
      if (at < length && text.charCodeAt(at) === QUOTE) {
        let value = '';
        let segment = at + 1;
        let quote = this.quoteFrom(segment);
        for (;;) {
          if (quote >= length || (quote + 1 >= length && !final)) {
            if (final) throw new CsvFormatError(this.file, this.line, 'unterminated quoted field');
            return -1;
          }
          if (text.charCodeAt(quote + 1) !== QUOTE) break;
          if (keep) value += text.slice(segment, quote + 1);
          segment = quote + 2;
          quote = this.quoteFrom(segment);
        }
        if (keep) fields.push(value + text.slice(segment, quote));
        for (let newline = this.lineEndFrom(at); newline < quote; newline = this.lineEndFrom(newline + 1)) newlines++;
        at = quote + 1;
        if (at >= length) {
          if (!final) return -1;
          return this.finishRecord(newlines, count, length);
        }
        const next = text.charCodeAt(at);
        if (next === COMMA) {
          at++;
          continue;
        }
        if (next === LF) return this.finishRecord(newlines, count, at + 1);
        if (next === CR) {
          if (at + 1 >= length && !final) return -1;
          if (text.charCodeAt(at + 1) === LF) {
            this.crlf++;
            return this.finishRecord(newlines, count, at + 2);
          }
        }
        throw new CsvFormatError(this.file, this.line + newlines, 'text after a closing quote (a field must be wholly quoted or not at all)');
      }
      const newline = this.lineEndFrom(at);
      if (newline === length && !final) return -1;
      const comma = this.commaFrom(at);
      const endsAtComma = comma < newline;
      if (this.quoteFrom(at) < (endsAtComma ? comma : newline)) {
        throw new CsvFormatError(this.file, this.line + newlines, 'a quote inside an unquoted field (quote the field and double the quote)');
      }
      if (endsAtComma) {
        if (keep) fields.push(text.slice(at, comma));
        at = comma + 1;
        continue;
      }
      let fieldEnd = newline;
      if (fieldEnd > at && text.charCodeAt(fieldEnd - 1) === CR) {
        fieldEnd--;
        this.crlf++;
      }
      if (keep) fields.push(text.slice(at, fieldEnd));
      return this.finishRecord(newlines, count, newline + 1);
    }
  }

  private finishRecord(newlines: number, count: number, next: number): number {
    this.record(this.line, count);
    this.line += 1 + newlines;
    return next;
  }
}

/** Every record of a whole CSV text, each as its own array of fields; `name` is what errors call the text. */
export function parseRecords(text: string, name = 'CSV text'): string[][] {
  const records: string[][] = [];
  new RecordParser(name, (fields) => records.push([...fields])).push(text, true);
  return records;
}
