import type { Dialect } from '../ddl/dialects.js';

/** A connection to the database being loaded: only what `loadDataset` needs, one class per engine. */
export interface Warehouse {
  readonly dialect: Dialect;
  /** Which of `tables` already exist in `schema` (the connection's current schema when undefined). */
  existingTables(schema: string | undefined, tables: readonly string[]): Promise<string[]>;
  execute(sql: string): Promise<void>;
  /** Runs a query and returns its rows, values as JSON (BIGINT as a string on DuckDB). */
  rows(sql: string): Promise<Record<string, unknown>[]>;
  /** Bulk-loads a CSV file with a header into `tableName` and returns the rows loaded. */
  copyCsv(tableName: string, columns: readonly string[], path: string): Promise<number>;
  /** Work after COMMIT (statistics, checkpoint). */
  finish(tables: readonly string[]): Promise<void>;
  /** Disconnects; after a failed load, also removes what opening the target created (a new DuckDB file). */
  close(failed: boolean): Promise<void>;
  /** This engine's error as ours: bad data is the input's fault (UsageError), the rest a RuntimeFailure. */
  failure(error: unknown, doing: string): Error;
}
