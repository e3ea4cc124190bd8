// The checks of one table's records that need no other record of it, run where the records are read
// (a worker, over a whole table or a byte range of it): header, field count, each value against its
// column (COL-TYPE and the quality rules), foreign keys against the earlier tables' keys, and the
// table's own business rules. What needs every row of the table (primary and unique keys, the facts
// later tables use) is only gathered here, in RowColumns, and judged by the coordinator (tableJoin).
import { MAX_RECORD_FIELDS } from '../encoding/csvRecords.js';
import type { TableName } from '../schema/tableNames.js';
import type { TableSchema } from '../schema/schemaTypes.js';
import { cleanAllowedValues, compileFieldCheck, type FieldCheck } from './columnCheck.js';
import { compileQualityCheck, type QualityCheck, type QualityRule } from './valueQuality.js';
import type { IdIndex } from './idIndex.js';
import type { KeyPlan } from './keyPlan.js';
import type { RuleBook, RuleTally, ViolationLog } from './ruleBook.js';
import { IntTupleSet } from './intTupleSet.js';
import { RowColumns } from './rowColumns.js';
import { readHeader, type TableLayout } from './tableLayout.js';
import { INTEGER_FIELD, ParsedFields, TIMESTAMP_FIELD } from './parsedFields.js';
import { parseInteger, parseTimestamp } from './valueParsers.js';

/** A table's business rules, run on each record that has the right number of fields. */
export interface TableRules {
  /** `row` is the record's index among the rows read here (see RowColumns), where its facts go. */
  row(fields: readonly string[], line: number, row: number): void;
}

/** The stages of a record's checks, in the order one pass runs them (see ViolationLog.stage). */
export const STAGE = { bytes: 0, values: 1, primaryKey: 2, foreignKeys: 3, uniqueKeys: 4, rules: 5, earlierRows: 6, sessions: 7 } as const;

export interface ScanSetup {
  readonly schema: TableSchema;
  readonly file: string;
  readonly book: RuleBook;
  readonly plan: KeyPlan;
  /** The IdIndex of each referenceable table read so far. */
  readonly targets: Partial<Record<TableName, IdIndex>>;
  /** The validation's clock, `YYYY-MM-DD HH:MM:SS` (COL-FUTURE). */
  readonly now: string;
  /** Called once the header is known to fit; returns the table's rules. */
  readonly start: (layout: TableLayout) => TableRules;
}

interface BoundForeignKey {
  readonly at: number;
  readonly column: string;
  readonly target: TableName;
  readonly ids: IdIndex | undefined;
  readonly tally: RuleTally;
}


export class TableScan {
  /** Undefined until the header is read, and when it lacks schema columns. */
  layout: TableLayout | undefined;
  /** Why the rows were not checked, when they were not. */
  unusable: string | undefined = 'the file is empty (no header)';
  private headerRead = false;
  private checks: FieldCheck[] = [];
  private qualities: (QualityCheck | undefined)[] = [];
  /** Per column, its allowed values that pass every check, by length (see cleanAllowedValues). */
  private cleanValues: (readonly (readonly string[] | undefined)[] | undefined)[] = [];
  /** Per column: INTEGER_FIELD or TIMESTAMP_FIELD when its value is parsed once for all (see ParsedFields), else 0. */
  private numberKinds: number[] = [];
  /** Per column, the numbers every check of it passes, when a parsed value needs no other check (else NaN). */
  private passLow: number[] = [];
  private passHigh: number[] = [];
  /** The current record's parsed numbers, once the header is read. */
  parsed: ParsedFields = new ParsedFields(0);
  private readonly qualityTallies = new Map<QualityRule, RuleTally>();
  private ats: number[] = [];
  /** Record index of the primary key; -1 without a single-column one. */
  primaryAt = -1;
  primaryName = '';
  private rules: TableRules | undefined;
  private foreignKeys: BoundForeignKey[] = [];
  /** The rows read, once the header is: what the coordinator judges over the whole table. */
  columns: RowColumns | undefined;
  /** The header's fields, as read (or as adopted). */
  headerFields: string[] | undefined;
  private readonly header: RuleTally;
  private readonly fieldCount: RuleTally;
  private readonly values: RuleTally;
  private readonly primary: RuleTally;
  private readonly log: ViolationLog | undefined;

  constructor(private readonly setup: ScanSetup) {
    this.header = setup.book.tally('FILE-HEADER');
    this.fieldCount = setup.book.tally('FILE-FIELDS');
    this.values = setup.book.tally('COL-TYPE');
    this.primary = setup.book.tally('PK-UNIQUE');
    this.log = setup.book.log;
  }

