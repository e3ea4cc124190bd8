// `ecomgen docs`: the data dictionary generated from the schemas, and the committed copy kept current.
import { describe, expect, it } from 'vitest';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSchemas, TABLE_NAMES } from 'ecomgen';
import { REPO_ROOT, runCli, tempDir } from '../helpers/run.js';

const { schemas } = loadSchemas(join(REPO_ROOT, 'schemas'));

function docs(args: string[] = []): string {
  const result = runCli(['docs', ...args]);
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

/** The markdown between `## <table>` and the next `## `. */
function section(markdown: string, table: string): string {
  const start = markdown.indexOf(`\n## ${table}\n`);
  expect(start, `section ${table}`).toBeGreaterThan(0);
  const end = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, end < 0 ? undefined : end);
}

/** Cells of a markdown table row, with escaped pipes restored. */
const cells = (row: string): string[] => row.split(/(?<!\\)\|/).slice(1, -1).map((cell) => cell.trim().replaceAll('\\|', '|'));

describe('ecomgen docs', () => {
  it('matches the committed schemas/README.md', () => {
    const committed = readFileSync(join(REPO_ROOT, 'schemas', 'README.md'), 'utf8');
    expect(docs() === committed, 'schemas/README.md is out of date with schemas/*.json: refresh it with `npx ecomgen docs --output schemas/README.md`').toBe(true);
  });

  it('describes every column of every table as its schema does', () => {
    const markdown = docs();
    for (const table of TABLE_NAMES) {
      const text = section(markdown, table);
      expect(text).toContain(schemas[table].description);
      const rows = text.split('\n').filter((line) => line.startsWith('| `'));
      for (const column of schemas[table].columns) {
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
      for (const index of schemas[table].indexes) expect(text).toContain(`| \`${index.name}\` | ${index.columns.join(', ')} | ${index.unique ? 'yes' : 'no'} |`);
      for (const rule of schemas[table].businessRules) {
        const row = text.split('\n').find((line) => line.startsWith(`| ${rule.id} |`));
        expect(row ? cells(row) : undefined, rule.id).toEqual([rule.id, `\`${rule.name}\``, rule.rule]);
      }
    }
  });

  it('draws a Mermaid ER diagram with every table and one relationship per foreign key', () => {
    const markdown = docs();
    const diagram = /```mermaid\n(erDiagram\n[\s\S]*?)```/.exec(markdown)?.[1] as string;
    expect(diagram).toBeDefined();
    const relationships = diagram.split('\n').filter((line) => line.includes('--'));
    const expected = TABLE_NAMES.flatMap((table) => schemas[table].columns.filter((column) => column.foreignKey)
      .map((column) => `  ${column.foreignKey?.table} ${column.nullable ? '|o' : '||'}--o{ ${table} : "${column.name}"`));
    expect(relationships.sort()).toEqual(expected.sort());
    for (const table of TABLE_NAMES) {
      const entity = new RegExp(`^  ${table} \\{\\n([\\s\\S]*?)\\n  \\}$`, 'm').exec(diagram)?.[1] as string;
      expect(entity.split('\n').map((line) => line.trim().split(' ')[1])).toEqual(schemas[table].columns.map((column) => column.name));
    }
  });

  it('--output writes the same text to a file, and --schemas reads another schema directory', () => {
    const dir = tempDir('docs');
    const out = join(dir, 'dictionary.md');
    const result = runCli(['docs', '--output', out]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toBe(docs());

    const schemaDir = join(dir, 'schemas');
    cpSync(join(REPO_ROOT, 'schemas'), schemaDir, { recursive: true });
    const file = join(schemaDir, 'orders.json');
    const orders = JSON.parse(readFileSync(file, 'utf8')) as { description: string };
    orders.description = 'Orders | with a pipe, to be escaped in the table cell.';
    writeFileSync(file, JSON.stringify(orders));
    expect(section(docs(['--schemas', schemaDir]), 'orders')).toContain('Orders | with a pipe');
  });

  it('refuses an unwritable --output with one line and exit 2', () => {
    const result = runCli(['docs', '--output', '/no/such/dir/README.md']);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^ecomgen: --output: cannot write/);
  });
});
