// The record splitter for JSON lines, the JSON twin of csvRecords: each line is one object of scalars,
// read into the same field texts the CSV holds, so every reader downstream sees the same records in
// either format. The first object's keys make a header record; each line's values then go to their key's
// place. A number keeps its text as written (`0.00` stays `0.00`, as in the CSV, where JSON.parse would
// give 0), true and false are those words, null and an absent key are the empty field (as in CSV, where
// an empty field is NULL). A key the header lacks is added after the header's columns, so the record is
// wider than the header and field-count checks catch it. Blank lines are skipped; anything that is not
// an object of scalars throws FormatError with its line. Linear time: the next backslash is searched for
// once and remembered until the parse moves past it.
import { MAX_RECORD_CHARS, MAX_RECORD_FIELDS, type RecordHandler, type RecordLimits } from './csvRecords.js';
import { FormatError } from './formatError.js';

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const COLON = 58;
const COMMA = 44;
const CR = 13;

const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 13 || code === 10;
}

/** Characters a JSON number may hold. */
function isNumberChar(code: number): boolean {
  return (code >= 48 && code <= 57) || code === 45 || code === 43 || code === 46 || code === 101 || code === 69;
}

export interface JsonLinesOptions extends RecordLimits {
  /** Called once for each line whose strings hold a NUL character (written as \u0000). */
  readonly onNul?: (line: number) => void;
}

export class JsonLinesParser {
  /** Line of the next line to parse. */
  line = 1;
  /** Data records (there is no header line: the header record comes from the first object). */
  records = 0;
  crlf = 0;
  private leftover = '';
  private header: string[] | undefined;
  /** `"name"` of each header column, to match keys without building them. */
  private quotedKeys: string[] = [];
  private positions = new Map<string, number>();
  private readonly fields: string[] = [];
  private readonly maxFields: number;
  private text = '';
  private nextBackslash = -1;
  private nulReported = false;

  constructor(
    private readonly file: string,
    private readonly emit: RecordHandler,
    private readonly options: JsonLinesOptions = {},
  ) {
    this.maxFields = options.maxFields ?? MAX_RECORD_FIELDS;
  }

  /** The leftover is a part of one line: text pushed next continues the current line. */
  nextTextLine(): number {
    return this.line;
  }

  push(chunk: string, final: boolean): void {
    const text = this.leftover.length > 0 ? this.leftover + chunk : chunk;
    this.text = text;
    this.nextBackslash = -1;
    let start = 0;
    // The leftover holds no line end: the search starts after it.
    for (let newline = text.indexOf('\n', this.leftover.length); newline >= 0; newline = text.indexOf('\n', start)) {
      let end = newline;
      if (end > start && text.charCodeAt(end - 1) === CR) {
        end--;
        this.crlf++;
      }
      this.parseLine(start, end);
      this.line++;
      start = newline + 1;
    }
    if (final && start < text.length) {
      this.parseLine(start, text.length);
      this.line++;
      start = text.length;
    }
    this.leftover = start < text.length ? text.slice(start) : '';
    this.text = '';
    if (this.leftover.length > MAX_RECORD_CHARS) this.fail(`a line longer than ${MAX_RECORD_CHARS} characters`);
  }

  private fail(reason: string): never {
    throw new FormatError(this.file, this.line, `${this.file} line ${this.line}: malformed JSON lines: ${reason}`);
  }

  private skipSpace(at: number, end: number): number {
    const { text } = this;
    while (at < end && isSpace(text.charCodeAt(at))) at++;
    return at;
  }

