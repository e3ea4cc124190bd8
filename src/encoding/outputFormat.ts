import { TABLE_NAMES, type TableName } from '../schema/tableNames.js';
import type { ColumnSchema, ColumnType, SchemaSet } from '../schema/schemaTypes.js';

export const OUTPUT_FORMATS = ['csv', 'jsonl', 'parquet'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
export const COMPRESSIONS = ['none', 'gzip'] as const;
export type Compression = (typeof COMPRESSIONS)[number];

/** How a column's text becomes a typed JSON value. */
export type JsonKind = 'number' | 'boolean' | 'string';

/** What a worker needs to encode a table: column names, JSON kinds and SQL types, in schema order. */
export interface TableEncoding {
  readonly names: readonly string[];
  readonly kinds: readonly JsonKind[];
  /** The schema's types, which Parquet columns are typed from. */
  readonly types: readonly ColumnType[];
}

export function jsonKind(column: ColumnSchema): JsonKind {
  switch (column.type.kind) {
    case 'INTEGER':
    case 'BIGINT':
    case 'DECIMAL':
      return 'number';
    case 'BOOLEAN':
      return 'boolean';
    default:
      return 'string';
  }
}

export function tableEncoding(columns: readonly ColumnSchema[]): TableEncoding {
  return { names: columns.map((column) => column.name), kinds: columns.map(jsonKind), types: columns.map((column) => column.type) };
}

/** File extension of a table's data file, e.g. `csv.gz`. */
export function dataExtension(format: OutputFormat, compression: Compression): string {
  return compression === 'gzip' ? `${format}.gz` : format;
}

export type TableEncodings = Readonly<Record<TableName, TableEncoding>>;

/** Every table's encoding, from the loaded schemas. */
export function tableEncodings(schemas: SchemaSet): TableEncodings {
  return Object.fromEntries(TABLE_NAMES.map((table) => [table, tableEncoding(schemas[table].columns)])) as TableEncodings;
}
