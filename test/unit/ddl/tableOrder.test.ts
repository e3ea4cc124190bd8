import { describe, expect, it } from 'vitest';
import { dependencyOrder } from '../../../src/ddl/tableOrder.js';
import { SchemaError } from '../../../src/errors.js';
import type { ColumnSchema } from '../../../src/schema/schemaTypes.js';
import { TABLE_NAMES } from '../../../src/schema/tableNames.js';
import { SCHEMAS, schemasWith } from './shippedSchemas.js';

const reference = (table: 'customers' | 'products' | 'orders' | 'order_items' | 'web_events', column: string): ColumnSchema => ({
  name: `${table}_ref`,
  typeText: 'INTEGER',
  type: { kind: 'INTEGER' },
  description: 'test reference',
  nullable: true,
  primaryKey: false,
  foreignKey: { table, column },
});

describe('dependencyOrder', () => {
  it('puts the shipped tables parents first, ties in TABLE_NAMES order', () => {
    expect(dependencyOrder(SCHEMAS)).toEqual(['customers', 'products', 'orders', 'order_items', 'web_events']);
  });

  it('moves a table after a parent it gains', () => {
    const schemas = schemasWith('customers', { columns: [...SCHEMAS.customers.columns, reference('products', 'product_id')] });
    expect(dependencyOrder(schemas)).toEqual(['products', 'customers', 'orders', 'order_items', 'web_events']);
  });

  it('ignores a self-reference', () => {
    const schemas = schemasWith('customers', { columns: [...SCHEMAS.customers.columns, reference('customers', 'customer_id')] });
    expect(dependencyOrder(schemas)).toEqual([...TABLE_NAMES]);
  });

  it('refuses a cycle, naming the tables in it', () => {
    const schemas = schemasWith('customers', { columns: [...SCHEMAS.customers.columns, reference('orders', 'order_id')] });
    expect(() => dependencyOrder(schemas)).toThrow(SchemaError);
    expect(() => dependencyOrder(schemas)).toThrow('foreign keys form a cycle among customers, orders, order_items, web_events: no table can be created first');
  });
});
