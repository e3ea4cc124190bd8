// A record's fields read from their bytes and checked against their columns (byteFields), for a table
// whose every column has a byte check: integers, DECIMAL cents and timestamps as numbers, allowed
// values as their texts. It says only "every value passes its column's checks" or "not sure" (see
// plainRows); the table's byte checker (orderBytes) then runs its rules on what was read.
import { allowedField, byteCheck, decimalCents, digitsValue, holdsField, fieldCandidates, plainText, timestampBytes } from './byteFields.js';
import { compileFieldCheck } from './columnCheck.js';
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
const ZERO = 48;
const COMMA = 44;
const LF = 10;
const ZIP_DIGITS = 5;

/** What a column's value is read as, by record index. */
export type FieldKind = 'integer' | 'timestamp' | 'allowed' | 'text' | 'decimal' | 'zip';

const KIND_NAMES: readonly (FieldKind | undefined)[] = [undefined, 'integer', 'timestamp', 'allowed', 'text', 'decimal', 'zip'];

export class ByteRecord {
  /** By record index, after read(): the integer, the DECIMAL's cents or the timestamp's epoch seconds; NaN when NULL. */
  readonly numbers: Float64Array;
  /** By record index, after read(): an allowed value's text ('' when NULL). */
  readonly texts: string[];
  /** Whether the current chunk holds two spaces in a row (see plainText). */
  private doubledSpaces = true;

  private constructor(
    private readonly kinds: Uint8Array,
    private readonly nullable: Uint8Array,
    private readonly lows: Float64Array,
    private readonly highs: Float64Array,
    private readonly wholeDigits: Uint8Array,
    private readonly allowed: readonly (readonly string[] | undefined)[],
  ) {
    this.numbers = new Float64Array(kinds.length);
    this.texts = new Array<string>(kinds.length).fill('');
  }

  /** The reader of `schema`'s records laid out as `layout`, or undefined when a field has no byte check. */
  static of(schema: TableSchema, layout: TableLayout, now: string): ByteRecord | undefined {
    const columns = byteColumns(schema, layout, now);
    return columns && new ByteRecord(columns.kinds, columns.nullable, columns.lows, columns.highs, columns.wholeDigits, columns.allowed);
  }

  /** What the field at record index `at` is read as. */
  kindAt(at: number): FieldKind | undefined {
    return KIND_NAMES[this.kinds[at] ?? 0];
  }

  /** Called with each chunk of lines before its records are read. */
  chunk(bytes: Buffer, start: number, end: number): void {
    const at = bytes.indexOf('  ', start);
    this.doubledSpaces = at >= 0 && at < end;
  }

  /**
   * Reads the record from `lineStart` when it has the layout's fields and each value passes its column's
   * checks, into `numbers` and `texts`; returns where the record ends (its LF, or `end`), -1 when not
   * sure. Each field is read up to the comma or line end that must follow it.
   */
  read(bytes: Uint8Array, lineStart: number, end: number): number {
    const { kinds, numbers, highs, lows } = this;
    const width = kinds.length;
    let start = lineStart;
    for (let at = 0; at < width; at++) {
      let stop = start;
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
}

/** The byte checks of `schema`'s columns laid out as `layout`, or undefined when a field has none. */
export function byteColumns(schema: TableSchema, layout: TableLayout, now: string): ByteColumns | undefined {
  const width = layout.width;
  const kinds = new Uint8Array(width);
  const nullable = new Uint8Array(width);
  const lows = new Float64Array(width);
  const highs = new Float64Array(width);
  const wholeDigits = new Uint8Array(width);
  const allowed: (readonly string[] | undefined)[] = [];
  for (const column of schema.columns) {
    const fieldCheck = compileFieldCheck(column);
    const quality = compileQualityCheck(column, now);
    const check = byteCheck(column, now, (value) => fieldCheck(value) === undefined && quality?.(value) === undefined);
    if (!check) return undefined;
    const at = layout.at(column.name);
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
  return { kinds, nullable, lows, highs, wholeDigits, allowed };
}
