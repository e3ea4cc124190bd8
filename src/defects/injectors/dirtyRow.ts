// One row on its way to the dirty file: its clean fields, the changes an injector makes to them, and the
// answer-key lines those changes produce. Injectors see rows as strings; only dirty rows are parsed.
import type { Rng } from '../../core/random.js';
import type { TableCounts, TableName } from '../../schema/tableNames.js';
import type { AnswerKeyEntry, DefectKind } from '../defectKinds.js';
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
  /** The changed fields, copied from the clean ones at the first change (most attempts change nothing or fail). */
  private changedFields: string[] | undefined;
  /** This row's answer-key lines; emptied by reset(), so a caller keeps the entries, not the list. */
  readonly entries: AnswerKeyEntry[] = [];
  /** A row written right after this one (a duplicate, a second registration). */
  extra: string[] | undefined;
  /** How many rows later this row is written (late_arriving); 0 where it belongs. */
  lateBy = 0;

  /**
   * @param reusedFields a list the changed fields are copied into, row after row, when the caller keeps
   *   no row's fields past the next reset (a new copy per changed row otherwise).
   */
  constructor(
    readonly context: DirtyRowContext,
    private cleanFields: readonly string[],
    private readonly reusedFields?: string[],
  ) {}

  /**
   * The row made again for other clean fields (the context's id and generator set by the caller): the
   * defect pass keeps one row per shard, an object and a list less per dirty row.
   */
  reset(clean: readonly string[]): this {
    this.cleanFields = clean;
    this.changedFields = undefined;
    this.entries.length = 0;
    this.extra = undefined;
    this.lateBy = 0;
    return this;
  }

  /** The clean fields. */
  get clean(): readonly string[] {
    return this.cleanFields;
  }

  /** The dirty row's fields: the clean ones until an injector changes one. */
  get fields(): readonly string[] {
    return this.changedFields ?? this.clean;
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
    const index = this.at(column);
    return index < 0 ? '' : (this.clean[index] as string);
  }

  has(column: string): boolean {
    return this.value(column) !== '';
  }

  get key(): string {
    return this.clean[0] as string;
  }

  /** Sets a column of the dirty row and records it; false (nothing done) when the value would not change. */
  set(column: string, dirty: string, kind: DefectKind): boolean {
    const index = this.at(column);
    if (index < 0) return false;
    const clean = this.clean[index] as string;
    if (dirty === clean) return false;
    (this.changedFields ??= this.copyOfClean())[index] = dirty;
    this.entries.push({ key: this.fields[0] as string, column, kind, cleanValue: clean, dirtyValue: dirty });
    return true;
  }

  private copyOfClean(): string[] {
    const copy = this.reusedFields;
    if (!copy) return [...this.clean];
    copy.length = 0;
    for (const field of this.clean) copy.push(field);
    return copy;
  }

  /** A row-level answer-key line (duplicates, moves): no column. */
  note(key: string, kind: DefectKind, cleanValue = '', dirtyValue = '', column = ''): void {
    this.entries.push({ key, column, kind, cleanValue, dirtyValue });
  }
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