  /** The foreign keys checked on each record: record index and the target's keys (undefined: not checked). */
  get foreignKeyIds(): readonly { readonly at: number; readonly ids: IdIndex | undefined }[] {
    return this.foreignKeys;
  }

  /** Takes the file's header, judged where the file's first part is read: for a part that starts after it. */
  adoptHeader(fields: readonly string[]): void {
    this.headerRead = true;
    this.readHeader(fields, false);
  }

  /** The record callback for readCsv. */
  readonly onRecord = (fields: readonly string[], line: number): void => {
    const log = this.log;
    if (log) log.stage = STAGE.values;
    if (!this.headerRead) {
      this.headerRead = true;
      this.readHeader(fields, true);
      return;
    }
    const layout = this.layout;
    const columns = this.columns;
    if (!layout || !columns) return;
    if (fields.length !== layout.width) {
      this.wrongFieldCount(line, fields.length, layout.width);
      return;
    }
    this.checkValues(fields, line);
    const row = columns.add(fields, line);
    if (log) log.stage = STAGE.foreignKeys;
    for (const foreignKey of this.foreignKeys) this.checkForeignKey(foreignKey, fields, line);
    if (log) log.stage = STAGE.rules;
    this.rules?.row(fields, line, row);
    if (log) log.stage = STAGE.bytes;
  };

  /** The wide-record callback for readCsv: a record with more fields than the reader keeps. */
  readonly onWideRecord = (line: number, fieldCount: number): void => {
    if (!this.headerRead) {
      this.headerRead = true;
      const problem = `the header has ${fieldCount} fields, more than a record may have (${MAX_RECORD_FIELDS})`;
      this.header.add(this.setup.file, line, () => ({ key: '', values: { header_fields: String(fieldCount) }, problem }));
      this.unusable = `its header does not hold the schema's columns (${problem})`;
      return;
    }
    if (this.layout) this.wrongFieldCount(line, fieldCount, this.layout.width);
  };

  private wrongFieldCount(line: number, fieldCount: number, width: number): void {
    this.fieldCount.add(this.setup.file, line, () => ({
      key: '',
      values: { fields: String(fieldCount), header_fields: String(width) },
      problem: `${fieldCount} fields where the header has ${width}`,
    }));
  }

  /** After the last record: a file without even a header fails FILE-HEADER. */
  finish(): void {
    if (!this.headerRead) this.header.add(this.setup.file, 1, () => ({ key: '', values: {}, problem: 'the file is empty: no header' }));
  }

  /** `column=value` of a record's primary key, for reports. */
  keyOf(fields: readonly string[]): string {
    return this.primaryAt >= 0 ? `${this.primaryName}=${fields[this.primaryAt] ?? ''}` : '';
  }

  private readHeader(fields: readonly string[], report: boolean): void {
    const { schema, file, plan, targets } = this.setup;
    this.headerFields = [...fields];
    const verdict = readHeader(schema, file, fields);
    if (verdict.problem && report) {
      const found = fields.join(',');
      const expected = schema.columns.map((column) => column.name).join(',');
      this.header.add(file, 1, () => ({ key: '', values: { found, expected }, problem: verdict.problem as string }));
    }
    const layout = verdict.layout;
    if (!layout) {
      this.unusable = `its header does not hold the schema's columns (${verdict.problem ?? ''})`;
      return;
    }
    this.layout = layout;
    this.unusable = undefined;
    this.checks = schema.columns.map(compileFieldCheck);
    this.qualities = schema.columns.map((column) => compileQualityCheck(column, this.setup.now));
    this.cleanValues = schema.columns.map((column, index) =>
      cleanAllowedValues(column, (value) => (this.checks[index] as FieldCheck)(value) === undefined && this.qualities[index]?.(value) === undefined),
    );
    this.ats = schema.columns.map((column) => layout.at(column.name));
    this.parsed = new ParsedFields(layout.width);
    this.numberKinds = schema.columns.map((column, index) => {
      const kind = column.type.kind;
      const number = kind === 'INTEGER' || kind === 'BIGINT' ? INTEGER_FIELD : kind === 'TIMESTAMP' ? TIMESTAMP_FIELD : 0;
      this.parsed.kinds[this.ats[index] as number] = number;
      return number;
    });
    // A parsed INTEGER, BIGINT or TIMESTAMP passes compileFieldCheck's checks when it lies in these
    // bounds (the type's range, min and max); a column with allowed values always takes the full check.
    const bounds = schema.columns.map((column): readonly [number, number] => {
      const kind = column.type.kind;
      if (column.allowedValues || (kind !== 'INTEGER' && kind !== 'BIGINT' && kind !== 'TIMESTAMP')) return [Number.NaN, Number.NaN];
      if (kind === 'TIMESTAMP') return column.min === undefined && column.max === undefined ? [-Infinity, Infinity] : [Number.NaN, Number.NaN];
      const low = kind === 'INTEGER' ? -2147483648 : -Infinity;
      const high = kind === 'INTEGER' ? 2147483647 : Infinity;
      return [Math.max(low, column.min ?? -Infinity), Math.min(high, column.max ?? Infinity)];
    });
    this.passLow = bounds.map(([low]) => low);
    this.passHigh = bounds.map(([, high]) => high);
    const primary = schema.columns.filter((column) => column.primaryKey);
    if (primary.length === 1) {
      this.primaryName = (primary[0] as { name: string }).name;
      this.primaryAt = layout.at(this.primaryName);
    } else if (primary.length > 1 && report) {
      this.primary.skip(`${schema.tableName} declares a composite primary key, which is not checked`);
    }
    this.foreignKeys = plan.foreignKeys
      .filter((foreignKey) => foreignKey.table === schema.tableName)
      .map((foreignKey) => ({ at: layout.at(foreignKey.column), column: foreignKey.column, target: foreignKey.target, ids: targets[foreignKey.target], tally: foreignKey.tally }));
    const uniques = plan.uniques.filter((unique) => unique.table === schema.tableName).map((unique) => ({ ats: unique.columns.map((column) => layout.at(column)), integers: unique.keys instanceof IntTupleSet }));
    this.columns = new RowColumns(this.primaryAt, uniques, this.parsed);
    this.rules = this.setup.start(layout);
  }

