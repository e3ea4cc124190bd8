import { dependencyOrder } from '../ddl/tableOrder.js';
import { tableConstraints, type TableConstraints } from '../ddl/tableConstraints.js';
import type { ColumnSchema, SchemaSet, TableSchema } from '../schema/schemaTypes.js';
import { SCHEMA_VERSION } from '../model/tables/columns.js';
import { erDiagram } from './erDiagram.js';

/** The command that writes the committed data dictionary; the docs test names it when the file is stale. */
const DOCS_COMMAND = 'npx ecomgen docs --output schemas/README.md';

/** Table cells hold one line, and a pipe would end the cell. */
const cell = (text: string): string => text.replace(/\s*\n\s*/g, ' ').replaceAll('|', '\\|');
const code = (text: string): string => `\`${text}\``;

function keyOf(column: ColumnSchema, constraints: TableConstraints): string {
  const keys: string[] = [];
  if (column.primaryKey) keys.push('PK');
  if (column.foreignKey) keys.push('FK');
  for (const unique of constraints.uniques) {
    if (unique.columns.includes(column.name)) keys.push(unique.columns.length === 1 ? 'UQ' : `UQ (${unique.columns.join(', ')})`);
  }
  return keys.join(', ');
}

function valuesOf(column: ColumnSchema): string {
  if (column.allowedValues) return column.allowedValues.map(code).join(', ');
  if (column.min !== undefined && column.max !== undefined) return `${column.min} to ${column.max}`;
  if (column.min !== undefined) return `>= ${column.min}`;
  if (column.max !== undefined) return `<= ${column.max}`;
  return '';
}

function tableSection(schema: TableSchema): string {
  const constraints = tableConstraints(schema);
  const lines = [`## ${schema.tableName}`, '', schema.description, ''];
  lines.push('| column | type | nullable | key | references | allowed values / range | description |');
  lines.push('|---|---|---|---|---|---|---|');
  for (const column of schema.columns) {
    const references = column.foreignKey ? `${column.foreignKey.table}.${column.foreignKey.column}` : '';
    lines.push(`| ${code(column.name)} | ${column.typeText} | ${column.nullable ? 'yes' : 'no'} | ${keyOf(column, constraints)} | ${references} | ${cell(valuesOf(column))} | ${cell(column.description)} |`);
  }
  lines.push('', '**Indexes**', '', '| index | columns | unique |', '|---|---|---|');
  for (const index of schema.indexes) lines.push(`| ${code(index.name)} | ${index.columns.join(', ')} | ${index.unique ? 'yes' : 'no'} |`);
  lines.push('', '**Business rules**', '', '| id | name | rule |', '|---|---|---|');
  for (const rule of schema.businessRules) lines.push(`| ${rule.id} | ${code(rule.name)} | ${cell(rule.rule)} |`);
  return lines.join('\n');
}

/** The data dictionary in Markdown, from the schemas alone (no dates), so the same schemas give the same text. */
export function renderDataDictionary(schemas: SchemaSet): string {
  const tables = dependencyOrder(schemas);
  const sections = [
    [
      '# Data dictionary',
      '',
      `<!-- Generated from schemas/*.json by \`${DOCS_COMMAND}\`; edit the schemas, not this file. -->`,
      '',
      `${tables.length} tables, listed in dependency order (each references only tables above it): ${tables.map((table) => `[${table}](#${table})`).join(', ')}. ` +
        'Types are as the schema files state them; `ecomgen ddl --dialect <postgres|duckdb|snowflake|bigquery>` prints them for a warehouse. ' +
        'Key: PK primary key, FK foreign key, UQ unique.',
      '',
      `Schema version ${SCHEMA_VERSION} (schemas/VERSION; every manifest.json records it as \`schema_version\`): it goes up whenever a table's columns change.`,
    ].join('\n'),
    ['## Relationships', '', '```mermaid', erDiagram(schemas), '```'].join('\n'),
    ...tables.map((table) => tableSection(schemas[table])),
  ];
  return `${sections.join('\n\n')}\n`;
}
