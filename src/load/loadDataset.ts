import { resolve } from 'node:path';
import type { TableName } from '../schema/tableNames.js';
import { buildDdl } from '../ddl/buildDdl.js';
import { dialectRules } from '../ddl/dialects.js';
import { tableConstraints } from '../ddl/tableConstraints.js';
import { UsageError } from '../errors.js';
import { dirtyLoadHint } from './dirtyLoadHint.js';
import { DEFAULT_SCHEMA_DIR } from '../paths.js';
import { loadSchemas } from '../schema/loadSchemas.js';
import { dropSideTableStatements } from './applyStatements.js';
import { findDatasetTables } from './datasetFiles.js';
import { parseLoadTarget } from './loadTarget.js';
import { openWarehouse } from './openWarehouse.js';
import type { Warehouse } from './warehouse.js';

export interface LoadOptions {
  /** Directory of a full dataset: the five `<table>.csv` files, and manifest.json if present. */
  readonly dir: string;
  /** `duckdb:<file>` or `postgres://user@host:port/database`. */
  readonly into: string;
  /** Drop the tables first if they exist; without it, existing tables are an error. */
  readonly replace?: boolean;
  /** Target schema (created if missing); default: the connection's current schema. */
  readonly schema?: string;
  readonly schemaDir?: string;
  /**
   * PostgreSQL: milliseconds to wait for the server to accept the connection, answer the first query
   * and grant a lock (default 30000; 0 waits forever). The load itself has no time limit.
   */
  readonly timeoutMs?: number;
  /** Called as each table finishes loading. */
  readonly onTable?: (loaded: TableLoad) => void;
  /** One-line warnings about the target (default: process.emitWarning). */
  readonly onWarning?: (message: string) => void;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

export interface TableLoad {
  readonly table: TableName;
  readonly rows: number;
  readonly ms: number;
}

interface ConstraintCounts {
  readonly primaryKeys: number;
  readonly uniques: number;
  readonly foreignKeys: number;
  readonly checks: number;
  readonly indexes: number;
}

export interface LoadResult {
  /** The target as given, with any password masked. */
  readonly target: string;
  readonly tables: readonly TableLoad[];
  /** Constraints in force on the loaded tables (every row satisfied them). */
  readonly constraints: ConstraintCounts;
  readonly elapsedMs: number;
}

/** The error with the answer key's first matching defect named, when the dataset is dirty data. */
async function withDirtyHint(error: unknown, directory: string, table?: string): Promise<unknown> {
  if (!(error instanceof Error)) return error;
  error.message += await dirtyLoadHint(resolve(directory), error.message, table);
  return error;
}

export async function step<T>(warehouse: Warehouse, doing: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw warehouse.failure(error, doing);
  }
}

/**
 * Loads a dataset into DuckDB or PostgreSQL in one transaction: a failure leaves the database as it
 * was. PostgreSQL gets bare tables, COPY, then keys and checks (one validating pass each, faster than
 * checking row by row); DuckDB cannot add foreign keys or checks to a table, so its tables are created
 * with every constraint and filled parents first.
 */
export async function loadDataset(options: LoadOptions): Promise<LoadResult> {
  const started = Date.now();
  const target = parseLoadTarget(options.into);
  if (options.timeoutMs !== undefined && !(Number.isFinite(options.timeoutMs) && options.timeoutMs >= 0)) {
    throw new UsageError('--timeout: give a number of seconds, 0 or more');
  }
  if (options.schema !== undefined && options.schema.trim() === '') throw new UsageError('--schema: name a schema');
  const { schemas } = loadSchemas(resolve(options.schemaDir ?? DEFAULT_SCHEMA_DIR));
  const dialect = target.kind;
  const script = buildDdl(schemas, dialect, {
    constraints: dialect === 'postgres' ? 'deferred' : 'inline',
    ...(options.schema !== undefined ? { schema: options.schema } : {}),
  });
  const files = await findDatasetTables(resolve(options.dir), script.tables, schemas);

  const warehouse = await openWarehouse(target, options.timeoutMs ?? DEFAULT_TIMEOUT_MS, options.onWarning ?? ((message) => process.emitWarning(message)));
  const loaded: TableLoad[] = [];
  let failed = true;
  try {
    const existing = await step(warehouse, 'looking for existing tables', () => warehouse.existingTables(options.schema, script.tables));
    if (existing.length > 0 && !options.replace) {
      const where = options.schema !== undefined ? ` (schema ${options.schema})` : '';
      throw new UsageError(`${target.display}${where} already holds ${existing.join(', ')}; pass --replace to drop and reload`);
    }
    const quote = dialectRules(dialect).quoteIdentifier;
    await step(warehouse, 'starting a transaction', () => warehouse.execute('BEGIN TRANSACTION'));
    try {
      // Building primary keys and indexes on millions of rows sorts them; the default 64 MB spills to disk.
      if (dialect === 'postgres') await warehouse.execute("SET LOCAL maintenance_work_mem = '256MB'");
      for (const sql of script.createSchema) await step(warehouse, 'creating the schema', () => warehouse.execute(sql));
      if (options.replace) for (const sql of script.dropTables) await step(warehouse, 'dropping the old tables', () => warehouse.execute(sql));
      for (const sql of dropSideTableStatements(dialect, options.schema, script.tables)) {
        await step(warehouse, 'dropping the bookkeeping of earlier `load --apply` runs', () => warehouse.execute(sql));
      }
      for (const sql of script.createTables) await step(warehouse, 'creating the tables', () => warehouse.execute(sql));
      for (const file of files) {
        const tableStarted = Date.now();
        const columns = schemas[file.table].columns.map((column) => quote(column.name));
        const rows = await step(warehouse, `loading ${file.table}`, () => warehouse.copyCsv(script.tableNames[file.table], columns, file.path)).catch(async (error: unknown) => {
          throw await withDirtyHint(error, options.dir, file.table);
        });
        if (file.manifestRows !== undefined && rows !== file.manifestRows) {
          throw new UsageError(`${file.table}: loaded ${rows} rows but manifest.json records ${file.manifestRows}`);
        }
        const report = { table: file.table, rows, ms: Date.now() - tableStarted };
        loaded.push(report);
        options.onTable?.(report);
      }
      for (const constraint of script.addConstraints) {
        await step(warehouse, `adding constraint ${constraint.name}`, () => warehouse.execute(constraint.sql)).catch(async (error: unknown) => {
          throw await withDirtyHint(error, options.dir);
        });
      }
      for (const sql of script.createIndexes) await step(warehouse, 'creating indexes', () => warehouse.execute(sql));
      await step(warehouse, 'committing', () => warehouse.execute('COMMIT'));
    } catch (error) {
      await warehouse.execute('ROLLBACK').catch(() => undefined);
      throw error;
    }
    failed = false;
    await step(warehouse, 'finishing', () => warehouse.finish(script.tables.map((table) => script.tableNames[table])));
  } finally {
    await warehouse.close(failed);
  }

  const all = script.tables.map((table) => tableConstraints(schemas[table]));
  const constraints: ConstraintCounts = {
    primaryKeys: all.filter((table) => table.primaryKey).length,
    uniques: all.reduce((sum, table) => sum + table.uniques.length, 0),
    foreignKeys: all.reduce((sum, table) => sum + table.foreignKeys.length, 0),
    checks: all.reduce((sum, table) => sum + table.checks.length, 0),
    indexes: all.reduce((sum, table) => sum + table.indexes.length, 0),
  };
  return { target: target.display, tables: loaded, constraints, elapsedMs: Date.now() - started };
}
