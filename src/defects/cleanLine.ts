// A clean CSV line of a shard as the defect pass reads it. An injector reads one or two fields of a
// ~100-byte line, so the line is not decoded to a string and split (a string per field, most never
// read: ~14 MB of garbage per half of a prod web_events run, issue 15): one pass over its bytes finds
// where each field starts, and a field is decoded only when asked for. Our writer quotes only a field
// holding a comma, quote or line break, so a line without a quote splits on its commas; a line with
// one is parsed whole by the CSV parser, as every line was before.
import { parseRecords } from '../encoding/csvRecords.js';

const COMMA = 44;
const QUOTE = 34;
const NEWLINE = 10;
const EMPTY = Buffer.alloc(0);

export class CleanLine {
  private bytes: Buffer = EMPTY;
  private lineStart = 0;
  private lineEnd = 0;
  /** Where each field starts; field i ends one byte (its comma) before field i + 1 starts, the last at the line's end. */
  private starts: Int32Array = new Int32Array(64);
  private fieldCount = 0;
  /** The fields decoded so far (all of them for a parsed line), by index; reset per line. */
  private readonly decoded: (string | undefined)[] = [];
  /** Whether the line's bytes are known and its commas are its separators (no quote in it). */
  private splittable = false;

  /** A line made from its fields (a row regenerated as text, a test's row): every field known, no bytes. */
  static of(fields: readonly string[]): CleanLine {
    return new CleanLine().fromFields(fields);
  }

  /**
   * Reads the line that starts at `start` of `bytes` and ends at the next line break (or the end of the
   * bytes): one pass finds its end and its fields, no second search for where it ends.
   */
  read(bytes: Buffer, start: number): this {
    this.bytes = bytes;
    this.lineStart = start;
    if (this.decoded.length > 0) this.decoded.length = 0;
    let starts = this.starts;
    starts[0] = start;
    let count = 1;
    const length = bytes.length;
    let at = start;
    for (; at < length; at++) {
      const byte = bytes[at] as number;
      if (byte === COMMA) {
        if (count === starts.length) starts = this.wider();
        starts[count++] = at + 1;
      } else if (byte === NEWLINE) {
        break;
      } else if (byte === QUOTE) {
        return this.parsed(bytes, start, at);
      }
    }
    this.lineEnd = at;
    this.fieldCount = count;
    this.splittable = true;
    return this;
  }

  /** A line with a quote, from `start`, its first quote at `quote`: its end is the first line break outside quotes. */
  private parsed(bytes: Buffer, start: number, quote: number): this {
    let quoted = false;
    let at = quote;
    for (; at < bytes.length; at++) {
      const byte = bytes[at] as number;
      if (byte === QUOTE) quoted = !quoted;
      else if (byte === NEWLINE && !quoted) break;
    }
    this.lineEnd = at;
    return this.fromFields(parseRecords(bytes.toString('utf8', start, at))[0] ?? ['']);
  }

  private fromFields(fields: readonly string[]): this {
    this.splittable = false;
    this.fieldCount = fields.length;
    this.decoded.length = 0;
    for (const field of fields) this.decoded.push(field);
    return this;
  }

  private wider(): Int32Array {
    const wider = new Int32Array(this.starts.length * 2);
    wider.set(this.starts);
    this.starts = wider;
    return wider;
  }

  get count(): number {
    return this.fieldCount;
  }

  /** Whether the line's bytes can be copied around a changed field (writeEditedLine): known, and without a quote. */
  get spliceable(): boolean {
    return this.splittable;
  }

  /** Field `index`, undefined when the line has no such field. */
  field(index: number): string | undefined {
    if (index < 0 || index >= this.fieldCount) return undefined;
    const known = this.decoded[index];
    if (known !== undefined || !this.splittable) return known;
    const text = this.bytes.toString('utf8', this.starts[index] as number, this.fieldEnd(index));
    // Fill the holes before it, so the list stays packed (a holey list is slower to read).
    while (this.decoded.length < index) this.decoded.push(undefined);
    this.decoded[index] = text;
    return text;
  }

  /** Byte offset where field `index` starts (a spliceable line). */
  fieldStart(index: number): number {
    return this.starts[index] as number;
  }

  /** Byte offset just after field `index` (its comma, or the line's end). */
  fieldEnd(index: number): number {
    return index + 1 < this.fieldCount ? (this.starts[index + 1] as number) - 1 : this.lineEnd;
  }

  /** Byte offset of the line's start and of its end (at its line break), for a line read from bytes. */
  get start(): number {
    return this.lineStart;
  }

  get end(): number {
    return this.lineEnd;
  }

  /** The line's bytes (a line read from bytes). */
  get source(): Buffer {
    return this.bytes;
  }

  /** Every field, in a new list. */
  fields(): string[] {
    const fields: string[] = [];
    for (let index = 0; index < this.fieldCount; index++) fields.push(this.field(index) as string);
    return fields;
  }

  /** Every field in a new list, with the values of a change list (columns -> values) in place. */
  fieldsWith(columns: readonly number[], values: readonly string[]): string[] {
    const fields = this.fields();
    for (let index = 0; index < columns.length; index++) fields[columns[index] as number] = values[index] as string;
    return fields;
  }
}
