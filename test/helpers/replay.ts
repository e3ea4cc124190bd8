// The replay invariant in DuckDB SQL over the files: the snapshot as of T1, plus every change of the
// stream applied in _seq order (duplicates dropped by _seq, I inserts, U replaces, D deletes, per key),
// must equal the snapshot as of T2 row for row, all columns (compared as the files' text).
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { loadSchemas, TABLE_NAMES, type TableName } from 'ecomgen';
import { REPO_ROOT } from './run.js';

const { schemas } = loadSchemas(join(REPO_ROOT, 'schemas'));

export interface TableReplay {
  readonly table: TableName;
  /** Rows in the T1 snapshot, the change rows read (duplicates included), and the T2 snapshot. */
  readonly before: number;
  readonly changes: number;
  readonly after: number;
  readonly ops: Readonly<Record<string, number>>;
  /** Rows of the replayed table missing from the T2 snapshot, and rows of T2 missing from the replay. */
  readonly extra: number;
  readonly missing: number;
  /** Changes whose op does not fit the key's state (an insert of a present key, an update of an absent one). */
  readonly badOps: number;
  /** Distinct _seq values with different rows (a duplicate must repeat its row exactly). */
  readonly seqClashes: number;
}

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const text = (value: string): string => `'${value.replace(/'/g, "''")}'`;

async function count(connection: DuckDBConnection, query: string): Promise<number> {
  const rows = (await connection.runAndReadAll(query)).getRowObjectsJson() as Record<string, unknown>[];
  return Number(rows[0]?.['n'] ?? Number.NaN);
}

/**
 * Loads the snapshots and the stream's files of each table into DuckDB (as text) and replays. `format`
 * is the stream's (and the snapshots') format.
 */
export async function replayStream(t1Dir: string, changesDir: string, t2Dir: string, format: 'csv' | 'jsonl'): Promise<TableReplay[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const results: TableReplay[] = [];
  try {
    for (const table of TABLE_NAMES) {
      const columns = schemas[table].columns.map((column) => column.name);
      const key = schemas[table].columns.find((column) => column.primaryKey)?.name as string;
      const list = columns.map(quote).join(', ');
      if (format === 'csv') {
        const csv = (path: string): string => `read_csv(${text(path)}, all_varchar = true, header = true, auto_detect = false, columns = {${columns.map((name) => `${text(name)}: 'VARCHAR'`).join(', ')}})`;
        await connection.run(`CREATE TABLE s1 AS SELECT ${list} FROM ${csv(join(t1Dir, `${table}.csv`))}`);
        await connection.run(`CREATE TABLE s2 AS SELECT ${list} FROM ${csv(join(t2Dir, `${table}.csv`))}`);
        const changeColumns = ['_op', '_changed_at', '_seq', ...columns];
        await connection.run(
          `CREATE TABLE raw AS SELECT * FROM read_csv(${text(join(changesDir, '*', `${table}.csv`))}, all_varchar = true, header = true, auto_detect = false, columns = {${changeColumns.map((name) => `${text(name)}: 'VARCHAR'`).join(', ')}})`,
        );
        await connection.run(`CREATE TABLE ch AS SELECT DISTINCT _op, CAST(_seq AS BIGINT) AS seq, ${quote(key)} AS k, ${list} FROM raw`);
      } else {
        // JSON rows compared as DuckDB's normalised JSON text of each whole object.
        const objects = (path: string): string => `read_ndjson_objects(${text(path)})`;
        await connection.run(`CREATE TABLE s1 AS SELECT json::JSON AS row, json_extract_string(json, ${text(`$.${key}`)}) AS k FROM ${objects(join(t1Dir, `${table}.jsonl`))}`);
        await connection.run(`CREATE TABLE s2 AS SELECT json::JSON AS row, json_extract_string(json, ${text(`$.${key}`)}) AS k FROM ${objects(join(t2Dir, `${table}.jsonl`))}`);
        await connection.run(`CREATE TABLE raw AS SELECT json::JSON AS j FROM ${objects(join(changesDir, '*', `${table}.jsonl`))}`);
        await connection.run(
          `CREATE TABLE ch AS SELECT DISTINCT CASE json_extract_string(j, '$.op') WHEN 'c' THEN 'I' WHEN 'u' THEN 'U' WHEN 'd' THEN 'D' END AS _op,
             CAST(json_extract_string(j, '$.source.seq') AS BIGINT) AS seq,
             coalesce(json_extract_string(j, ${text(`$.after.${key}`)}), json_extract_string(j, ${text(`$.before.${key}`)})) AS k,
             CAST(json_extract(j, '$.after') AS VARCHAR) AS row_text
           FROM raw`,
        );
      }
      const rowOf = format === 'csv' ? list : 'row_text';
      // json_extract re-writes numbers (15.80 as 15.8), so the snapshot's rows go through it too.
      const snapshotRow = format === 'csv' ? list : "CAST(json_extract(row, '$') AS VARCHAR) AS row_text";
      const before = await count(connection, 'SELECT count(*) AS n FROM s1');
      const after = await count(connection, 'SELECT count(*) AS n FROM s2');
      const changes = await count(connection, 'SELECT count(*) AS n FROM raw');
      const seqClashes = await count(connection, 'SELECT count(*) - count(DISTINCT seq) AS n FROM ch');
      const opRows = (await connection.runAndReadAll('SELECT _op, count(*) AS n FROM ch GROUP BY _op')).getRowObjectsJson() as Record<string, unknown>[];
      const ops = Object.fromEntries(opRows.map((row) => [String(row['_op']), Number(row['n'])]));
      const badOps = await count(
        connection,
        `SELECT count(*) AS n FROM (
           SELECT _op, lag(_op) OVER (PARTITION BY k ORDER BY seq) AS prev, k IN (SELECT k FROM ${format === 'csv' ? `(SELECT ${quote(key)} AS k FROM s1)` : 's1'}) AS existed FROM ch
         ) WHERE (_op = 'I' AND (prev IN ('I', 'U') OR (prev IS NULL AND existed))) OR (_op IN ('U', 'D') AND (prev = 'D' OR (prev IS NULL AND NOT existed)))`,
      );
      const firstKey = format === 'csv' ? quote(key) : 'k';
      await connection.run(
        `CREATE TABLE replayed AS
           SELECT ${snapshotRow} FROM s1 WHERE ${firstKey} NOT IN (SELECT k FROM ch)
           UNION ALL
           SELECT ${rowOf} FROM (SELECT *, row_number() OVER (PARTITION BY k ORDER BY seq DESC) AS rn FROM ch) WHERE rn = 1 AND _op <> 'D'`,
      );
      await connection.run(`CREATE TABLE target AS SELECT ${snapshotRow} FROM s2`);
      const extra = await count(connection, 'SELECT count(*) AS n FROM (SELECT * FROM replayed EXCEPT ALL SELECT * FROM target)');
      const missing = await count(connection, 'SELECT count(*) AS n FROM (SELECT * FROM target EXCEPT ALL SELECT * FROM replayed)');
      results.push({ table, before, changes, after, ops, extra, missing, badOps, seqClashes });
      for (const name of ['s1', 's2', 'raw', 'ch', 'replayed', 'target']) await connection.run(`DROP TABLE ${name}`);
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return results;
}
