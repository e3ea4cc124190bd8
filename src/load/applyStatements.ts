import { dialectRules, type Dialect } from '../ddl/dialects.js';
import { tableConstraints } from '../ddl/tableConstraints.js';
import { UsageError } from '../errors.js';
import type { TableSchema } from '../schema/schemaTypes.js';
import type { TableName } from '../schema/tableNames.js';
import { CHANGE_COLUMNS } from './changesFolder.js';

/** The side tables `load --apply` keeps next to the data tables, in the same schema. */
export const BATCHES_TABLE = '_ecomgen_batches';
const APPLIED_TABLE = '_ecomgen_applied';
const pendingTable = (table: TableName): string => `_ecomgen_pending_${table}`;

/** The side tables' DDL, portable between PostgreSQL and DuckDB. */
export function sideTableStatements(dialect: Dialect, schema: string | undefined): string[] {
  const q = qualifier(dialect, schema);
  return [
    `CREATE TABLE IF NOT EXISTS ${q(BATCHES_TABLE)} (batch VARCHAR(13) PRIMARY KEY, schema_version INTEGER NOT NULL, change_rows BIGINT NOT NULL, applied_at TIMESTAMP NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS ${q(APPLIED_TABLE)} (table_name VARCHAR(64) NOT NULL, ${dialectRules(dialect).quoteIdentifier('key')} VARCHAR(64) NOT NULL, seq BIGINT NOT NULL, PRIMARY KEY (table_name, ${dialectRules(dialect).quoteIdentifier('key')}))`,
  ];
}

/**
 * DROP statements for the side tables: `load` runs them, since a freshly loaded snapshot has had no batch
 * applied and the bookkeeping of an earlier one would make `load --apply` skip or refuse its batches.
 */
export function dropSideTableStatements(dialect: Dialect, schema: string | undefined, tables: readonly TableName[]): string[] {
  const q = qualifier(dialect, schema);
  return [BATCHES_TABLE, APPLIED_TABLE, ...tables.map(pendingTable)].map((name) => `DROP TABLE IF EXISTS ${q(name)}`);
}

function qualifier(dialect: Dialect, schema: string | undefined): (name: string) => string {
  const id = dialectRules(dialect).quoteIdentifier;
  return (name) => (schema === undefined ? id(name) : `${id(schema)}.${id(name)}`);
}

/**
 * The statements that apply one table's change file of a batch, set-based, in this order:
 *   stage      the file (COPY) plus rows parked by earlier batches, into a temp table
 *   net        the latest row per key (highest _seq), dropped when _seq is not newer than the key's
 *              last applied _seq in _ecomgen_applied (duplicates and late rows end here)
 *   delete     keys whose latest change is D (children before parents, see applyChanges)
 *   park       I/U rows whose parent row is not there yet (it comes late) wait in _ecomgen_pending_<table>
 *   update     rows whose key exists, columns replaced (key columns only where they differ: DuckDB
 *              refuses any update of an indexed column of a row other tables reference)
 *   insert     rows whose key does not exist
 *   record     each applied U and D (and I of a key seen before) sets the key's _seq
 */
export class TableApplySql {
  private readonly id: (name: string) => string;
  private readonly q: (name: string) => string;
  private readonly key: string;
  private readonly columns: readonly string[];
  readonly stageTable: string;
  private readonly netTable: string;

  constructor(
    private readonly dialect: Dialect,
    schema: string | undefined,
    private readonly tableSchema: TableSchema,
    /** The data table's name as statements spell it (schema-qualified when asked). */
    private readonly target: string,
    /** Parent tables' names as statements spell them. */
    private readonly parentNames: Readonly<Partial<Record<TableName, string>>>,
  ) {
    const rules = dialectRules(dialect);
    this.id = rules.quoteIdentifier;
    this.q = qualifier(dialect, schema);
    const keys = tableSchema.columns.filter((column) => column.primaryKey);
    if (keys.length !== 1) throw new UsageError(`--apply: ${tableSchema.tableName} needs a one-column primary key to apply changes by key`);
    this.key = this.id((keys[0] as TableSchema['columns'][number]).name);
    this.columns = tableSchema.columns.map((column) => this.id(column.name));
    this.stageTable = this.id(`_ecomgen_stage_${tableSchema.tableName}`);
    this.netTable = this.id(`_ecomgen_net_${tableSchema.tableName}`);
  }

