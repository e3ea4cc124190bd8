// A bad schema is one line naming its file and the problem. Each case breaks one shipped schema in
// memory and parses the set; no file is written.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { SchemaError } from '../../../src/errors.js';
import { loadSchemas, parseSchemas, type SchemaTexts } from '../../../src/schema/loadSchemas.js';
import { DEFAULT_SCHEMA_DIR } from '../../../src/paths.js';
import { TABLE_NAMES, type TableName } from '../../../src/schema/tableNames.js';
import { columnOf, SHIPPED_TEXTS, textsWith, type SchemaJson } from './schemaTexts.js';

const DIR = '/srv/shop/schemas';

function errorOf(texts: SchemaTexts): string {
  try {
    parseSchemas(texts, DIR);
  } catch (error) {
    expect(error).toBeInstanceOf(SchemaError);
    return (error as Error).message;
  }
  throw new Error('parseSchemas accepted the schemas');
}

describe('parseSchemas of the shipped schemas', () => {
  it('gives what loadSchemas reads from the directory, hash included', () => {
    const fromTexts = parseSchemas(SHIPPED_TEXTS, DEFAULT_SCHEMA_DIR);
    expect(fromTexts).toEqual(loadSchemas(DEFAULT_SCHEMA_DIR));
    expect(Object.keys(fromTexts.schemas)).toEqual([...TABLE_NAMES]);
  });

  it('reads each column as its JSON states it', () => {
    const { schemas } = parseSchemas(SHIPPED_TEXTS, DIR);
    for (const table of TABLE_NAMES) {
      const json = JSON.parse(SHIPPED_TEXTS[table]) as SchemaJson;
      expect(json.columns.length, table).toBeGreaterThan(0);
      expect(schemas[table].columns.map((column) => [column.name, column.typeText, column.nullable, column.primaryKey, column.foreignKey, column.min, column.max]))
        .toEqual(json.columns.map((column) => [column['name'], column['type'], column['nullable'], column['primary_key'], column['foreign_key'], column['min'], column['max']]));
      expect(schemas[table].indexes).toEqual(json.indexes);
      expect(schemas[table].description).toBe(json.description);
    }
  });

  it('changes the hash with any text', () => {
    const edited = { ...SHIPPED_TEXTS, web_events: `${SHIPPED_TEXTS.web_events} ` };
    expect(parseSchemas(edited, DIR).sha256).not.toBe(parseSchemas(SHIPPED_TEXTS, DIR).sha256);
  });
});

