import type { TableName } from '../schema/tableNames.js';
import type { ColumnSchema, TableSchema } from '../schema/schemaTypes.js';

interface KeyConstraint {
  readonly name: string;
  readonly columns: readonly string[];
}

interface ForeignKeyConstraint {
  readonly name: string;
  readonly column: string;
  readonly table: TableName;
  readonly references: string;
}

/** What a column's CHECK must hold: one of the allowed values and/or within [min, max]. */
export interface CheckConstraint {
  readonly name: string;
  readonly column: string;
  readonly allowedValues?: readonly string[];
  readonly min?: number;
  readonly max?: number;
}

/** A table's keys, checks and plain indexes, independent of any SQL dialect. */
export interface TableConstraints {
  readonly primaryKey?: KeyConstraint;
  readonly uniques: readonly KeyConstraint[];
  readonly foreignKeys: readonly ForeignKeyConstraint[];
  readonly checks: readonly CheckConstraint[];
  /** Non-unique indexes, for dialects that have indexes. */
  readonly indexes: readonly KeyConstraint[];
}

const sameColumns = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((name, index) => name === b[index]);

function checkOf(table: TableName, column: ColumnSchema): CheckConstraint | undefined {
  if (!column.allowedValues && column.min === undefined && column.max === undefined) return undefined;
  return {
    name: `ck_${table}_${column.name}`,
    column: column.name,
    ...(column.allowedValues ? { allowedValues: column.allowedValues } : {}),
    ...(column.min !== undefined ? { min: column.min } : {}),
    ...(column.max !== undefined ? { max: column.max } : {}),
  };
}

/**
 * Reads the constraints out of a table schema. The schema lists the primary key's own unique index
 * (pk_<table>); its name becomes the primary key constraint's name rather than a second UNIQUE.
 */
export function tableConstraints(schema: TableSchema): TableConstraints {
  const table = schema.tableName;
  const keyColumns = schema.columns.filter((column) => column.primaryKey).map((column) => column.name);
  const keyIndex = schema.indexes.find((index) => index.unique && sameColumns(index.columns, keyColumns));
  const primaryKey = keyColumns.length > 0 ? { name: keyIndex?.name ?? `pk_${table}`, columns: keyColumns } : undefined;
  const uniques = schema.indexes
    .filter((index) => index.unique && index !== keyIndex)
    .map((index) => ({ name: index.name, columns: index.columns }));
  const foreignKeys = schema.columns.flatMap((column) =>
    column.foreignKey ? [{ name: `fk_${table}_${column.name}`, column: column.name, table: column.foreignKey.table, references: column.foreignKey.column }] : [],
  );
  const checks = schema.columns.flatMap((column) => checkOf(table, column) ?? []);
  const indexes = schema.indexes.filter((index) => !index.unique).map((index) => ({ name: index.name, columns: index.columns }));
  return { ...(primaryKey ? { primaryKey } : {}), uniques, foreignKeys, checks, indexes };
}
