// One row on its way to the dirty file: its clean fields, the changes an injector makes to them, and the
// answer-key lines those changes produce. Injectors see fields as strings, decoded from the clean line's
// bytes only when read (cleanLine.ts); only dirty rows are read.
import type { Rng } from '../../core/random.js';
import type { TableCounts, TableName } from '../../schema/tableNames.js';
import type { AnswerKeyEntry, DefectKind } from '../defectKinds.js';
import type { CleanLine } from '../cleanLine.js';
import { pickWhere } from './pickWhere.js';

export interface DirtyRowContext {
  readonly table: TableName;
  readonly id: number;
  readonly rng: Rng;
  readonly counts: TableCounts;
  /** Column names in file order (the primary key first). */
  readonly columns: readonly string[];
  /** Parquet columns are typed: a value that does not fit its column's type (format drift) cannot be written. */
  readonly typedColumns: boolean;
  /**
   * A clean value (by column index) of the row before this one (id - 1), when an injector needs it;
   * undefined for the first row. One value, not the row's fields: only that field is read from its line.
   */
  readonly previous: (column: number) => string | undefined;
}

export class DirtyRow {
  /**
   * The columns the injector changed, in rising order, and their dirty values: a dirty row records only
   * what changed (the line is written as its clean bytes with these spliced in, changedLine.ts).
   */
  readonly changedColumns: number[] = [];
  readonly changedValues: string[] = [];
  /** This row's answer-key lines; emptied by reset(), so a caller keeps the entries, not the list. */
  readonly entries: AnswerKeyEntry[] = [];
  /** Whether a row is written right after this one (a duplicate, a second registration): the clean row with extraColumns set. */
  hasExtra = false;
  readonly extraColumns: number[] = [];
  readonly extraValues: string[] = [];
  /** How many rows later this row is written (late_arriving); 0 where it belongs. */
  lateBy = 0;

  constructor(
    readonly context: DirtyRowContext,
    private line: CleanLine,
  ) {}

  /**
   * The row made again for another clean line (the context's id and generator set by the caller): the
   * defect pass keeps one row per shard, an object and a list less per dirty row.
   */
  reset(clean: CleanLine): this {
    this.line = clean;
    // Most lists are empty already (most attempts change nothing, few add a row): setting a length is a
    // call into the runtime, so only a list that holds something is emptied.
    if (this.changedColumns.length > 0) {
      this.changedColumns.length = 0;
      this.changedValues.length = 0;
    }
    if (this.entries.length > 0) this.entries.length = 0;
    this.hasExtra = false;
    if (this.extraColumns.length > 0) {
      this.extraColumns.length = 0;
      this.extraValues.length = 0;
    }
    this.lateBy = 0;
    return this;
  }

  /** The clean fields, in a new list. */
  get clean(): readonly string[] {
    return this.line.fields();
  }

  /** The dirty row's fields, in a new list: the clean ones with the changes made. */
  get fields(): readonly string[] {
    return this.line.fieldsWith(this.changedColumns, this.changedValues);
  }

  /** The extra row's fields in a new list, or undefined when there is none. */
  get extra(): readonly string[] | undefined {
    return this.hasExtra ? this.line.fieldsWith(this.extraColumns, this.extraValues) : undefined;
  }

  get rng(): Rng {
    return this.context.rng;
  }

  /** Index of a column, -1 when the table has no such column. */
  at(column: string): number {
    return this.context.columns.indexOf(column);
  }

  /** The clean value of a column ('' for NULL or an absent column). */
  value(column: string): string {
    return this.line.field(this.at(column)) ?? '';
  }

  has(column: string): boolean {
    return this.value(column) !== '';
  }

  /** The row's clean key. */
  get key(): string {
    return this.line.field(0) ?? '';
  }

  /** Sets a column of the dirty row and records it; false (nothing done) when the value would not change. */
  set(column: string, dirty: string, kind: DefectKind): boolean {
    const index = this.at(column);
    if (index < 0) return false;
    const clean = this.line.field(index) ?? '';
    if (dirty === clean) return false;
    record(this.changedColumns, this.changedValues, index, dirty);
    const key = this.changedColumns[0] === 0 ? (this.changedValues[0] as string) : this.key;
    this.entries.push({ key, column, kind, cleanValue: clean, dirtyValue: dirty });
    return true;
  }

  /** Adds the extra row: the clean row again, until setExtra changes it. */
  addExtra(): void {
    this.hasExtra = true;
  }

  /** Sets a column of the extra row. */
  setExtra(index: number, value: string): void {
    record(this.extraColumns, this.extraValues, index, value);
  }

  /** A row-level answer-key line (duplicates, moves): no column. */
  note(key: string, kind: DefectKind, cleanValue = '', dirtyValue = '', column = ''): void {
    this.entries.push({ key, column, kind, cleanValue, dirtyValue });
  }
}

/** Records `value` for column `index` in a change list kept in rising column order (a column set again keeps its last value). */
function record(columns: number[], values: string[], index: number, value: string): void {
  // Nearly always a first change, or one right of the last (splice is a call into the runtime).
  if (columns.length === 0 || (columns[columns.length - 1] as number) < index) {
    columns.push(index);
    values.push(value);
    return;
  }
  let at = columns.length;
  while (at > 0 && (columns[at - 1] as number) >= index) at--;
  if (columns[at] === index) {
    values[at] = value;
    return;
  }
  columns.splice(at, 0, index);
  values.splice(at, 0, value);
}

/** An injector changes the row and returns true, or returns false (untouched) when its kind cannot apply to it. */
export type Injector = (row: DirtyRow) => boolean;

/** The first of `columns` whose clean value is set, starting from a drawn one (so every candidate can come up). */
export function pickSetColumn(row: DirtyRow, columns: readonly string[]): string | undefined {
  return pickWhere(row.rng, columns, isSet, row);
}

function isSet(column: string, row: DirtyRow): boolean {
  return row.has(column);
}