describe('parseSchemas errors name the file', () => {
  const cases: [string, TableName, (schema: SchemaJson) => void, string][] = [
    ['a type it does not know', 'orders', (schema) => (columnOf(schema, 'order_date')['type'] = 'DATETIME'), 'column order_date has unknown type "DATETIME" (use INTEGER, BIGINT, DECIMAL(p,s), VARCHAR(n), DATE, TIMESTAMP or BOOLEAN)'],
    ['a duplicate column', 'products', (schema) => schema.columns.push({ ...columnOf(schema, 'sku') }), 'column sku is listed twice'],
    ['a foreign key to an unknown table', 'orders', (schema) => (columnOf(schema, 'customer_id')['foreign_key'] = { table: 'clients', column: 'customer_id' }), 'column customer_id.foreign_key names unknown table "clients"'],
    ['a foreign key to a missing column', 'order_items', (schema) => (columnOf(schema, 'order_id')['foreign_key'] = { table: 'orders', column: 'order_number' }), 'column order_id references missing column orders.order_number'],
    ['a foreign key that is not an object', 'web_events', (schema) => (columnOf(schema, 'product_id')['foreign_key'] = 'products.product_id'), 'column product_id.foreign_key must be an object {table, column}'],
    ['an index on an unknown column', 'customers', (schema) => ((schema.indexes[0] as Record<string, unknown>)['columns'] = ['customer_id', 'nope']), 'indexes[0] names unknown column "nope"'],
    ['an index without a name', 'customers', (schema) => delete (schema.indexes[1] as Record<string, unknown>)['name'], 'indexes[1].name must be a non-empty string'],
    ['a min that is not a number', 'order_items', (schema) => (columnOf(schema, 'quantity')['min'] = '1'), 'column quantity.min must be a number'],
    ['a max that is not a number', 'order_items', (schema) => (columnOf(schema, 'quantity')['max'] = null), 'column quantity.max must be a number'],
    ['a min above the max', 'order_items', (schema) => (columnOf(schema, 'quantity')['min'] = 11), 'column quantity.min (11) is above its max (10)'],
    ['a VARCHAR past 65535', 'customers', (schema) => (columnOf(schema, 'email')['type'] = 'VARCHAR(99999999999999999999)'), 'column email has type "VARCHAR(99999999999999999999)": VARCHAR length must be 1 to 65535'],
    ['a DECIMAL past 38 digits', 'orders', (schema) => (columnOf(schema, 'total_amount')['type'] = 'DECIMAL(40,2)'), 'column total_amount has type "DECIMAL(40,2)": DECIMAL precision must be 1 to 38'],
    ['a DECIMAL scale above its precision', 'orders', (schema) => (columnOf(schema, 'total_amount')['type'] = 'DECIMAL(4,6)'), 'column total_amount has type "DECIMAL(4,6)": DECIMAL scale must be 0 to the precision (4)'],
    ['a min above the max on a money column', 'products', (schema) => Object.assign(columnOf(schema, 'price'), { min: 10, max: 5 }), 'column price.min (10) is above its max (5)'],
    ['a column name with a line break', 'orders', (schema) => (columnOf(schema, 'order_date')['name'] = 'order\ndate'), 'columns do not match what the generator writes: missing [order_date], unknown [order\\ndate]'],
    ['empty allowed values', 'orders', (schema) => (columnOf(schema, 'status')['allowed_values'] = []), 'column status.allowed_values must be a non-empty list of strings'],
    ['a number among allowed values', 'orders', (schema) => (columnOf(schema, 'status')['allowed_values'] = ['pending', 3]), 'column status.allowed_values must be a non-empty list of strings'],
    ['nullable that is not a boolean', 'customers', (schema) => (columnOf(schema, 'email')['nullable'] = 'no'), 'column email.nullable must be true or false'],
    ['a column without a description', 'customers', (schema) => delete columnOf(schema, 'email')['description'], 'column email.description must be a non-empty string'],
    ['a column that is not an object', 'products', (schema) => (schema.columns[2] = 'product_name' as unknown as Record<string, unknown>), 'columns[2] must be an object'],
    ['columns that are not a list', 'products', (schema) => (schema.columns = {} as unknown as Record<string, unknown>[]), 'table.columns must be a list'],
    ['a table_name for another file', 'products', (schema) => (schema.table_name = 'orders'), 'table_name is "orders" but the file is for products'],
    ['a business rule that is not an object', 'orders', (schema) => (schema.business_rules[0] = 'totals add up'), 'business_rules[0] must be an object'],
  ];

  it.each(cases)('%s', (_, table, edit, message) => {
    expect(errorOf(textsWith(table, edit))).toBe(`${join(DIR, `${table}.json`)}: ${message}`);
  });

  it.each([
    ['bad JSON', '{ "table_name": ', /^\/srv\/shop\/schemas\/customers\.json: is not valid JSON \(.+\)$/],
    ['a JSON list', '[]', /^\/srv\/shop\/schemas\/customers\.json: must hold a JSON object$/],
  ])('%s', (_, text, pattern) => {
    expect(errorOf({ ...SHIPPED_TEXTS, customers: text })).toMatch(pattern);
  });

  it('a JSON error quoting a long line keeps to one short line', () => {
    const error = errorOf({ ...SHIPPED_TEXTS, customers: `{"table_name": "customers", "x": ${'\u0001'.repeat(0)}"${'y'.repeat(5000)}` });
    expect(error).toMatch(/^\/srv\/shop\/schemas\/customers\.json: is not valid JSON \(/);
    expect(error.split('\n')).toHaveLength(1);
    expect(error.length).toBeLessThan(200);
  });

  it('loadSchemas names a file it cannot read', () => {
    expect(() => loadSchemas('/no/such/dir')).toThrow(new SchemaError('/no/such/dir/customers.json: cannot read the schema file (ENOENT)'));
  });
});
