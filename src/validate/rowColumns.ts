// What the checks over a whole table need of each row read in a part of it: its line, its primary key
// and its unique-key values, as typed columns (a few bytes a row) that travel from a worker to the
// coordinator. Integer texts travel as numbers; the few texts a number does not give back exactly
// (NULL, not an integer, a leading zero) travel as text, so a report quotes the file.
import { ensureIndex } from './growable.js';
import { IntTupleSet } from './intTupleSet.js';
import type { ParsedFields } from './parsedFields.js';
import { parseInteger } from './valueParsers.js';

/** A unique key's columns: where they are in a record, and whether they are all INTEGER (see keyPlan). */
export interface UniqueColumns {
  readonly ats: readonly number[];
  readonly integers: boolean;
}

/** One unique key's values, row by row. */
export type UniqueValues =
  /** `values` holds `width` int32 per row; `take` is 0 for a row that takes no part (a NULL or a value beyond int32). */
  | { readonly integers: true; values: Int32Array; take: Uint8Array }
  /** The key's texts, column by column; a row with an empty one takes no part. */
  | { readonly integers: false; readonly texts: string[][] };

/** The rows of a part, as they travel (see RowColumns.data). */
export interface RowData {
  readonly count: number;
  readonly lines: Uint32Array;
  /** The primary key as a number (NaN when NULL or not an integer); empty without a single-column key. */
  readonly keys: Float64Array;
  readonly uniques: readonly UniqueValues[];
  /** Texts a number does not give back: row, record index of the column, text. */
  readonly textRows: readonly number[];
  readonly textAts: readonly number[];
  readonly texts: readonly string[];
}

/**
 * True when `text` is exactly what String() makes of `value`, the number parseInteger made of it: it
 * parsed, and it has no leading zero and is not `-0` (the only texts parseInteger reads otherwise).
 */
function canonical(text: string, value: number): boolean {
  if (Number.isNaN(value)) return false;
  const first = text.charCodeAt(0);
  if (first === 48) return text.length === 1;
  return first !== 45 || text.charCodeAt(1) !== 48;
}

/**
 * The line and key columns of the thread's last finished task, reused by its next: a range's columns,
 * made afresh per task and grown by doubling, were freed only by full collections, so the C heap held
 * many at once (peak RSS) when those were rare. data() copies out, so nothing handed on is reused.
 */
let spare: { readonly lines: Uint32Array; readonly keys: Float64Array } | undefined;

export class RowColumns {
  count = 0;
  private lines: Uint32Array;
  private keys: Float64Array;
  private uniques: UniqueValues[];
  private textRows: number[] = [];
  private textAts: number[] = [];
  private texts: string[] = [];

  constructor(
    private readonly primaryAt: number,
    private readonly uniqueColumns: readonly UniqueColumns[],
    /** The record's numbers as its column checks parsed them (for the record add() is given). */
    private readonly parsed?: ParsedFields,
  ) {
    const kept = spare;
    spare = undefined;
    this.lines = kept?.lines ?? new Uint32Array(1024);
    this.keys = primaryAt < 0 ? new Float64Array(0) : kept && kept.keys.length > 0 ? kept.keys : new Float64Array(1024);
    this.uniques = this.emptyUniques();
  }

  private emptyUniques(): UniqueValues[] {
    return this.uniqueColumns.map((unique) => (unique.integers ? { integers: true, values: new Int32Array(1024 * unique.ats.length), take: new Uint8Array(1024) } : { integers: false, texts: unique.ats.map(() => []) }));
  }

  /** Starts again from row 0, once data() has been handed on and used. */
  clear(): void {
    this.count = 0;
    this.uniques = this.emptyUniques();
    this.textRows = [];
    this.textAts = [];
    this.texts = [];
  }

  /** Keeps `text` (the field at record index `at` of `row`) when its number would not give it back. */
  keepText(row: number, at: number, text: string, value = parseInteger(text)): void {
    if (canonical(text, value)) return;
    this.textRows.push(row);
    this.textAts.push(at);
    this.texts.push(text);
  }

  /** Whether the table has a single-column primary key (addRead needs one). */
  get keyed(): boolean {
    return this.primaryAt >= 0;
  }

  /** Whether a row is only its line and primary key (addKey may take it). */
  get keyOnly(): boolean {
    return this.primaryAt >= 0 && this.uniqueColumns.length === 0;
  }

  /** add() of a record whose primary key is the integer `id`, written as String(id) writes it (keyOnly tables). */
  addKey(line: number, id: number): number {
    const row = this.count++;
    this.lines = ensureIndex(this.lines, row);
    this.lines[row] = line;
    this.keys = ensureIndex(this.keys, row);
    this.keys[row] = id;
    return row;
  }

  /** Whether the primary key and every unique key are integers (addIntegers may take a row). */
  get integerKeys(): boolean {
    return this.primaryAt >= 0 && this.uniqueColumns.every((unique) => unique.integers);
  }

