import type { TableName } from './tableNames.js';

export type ColumnType =
  | { readonly kind: 'INTEGER' }
  | { readonly kind: 'BIGINT' }
  | { readonly kind: 'DECIMAL'; readonly precision: number; readonly scale: number }
  | { readonly kind: 'VARCHAR'; readonly length: number }
  | { readonly kind: 'DATE' }
  | { readonly kind: 'TIMESTAMP' }
  | { readonly kind: 'BOOLEAN' };

export interface ColumnSchema {
  readonly name: string;
  /** The type as written in the schema file, e.g. `DECIMAL(10,2)`. */
  readonly typeText: string;
  readonly type: ColumnType;
  readonly description: string;
  readonly nullable: boolean;
  readonly primaryKey: boolean;
  readonly foreignKey?: { readonly table: TableName; readonly column: string };
  readonly allowedValues?: readonly string[];
  readonly min?: number;
  readonly max?: number;
}

export interface IndexSchema {
  readonly name: string;
  readonly columns: readonly string[];
  readonly unique: boolean;
}

export interface BusinessRule {
  readonly id: string;
  readonly name: string;
  readonly rule: string;
}

export interface TableSchema {
  readonly tableName: TableName;
  readonly description: string;
  readonly columns: readonly ColumnSchema[];
  readonly indexes: readonly IndexSchema[];
  readonly businessRules: readonly BusinessRule[];
}

export type SchemaSet = Readonly<Record<TableName, TableSchema>>;
