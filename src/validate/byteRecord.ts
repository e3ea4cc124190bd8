// A record's fields read from their bytes and checked against their columns (byteFields), for a table
// whose every column has a byte check: integers, DECIMAL cents and timestamps as numbers, allowed
// values as their texts. It says only "every value passes its column's checks" or "not sure" (see
// plainRows); the table's byte checker (orderBytes, customerBytes, productBytes) then runs its rules on
// what was read. A reader made with `strings` also takes the columns that have no byte check (an email,
// a phone, a DATE, a BOOLEAN) and those named there: each such field is made a string and passed
// through the string path's own compiled checks, so its verdict is theirs by construction.
import { allowedField, byteCheck, decimalCents, digitsValue, holdsField, fieldCandidates, plainText, timestampBytes } from './byteFields.js';
import { compileFieldCheck, type FieldCheck } from './columnCheck.js';
import type { TableSchema } from '../schema/schemaTypes.js';
import type { TableLayout } from './tableLayout.js';
import { compileQualityCheck } from './valueQuality.js';

// A field's kind by record index (0: no byte check); webEventBytes reads its records with the same kinds.
export const INTEGER = 1;
export const TIMESTAMP = 2;
export const ALLOWED = 3;
export const TEXT = 4;
export const DECIMAL = 5;
export const ZIP = 6;
/** Made a string and checked by the string path's compiled checks (only in a reader made with `strings`). */
const STRING = 7;
const ZERO = 48;
const COMMA = 44;
const LF = 10;
const ZIP_DIGITS = 5;

/** What a column's value is read as, by record index. */
export type FieldKind = 'integer' | 'timestamp' | 'allowed' | 'text' | 'decimal' | 'zip' | 'string';

const KIND_NAMES: readonly (FieldKind | undefined)[] = [undefined, 'integer', 'timestamp', 'allowed', 'text', 'decimal', 'zip', 'string'];

export class ByteRecord {
  /** By record index, after read(): the integer, the DECIMAL's cents or the timestamp's epoch seconds; NaN when NULL. */
  readonly numbers: Float64Array;
  /** By record index, after read(): an allowed value's or a 'string' field's text ('' when NULL). */
  readonly texts: string[];
  /** By record index, after read(): where the field starts in the bytes read. */
  readonly starts: Int32Array;
  /** Whether the current chunk holds two spaces in a row (see plainText). */
  private doubledSpaces = true;
  /** The current chunk as text (ASCII: latin1 is its UTF-8) from `chunkStart`, when a field is read as a string. */
  private chunkText = '';
  private chunkStart = 0;

  private constructor(
    private readonly kinds: Uint8Array,
    private readonly nullable: Uint8Array,
    private readonly lows: Float64Array,
    private readonly highs: Float64Array,
    private readonly wholeDigits: Uint8Array,
    private readonly allowed: readonly (readonly string[] | undefined)[],
    private readonly stringChecks: readonly (StringCheck | undefined)[],
  ) {
    this.numbers = new Float64Array(kinds.length);
    this.texts = new Array<string>(kinds.length).fill('');
    this.starts = new Int32Array(kinds.length);
  }

  /**
   * The reader of `schema`'s records laid out as `layout`, or undefined when a field has no byte check.
   * With `strings`, a field without one, or whose column is named there, is read as a 'string' instead.
   */
  static of(schema: TableSchema, layout: TableLayout, now: string, strings?: ReadonlySet<string>): ByteRecord | undefined {
    const columns = byteColumns(schema, layout, now, strings);
    return columns && new ByteRecord(columns.kinds, columns.nullable, columns.lows, columns.highs, columns.wholeDigits, columns.allowed, columns.strings);
  }

  /** What the field at record index `at` is read as. */
  kindAt(at: number): FieldKind | undefined {
    return KIND_NAMES[this.kinds[at] ?? 0];
  }

  /** Called with each chunk of lines before its records are read. */
  chunk(bytes: Buffer, start: number, end: number): void {
    const at = bytes.indexOf('  ', start);
    this.doubledSpaces = at >= 0 && at < end;
    // A 'string' field is a slice of the chunk's text: one string made per chunk costs less than one per field.
    if (this.stringChecks.length > 0) {
      this.chunkText = bytes.toString('latin1', start, end);
      this.chunkStart = start;
    }
  }