  /**
   * add() of a record whose key fields are plain integers, `numbers` by record index (integerKeys tables):
   * each written as String() writes it, so no text is kept.
   */
  addIntegers(line: number, numbers: Float64Array): number {
    const row = this.count++;
    this.lines = ensureIndex(this.lines, row);
    this.lines[row] = line;
    this.keys = ensureIndex(this.keys, row);
    this.keys[row] = numbers[this.primaryAt] as number;
    for (let index = 0; index < this.uniqueColumns.length; index++) {
      const unique = this.uniqueColumns[index] as UniqueColumns;
      // A text key's values were taken by addRead.
      if (!unique.integers) continue;
      const ats = unique.ats;
      const values = this.uniques[index] as UniqueValues & { integers: true };
      const width = ats.length;
      values.values = ensureIndex(values.values, (row + 1) * width - 1);
      values.take = ensureIndex(values.take, row);
      let take = 1;
      for (let column = 0; column < width; column++) {
        const value = numbers[ats[column] as number] as number;
        // As add(): a value that is not an int32 leaves the row out of the key.
        if (!IntTupleSet.fits(value)) {
          take = 0;
          break;
        }
        values.values[row * width + column] = value;
      }
      values.take[row] = take;
    }
    return row;
  }

  /** Record indexes of the unique keys' columns that travel as texts (not all-INTEGER keys). */
  get uniqueTextAts(): readonly number[] {
    return this.uniqueColumns.flatMap((unique) => (unique.integers ? [] : unique.ats));
  }

  /**
   * add() of a record read from its bytes (ByteRecord): its primary key and the columns of its integer
   * unique keys plain integers in `numbers`, the columns of its other unique keys their texts in `texts`
   * (see uniqueTextAts), all by record index.
   */
  addRead(line: number, numbers: Float64Array, texts: readonly string[]): number {
    for (let index = 0; index < this.uniqueColumns.length; index++) {
      const unique = this.uniqueColumns[index] as UniqueColumns;
      const values = this.uniques[index] as UniqueValues;
      if (!values.integers) for (let column = 0; column < unique.ats.length; column++) (values.texts[column] as string[]).push(texts[unique.ats[column] as number] as string);
    }
    // The line, the primary key and the integer keys as addIntegers takes them.
    return this.addIntegers(line, numbers);
  }

  /** Adds a record; returns its row index. */
  add(fields: readonly string[], line: number): number {
    const row = this.count++;
    this.lines = ensureIndex(this.lines, row);
    this.lines[row] = line;
    if (this.primaryAt >= 0) {
      const text = fields[this.primaryAt] as string;
      const id = this.parsed ? this.parsed.integer(fields, this.primaryAt) : parseInteger(text);
      this.keys = ensureIndex(this.keys, row);
      this.keys[row] = id;
      this.keepText(row, this.primaryAt, text, id);
    }
    this.uniqueColumns.forEach((unique, index) => {
      const values = this.uniques[index] as UniqueValues;
      if (!values.integers) {
        unique.ats.forEach((at, column) => (values.texts[column] as string[]).push(fields[at] as string));
        return;
      }
      const width = unique.ats.length;
      values.values = ensureIndex(values.values, (row + 1) * width - 1);
      values.take = ensureIndex(values.take, row);
      let take = 1;
      for (let column = 0; column < width; column++) {
        const at = unique.ats[column] as number;
        const text = fields[at] as string;
        const value = this.parsed ? this.parsed.integer(fields, at) : parseInteger(text);
        // NULL or not an int32 (COL-TYPE reports it): the row takes no part, as NULLs in SQL.
        if (!IntTupleSet.fits(value)) {
          take = 0;
          break;
        }
        values.values[row * width + column] = value;
        this.keepText(row, at, text, value);
      }
      values.take[row] = take;
    });
    return row;
  }

  /** Leaves the line and key columns to the thread's next RowColumns; this one is not used again. */
  recycle(): void {
    spare = { lines: this.lines, keys: this.keys };
  }

  /** The rows, with each column copied out at the row count. */
  data(): RowData {
    const count = this.count;
    return {
      count,
      lines: this.lines.slice(0, count),
      keys: this.keys.slice(0, this.primaryAt >= 0 ? count : 0),
      uniques: this.uniques.map((values, index) =>
        values.integers ? { integers: true, values: values.values.subarray(0, count * ((this.uniqueColumns[index] as UniqueColumns).ats.length)), take: values.take.subarray(0, count) } : values,
      ),
      textRows: this.textRows,
      textAts: this.textAts,
      texts: this.texts,
    };
  }
}

/** A row's text at record index `at`, as the file holds it: kept, or given back by its number. */
export class RowTexts {
  private readonly kept = new Map<number, string>();

  constructor(
    data: RowData,
    private readonly width: number,
  ) {
    data.textRows.forEach((row, index) => this.kept.set(row * width + (data.textAts[index] as number), data.texts[index] as string));
  }

  text(row: number, at: number, value: number): string {
    return this.kept.get(row * this.width + at) ?? String(value);
  }
}
