// The checks every table gets, record by record: header, field count, each value against its column
// (COL-TYPE), the primary key, foreign keys and unique indexes; then the table's own business rules.
import { MAX_RECORD_FIELDS } from '../encoding/csvRecords.js';
import type { TableName } from '../schema/tableNames.js';
import type { TableSchema } from '../schema/schemaTypes.js';
import { compileFieldCheck, type FieldCheck } from './columnCheck.js';
import { compileQualityCheck, timestampOf, type QualityCheck, type QualityRule } from './valueQuality.js';
import { ID_DUPLICATE, ID_OVERFLOW, type IdIndex } from './idIndex.js';
import type { KeyPlan } from './keyPlan.js';
import type { RuleBook, RuleTally } from './ruleBook.js';
import { IntTupleSet } from './intTupleSet.js';
import type { StringTable } from './stringTable.js';
import { readHeader, type TableLayout } from './tableLayout.js';
import { parseInteger } from './valueParsers.js';

/** A table's business rules, run on each record that has the right number of fields. */
export interface TableRules {
  /** `slot` is the row's slot in its table's IdIndex, or -1 when its key is invalid or repeated. */
  row(fields: readonly string[], line: number, slot: number): void;
}

/** Where a table's primary keys go: an IdIndex slot (>= 0), ID_DUPLICATE or ID_OVERFLOW. */
export interface PrimaryKeyStore {
  add(id: number): number;
}

export interface ScanSetup {
  readonly schema: TableSchema;
  readonly file: string;
  readonly book: RuleBook;
  readonly plan: KeyPlan;
  /** The IdIndex of each referenceable table read so far. */
  readonly targets: Partial<Record<TableName, IdIndex>>;
  /** Called once the header is known to fit; returns where keys go and the table's rules. */
  readonly start: (layout: TableLayout) => { keys: PrimaryKeyStore; rules: TableRules };
}

interface BoundForeignKey {
  readonly at: number;
  readonly column: string;
  readonly target: TableName;
  readonly ids: IdIndex | undefined;
  readonly tally: RuleTally;
}

interface BoundUnique {
  readonly ats: readonly number[];
  readonly columns: readonly string[];
  readonly keys: StringTable | IntTupleSet;
  readonly tally: RuleTally;
  /** Reused for each row's integer tuple. */
  readonly tuple: number[];
}

export class TableScan {
  /** Undefined until the header is read, and when it lacks schema columns. */
  layout: TableLayout | undefined;
  /** Why the rows were not checked, when they were not. */
  unusable: string | undefined = 'the file is empty (no header)';
  private headerRead = false;
  private checks: FieldCheck[] = [];
  private qualities: (QualityCheck | undefined)[] = [];
  private readonly qualityTallies = new Map<QualityRule, RuleTally>();
  private ats: number[] = [];
  private primaryAt = -1;
  private primaryName = '';
  private keys: PrimaryKeyStore | undefined;
  private rules: TableRules | undefined;
  private foreignKeys: BoundForeignKey[] = [];
  private uniques: BoundUnique[] = [];
  private readonly header: RuleTally;
  private readonly fieldCount: RuleTally;
  private readonly values: RuleTally;
  private readonly primary: RuleTally;

  constructor(private readonly setup: ScanSetup) {
    this.header = setup.book.tally('FILE-HEADER');
    this.fieldCount = setup.book.tally('FILE-FIELDS');
    this.values = setup.book.tally('COL-TYPE');
    this.primary = setup.book.tally('PK-UNIQUE');
  }

