// The set-based statements `load --apply` runs for one table of a batch, run here on an in-memory DuckDB:
// de-duplication by _seq, stale rows against the per-key bookkeeping, tombstones, and rows that wait
// for a parent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { parseColumnType } from '../../../src/schema/loadSchemas.js';
import type { ColumnSchema, TableSchema } from '../../../src/schema/schemaTypes.js';
import type { TableName } from '../../../src/schema/tableNames.js';
import { sideTableStatements, TableApplySql } from '../../../src/load/applyStatements.js';

function column(name: string, typeText: string, extra: Partial<ColumnSchema> = {}): ColumnSchema {
  const parsed = parseColumnType(typeText);
  if (!('type' in parsed)) throw new Error(parsed.problem);
  return { name, typeText, type: parsed.type, description: name, nullable: true, primaryKey: false, ...extra };
}

// Two small tables shaped like the real ones: a parent with a unique column, a child with a foreign key.
const products: TableSchema = {
  tableName: 'products',
  description: 'p',
  columns: [column('product_id', 'INTEGER', { primaryKey: true, nullable: false }), column('sku', 'VARCHAR(20)'), column('price', 'DECIMAL(10,2)')],
  indexes: [{ name: 'uq_products_sku', columns: ['sku'], unique: true }],
  businessRules: [],
};
const items: TableSchema = {
  tableName: 'order_items',
  description: 'i',
  columns: [column('order_item_id', 'INTEGER', { primaryKey: true, nullable: false }), column('product_id', 'INTEGER', { foreignKey: { table: 'products', column: 'product_id' } }), column('quantity', 'INTEGER')],
  indexes: [],
  businessRules: [],
};
const names: Partial<Record<TableName, string>> = { products: 'products', order_items: 'order_items' };

let instance: DuckDBInstance;
let connection: DuckDBConnection;
const run = async (sql: string): Promise<void> => {
  await connection.run(sql);
};
const rows = async (sql: string): Promise<Record<string, unknown>[]> => (await connection.runAndReadAll(sql)).getRowObjectsJson();

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
  await run('CREATE TABLE products (product_id INTEGER PRIMARY KEY, sku VARCHAR(20) UNIQUE, price DECIMAL(10,2))');
  await run('CREATE TABLE order_items (order_item_id INTEGER PRIMARY KEY, product_id INTEGER REFERENCES products (product_id), quantity INTEGER)');
  await run("INSERT INTO products VALUES (1, 'A', 1.00), (2, 'B', 2.00), (3, 'C', 3.00)");
  for (const sql of sideTableStatements('duckdb', undefined)) await run(sql);
});

afterAll(() => {
  connection.closeSync();
  instance.closeSync();
});

