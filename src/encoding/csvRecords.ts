// The RFC 4180 record splitter every CSV reader here shares: the streaming file reader (csvReader) pushes
// text a chunk at a time, parseRecords hands it a whole text at once (JSON samples). Quoted fields may
// span pushes and lines; doubled quotes are unescaped; CRLF line ends are accepted and counted.
// Malformed CSV (an unterminated quote, text after a closing quote, a quote inside an unquoted field)
// throws CsvFormatError with the line, since nothing after it can be trusted.

/** A record longer than this is taken for an unterminated quote rather than read into memory. */
const MAX_RECORD_CHARS = 16 << 20;
const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

export class CsvFormatError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    reason: string,
  ) {
    super(`${file} line ${line}: malformed CSV: ${reason}`);
  }
}

/** Receives each record and the physical line it starts on (the header is line 1). */
export type RecordHandler = (fields: readonly string[], line: number) => void;

/** Splits pushed text into records; the fields array handed to `emit` is reused between records. */
export class RecordParser {
  private readonly fields: string[] = [];
  private leftover = '';
  /** Line on which the next record (or the leftover) starts. */
  line = 1;
  records = 0;
  crlf = 0;

  constructor(
    private readonly file: string,
    private readonly emit: RecordHandler,
  ) {}

  /** Line at which text pushed next begins: the leftover may hold quoted newlines. */
  nextTextLine(): number {
    let line = this.line;
    for (let at = this.leftover.indexOf('\n'); at >= 0; at = this.leftover.indexOf('\n', at + 1)) line++;
    return line;
  }

  push(chunk: string, final: boolean): void {
    const text = this.leftover.length > 0 ? this.leftover + chunk : chunk;
    const consumed = this.parse(text, final);
    this.leftover = consumed < text.length ? text.slice(consumed) : '';
    if (this.leftover.length > MAX_RECORD_CHARS) {
      throw new CsvFormatError(this.file, this.line, `a record longer than ${MAX_RECORD_CHARS} characters (an unterminated quote?)`);
    }
  }

  private record(line: number): void {
    this.records++;
    this.emit(this.fields, line);
  }

  /** Parses every complete record of `text`; returns where the incomplete rest begins. */
  private parse(text: string, final: boolean): number {
    const length = text.length;
    const fields = this.fields;
    let position = 0;
    let quoteAt = -1;
    while (position < length) {
      let newline = text.indexOf('\n', position);
      if (newline < 0) {
        if (!final) break;
        newline = length;
      }
      if (quoteAt < position) {
        quoteAt = text.indexOf('"', position);
        if (quoteAt < 0) quoteAt = length;
      }
      if (quoteAt < newline) {
        const next = this.parseQuoted(text, position, final);
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
      fields.length = 0;
      let start = position;
      for (;;) {
        const comma = text.indexOf(',', start);
        if (comma < 0 || comma >= end) {
          fields.push(text.slice(start, end));
          break;
        }
        fields.push(text.slice(start, comma));
        start = comma + 1;
      }
      this.record(this.line++);
      position = newline + 1;
    }
    return Math.min(position, length);
  }

  /** Parses one record that holds a quote; returns the position after it, or -1 when it needs more text. */
  private parseQuoted(text: string, start: number, final: boolean): number {
    const length = text.length;
    const fields = this.fields;
    fields.length = 0;
    let at = start;
    let newlines = 0;
    for (;;) {
      if (at < length && text.charCodeAt(at) === QUOTE) {
        let value = '';
        let segment = at + 1;
        let search = segment;
        for (;;) {
          const quote = text.indexOf('"', search);
          if (quote < 0 || (quote + 1 >= length && !final)) {
            if (final) throw new CsvFormatError(this.file, this.line, 'unterminated quoted field');
            return -1;
          }
          if (text.charCodeAt(quote + 1) === QUOTE) {
            value += text.slice(segment, quote + 1);
            search = quote + 2;
            segment = search;
            continue;
          }
          value += text.slice(segment, quote);
          for (let newline = text.indexOf('\n', at); newline >= 0 && newline < quote; newline = text.indexOf('\n', newline + 1)) newlines++;
          at = quote + 1;
          break;
        }
        fields.push(value);
        if (at >= length) {
          if (!final) return -1;
          return this.finishRecord(newlines, length);
        }
        const next = text.charCodeAt(at);
        if (next === COMMA) {
          at++;
          continue;
        }
        if (next === LF) return this.finishRecord(newlines, at + 1);
        if (next === CR) {
          if (at + 1 >= length && !final) return -1;
          if (text.charCodeAt(at + 1) === LF) {
            this.crlf++;
            return this.finishRecord(newlines, at + 2);
          }
        }
        throw new CsvFormatError(this.file, this.line + newlines, 'text after a closing quote (a field must be wholly quoted or not at all)');
      }
      const comma = text.indexOf(',', at);
      let newline = text.indexOf('\n', at);
      if (newline < 0) {
        if (!final) return -1;
        newline = length;
      }
      const end = comma >= 0 && comma < newline ? comma : newline;
      const quote = text.indexOf('"', at);
      if (quote >= 0 && quote < end) {
        throw new CsvFormatError(this.file, this.line + newlines, 'a quote inside an unquoted field (quote the field and double the quote)');
      }
      if (end === comma) {
        fields.push(text.slice(at, end));
        at = end + 1;
        continue;
      }
      let fieldEnd = newline;
      if (fieldEnd > at && text.charCodeAt(fieldEnd - 1) === CR) {
        fieldEnd--;
        this.crlf++;
      }
      fields.push(text.slice(at, fieldEnd));
      return this.finishRecord(newlines, newline + 1);
    }
  }

  private finishRecord(newlines: number, next: number): number {
    this.record(this.line);
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
