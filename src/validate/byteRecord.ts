// The column checks of a whole record on its bytes (see plainRows): each field through its column's
// byte check (byteFields), compiled once from the same schema terms as the string checks, so a table's
// byte checker (webEventBytes, itemBytes) states only its own rules. A record passes when every field
// passes every check of its column; its numbers and allowed texts are then left for the table's rules.
import type { TableSchema } from '../schema/schemaTypes.js';
import { allowedText, byteCheck, decimalCents, plainInteger, plainText, timestampBytes } from './byteFields.js';
import { compileFieldCheck } from './columnCheck.js';
import type { TableLayout } from './tableLayout.js';
import { compileQualityCheck } from './valueQuality.js';

const INTEGER = 1;
const TIMESTAMP = 2;
const ALLOWED = 3;
const TEXT = 4;
const DECIMAL = 5;

export class ByteRecord {
  /** By record index: the field's number when it passed (integer, epoch seconds, cents); NaN for NULL. */
  readonly numbers: Float64Array;
  /** By record index: the field's text, for allowed-value columns (the schema's own strings; '' for NULL). */
  readonly texts: string[];
  private readonly kinds: Uint8Array;
  private readonly nullable: Uint8Array;
  private readonly lows: Float64Array;
  private readonly highs: Float64Array;
  private readonly digits: Uint8Array;
  private readonly scales: Uint8Array;
  private readonly allowed: (readonly (readonly string[] | undefined)[] | undefined)[];
  /** False once the chunk being read holds no two spaces in a row (see chunk()). */
  private doubledSpaces = true;

  private constructor(readonly width: number) {
    this.numbers = new Float64Array(width);
    this.texts = new Array<string>(width).fill('');
    this.kinds = new Uint8Array(width);
    this.nullable = new Uint8Array(width);
    this.lows = new Float64Array(width);
    this.highs = new Float64Array(width);
    this.digits = new Uint8Array(width);
    this.scales = new Uint8Array(width);
    this.allowed = new Array<undefined>(width).fill(undefined);
  }

  /** The checks of `schema`'s columns where `layout` reads them; undefined when a column has no byte check. */
  static compile(schema: TableSchema, layout: TableLayout, now: string): ByteRecord | undefined {
    const record = new ByteRecord(layout.width);
    for (const column of schema.columns) {
      const fieldCheck = compileFieldCheck(column);
      const quality = compileQualityCheck(column, now);
      const check = byteCheck(column, now, (value) => fieldCheck(value) === undefined && quality?.(value) === undefined);
      if (!check) return undefined;
      const at = layout.at(column.name);
      record.nullable[at] = check.nullable ? 1 : 0;
      switch (check.kind) {
        case 'integer':
          record.kinds[at] = INTEGER;
          record.lows[at] = check.low;
          record.highs[at] = check.high;
          break;
        case 'timestamp':
          record.kinds[at] = TIMESTAMP;
          record.highs[at] = check.latest;
          break;
        case 'allowed':
          record.kinds[at] = ALLOWED;
          record.allowed[at] = check.byLength;
          break;
        case 'text':
          record.kinds[at] = TEXT;
          record.highs[at] = check.length;
          break;
        case 'decimal':
          record.kinds[at] = DECIMAL;
          record.lows[at] = check.low;
          record.highs[at] = check.high;
          record.digits[at] = check.wholeDigits;
          record.scales[at] = check.scale;
          break;
      }
    }
    // Every column is in the schema, so each record index has its check.
    return record.kinds.includes(0) ? undefined : record;
  }

  /** Whether the field at record index `at` is an allowed-value column (its text is kept). */
  keepsText(at: number): boolean {
    return this.kinds[at] === ALLOWED;
  }

  /** Called with each chunk before its records: one native search tells whether any field may hold a doubled space. */
  chunk(bytes: Buffer, start: number, end: number): void {
    const at = bytes.indexOf('  ', start);
    this.doubledSpaces = at >= 0 && at < end;
  }

  /** Whether every field `bytes[bounds[i], bounds[i + 1] - 1)` passes its column's checks; fills `numbers` and `texts`. */
  pass(bytes: Uint8Array, bounds: Int32Array): boolean {
    const { width, numbers, texts, kinds } = this;
    for (let at = 0; at < width; at++) {
      const start = bounds[at] as number;
      const end = (bounds[at + 1] as number) - 1;
      if (start === end) {
        if (this.nullable[at] !== 1) return false;
        numbers[at] = Number.NaN;
        texts[at] = '';
        continue;
      }
      switch (kinds[at]) {
        case INTEGER: {
          const number = plainInteger(bytes, start, end);
          // NaN fails both.
          if (!(number >= (this.lows[at] as number) && number <= (this.highs[at] as number))) return false;
          numbers[at] = number;
          break;
        }
        case TIMESTAMP: {
          const seconds = timestampBytes(bytes, start, end);
          if (!(seconds <= (this.highs[at] as number))) return false;
          numbers[at] = seconds;
          break;
        }
        case ALLOWED: {
          const text = allowedText(this.allowed[at] as readonly (readonly string[] | undefined)[], bytes, start, end);
          if (text === undefined) return false;
          texts[at] = text;
          break;
        }
        case DECIMAL: {
          const cents = decimalCents(bytes, start, end, this.digits[at] as number, this.scales[at] as number);
          // cents / 100 is the double Number() reads from the text (both the nearest to it), as min/max compare.
          const units = cents / 100;
          if (!(units >= (this.lows[at] as number) && units <= (this.highs[at] as number))) return false;
          numbers[at] = cents;
          break;
        }
        default:
          if (!plainText(bytes, start, end, this.highs[at] as number, this.doubledSpaces)) return false;
      }
    }
    return true;
  }
}