  /** Column names of the stage table, in file order. */
  get stageColumns(): string[] {
    return [...CHANGE_COLUMNS.map((name) => this.id(name)), ...this.columns];
  }

  private stageDefinition(): string {
    const rules = dialectRules(this.dialect);
    const data = this.tableSchema.columns.map((column) => `${this.id(column.name)} ${rules.columnType(column.type)}`);
    return [`${this.id('_op')} VARCHAR(1) NOT NULL`, `${this.id('_changed_at')} TIMESTAMP NOT NULL`, `${this.id('_seq')} BIGINT NOT NULL`, ...data].join(', ');
  }

  createPending(): string {
    return `CREATE TABLE IF NOT EXISTS ${this.q(pendingTable(this.tableSchema.tableName))} (${this.stageDefinition()})`;
  }

  createStage(): string {
    return `CREATE TEMP TABLE ${this.stageTable} (${this.stageDefinition()})`;
  }

  /** Rows parked by earlier batches join this batch's rows; they are parked again if still orphaned. */
  unpark(): string[] {
    const pending = this.q(pendingTable(this.tableSchema.tableName));
    return [`INSERT INTO ${this.stageTable} SELECT * FROM ${pending}`, `DELETE FROM ${pending}`];
  }

  createNet(): string {
    const name = this.dialect === 'postgres' ? 'text' : 'VARCHAR';
    const rank = this.id('_ecomgen_rank');
    const known = this.id('_ecomgen_known');
    const table = this.literal(this.tableSchema.tableName);
    return (
      `CREATE TEMP TABLE ${this.netTable} AS SELECT ${this.stageColumns.map((column) => `r.${column}`).join(', ')}, a.seq AS ${known} ` +
      `FROM (SELECT s.*, row_number() OVER (PARTITION BY s.${this.key} ORDER BY s.${this.id('_seq')} DESC) AS ${rank} FROM ${this.stageTable} s) r ` +
      `LEFT JOIN ${this.q(APPLIED_TABLE)} a ON a.table_name = ${table} AND a.${this.id('key')} = CAST(r.${this.key} AS ${name}) ` +
      `WHERE r.${rank} = 1 AND (a.seq IS NULL OR r.${this.id('_seq')} > a.seq)`
    );
  }

  /** PostgreSQL plans the updates and inserts on statistics; a fresh temp table has none. */
  analyzeNet(): string[] {
    return this.dialect === 'postgres' ? [`ANALYZE ${this.netTable}`] : [];
  }

  /** Rows staged, rows left after de-duplication and the stale filter, by op. */
  countNet(): string {
    const op = this.id('_op');
    return `SELECT CAST((SELECT count(*) FROM ${this.stageTable}) AS BIGINT) AS staged, CAST(count(*) FILTER (WHERE ${op} = 'I') AS BIGINT) AS i, ` +
      `CAST(count(*) FILTER (WHERE ${op} = 'U') AS BIGINT) AS u, CAST(count(*) FILTER (WHERE ${op} = 'D') AS BIGINT) AS d FROM ${this.netTable}`;
  }

  deleteRows(): string {
    return `DELETE FROM ${this.target} WHERE ${this.key} IN (SELECT ${this.key} FROM ${this.netTable} WHERE ${this.id('_op')} = 'D')`;
  }

  /** Moves I/U rows whose parent is missing to the pending table; empty when the table has no foreign key. */
  park(): string[] {
    const keys = tableConstraints(this.tableSchema).foreignKeys;
    if (keys.length === 0) return [];
    const orphan = keys.map((key) => {
      const column = `n.${this.id(key.column)}`;
      const parent = this.parentNames[key.table] ?? this.q(key.table);
      return `(${column} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${parent} p WHERE p.${this.id(key.references)} = ${column}))`;
    }).join(' OR ');
    const where = `n.${this.id('_op')} <> 'D' AND (${orphan})`;
    return [
      `INSERT INTO ${this.q(pendingTable(this.tableSchema.tableName))} SELECT ${this.stageColumns.map((column) => `n.${column}`).join(', ')} FROM ${this.netTable} n WHERE ${where}`,
      `DELETE FROM ${this.netTable} n WHERE ${where}`,
    ];
  }