  private parseLine(start: number, end: number): void {
    const { text } = this;
    let at = this.skipSpace(start, end);
    if (at === end) return;
    if (text.charCodeAt(at) !== OPEN_BRACE) this.fail('a line must hold one JSON object');
    this.nulReported = false;
    const header = this.header;
    const keys: string[] = [];
    const fields = this.fields;
    const width = header ? header.length : 0;
    fields.length = width;
    fields.fill('');
    let extra = 0;
    let next = 0;
    at = this.skipSpace(at + 1, end);
    if (at < end && text.charCodeAt(at) === CLOSE_BRACE) {
      at++;
    } else {
      for (;;) {
        if (at >= end || text.charCodeAt(at) !== QUOTE) this.fail('expected a quoted key');
        // The usual case: the key is the header's next column, matched in place.
        let index = -1;
        const expected = header ? this.quotedKeys[next] : undefined;
        if (expected !== undefined && text.startsWith(expected, at)) {
          index = next;
          at += expected.length;
        } else {
          const [key, after] = this.readString(at, end);
          at = after;
          if (header) index = this.positions.get(key) ?? -1;
          else keys.push(key);
        }
        at = this.skipSpace(at, end);
        if (at >= end || text.charCodeAt(at) !== COLON) this.fail('expected a colon after a key');
        at = this.skipSpace(at + 1, end);
        const [value, after] = this.readValue(at, end);
        at = this.skipSpace(after, end);
        if (!header) {
          fields.push(value);
        } else if (index >= 0) {
          fields[index] = value;
          next = index + 1;
        } else {
          extra++;
          if (width + extra <= this.maxFields) fields.push(value);
        }
        if (at >= end) this.fail('the object is not closed');
        const code = text.charCodeAt(at);
        at++;
        if (code === CLOSE_BRACE) break;
        if (code !== COMMA) this.fail('expected a comma or a closing brace after a value');
        at = this.skipSpace(at, end);
      }
    }
    if (this.skipSpace(at, end) < end) this.fail('text after the object');
    if (!header) this.startHeader(keys);
    this.records++;
    const count = width + extra;
    if (header && count > this.maxFields) {
      if (!this.options.onWideRecord) this.fail(`a record of ${count} fields (at most ${this.maxFields} are read)`);
      this.options.onWideRecord(this.line, count);
      return;
    }
    this.emit(fields, this.line);
  }

  /** The first object's keys become the header record, emitted before its values. */
  private startHeader(keys: readonly string[]): void {
    const values = [...this.fields];
    this.header = [...keys];
    this.quotedKeys = keys.map((key) => JSON.stringify(key));
    keys.forEach((key, index) => {
      if (!this.positions.has(key)) this.positions.set(key, index);
    });
    if (keys.length > this.maxFields) {
      if (!this.options.onWideRecord) this.fail(`an object of ${keys.length} keys (at most ${this.maxFields} are read)`);
      this.options.onWideRecord(this.line, keys.length);
      return;
    }
    this.emit(this.header, this.line);
    this.fields.length = 0;
    this.fields.push(...values);
  }

  private backslashFrom(at: number): number {
    if (this.nextBackslash < at) {
      const found = this.text.indexOf('\\', at);
      this.nextBackslash = found < 0 ? this.text.length : found;
    }
    return this.nextBackslash;
  }

  /** The string starting at the quote `at`, unescaped, and the position after its closing quote. */
  private readString(at: number, end: number): [string, number] {
    const { text } = this;
    const from = at + 1;
    const close = text.indexOf('"', from);
    if (close < 0 || close >= end) this.fail('unterminated string');
    if (this.backslashFrom(from) > close) return [text.slice(from, close), close + 1];
    let value = '';
    let segment = from;
    let position = from;
    for (;;) {
      if (position >= end) this.fail('unterminated string');
      const code = text.charCodeAt(position);
      if (code === QUOTE) {
        return [value + text.slice(segment, position), position + 1];
      }
      if (code !== BACKSLASH) {
        position++;
        continue;
      }
      value += text.slice(segment, position);
      const escape = text.charAt(position + 1);
      if (escape === 'u') {
        const hex = text.slice(position + 2, position + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail(`a bad escape \\u${hex}`);
        const unit = Number.parseInt(hex, 16);
        if (unit === 0 && !this.nulReported && this.options.onNul) {
          this.nulReported = true;
          this.options.onNul(this.line);
        }
        value += String.fromCharCode(unit);
        position += 6;
      } else {
        const replacement = ESCAPES[escape];
        if (replacement === undefined) this.fail(`a bad escape \\${escape}`);
        value += replacement;
        position += 2;
      }
      segment = position;
    }
  }

  /** A scalar's field text and the position after it. */
  private readValue(at: number, end: number): [string, number] {
    const { text } = this;
    if (at >= end) this.fail('a key without a value');
    const code = text.charCodeAt(at);
    if (code === QUOTE) return this.readString(at, end);
    if (isNumberChar(code)) {
      let after = at + 1;
      while (after < end && isNumberChar(text.charCodeAt(after))) after++;
      return [text.slice(at, after), after];
    }
    for (const word of ['true', 'false', 'null'] as const) {
      if (text.startsWith(word, at)) return [word === 'null' ? '' : word, at + word.length];
    }
    if (code === OPEN_BRACE || code === OPEN_BRACKET) this.fail('a nested object or array (a line holds scalars only)');
    this.fail(`an unexpected character ${JSON.stringify(text.charAt(at))}`);
  }
}
