import type { TableName } from '../schema/tableNames.js';
import { dependencyOrder } from '../ddl/tableOrder.js';
import { tableConstraints } from '../ddl/tableConstraints.js';
import type { ColumnSchema, SchemaSet } from '../schema/schemaTypes.js';

/** Mermaid attribute types allow no comma, so DECIMAL(12,2) is shown as DECIMAL; the tables give the full type. */
function attributeType(column: ColumnSchema): string {
  return column.type.kind;
}

function attributeKeys(column: ColumnSchema, uniqueColumns: ReadonlySet<string>): string {
  const keys = [column.primaryKey ? 'PK' : '', column.foreignKey ? 'FK' : '', uniqueColumns.has(column.name) ? 'UK' : ''].filter(Boolean);
  return keys.length > 0 ? ` ${keys.join(', ')}` : '';
}

/**
 * A Mermaid erDiagram: one entity per table with its columns, one line per foreign key. The parent side
 * is "exactly one" for a NOT NULL key and "zero or one" for a nullable one; a parent has zero or more
 * children, since nothing in the schema demands one.
 */
export function erDiagram(schemas: SchemaSet): string {
  const tables: TableName[] = dependencyOrder(schemas);
  const lines = ['erDiagram'];
  for (const table of tables) {
    for (const column of schemas[table].columns) {
      const key = column.foreignKey;
      if (!key) continue;
      lines.push(`  ${key.table} ${column.nullable ? '|o' : '||'}--o{ ${table} : "${column.name}"`);
    }
  }
  for (const table of tables) {
    const unique = new Set(tableConstraints(schemas[table]).uniques.filter((key) => key.columns.length === 1).flatMap((key) => key.columns));
    lines.push(`  ${table} {`);
    for (const column of schemas[table].columns) lines.push(`    ${attributeType(column)} ${column.name}${attributeKeys(column, unique)}`);
    lines.push('  }');
  }
  return lines.join('\n');
}