  countPending(): string {
    return `SELECT CAST(count(*) AS BIGINT) AS n FROM ${this.q(pendingTable(this.tableSchema.tableName))}`;
  }

  /**
   * UPDATE of existing keys: plain columns always; columns under a unique or foreign key (which DuckDB
   * indexes) only in rows where one of them changes.
   */
  updateRows(): string[] {
    const constraints = tableConstraints(this.tableSchema);
    const keyed = new Set([...constraints.uniques.flatMap((unique) => unique.columns), ...constraints.foreignKeys.map((key) => key.column)]);
    const data = this.tableSchema.columns.filter((column) => !column.primaryKey);
    const plain = data.filter((column) => !keyed.has(column.name)).map((column) => this.id(column.name));
    const unique = data.filter((column) => keyed.has(column.name)).map((column) => this.id(column.name));
    const from = `FROM ${this.netTable} n WHERE t.${this.key} = n.${this.key} AND n.${this.id('_op')} <> 'D'`;
    const set = (columns: readonly string[]): string => columns.map((column) => `${column} = n.${column}`).join(', ');
    const statements: string[] = [];
    if (plain.length > 0) statements.push(`UPDATE ${this.target} AS t SET ${set(plain)} ${from}`);
    if (unique.length > 0) {
      statements.push(`UPDATE ${this.target} AS t SET ${set(unique)} ${from} AND (${unique.map((column) => `t.${column} IS DISTINCT FROM n.${column}`).join(' OR ')})`);
    }
    return statements;
  }

  insertRows(): string {
    return `INSERT INTO ${this.target} (${this.columns.join(', ')}) SELECT ${this.columns.map((column) => `n.${column}`).join(', ')} FROM ${this.netTable} n ` +
      `WHERE n.${this.id('_op')} <> 'D' AND NOT EXISTS (SELECT 1 FROM ${this.target} t WHERE t.${this.key} = n.${this.key})`;
  }

  /** The keys' last applied _seq. An I of a key never seen needs no entry: no older change of it exists. */
  record(): string[] {
    const name = this.dialect === 'postgres' ? 'text' : 'VARCHAR';
    const applied = this.q(APPLIED_TABLE);
    const table = this.literal(this.tableSchema.tableName);
    const keyText = `CAST(n.${this.key} AS ${name})`;
    const where = `n.${this.id('_op')} <> 'I' OR n.${this.id('_ecomgen_known')} IS NOT NULL`;
    return [
      `DELETE FROM ${applied} WHERE table_name = ${table} AND ${this.id('key')} IN (SELECT ${keyText} FROM ${this.netTable} n WHERE ${where})`,
      `INSERT INTO ${applied} (table_name, ${this.id('key')}, seq) SELECT ${table}, ${keyText}, n.${this.id('_seq')} FROM ${this.netTable} n WHERE ${where}`,
    ];
  }

  dropTemp(): string[] {
    return [`DROP TABLE IF EXISTS ${this.netTable}`, `DROP TABLE IF EXISTS ${this.stageTable}`];
  }

  private literal(text: string): string {
    return dialectRules(this.dialect).quoteString(text);
  }
}

/**
 * DuckDB runs an UPDATE that touches an indexed column as delete + insert, which its foreign keys refuse
 * for a row other tables reference ("still referenced by a foreign key"). `load --apply` therefore drops
 * the non-unique indexes of referenced tables before the batches and creates them again after.
 */
export function duckdbReferencedIndexes(schemas: Readonly<Record<TableName, TableSchema>>, tables: readonly TableName[], schema: string | undefined, tableNames: Readonly<Record<TableName, string>>): { drop: string[]; create: string[] } {
  const id = dialectRules('duckdb').quoteIdentifier;
  const q = qualifier('duckdb', schema);
  const referenced = new Set(tables.flatMap((table) => tableConstraints(schemas[table]).foreignKeys.map((key) => key.table)));
  const indexes = tables.filter((table) => referenced.has(table)).flatMap((table) => tableConstraints(schemas[table]).indexes.map((index) => ({ table, index })));
  return {
    drop: indexes.map(({ index }) => `DROP INDEX IF EXISTS ${q(index.name)}`),
    create: indexes.map(({ table, index }) => `CREATE INDEX IF NOT EXISTS ${id(index.name)} ON ${tableNames[table]} (${index.columns.map(id).join(', ')})`),
  };
}