describe('TableApplySql', () => {
  it('keeps the newest row per key, drops rows not newer than the key\'s applied _seq, records U and D', async () => {
    const sql = new TableApplySql('duckdb', undefined, products, 'products', names);
    await run(sql.createPending());
    // Key 2 had an update with _seq 50 applied in an earlier batch.
    await run("INSERT INTO _ecomgen_applied VALUES ('products', '2', 50)");
    await run(sql.createStage());
    await run(`INSERT INTO ${sql.stageTable} VALUES
      ('U', TIMESTAMP '2024-03-15 01:00:00', 60, 1, 'A', 1.60),
      ('U', TIMESTAMP '2024-03-15 00:40:00', 40, 1, 'A', 1.40),
      ('U', TIMESTAMP '2024-03-15 01:00:00', 60, 1, 'A', 1.60),
      ('U', TIMESTAMP '2024-03-14 23:45:00', 45, 2, 'B', 2.45),
      ('D', TIMESTAMP '2024-03-15 01:10:00', 70, 3, NULL, NULL),
      ('I', TIMESTAMP '2024-03-15 01:20:00', 80, 4, 'D', 4.00)`);
    for (const statement of sql.unpark()) await run(statement);
    await run(sql.createNet());
    expect(await rows(sql.countNet())).toEqual([{ staged: '6', i: '1', u: '1', d: '1' }]);
    await run(sql.deleteRows());
    for (const statement of sql.park()) await run(statement);
    for (const statement of sql.updateRows()) await run(statement);
    await run(sql.insertRows());
    for (const statement of sql.record()) await run(statement);
    for (const statement of sql.dropTemp()) await run(statement);

    expect(await rows('SELECT product_id, sku, CAST(price AS VARCHAR) AS price FROM products ORDER BY product_id')).toEqual([
      { product_id: 1, sku: 'A', price: '1.60' },
      { product_id: 2, sku: 'B', price: '2.00' },
      { product_id: 4, sku: 'D', price: '4.00' },
    ]);
    // Key 3's delete stays as a tombstone; key 4's insert needs no entry (no older change of it exists).
    expect(await rows("SELECT \"key\", CAST(seq AS INTEGER) AS seq FROM _ecomgen_applied WHERE table_name = 'products' ORDER BY \"key\"")).toEqual([
      { key: '1', seq: 60 },
      { key: '2', seq: 50 },
      { key: '3', seq: 70 },
    ]);
  });

  it('a row older than a tombstone is skipped; an insert of a key seen before records its _seq', async () => {
    const sql = new TableApplySql('duckdb', undefined, products, 'products', names);
    await run(sql.createStage());
    await run(`INSERT INTO ${sql.stageTable} VALUES
      ('U', TIMESTAMP '2024-03-15 01:05:00', 65, 3, 'C', 3.65),
      ('I', TIMESTAMP '2024-03-16 00:00:00', 90, 2, 'B', 2.90)`);
    await run(sql.createNet());
    expect(await rows(sql.countNet())).toEqual([{ staged: '2', i: '1', u: '0', d: '0' }]);
    for (const statement of [sql.deleteRows(), ...sql.updateRows(), sql.insertRows(), ...sql.record(), ...sql.dropTemp()]) await run(statement);
    expect(await rows('SELECT product_id FROM products WHERE product_id = 3')).toEqual([]);
    expect(await rows("SELECT CAST(seq AS INTEGER) AS seq FROM _ecomgen_applied WHERE table_name = 'products' AND \"key\" = '2'")).toEqual([{ seq: 90 }]);
  });

  it('parks a row whose parent is missing and applies it in the batch that brings the parent', async () => {
    const child = new TableApplySql('duckdb', undefined, items, 'order_items', names);
    await run(child.createPending());
    await run(child.createStage());
    await run(`INSERT INTO ${child.stageTable} VALUES
      ('I', TIMESTAMP '2024-03-15 02:00:00', 100, 10, 1, 2),
      ('I', TIMESTAMP '2024-03-15 02:00:00', 101, 11, 5, 1)`);
    await run(child.createNet());
    for (const statement of child.park()) await run(statement);
    expect(await rows(child.countNet())).toEqual([{ staged: '2', i: '1', u: '0', d: '0' }]);
    for (const statement of [child.insertRows(), ...child.record(), ...child.dropTemp()]) await run(statement);
    expect(await rows(child.countPending())).toEqual([{ n: '1' }]);

    // The next batch inserts product 5; the parked item comes back through the stage and is applied.
    await run("INSERT INTO products VALUES (5, 'E', 5.00)");
    await run(child.createStage());
    for (const statement of child.unpark()) await run(statement);
    await run(child.createNet());
    for (const statement of [...child.park(), child.insertRows(), ...child.record(), ...child.dropTemp()]) await run(statement);
    expect(await rows(child.countPending())).toEqual([{ n: '0' }]);
    expect(await rows('SELECT order_item_id, product_id FROM order_items ORDER BY order_item_id')).toEqual([
      { order_item_id: 10, product_id: 1 },
      { order_item_id: 11, product_id: 5 },
    ]);
  });
});
