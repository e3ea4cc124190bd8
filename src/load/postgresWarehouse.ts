import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { RuntimeFailure, UsageError } from '../errors.js';
import type { Warehouse } from './warehouse.js';

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

/**
 * Turns a PostgreSQL error into our error kinds: bad data (SQLSTATE class 22, data exception, or 23,
 * integrity violation) is the input's fault (exit 2); anything else is a runtime failure (exit 1).
 */
export function postgresFailure(error: unknown, doing: string): Error {
  if (error instanceof pg.DatabaseError) {
    const detail = error.detail ? ` (${oneLine(error.detail)})` : '';
    const where = error.where ? `; ${oneLine(error.where)}` : '';
    const message = `${doing}: ${oneLine(error.message)}${detail}${where}`;
    return error.code?.startsWith('22') || error.code?.startsWith('23') ? new UsageError(message) : new RuntimeFailure(message);
  }
  return new RuntimeFailure(`${doing}: ${error instanceof Error ? oneLine(error.message) : String(error)}`);
}

export class PostgresWarehouse implements Warehouse {
  readonly dialect = 'postgres' as const;

  private constructor(private readonly client: pg.Client) {}

  static async connect(connectionString: string, display: string): Promise<PostgresWarehouse> {
    const client = new pg.Client({ connectionString, application_name: 'ecomgen load' });
    // A dropped connection emits 'error' outside any query; the next query then fails and reports it.
    client.on('error', () => undefined);
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => undefined);
      throw new RuntimeFailure(`cannot connect to ${display}: ${error instanceof Error ? oneLine(error.message) : String(error)}`);
    }
    return new PostgresWarehouse(client);
  }

  async existingTables(schema: string | undefined, tables: readonly string[]): Promise<string[]> {
    const result = await this.client.query<{ table_name: string }>(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = coalesce($1, current_schema()) AND table_name = ANY($2) ORDER BY table_name',
      [schema ?? null, [...tables]],
    );
    return result.rows.map((row) => row.table_name);
  }

  async execute(sql: string): Promise<void> {
    await this.client.query(sql);
  }

  async copyCsv(tableName: string, columns: readonly string[], path: string): Promise<number> {
    const copy = this.client.query(copyFrom(`COPY ${tableName} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv, HEADER true)`));
    await pipeline(createReadStream(path, { highWaterMark: 1024 * 1024 }), copy);
    return copy.rowCount;
  }

  async finish(tables: readonly string[]): Promise<void> {
    // Fresh tables have no statistics until autovacuum gets to them; the planner needs them now.
    await this.client.query(`ANALYZE ${tables.join(', ')}`);
  }

  failure(error: unknown, doing: string): Error {
    return postgresFailure(error, doing);
  }

  async close(_failed: boolean): Promise<void> {
    await this.client.end().catch(() => undefined);
  }
}
