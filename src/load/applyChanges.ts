import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildDdl } from '../ddl/buildDdl.js';
import { dialectRules } from '../ddl/dialects.js';
import { UsageError } from '../errors.js';
import { DEFAULT_SCHEMA_DIR } from '../paths.js';
import { loadSchemas } from '../schema/loadSchemas.js';
import type { SchemaSet } from '../schema/schemaTypes.js';
import type { TableName } from '../schema/tableNames.js';
import { BATCHES_TABLE, duckdbReferencedIndexes, sideTableStatements, TableApplySql } from './applyStatements.js';
import { debeziumFileToCsv } from './debeziumBatch.js';
import { checkChangeHeader, planBatches, readBatch, readChangesFolder, type ChangeBatch } from './changesFolder.js';
import { firstLine } from './datasetFiles.js';
import { DEFAULT_TIMEOUT_MS, step } from './loadDataset.js';
import { parseLoadTarget } from './loadTarget.js';
import { openWarehouse } from './openWarehouse.js';
import type { Warehouse } from './warehouse.js';

export interface ApplyOptions {
  /** A folder written by `ecomgen changes` (manifest.json with "kind": "changes"). */
  readonly dir: string;
  /** `duckdb:<file>` or `postgres://...`, holding tables `ecomgen load` created. */
  readonly into: string;
  readonly schema?: string;
  readonly schemaDir?: string;
  /** As for load: PostgreSQL connect, first-query and lock wait in ms (0 waits forever). */
  readonly timeoutMs?: number;
  readonly onBatch?: (applied: BatchApply) => void;
  readonly onWarning?: (message: string) => void;
}

interface OpCounts {
  readonly I: number;
  readonly U: number;
  readonly D: number;
}

export interface BatchApply {
  readonly batch: string;
  /** Change rows in the batch's files (with duplicates and late rows). */
  readonly rows: number;
  /** Changes applied, per op, all tables. */
  readonly applied: OpCounts;
  /** Rows skipped: duplicates, superseded within the batch, or not newer than the key's last applied _seq. */
  readonly skipped: number;
  /** Rows waiting, after this batch, for a parent row that has not arrived yet (late delivery). */
  readonly pending: number;
  readonly ms: number;
}

export interface ApplyResult {
  readonly target: string;
  readonly applied: readonly BatchApply[];
  /** Batches of the folder that the target already held (skipped). */
  readonly alreadyApplied: readonly string[];
  readonly elapsedMs: number;
}

const number = (value: unknown): number => Number(value ?? 0);

/** The target's columns per table, in order, read from information_schema. */
async function targetColumns(warehouse: Warehouse, schema: string | undefined, tables: readonly TableName[]): Promise<Map<string, string[]>> {
  const literal = dialectRules(warehouse.dialect).quoteString;
  const schemaExpression = schema === undefined ? 'current_schema()' : literal(schema);
  const catalog = warehouse.dialect === 'duckdb' ? ' AND table_catalog = current_database()' : '';
  const rows = await warehouse.rows(
    `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = ${schemaExpression}${catalog} ` +
      `AND table_name IN (${tables.map(literal).join(', ')}) ORDER BY table_name, ordinal_position`,
  );
  const columns = new Map<string, string[]>();
  for (const row of rows) {
    const table = String(row['table_name']);
    columns.set(table, [...(columns.get(table) ?? []), String(row['column_name'])]);
  }
  return columns;
}

/**
 * Refuses a target that has not been loaded, or was loaded with other columns than the changes carry
 * (another schema version): applying would fail half-way or write columns into the wrong places.
 */
async function checkTargetTables(warehouse: Warehouse, options: ApplyOptions, schemas: SchemaSet, tables: readonly TableName[], schemaVersion: number, display: string): Promise<void> {
  const columns = await step(warehouse, 'reading the target tables', () => targetColumns(warehouse, options.schema, tables));
  const where = options.schema !== undefined ? ` (schema ${options.schema})` : '';
  const missing = tables.filter((table) => !columns.has(table));
  if (missing.length > 0) {
    throw new UsageError(`--into: ${display}${where} has no ${missing.join(', ')} table${missing.length > 1 ? 's' : ''}; \`ecomgen load\` the snapshot the changes start from first`);
  }
  for (const table of tables) {
    const expected = schemas[table].columns.map((column) => column.name);
    if ((columns.get(table) ?? []).join(',') !== expected.join(',')) {
      throw new UsageError(`--into: ${display}${where} holds ${table} with other columns than the changes (schema version ${schemaVersion}); load a snapshot of that schema version first`);
    }
  }
}

/** Refuses a target that holds batches of another schema version. */
async function checkRecordedVersion(warehouse: Warehouse, options: ApplyOptions, schemaVersion: number, display: string): Promise<void> {
  const where = options.schema !== undefined ? ` (schema ${options.schema})` : '';
  const recorded = await step(warehouse, 'reading the applied batches', () => warehouse.rows(`SELECT DISTINCT schema_version FROM ${qualified(warehouse, options.schema, BATCHES_TABLE)}`));
  const other = recorded.map((row) => number(row['schema_version'])).find((version) => version !== schemaVersion);
  if (other !== undefined) {
    throw new UsageError(`--apply: the changes have schema version ${schemaVersion} but ${display}${where} holds batches of schema version ${other}`);
  }
}

