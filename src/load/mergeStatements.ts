import { dialectRules } from '../ddl/dialects.js';
import { tableConstraints } from '../ddl/tableConstraints.js';
import type { SchemaSet, TableSchema } from '../schema/schemaTypes.js';
import type { TableName } from '../schema/tableNames.js';
import { CHANGE_COLUMNS } from './changesFolder.js';

type MergeDialect = 'postgres' | 'duckdb';

/**
 * The statements a user writes to apply one batch file of `ecomgen changes` to a table with MERGE
 * (PostgreSQL 15+, DuckDB 1.4+), as the README shows them and the tests run them: stage the file, then
 * one MERGE that keeps the newest row per key (highest _seq, so repeated rows count once), deletes on D,
 * replaces on U and inserts the rest. `ecomgen load --apply` does more (late rows across batches, rows
 * whose parent comes later) with portable statements of its own (applyStatements.ts).
 */
export interface MergeExample {
  /** Creates `<table>_changes`: the change columns, then the table's, no constraints. */
  readonly stage: string;
  /** Loads the batch file into it: psql's \copy for PostgreSQL, COPY for DuckDB. */
  readonly load: string;
  /** DuckDB only: indexes to drop first and create after (see `mergeStatement`). */
  readonly dropIndexes: readonly string[];
  readonly merge: string;
  readonly createIndexes: readonly string[];
}

const changesTable = (table: TableName): string => `${table}_changes`;

/** `items` joined by ", ", broken into lines of at most `width` characters that start with `indent`. */
function wrapped(items: readonly string[], indent: string, width = 100): string {
  const lines: string[] = [];
  let line = '';
  for (const item of items) {
    const next = line === '' ? item : `${line}, ${item}`;
    if (line !== '' && indent.length + next.length + 1 > width) {
      lines.push(`${line},`);
      line = item;
    } else {
      line = next;
    }
  }
  lines.push(line);
  return lines.map((text) => `${indent}${text}`).join('\n');
}

/** The latest change per key among the staged rows. */
function latestPerKey(dialect: MergeDialect, table: TableName, key: string): string {
  return dialect === 'postgres'
    ? `SELECT DISTINCT ON (${key}) * FROM ${changesTable(table)} ORDER BY ${key}, _seq DESC`
    : `SELECT * FROM ${changesTable(table)} QUALIFY row_number() OVER (PARTITION BY ${key} ORDER BY _seq DESC) = 1`;
}

/**
 * MERGE for one table. DuckDB runs an update of an indexed column (a key, a unique or foreign key column,
 * an index) as delete + insert, which it refuses for a row another table references; so for DuckDB the
 * key columns are set only when one of them changes, and a referenced table's plain indexes are dropped
 * around the MERGE.
 */
function mergeStatement(dialect: MergeDialect, schema: TableSchema): string {
  const id = dialectRules(dialect).quoteIdentifier;
  const table = schema.tableName;
  const key = id((schema.columns.find((column) => column.primaryKey) ?? schema.columns[0] as TableSchema['columns'][number]).name);
  const columns = schema.columns.map((column) => id(column.name));
  const constraints = tableConstraints(schema);
  const keyed = new Set([...constraints.uniques.flatMap((unique) => unique.columns), ...constraints.foreignKeys.map((fk) => fk.column)]);
  const data = schema.columns.filter((column) => !column.primaryKey);
  const set = (names: readonly string[]): string => `\n${wrapped(names.map((name) => `${name} = c.${name}`), '    ')}`;
  const all = data.map((column) => id(column.name));
  const plain = data.filter((column) => !keyed.has(column.name)).map((column) => id(column.name));
  const keyedNames = data.filter((column) => keyed.has(column.name)).map((column) => id(column.name));
  const updates = dialect === 'duckdb' && keyedNames.length > 0
    ? [
        `WHEN MATCHED AND (${keyedNames.map((name) => `t.${name} IS DISTINCT FROM c.${name}`).join(' OR ')}) THEN UPDATE SET${set(all)}`,
        `WHEN MATCHED THEN UPDATE SET${set(plain)}`,
      ]
    : [`WHEN MATCHED THEN UPDATE SET${set(all)}`];
  return [
    `MERGE INTO ${id(table)} AS t`,
    `USING (${latestPerKey(dialect, table, key)}) AS c`,
    `ON t.${key} = c.${key}`,
    `WHEN MATCHED AND c._op = 'D' THEN DELETE`,
    ...updates,
    `WHEN NOT MATCHED AND c._op <> 'D' THEN INSERT (\n${wrapped(columns, '    ')}\n  ) VALUES (\n${wrapped(columns.map((name) => `c.${name}`), '    ')}\n  )`,
  ].join('\n');
}

/** The statements for one table and one batch file (`file` as the user would write the path). */
export function mergeExample(dialect: MergeDialect, schemas: SchemaSet, table: TableName, file: string): MergeExample {
  const id = dialectRules(dialect).quoteIdentifier;
  const [op, changedAt, seq] = CHANGE_COLUMNS;
  const stage = dialect === 'postgres'
    ? `CREATE TEMP TABLE ${changesTable(table)} AS\n  SELECT NULL::varchar(1) AS ${op}, NULL::timestamp AS ${changedAt}, NULL::bigint AS ${seq}, * FROM ${id(table)} WITH NO DATA`
    : `CREATE TEMP TABLE ${changesTable(table)} AS\n  SELECT NULL::VARCHAR AS ${op}, NULL::TIMESTAMP AS ${changedAt}, NULL::BIGINT AS ${seq}, * FROM ${id(table)} LIMIT 0`;
  const load = dialect === 'postgres'
    ? `\\copy ${changesTable(table)} FROM '${file}' WITH (FORMAT csv, HEADER true)`
    : `COPY ${changesTable(table)} FROM '${file}' (FORMAT csv, HEADER true)`;
  const referenced = Object.values(schemas).some((other) => tableConstraints(other).foreignKeys.some((fk) => fk.table === table));
  const indexes = dialect === 'duckdb' && referenced ? tableConstraints(schemas[table]).indexes : [];
  return {
    stage,
    load,
    dropIndexes: indexes.map((index) => `DROP INDEX ${id(index.name)}`),
    merge: mergeStatement(dialect, schemas[table]),
    createIndexes: indexes.map((index) => `CREATE INDEX ${id(index.name)} ON ${id(table)} (${index.columns.map(id).join(', ')})`),
  };
}

/** The example as one SQL script, statements ending in `;`, for the README. */
export function renderMergeExample(example: MergeExample): string {
  return [example.stage, example.load, ...example.dropIndexes, example.merge, ...example.createIndexes]
    .map((statement) => (statement.startsWith('\\copy') ? statement : `${statement};`))
    .join('\n');
}