  private checkValues(fields: readonly string[], line: number): void {
    const { checks, ats, cleanValues, numberKinds, parsed } = this;
    const numbers = parsed.values;
    for (let column = 0; column < checks.length; column++) {
      const at = ats[column] as number;
      const value = fields[at] as string;
      const numberKind = numberKinds[column] as number;
      if (numberKind !== 0) {
        const number = numberKind === INTEGER_FIELD ? parseInteger(value) : parseTimestamp(value);
        numbers[at] = number;
        // NaN fails both comparisons, and a column without bounds has NaN ones: the full check then.
        if (number >= (this.passLow[column] as number) && number <= (this.passHigh[column] as number)) {
          if (numberKind === TIMESTAMP_FIELD) {
            const quality = this.qualities[column]?.(value);
            if (quality) this.qualityFailed(quality, fields, line, column, value);
          }
          continue;
        }
      }
      const clean = cleanValues[column];
      if (clean !== undefined) {
        const sameLength = clean[value.length];
        if (sameLength !== undefined && sameLength.includes(value)) continue;
      }
      const problem = (checks[column] as FieldCheck)(value);
      if (problem === undefined) {
        const quality = value === '' ? undefined : this.qualities[column]?.(value);
        if (quality) this.qualityFailed(quality, fields, line, column, value);
        continue;
      }
      const name = (this.setup.schema.columns[column] as { name: string }).name;
      this.values.add(this.setup.file, line, () => ({ key: this.keyOf(fields), values: { [name]: value }, problem: `${name} ${problem}` }));
    }
  }

  private qualityFailed([rule, problem]: readonly [QualityRule, string], fields: readonly string[], line: number, column: number, value: string): void {
    let tally = this.qualityTallies.get(rule);
    if (!tally) {
      tally = this.setup.book.tally(rule);
      this.qualityTallies.set(rule, tally);
    }
    const name = (this.setup.schema.columns[column] as { name: string }).name;
    tally.add(this.setup.file, line, () => ({ key: this.keyOf(fields), values: { [name]: value }, problem }));
  }

  private checkForeignKey(foreignKey: BoundForeignKey, fields: readonly string[], line: number): void {
    const text = fields[foreignKey.at] as string;
    if (text === '' || !foreignKey.ids) return;
    const id = this.parsed.integer(fields, foreignKey.at);
    if (Number.isNaN(id) || foreignKey.ids.get(id) >= 0) return;
    if (foreignKey.ids.overflowed) {
      foreignKey.tally.skip(`${foreignKey.target}.csv has more keys than fit in memory`);
      return;
    }
    foreignKey.tally.add(this.setup.file, line, () => ({
      key: this.keyOf(fields),
      values: { [foreignKey.column]: text },
      problem: `${foreignKey.column} ${text} is not in ${foreignKey.target}.csv`,
    }));
  }
}
