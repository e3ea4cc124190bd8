import { rmSync } from 'node:fs';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { RuntimeFailure, UsageError } from '../errors.js';
import { checkDuckdbTarget } from './duckdbTargetFile.js';
import type { Warehouse } from './warehouse.js';

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();
const literal = (text: string): string => `'${text.replaceAll("'", "''")}'`;

/**
 * DuckDB reports errors as "<Kind> Error: ...": constraint and conversion errors mean the data is bad
 * (exit 2), anything else is a runtime failure (exit 1).
 */
export function duckdbFailure(error: unknown, doing: string): Error {
  const message = error instanceof Error ? oneLine(error.message) : String(error);
  const text = `${doing}: ${message}`;
  return /^(Constraint|Conversion|Invalid Input) Error/.test(message) ? new UsageError(text) : new RuntimeFailure(text);
}

export class DuckdbWarehouse implements Warehouse {
  readonly dialect = 'duckdb' as const;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    private readonly path: string,
    private readonly created: boolean,
  ) {}

  static async open(path: string, display: string): Promise<DuckdbWarehouse> {
    const created = (await checkDuckdbTarget(path, display)) === 'new';
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path);
    } catch (error) {
      // Not a DuckDB file, or locked by another process: the target is unusable as given.
      throw new UsageError(`--into: cannot open ${display} (${error instanceof Error ? oneLine(error.message) : String(error)})`);
    }
    return new DuckdbWarehouse(instance, await instance.connect(), path, created);
  }

  async existingTables(schema: string | undefined, tables: readonly string[]): Promise<string[]> {
    const reader = await this.connection.runAndReadAll(
      `SELECT table_name FROM information_schema.tables WHERE table_catalog = current_database() AND table_schema = ${schema === undefined ? 'current_schema()' : literal(schema)} AND table_name IN (${tables.map(literal).join(', ')}) ORDER BY table_name`,
    );
    return reader.getRowObjectsJson().map((row) => String(row['table_name']));
  }

  async execute(sql: string): Promise<void> {
    await this.connection.run(sql);
  }

  async rows(sql: string): Promise<Record<string, unknown>[]> {
    return (await this.connection.runAndReadAll(sql)).getRowObjectsJson();
  }

  async copyCsv(tableName: string, _columns: readonly string[], path: string): Promise<number> {
    // Dialect spelled out: the files are RFC 4180 with a header, so nothing is left to the sniffer.
    const result = await this.connection.run(`COPY ${tableName} FROM ${literal(path)} (FORMAT csv, HEADER true, DELIMITER ',', QUOTE '"', ESCAPE '"')`);
    return result.rowsChanged;
  }

  async finish(): Promise<void> {
    // Moves the write-ahead log into the database file, so the file alone holds the data.
    await this.connection.run('CHECKPOINT');
  }

  failure(error: unknown, doing: string): Error {
    return duckdbFailure(error, doing);
  }

  async close(failed: boolean): Promise<void> {
    this.connection.closeSync();
    this.instance.closeSync();
    // The transaction was rolled back; a database file that only this failed load created holds nothing.
    if (failed && this.created) for (const file of [this.path, `${this.path}.wal`]) rmSync(file, { force: true });
  }
}
