// `ecomgen ddl` as a process: the DuckDB script run in DuckDB (the PostgreSQL one runs against a real
// server in load.test.ts), the flags reaching buildDdl, and the exits. The statements themselves are
// read back against the schemas in memory in test/unit/ddl.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { loadSchemas, TABLE_NAMES, type ColumnSchema, type TableName } from 'ecomgen';
import { buildDdl, renderDdl } from '../../src/ddl/buildDdl.js';
import { REPO_ROOT, runCli } from '../helpers/run.js';

const { schemas } = loadSchemas(join(REPO_ROOT, 'schemas'));

function ddl(args: string[]): string {
  const result = runCli(['ddl', ...args]);
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

const foreignKeys = (table: TableName): ColumnSchema[] => schemas[table].columns.filter((column) => column.foreignKey);
const hasCheck = (column: ColumnSchema): boolean => column.allowedValues !== undefined || column.min !== undefined || column.max !== undefined;

describe('ecomgen ddl, run in DuckDB', () => {
  it('creates tables whose catalog holds exactly the schema’s keys, checks, comments and indexes, and enforces them', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const rows = async (query: string): Promise<Record<string, unknown>[]> => (await connection.runAndReadAll(query)).getRowObjectsJson() as Record<string, unknown>[];
    try {
      await connection.run(ddl(['--dialect', 'duckdb']));
      const constraints = await rows("SELECT table_name, constraint_type, constraint_column_names FROM duckdb_constraints() WHERE constraint_type <> 'NOT NULL'");
      for (const table of TABLE_NAMES) {
        const of = (type: string): string[] => constraints.filter((row) => row['table_name'] === table && row['constraint_type'] === type)
          .map((row) => (row['constraint_column_names'] as string[]).join(',')).sort();
        const key = schemas[table].columns.filter((column) => column.primaryKey).map((column) => column.name).join(',');
        expect(of('PRIMARY KEY'), table).toEqual([key]);
        expect(of('UNIQUE'), table).toEqual(schemas[table].indexes.filter((index) => index.unique && index.columns.join(',') !== key).map((index) => index.columns.join(',')).sort());
        expect(of('FOREIGN KEY'), table).toEqual(foreignKeys(table).map((column) => column.name).sort());
        expect(of('CHECK'), table).toEqual(schemas[table].columns.filter(hasCheck).map((column) => column.name).sort());
      }
      const comments = await rows("SELECT table_name, column_name, comment FROM duckdb_columns() WHERE schema_name = 'main'");
      for (const table of TABLE_NAMES) {
        for (const column of schemas[table].columns) {
          expect(comments.find((row) => row['table_name'] === table && row['column_name'] === column.name)?.['comment']).toBe(column.description);
        }
      }
      const indexCount = (await rows('SELECT count(*) AS n FROM duckdb_indexes()'))[0]?.['n'];
      expect(Number(indexCount)).toBe(TABLE_NAMES.reduce((sum, table) => sum + schemas[table].indexes.filter((index) => !index.unique).length, 0));

      await connection.run(`INSERT INTO customers VALUES (1, 'Ann', 'Lee', 'F', 'ann@example.com', '(212) 555-0101', DATE '1980-01-01', '1 Main St', NULL,
        'New York', 'NY', '10001', 'US', 'regular', true, TIMESTAMP '2023-01-01 00:00:00', TIMESTAMP '2023-01-01 00:00:00')`);
      await expect(connection.run(`INSERT INTO customers VALUES (2, 'Bo', 'Lee', 'X', 'bo@example.com', '(212) 555-0102', DATE '1980-01-01', '1 Main St', NULL,
        'New York', 'NY', '10001', 'US', 'regular', true, TIMESTAMP '2023-01-01 00:00:00', TIMESTAMP '2023-01-01 00:00:00')`)).rejects.toThrow(/CHECK/);
      await expect(connection.run(`INSERT INTO customers VALUES (3, 'Cy', 'Lee', 'M', 'ann@example.com', '(212) 555-0103', DATE '1980-01-01', '1 Main St', NULL,
        'New York', 'NY', '10001', 'US', 'regular', true, TIMESTAMP '2023-01-01 00:00:00', TIMESTAMP '2023-01-01 00:00:00')`)).rejects.toThrow(/unique|duplicate/i);
      await expect(connection.run(`INSERT INTO orders VALUES (1, 42, TIMESTAMP '2023-02-01 00:00:00', 'pending', 'paypal', 'standard', '1 Main St', 'New York',
        'NY', '10001', 10.00, 0, 0, 0, 10.00, NULL, NULL, NULL, TIMESTAMP '2023-02-01 00:00:00')`)).rejects.toThrow(/foreign key/i);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});

describe('ecomgen ddl options and errors', () => {
  it('prints what buildDdl and renderDdl make of its flags', () => {
    const sql = ddl(['--dialect', 'postgres', '--constraints', 'deferred', '--schema', 'shop', '--drop']);
    expect(sql).toBe(renderDdl(buildDdl(schemas, 'postgres', { constraints: 'deferred', schema: 'shop' }), { drop: true }));
    expect(ddl(['--dialect', 'bigquery'])).toBe(renderDdl(buildDdl(schemas, 'bigquery')));
  });

  // One run per class: a value the flag parser rejects, and an error of the command itself (deferred
  // constraints for DuckDB, the same class, are refused in test/unit/ddl/buildDdl.test.ts).
  it('refuses an unknown dialect and an unreadable schema directory with one line and exit 2', () => {
    for (const [args, pattern] of [
      [['--dialect', 'oracle'], /--dialect.*invalid.*postgres, duckdb, snowflake, bigquery/],
      [['--dialect', 'postgres', '--schemas', '/no/such/dir'], /customers\.json: cannot read/],
    ] as const) {
      const result = runCli(['ddl', ...args]);
      expect(result.status, result.stderr).toBe(2);
      const lines = result.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^ecomgen: /);
      expect(lines[0]).toMatch(pattern);
      expect(result.stdout).toBe('');
    }
  });
});
