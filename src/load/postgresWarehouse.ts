import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { newPostgresClient } from './postgresClient.js';
import { connectFailure, postgresFailure, type ConnectionFacts } from './postgresErrors.js';
import type { Warehouse } from './warehouse.js';

export interface PostgresTarget extends ConnectionFacts {
  readonly connectionString: string;
}

// A silent peer mid-load (COPY, adding keys) is noticed by TCP keepalive, probing after this much quiet;
// the load itself has no time limit, since a prod load runs for minutes.
const KEEPALIVE_AFTER_MS = 10_000;

export class PostgresWarehouse implements Warehouse {
  readonly dialect = 'postgres' as const;

  private constructor(
    private readonly client: pg.Client,
    private readonly facts: ConnectionFacts,
  ) {}

  /**
   * Connects within `timeoutMs` (TCP, TLS, authentication), then sets lock_timeout to it and runs the
   * first query under it: a server, proxy or pooler that accepts and never answers is an error, not a hang.
   */
  static async connect(target: PostgresTarget, onWarning: (message: string) => void): Promise<PostgresWarehouse> {
    let client: pg.Client;
    try {
      client = newPostgresClient({
        connectionString: target.connectionString,
        application_name: 'ecomgen load',
        connectionTimeoutMillis: target.timeoutMs,
        keepAlive: true,
        keepAliveInitialDelayMillis: KEEPALIVE_AFTER_MS,
      }, onWarning);
    } catch (error) {
      // The URL names a key or certificate file that cannot be read, or a bad parameter.
      throw connectFailure(error, target);
    }
    // A dropped connection emits 'error' outside any query; the next query then fails and reports it.
    client.on('error', () => undefined);
    try {
      // Some authentication failures (a password callback, MD5 hashing) arrive as 'error' events, not as the connect's rejection.
      const failed = new Promise<never>((_, reject) => client.once('error', reject));
      await Promise.race([client.connect(), failed]);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw connectFailure(error, target);
    }
    const warehouse = new PostgresWarehouse(client, { display: target.display, secrets: target.secrets, timeoutMs: target.timeoutMs });
    try {
      // Waiting on a lock another session holds (a --replace while a reader has the tables open) fails after the timeout.
      await warehouse.quickQuery(`SET lock_timeout = ${target.timeoutMs}`);
    } catch (error) {
      await warehouse.close(true);
      throw warehouse.failure(error, 'setting up the session');
    }
    return warehouse;
  }

  /** A query that should answer at once, under the client-side timeout. */
  private async quickQuery<Row extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<pg.QueryResult<Row>> {
    return this.client.query<Row>({ text, values, ...(this.facts.timeoutMs > 0 ? { query_timeout: this.facts.timeoutMs } : {}) });
  }

  async existingTables(schema: string | undefined, tables: readonly string[]): Promise<string[]> {
    const result = await this.quickQuery<{ table_name: string }>(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = coalesce($1, current_schema()) AND table_name = ANY($2) ORDER BY table_name',
      [schema ?? null, [...tables]],
    );
    return result.rows.map((row) => row.table_name);
  }

  async execute(sql: string): Promise<void> {
    await this.client.query(sql);
  }

  async rows(sql: string): Promise<Record<string, unknown>[]> {
    return (await this.client.query<Record<string, unknown>>(sql)).rows;
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
    return postgresFailure(error, doing, this.facts);
  }

  async close(_failed: boolean): Promise<void> {
    await this.client.end().catch(() => undefined);
  }
}
