// The shipped schema files as texts in memory, and copies with one table's JSON edited, for tests
// that parse schema sets without writing files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SCHEMA_DIR } from '../../../src/paths.js';
import type { SchemaTexts } from '../../../src/schema/loadSchemas.js';
import { TABLE_NAMES, type TableName } from '../../../src/schema/tableNames.js';

/** A schema file's JSON, loosely typed so tests can break it. */
export interface SchemaJson {
  table_name: unknown;
  description: unknown;
  columns: Record<string, unknown>[];
  indexes: Record<string, unknown>[];
  business_rules: unknown[];
  [key: string]: unknown;
}

export const SHIPPED_TEXTS: SchemaTexts = Object.fromEntries(
  TABLE_NAMES.map((table) => [table, readFileSync(join(DEFAULT_SCHEMA_DIR, `${table}.json`), 'utf8')]),
) as SchemaTexts;

/** The shipped texts with `table`'s JSON changed by `edit`. */
export function textsWith(table: TableName, edit: (schema: SchemaJson) => void): SchemaTexts {
  const schema = JSON.parse(SHIPPED_TEXTS[table]) as SchemaJson;
  edit(schema);
  return { ...SHIPPED_TEXTS, [table]: JSON.stringify(schema) };
}

/** `table`'s column named `name`, failing loudly when the shipped schema lacks it. */
export function columnOf(schema: SchemaJson, name: string): Record<string, unknown> {
  const column = schema.columns.find((candidate) => candidate['name'] === name);
  if (!column) throw new Error(`no column ${name} in ${String(schema.table_name)}`);
  return column;
}
