// The data dictionary and its Mermaid diagram, rendered in memory from the schemas and read back
// against them. (test/e2e/docs.test.ts checks the committed copy and the CLI's --output.)
import { describe, expect, it } from 'vitest';
import { renderDataDictionary } from '../../../src/docs/dataDictionary.js';
import { TABLE_NAMES } from '../../../src/schema/tableNames.js';
import { SCHEMAS, schemasWith } from './shippedSchemas.js';

const MARKDOWN = renderDataDictionary(SCHEMAS);

/** The markdown between `## <table>` and the next `## `. */
function section(markdown: string, table: string): string {
  const start = markdown.indexOf(`\n## ${table}\n`);
  expect(start, `section ${table}`).toBeGreaterThan(0);
  const end = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, end < 0 ? undefined : end);
}

/** Cells of a markdown table row, with escaped pipes restored. */
const cells = (row: string): string[] => row.split(/(?<!\\)\|/).slice(1, -1).map((cell) => cell.trim().replaceAll('\\|', '|'));

describe('renderDataDictionary', () => {
  it('describes every column of every table as its schema does', () => {
    for (const table of TABLE_NAMES) {
      const text = section(MARKDOWN, table);
      expect(text).toContain(SCHEMAS[table].description);
      const rows = text.split('\n').filter((line) => line.startsWith('| `'));
      for (const column of SCHEMAS[table].columns) {
        const row = rows.find((line) => line.startsWith(`| \`${column.name}\` |`));
        expect(row, `${table}.${column.name}`).toBeDefined();
        const [, type, nullable, key, references, values, description] = cells(row as string);
        expect(type).toBe(column.typeText);
        expect(nullable).toBe(column.nullable ? 'yes' : 'no');
        expect(key?.split(', ').includes('PK')).toBe(column.primaryKey);
        expect(key?.split(', ').includes('FK')).toBe(column.foreignKey !== undefined);
        expect(references).toBe(column.foreignKey ? `${column.foreignKey.table}.${column.foreignKey.column}` : '');
        for (const value of column.allowedValues ?? []) expect(values).toContain(`\`${value}\``);
        if (column.min !== undefined) expect(values).toContain(String(column.min));
        if (column.max !== undefined) expect(values).toContain(String(column.max));
        expect(description).toBe(column.description);
      }
      for (const index of SCHEMAS[table].indexes) expect(text).toContain(`| \`${index.name}\` | ${index.columns.join(', ')} | ${index.unique ? 'yes' : 'no'} |`);
      expect(SCHEMAS[table].businessRules.length, table).toBeGreaterThan(0);
      for (const rule of SCHEMAS[table].businessRules) {
        const row = text.split('\n').find((line) => line.startsWith(`| ${rule.id} |`));
        expect(row ? cells(row) : undefined, rule.id).toEqual([rule.id, `\`${rule.name}\``, rule.rule]);
      }
    }
  });

  it('draws a Mermaid ER diagram with every table and one relationship per foreign key', () => {
    const diagram = /```mermaid\n(erDiagram\n[\s\S]*?)```/.exec(MARKDOWN)?.[1] as string;
    expect(diagram).toBeDefined();
    const relationships = diagram.split('\n').filter((line) => line.includes('--'));
    const expected = TABLE_NAMES.flatMap((table) => SCHEMAS[table].columns.filter((column) => column.foreignKey)
      .map((column) => `  ${column.foreignKey?.table} ${column.nullable ? '|o' : '||'}--o{ ${table} : "${column.name}"`));
    expect(expected.length).toBeGreaterThan(0);
    expect(relationships.sort()).toEqual(expected.sort());
    for (const table of TABLE_NAMES) {
      const entity = new RegExp(`^  ${table} \\{\\n([\\s\\S]*?)\\n  \\}$`, 'm').exec(diagram)?.[1] as string;
      expect(entity.split('\n').map((line) => line.trim().split(' ')[1])).toEqual(SCHEMAS[table].columns.map((column) => column.name));
    }
  });

  it('escapes a pipe and folds a newline inside a table cell', () => {
    const schemas = schemasWith('orders', {
      columns: SCHEMAS.orders.columns.map((column) => (column.name === 'status' ? { ...column, description: 'Where | the order\n  stands' } : column)),
    });
    const row = section(renderDataDictionary(schemas), 'orders').split('\n').find((line) => line.startsWith('| `status` |')) as string;
    expect(row).toContain('Where \\| the order stands');
    expect(cells(row)[6]).toBe('Where | the order stands');
  });

  it('gives the same text for the same schemas (no dates or other run-time state)', () => {
    expect(renderDataDictionary(SCHEMAS)).toBe(MARKDOWN);
  });
});
