// Table-by-table equality of two schemas on DuckDB or PostgreSQL: rows in one and not the other (EXCEPT
// both ways) and the row counts, so the database itself compares every column with its own types.
import { DuckDBInstance } from '@duckdb/node-api';
import pg from 'pg';
import { TABLE_NAMES } from 'ecomgen';

export type Query = (sql: string) => Promise<Record<string, unknown>[]>;

/** Per table: rows only in the applied tables, rows only in the expected ones, and both counts. */
export async function differences(query: Query, appliedSchema: string, expectedSchema: string): Promise<Record<string, { extra: number; missing: number; rows: number; expectedRows: number }>> {
  const result: Record<string, { extra: number; missing: number; rows: number; expectedRows: number }> = {};
  for (const table of TABLE_NAMES) {
    const a = `${appliedSchema}.${table}`;
    const e = `${expectedSchema}.${table}`;
    const [counts] = await query(
      `SELECT (SELECT count(*) FROM (SELECT * FROM ${a} EXCEPT SELECT * FROM ${e}) x) AS extra, (SELECT count(*) FROM (SELECT * FROM ${e} EXCEPT SELECT * FROM ${a}) y) AS missing, ` +
        `(SELECT count(*) FROM ${a}) AS rows, (SELECT count(*) FROM ${e}) AS expected_rows`,
    );
    result[table] = { extra: Number(counts?.['extra']), missing: Number(counts?.['missing']), rows: Number(counts?.['rows']), expectedRows: Number(counts?.['expected_rows']) };
  }
  return result;
}

export async function withDuckdb<T>(path: string, work: (query: Query) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  try {
    return await work(async (sql) => (await connection.runAndReadAll(sql)).getRowObjectsJson());
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** `work` with a query function on a fresh PostgreSQL connection to `url`, closed afterwards. */
export async function withPostgres<T>(url: string, work: (query: Query) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(async (sql) => (await client.query<Record<string, unknown>>(sql)).rows);
  } finally {
    await client.end();
  }
}