function qualified(warehouse: Warehouse, schema: string | undefined, name: string): string {
  const id = dialectRules(warehouse.dialect).quoteIdentifier;
  return schema === undefined ? id(name) : `${id(schema)}.${id(name)}`;
}

async function appliedBatches(warehouse: Warehouse, schema: string | undefined): Promise<string[]> {
  const rows = await warehouse.rows(`SELECT batch FROM ${qualified(warehouse, schema, BATCHES_TABLE)} ORDER BY batch`);
  return rows.map((row) => String(row['batch']));
}

/** The CSV file to COPY for one table of a batch: the file itself, or a .jsonl file converted. */
type CsvOf = (batch: ChangeBatch, table: TableName) => string;

/**
 * Converts the .jsonl files of every batch into CSV files under `scratch` (one folder per batch), checking
 * each file's rows against its manifest, and records them in `converted` by `<batch>/<table>`.
 */
async function convertJsonlBatches(batches: readonly ChangeBatch[], tables: readonly TableName[], schemas: SchemaSet, scratch: string, converted: Map<string, string>): Promise<void> {
  for (const batch of batches) {
    await mkdir(join(scratch, batch.name));
    for (const table of tables) {
      const file = batch.tables[table];
      const csv = join(scratch, batch.name, `${table}.csv`);
      const key = schemas[table].columns.find((column) => column.primaryKey)?.name ?? '';
      const rows = await debeziumFileToCsv(file.path, csv, schemas[table].columns.map((column) => column.name), key);
      if (rows !== file.rows) throw new UsageError(`--apply: ${file.path} has ${rows} rows but its manifest records ${file.rows}`);
      converted.set(join(batch.name, table), csv);
    }
  }
}

/** One batch in one transaction: every table staged, deletes children first, then upserts parents first. */
async function applyBatch(warehouse: Warehouse, batch: ChangeBatch, plans: readonly { table: TableName; sql: TableApplySql }[], schema: string | undefined, schemaVersion: number, csvOf: CsvOf): Promise<BatchApply> {
  const started = Date.now();
  const run = (doing: string, sql: string): Promise<void> => step(warehouse, `batch ${batch.name}: ${doing}`, () => warehouse.execute(sql));
  const counts = { I: 0, U: 0, D: 0 };
  let rows = 0;
  let staged = 0;
  let pending = 0;
  await run('starting a transaction', 'BEGIN TRANSACTION');
  try {
    for (const { table, sql } of plans) {
      await run(`staging ${table}`, sql.createStage());
      const file = batch.tables[table];
      const csv = csvOf(batch, table);
      const copied = await step(warehouse, `batch ${batch.name}: loading ${file.path}`, () => warehouse.copyCsv(sql.stageTable, sql.stageColumns, csv));
      if (copied !== file.rows) throw new UsageError(`--apply: ${file.path} has ${copied} rows but its manifest records ${file.rows}`);
      rows += copied;
      for (const statement of sql.unpark()) await run(`staging ${table}`, statement);
      await run(`de-duplicating ${table}`, sql.createNet());
      for (const statement of sql.analyzeNet()) await run(`de-duplicating ${table}`, statement);
      const [net] = await step(warehouse, `batch ${batch.name}: counting ${table}`, () => warehouse.rows(sql.countNet()));
      staged += number(net?.['staged']);
    }
    for (const { table, sql } of [...plans].reverse()) await run(`deleting from ${table}`, sql.deleteRows());
    for (const { table, sql } of plans) {
      for (const statement of sql.park()) await run(`parking ${table} rows whose parent has not arrived`, statement);
      const [net] = await step(warehouse, `batch ${batch.name}: counting ${table}`, () => warehouse.rows(sql.countNet()));
      counts.I += number(net?.['i']);
      counts.U += number(net?.['u']);
      counts.D += number(net?.['d']);
      for (const statement of sql.updateRows()) await run(`updating ${table}`, statement);
      await run(`inserting into ${table}`, sql.insertRows());
      for (const statement of sql.record()) await run(`recording the applied _seq of ${table}`, statement);
      const [waiting] = await step(warehouse, `batch ${batch.name}: counting pending ${table}`, () => warehouse.rows(sql.countPending()));
      pending += number(waiting?.['n']);
      for (const statement of sql.dropTemp()) await run('dropping the stage tables', statement);
    }
    const appliedAt = new Date().toISOString().slice(0, 19).replace('T', ' ');
    const literal = dialectRules(warehouse.dialect).quoteString;
    await run('recording the batch', `INSERT INTO ${qualified(warehouse, schema, BATCHES_TABLE)} (batch, schema_version, change_rows, applied_at) VALUES (${literal(batch.name)}, ${schemaVersion}, ${rows}, TIMESTAMP ${literal(appliedAt)})`);
    await run('committing', 'COMMIT');
  } catch (error) {
    await warehouse.execute('ROLLBACK').catch(() => undefined);
    for (const { sql } of plans) for (const statement of sql.dropTemp()) await warehouse.execute(statement).catch(() => undefined);
    throw error;
  }
  const applied = counts.I + counts.U + counts.D;
  return { batch: batch.name, rows, applied: counts, skipped: staged - applied - pending, pending, ms: Date.now() - started };
}

