import { TABLE_NAMES, type TableName } from '../schema/tableNames.js';
import { SchemaError } from '../errors.js';
import type { SchemaSet } from '../schema/schemaTypes.js';

/**
 * Tables in an order where every table comes after the tables its foreign keys reference, so they can
 * be created and loaded one by one with constraints in force. Ties keep TABLE_NAMES order, so the
 * result is stable (customers, products, orders, order_items, web_events for the shipped schemas).
 */
export function dependencyOrder(schemas: SchemaSet): TableName[] {
  const parents = new Map<TableName, Set<TableName>>();
  for (const table of TABLE_NAMES) {
    const referenced = schemas[table].columns.flatMap((column) => (column.foreignKey ? [column.foreignKey.table] : []));
    // A self-reference does not order tables against each other.
    parents.set(table, new Set(referenced.filter((parent) => parent !== table)));
  }
  const ordered: TableName[] = [];
  while (ordered.length < TABLE_NAMES.length) {
    const next = TABLE_NAMES.find((table) => !ordered.includes(table) && [...(parents.get(table) ?? [])].every((parent) => ordered.includes(parent)));
    if (!next) {
      const rest = TABLE_NAMES.filter((table) => !ordered.includes(table));
      throw new SchemaError(`foreign keys form a cycle among ${rest.join(', ')}: no table can be created first`);
    }
    ordered.push(next);
  }
  return ordered;
}