  /** The record callback for readCsv. */
  readonly onRecord = (fields: readonly string[], line: number): void => {
    if (!this.headerRead) {
      this.headerRead = true;
      this.readHeader(fields);
      return;
    }
    const layout = this.layout;
    if (!layout) return;
    if (fields.length !== layout.width) {
      this.wrongFieldCount(line, fields.length, layout.width);
      return;
    }
    this.checkValues(fields, line);
    const slot = this.checkPrimaryKey(fields, line);
    for (const foreignKey of this.foreignKeys) this.checkForeignKey(foreignKey, fields, line);
    for (const unique of this.uniques) this.checkUnique(unique, fields, line);
    this.rules?.row(fields, line, slot);
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

  private readHeader(fields: readonly string[]): void {
    const { schema, file, plan, targets } = this.setup;
    const verdict = readHeader(schema, file, fields);
    if (verdict.problem) {
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
    const now = timestampOf(new Date());
    this.qualities = schema.columns.map((column) => compileQualityCheck(column, now));
    this.ats = schema.columns.map((column) => layout.at(column.name));
    const primary = schema.columns.filter((column) => column.primaryKey);
    if (primary.length === 1) {
      this.primaryName = (primary[0] as { name: string }).name;
      this.primaryAt = layout.at(this.primaryName);
    } else if (primary.length > 1) {
      this.primary.skip(`${schema.tableName} declares a composite primary key, which is not checked`);
    }
    this.foreignKeys = plan.foreignKeys
      .filter((foreignKey) => foreignKey.table === schema.tableName)
      .map((foreignKey) => ({ at: layout.at(foreignKey.column), column: foreignKey.column, target: foreignKey.target, ids: targets[foreignKey.target], tally: foreignKey.tally }));
    this.uniques = plan.uniques
      .filter((unique) => unique.table === schema.tableName)
      .map((unique) => ({ ats: unique.columns.map((column) => layout.at(column)), columns: unique.columns, keys: unique.keys, tally: unique.tally, tuple: unique.columns.map(() => 0) }));
    const started = this.setup.start(layout);
    this.keys = started.keys;
    this.rules = started.rules;
  }

  private checkValues(fields: readonly string[], line: number): void {
    const { checks, ats } = this;
    for (let column = 0; column < checks.length; column++) {
      const value = fields[ats[column] as number] as string;
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

  private checkPrimaryKey(fields: readonly string[], line: number): number {
    if (this.primaryAt < 0 || !this.keys) return -1;
    const text = fields[this.primaryAt] as string;
    const id = parseInteger(text);
    const file = this.setup.file;
    if (Number.isNaN(id)) {
      this.primary.add(file, line, () => ({ key: this.keyOf(fields), values: { [this.primaryName]: text }, problem: `${this.primaryName} is ${text === '' ? 'NULL' : 'not an integer key'}` }));
      return -1;
    }
    const slot = this.keys.add(id);
    if (slot === ID_DUPLICATE) {
      this.primary.add(file, line, () => ({ key: this.keyOf(fields), values: { [this.primaryName]: text }, problem: `${this.primaryName} ${text} appears on an earlier line too` }));
      return -1;
    }
    if (slot === ID_OVERFLOW) {
      this.primary.skip(`${file} has more keys than fit in memory`);
      return -1;
    }
    return slot;
  }

  private checkForeignKey(foreignKey: BoundForeignKey, fields: readonly string[], line: number): void {
    const text = fields[foreignKey.at] as string;
    if (text === '' || !foreignKey.ids) return;
    const id = parseInteger(text);
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

  private checkUnique(unique: BoundUnique, fields: readonly string[], line: number): void {
    const { keys, ats, tuple } = unique;
    let added: boolean;
    if (keys instanceof IntTupleSet) {
      for (let index = 0; index < ats.length; index++) {
        const value = parseInteger(fields[ats[index] as number] as string);
        // NULL or not an int32 (COL-TYPE reports it): the row takes no part, as NULLs in SQL.
        if (!IntTupleSet.fits(value)) return;
        tuple[index] = value;
      }
      added = keys.add(tuple) || keys.overflowed;
    } else {
      let key = '';
      for (let index = 0; index < ats.length; index++) {
        const value = fields[ats[index] as number] as string;
        if (value === '') return;
        key = index === 0 ? value : `${key}\u0000${value}`;
      }
      added = keys.intern(key) < 0 || keys.added;
    }
    if (keys.overflowed) {
      unique.tally.skip(`${this.setup.file} has more distinct (${unique.columns.join(', ')}) values than fit in memory`);
      return;
    }
    if (added) return;
    unique.tally.add(this.setup.file, line, () => {
      const values: Record<string, string> = {};
      unique.columns.forEach((column, index) => {
        values[column] = fields[unique.ats[index] as number] as string;
      });
      return { key: this.keyOf(fields), values, problem: `(${unique.columns.join(', ')}) repeats an earlier row's` };
    });
  }
}