/**
 * Applies the batches of a changes folder that the target does not hold yet, in order, one transaction
 * each (see TableApplySql for the statements). Every batch to apply is checked (manifest, sha256, header;
 * jsonl envelopes converted) before the first is applied, so a damaged folder changes nothing.
 */
export async function applyChanges(options: ApplyOptions): Promise<ApplyResult> {
  const started = Date.now();
  const target = parseLoadTarget(options.into);
  if (options.timeoutMs !== undefined && !(Number.isFinite(options.timeoutMs) && options.timeoutMs >= 0)) {
    throw new UsageError('--timeout: give a number of seconds, 0 or more');
  }
  if (options.schema !== undefined && options.schema.trim() === '') throw new UsageError('--schema: name a schema');
  const dir = resolve(options.dir);
  const manifest = await readChangesFolder(dir);
  const { schemas } = loadSchemas(resolve(options.schemaDir ?? DEFAULT_SCHEMA_DIR));
  const script = buildDdl(schemas, target.kind, options.schema !== undefined ? { schema: options.schema } : {});
  const tables = script.tables;

  // Debezium envelopes are converted into the CSV the contract defines, then loaded as CSV: every batch
  // to apply before the first transaction (convertJsonlBatches), so a bad line fails before anything is applied.
  let scratch: string | undefined;
  const converted = new Map<string, string>();
  const csvOf: CsvOf = (batch, table) => converted.get(join(batch.name, table)) ?? batch.tables[table].path;
  const warehouse = await openWarehouse(target, options.timeoutMs ?? DEFAULT_TIMEOUT_MS, options.onWarning ?? ((message) => process.emitWarning(message)));
  const applied: BatchApply[] = [];
  let failed = true;
  try {
    const plans = tables.map((table) => ({
      table,
      sql: new TableApplySql(target.kind, options.schema, schemas[table], script.tableNames[table], script.tableNames),
    }));
    await checkTargetTables(warehouse, options, schemas, tables, manifest.schemaVersion, target.display);
    for (const statement of [...sideTableStatements(target.kind, options.schema), ...plans.map((plan) => plan.sql.createPending())]) {
      await step(warehouse, 'creating the bookkeeping tables', () => warehouse.execute(statement));
    }
    await checkRecordedVersion(warehouse, options, manifest.schemaVersion, target.display);
    const plan = planBatches(manifest.batches, await step(warehouse, 'reading the applied batches', () => appliedBatches(warehouse, options.schema)));
    // Every batch to apply is checked before the first is applied; those applied before are not read again.
    const batches: ChangeBatch[] = [];
    for (const name of plan.toApply) {
      const batch = await readBatch(dir, name, tables, manifest.format);
      for (const table of manifest.format === 'csv' ? tables : []) {
        const path = batch.tables[table].path;
        checkChangeHeader(await firstLine(path), schemas[table].columns.map((column) => column.name), path, manifest.schemaVersion);
      }
      batches.push(batch);
    }
    if (manifest.format === 'jsonl' && batches.length > 0) {
      scratch = await mkdtemp(join(tmpdir(), 'ecomgen-jsonl-batch-'));
      await convertJsonlBatches(batches, tables, schemas, scratch, converted);
    }
    const indexes = target.kind === 'duckdb' && plan.toApply.length > 0 ? duckdbReferencedIndexes(schemas, tables, options.schema, script.tableNames) : { drop: [], create: [] };
    // DuckDB checkpoints at the commit that takes its write-ahead log past 16 MB, rewriting the big tables'
    // indexes: batch after batch that tripled a staging week's apply (61.8 s against 21.0 s). The one
    // CHECKPOINT at the end (finish) does it once.
    if (target.kind === 'duckdb') await step(warehouse, 'setting up the session', () => warehouse.execute("SET checkpoint_threshold = '4GB'"));
    for (const statement of indexes.drop) await step(warehouse, 'dropping indexes for the updates', () => warehouse.execute(statement));
    try {
      for (const batch of batches) {
        const report = await applyBatch(warehouse, batch, plans, options.schema, manifest.schemaVersion, csvOf);
        applied.push(report);
        options.onBatch?.(report);
      }
    } finally {
      // Also after a failed batch: the batches before it are committed and the indexes belong with them.
      for (const statement of indexes.create) await step(warehouse, 'creating the indexes again', () => warehouse.execute(statement));
    }
    failed = false;
    if (applied.length > 0) await step(warehouse, 'finishing', () => warehouse.finish(tables.map((table) => script.tableNames[table])));
    return { target: target.display, applied, alreadyApplied: plan.alreadyApplied, elapsedMs: Date.now() - started };
  } finally {
    // A DuckDB file that did not exist has no tables: it was refused, and close removes what opening created.
    await warehouse.close(failed);
    if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
  }
}