  /**
   * Reads the record from `lineStart` when it has the layout's fields and each value passes its column's
   * checks, into `numbers` and `texts`; returns where the record ends (its LF, or `end`), -1 when not
   * sure. Each field is read up to the comma or line end that must follow it.
   */
  read(bytes: Buffer, lineStart: number, end: number): number {
    const { kinds, numbers, highs, lows, starts } = this;
    const width = kinds.length;
    let start = lineStart;
    for (let at = 0; at < width; at++) {
      let stop = start;
      starts[at] = start;
      // An empty field is NULL: NaN, or '' for an allowed value, and checked below.
      const empty = start >= end || bytes[start] === COMMA || bytes[start] === LF;
      switch (kinds[at]) {
        case INTEGER: {
          let value = 0;
          for (; stop < end; stop++) {
            const digit = (bytes[stop] as number) - ZERO;
            if (digit < 0 || digit > 9) break;
            value = value * 10 + digit;
          }
          const number = digitsValue(bytes, start, stop, value);
          // NaN fails both bounds.
          if (!empty && !(number >= (lows[at] as number) && number <= (highs[at] as number))) return -1;
          numbers[at] = number;
          break;
        }
        case TIMESTAMP: {
          if (empty) {
            numbers[at] = Number.NaN;
            break;
          }
          stop = start + 19;
          if (stop > end) return -1;
          const seconds = timestampBytes(bytes, start, stop);
          if (!(seconds <= (highs[at] as number))) return -1;
          numbers[at] = seconds;
          break;
        }
        case ALLOWED: {
          if (empty) {
            this.texts[at] = '';
            break;
          }
          // The last record's value first (it was one of the candidates): most columns repeat a few values.
          const previous = this.texts[at] as string;
          const text = previous !== '' && holdsField(previous, bytes, start, end) ? previous : allowedField(this.allowed[at] as readonly string[], bytes, start, end);
          if (text === undefined) return -1;
          this.texts[at] = text;
          stop = start + text.length;
          break;
        }
        case DECIMAL: {
          while (stop < end && bytes[stop] !== COMMA && bytes[stop] !== LF) stop++;
          if (empty) {
            numbers[at] = Number.NaN;
            break;
          }
          const cents = decimalCents(bytes, start, stop, this.wholeDigits[at] as number);
          const value = cents / 100;
          if (!(value >= (lows[at] as number) && value <= (highs[at] as number))) return -1;
          numbers[at] = cents;
          break;
        }
        case ZIP: {
          if (empty) break;
          stop = start + ZIP_DIGITS;
          if (stop > end) return -1;
          for (let digit = start; digit < stop; digit++) if ((bytes[digit] as number) - ZERO < 0 || (bytes[digit] as number) - ZERO > 9) return -1;
          break;
        }
        case STRING: {
          while (stop < end && bytes[stop] !== COMMA && bytes[stop] !== LF) stop++;
          // The string path's checks of the field's text, as checkValues runs them (NULL: nullability only).
          const text = empty ? '' : this.chunkText.slice(start - this.chunkStart, stop - this.chunkStart);
          if (!empty && !(this.stringChecks[at] as StringCheck)(text)) return -1;
          this.texts[at] = text;
          break;
        }
        default: {
          while (stop < end && bytes[stop] !== COMMA && bytes[stop] !== LF) stop++;
          if (!empty && !plainText(bytes, start, stop, highs[at] as number, this.doubledSpaces)) return -1;
        }
      }
      // The field must end where the record's next field (a comma) or its end (LF, or the input's end) is.
      if (at + 1 < width) {
        if (stop >= end || bytes[stop] !== COMMA) return -1;
      } else if (stop < end && bytes[stop] !== LF) {
        return -1;
      }
      if (empty && this.nullable[at] !== 1) return -1;
      start = stop + 1;
    }
    return start - 1;
  }
}

/** Whether a non-NULL text passes its column's compiled checks (compileFieldCheck, compileQualityCheck). */
type StringCheck = (text: string) => boolean;

/** Each field's byte check as arrays by record index: its kind and its terms. */
export interface ByteColumns {
  readonly kinds: Uint8Array;
  readonly nullable: Uint8Array;
  /** An integer's or DECIMAL's minimum. */
  readonly lows: Float64Array;
  /** An integer's or DECIMAL's maximum, a timestamp's latest epoch second, a text's length. */
  readonly highs: Float64Array;
  /** A DECIMAL's digits before the point. */
  readonly wholeDigits: Uint8Array;
  /** An allowed-value column's values, as allowedField looks them up. */
  readonly allowed: readonly (readonly string[] | undefined)[];
  /** A 'string' field's checks. */
  readonly strings: readonly (StringCheck | undefined)[];
}

/**
 * The byte checks of `schema`'s columns laid out as `layout`, or undefined when a field has none. With
 * `strings`, a column without a byte check, or named there, is read as a 'string' (STRING) instead.
 */
export function byteColumns(schema: TableSchema, layout: TableLayout, now: string, strings?: ReadonlySet<string>): ByteColumns | undefined {
  const width = layout.width;
  const kinds = new Uint8Array(width);
  const nullable = new Uint8Array(width);
  const lows = new Float64Array(width);
  const highs = new Float64Array(width);
  const wholeDigits = new Uint8Array(width);
  const allowed: (readonly string[] | undefined)[] = [];
  const stringChecks: (StringCheck | undefined)[] = [];
  for (const column of schema.columns) {
    const fieldCheck: FieldCheck = compileFieldCheck(column);
    const quality = compileQualityCheck(column, now);
    const isClean = (value: string): boolean => fieldCheck(value) === undefined && quality?.(value) === undefined;
    const at = layout.at(column.name);
    const check = strings?.has(column.name) ? undefined : byteCheck(column, now, isClean);
    if (!check) {
      if (!strings) return undefined;
      kinds[at] = STRING;
      nullable[at] = column.nullable ? 1 : 0;
      stringChecks[at] = isClean;
      continue;
    }
    nullable[at] = check.nullable ? 1 : 0;
    switch (check.kind) {
      case 'integer':
        kinds[at] = INTEGER;
        lows[at] = check.low;
        highs[at] = check.high;
        break;
      case 'timestamp':
        kinds[at] = TIMESTAMP;
        highs[at] = check.latest;
        break;
      case 'allowed':
        kinds[at] = ALLOWED;
        allowed[at] = fieldCandidates(check.byLength);
        break;
      case 'text':
        kinds[at] = TEXT;
        highs[at] = check.length;
        break;
      case 'decimal':
        kinds[at] = DECIMAL;
        lows[at] = check.low;
        highs[at] = check.high;
        wholeDigits[at] = check.wholeDigits;
        break;
      case 'zip':
        kinds[at] = ZIP;
        break;
    }
  }
  // A header field that is no schema column has no check.
  if (kinds.includes(0)) return undefined;
  return { kinds, nullable, lows, highs, wholeDigits, allowed, strings: stringChecks };
}
