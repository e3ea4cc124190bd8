// The shipped schemas, parsed once from their texts, and a small hand-made table for cases the
// shipped schemas do not reach (reserved words, quotes in names, self-references).
import { parseSchemas } from '../../../src/schema/loadSchemas.js';
import type { ColumnSchema, SchemaSet, TableSchema } from '../../../src/schema/schemaTypes.js';
import type { TableName } from '../../../src/schema/tableNames.js';
import { SHIPPED_TEXTS } from '../schema/schemaTexts.js';

export const SCHEMAS: SchemaSet = parseSchemas(SHIPPED_TEXTS, 'schemas').schemas;

export const foreignKeys = (table: TableName): ColumnSchema[] => SCHEMAS[table].columns.filter((column) => column.foreignKey);
export const hasCheck = (column: ColumnSchema): boolean => column.allowedValues !== undefined || column.min !== undefined || column.max !== undefined;
export const primaryKeyOf = (table: TableName): string[] => SCHEMAS[table].columns.filter((column) => column.primaryKey).map((column) => column.name);

/** The shipped schemas with `table` replaced by `schema`. */
export function schemasWith(table: TableName, schema: Partial<TableSchema>): SchemaSet {
  return { ...SCHEMAS, [table]: { ...SCHEMAS[table], ...schema } };
}
