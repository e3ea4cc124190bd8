// `ecomgen ddl`: CREATE TABLE statements per dialect, read back and checked against the schema files;
// the DuckDB script is run in DuckDB (the PostgreSQL one runs against a real server in load.test.ts).
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { loadSchemas, TABLE_NAMES, type ColumnSchema, type TableName } from 'ecomgen';
import { REPO_ROOT, runCli } from '../helpers/run.js';

const { schemas } = loadSchemas(join(REPO_ROOT, 'schemas'));

/** The type each dialect should use for a schema type: the mapping the warehouse docs prescribe. */
function expectedType(dialect: string, column: ColumnSchema): string {
  const t = column.type;
  const decimal = t.kind === 'DECIMAL' ? `(${t.precision},${t.scale})` : '';
  const varchar = t.kind === 'VARCHAR' ? `(${t.length})` : '';
  const byDialect: Record<string, Record<string, string>> = {
    postgres: { INTEGER: 'INTEGER', BIGINT: 'BIGINT', DECIMAL: `NUMERIC${decimal}`, VARCHAR: `VARCHAR${varchar}`, DATE: 'DATE', TIMESTAMP: 'TIMESTAMP', BOOLEAN: 'BOOLEAN' },
    duckdb: { INTEGER: 'INTEGER', BIGINT: 'BIGINT', DECIMAL: `DECIMAL${decimal}`, VARCHAR: `VARCHAR${varchar}`, DATE: 'DATE', TIMESTAMP: 'TIMESTAMP', BOOLEAN: 'BOOLEAN' },
    snowflake: { INTEGER: 'INTEGER', BIGINT: 'BIGINT', DECIMAL: `NUMBER${decimal}`, VARCHAR: `VARCHAR${varchar}`, DATE: 'DATE', TIMESTAMP: 'TIMESTAMP_NTZ', BOOLEAN: 'BOOLEAN' },
    bigquery: { INTEGER: 'INT64', BIGINT: 'INT64', DECIMAL: `NUMERIC${decimal}`, VARCHAR: `STRING${varchar}`, DATE: 'DATE', TIMESTAMP: 'TIMESTAMP', BOOLEAN: 'BOOL' },
  };
  return byDialect[dialect]?.[t.kind] as string;
}

function ddl(args: string[]): string {
  const result = runCli(['ddl', ...args]);
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

/** CREATE TABLE <name> ( ... ) blocks, in the order they appear, with their lines. */
function createBlocks(sql: string): { table: string; lines: string[]; tail: string }[] {
  return [...sql.matchAll(/^CREATE TABLE (\w+) \(\n([\s\S]*?)\n\)(.*?);$/gms)].map((match) => ({
    table: match[1] as string,
    lines: (match[2] as string).split(',\n').map((line) => line.trim()),
    tail: match[3] as string,
  }));
}

/** Undoes a dialect's string quoting, so descriptions can be compared with the schema. */
function unquote(dialect: string, literal: string): string {
  if (dialect === 'bigquery') return JSON.parse(literal) as string;
  const body = literal.slice(1, -1).replaceAll("''", "'");
  return dialect === 'snowflake' ? body.replaceAll('\\\\', '\\') : body;
}

const foreignKeys = (table: TableName): ColumnSchema[] => schemas[table].columns.filter((column) => column.foreignKey);
const hasCheck = (column: ColumnSchema): boolean => column.allowedValues !== undefined || column.min !== undefined || column.max !== undefined;

describe.each(['postgres', 'duckdb', 'snowflake', 'bigquery'])('ecomgen ddl --dialect %s', (dialect) => {
  const sql = ddl(['--dialect', dialect]);
  const blocks = createBlocks(sql);

  it('creates every table once, each after the tables it references', () => {
    expect(blocks.map((block) => block.table).sort()).toEqual([...TABLE_NAMES].sort());
    const position = (table: string): number => blocks.findIndex((block) => block.table === table);
    for (const table of TABLE_NAMES) {
      for (const column of foreignKeys(table)) expect(position(column.foreignKey?.table as string), `${table}.${column.name}`).toBeLessThan(position(table));
    }
  });

  it('maps every column to the dialect type, NOT NULL exactly where the schema says', () => {
    for (const block of blocks) {
      const columns = schemas[block.table as TableName].columns;
      const columnLines = block.lines.slice(0, columns.length);
      columns.forEach((column, index) => {
        const line = columnLines[index] as string;
        expect(line.startsWith(`${column.name} ${expectedType(dialect, column)}`), `${block.table}: ${line}`).toBe(true);
        expect(/ NOT NULL\b/.test(line), `${block.table}.${column.name} NOT NULL`).toBe(!column.nullable);
      });
    }
  });

  it('declares the primary key, the foreign keys and (where the dialect has them) unique keys and checks', () => {
    for (const table of TABLE_NAMES) {
      const body = blocks.find((block) => block.table === table)?.lines.join('\n') as string;
      const key = schemas[table].columns.filter((column) => column.primaryKey).map((column) => column.name).join(', ');
      expect(body, table).toContain(dialect === 'bigquery' ? `PRIMARY KEY (${key}) NOT ENFORCED` : `PRIMARY KEY (${key})`);
      for (const column of foreignKeys(table)) {
        const reference = `FOREIGN KEY (${column.name}) REFERENCES ${column.foreignKey?.table} (${column.foreignKey?.column})${dialect === 'bigquery' ? ' NOT ENFORCED' : ''}`;
        expect(body, table).toContain(reference);
      }
      const uniques = schemas[table].indexes.filter((index) => index.unique && index.columns.join(', ') !== key);
      for (const unique of uniques) {
        if (dialect === 'bigquery') expect(sql).toContain(`${unique.name}); BigQuery has no UNIQUE constraint`);
        else expect(body).toContain(`CONSTRAINT ${unique.name} UNIQUE (${unique.columns.join(', ')})`);
      }
      const checks = body.split('\n').filter((line) => line.includes(' CHECK ('));
      const checkedColumns = schemas[table].columns.filter(hasCheck);
      expect(checks.length, table).toBe(dialect === 'postgres' || dialect === 'duckdb' ? checkedColumns.length : 0);
      for (const line of checks) {
        const column = checkedColumns.find((candidate) => line.startsWith(`CONSTRAINT ck_${table}_${candidate.name} `)) as ColumnSchema;
        for (const value of column.allowedValues ?? []) expect(line).toContain(`'${value}'`);
        if (column.min !== undefined) expect(line).toMatch(new RegExp(`(>= |BETWEEN )${column.min}\\b`));
        if (column.max !== undefined) expect(line).toMatch(new RegExp(`(<= |AND )${column.max}\\)`));
      }
    }
  });

  it('carries every description as a comment in the dialect’s own form', () => {
    const found = new Map<string, string>();
    if (dialect === 'postgres' || dialect === 'duckdb') {
      for (const match of sql.matchAll(/^COMMENT ON (?:TABLE (\w+)|COLUMN (\w+)\.(\w+)) IS ('(?:[^']|'')*');$/gm)) {
        found.set(match[1] ?? `${match[2]}.${match[3]}`, unquote(dialect, match[4] as string));
      }
    } else {
      const inline = dialect === 'snowflake' ? / COMMENT ('(?:[^'\\]|''|\\\\)*')$/ : / OPTIONS\(description=("(?:[^"\\]|\\.)*")\)$/;
      const onTable = dialect === 'snowflake' ? /^\nCOMMENT = ('(?:[^'\\]|''|\\\\)*')$/ : /^\nOPTIONS\(description=("(?:[^"\\]|\\.)*")\)$/;
      for (const block of blocks) {
        for (const line of block.lines) {
          const match = inline.exec(line);
          if (match) found.set(`${block.table}.${line.split(' ')[0]}`, unquote(dialect, match[1] as string));
        }
        const table = onTable.exec(block.tail === '' ? '' : `\n${block.tail.trim()}`);
        if (table) found.set(block.table, unquote(dialect, table[1] as string));
      }
    }
    for (const table of TABLE_NAMES) {
      expect(found.get(table), table).toBe(schemas[table].description);
      for (const column of schemas[table].columns) expect(found.get(`${table}.${column.name}`), `${table}.${column.name}`).toBe(column.description);
    }
  });

  it('creates the non-unique indexes where the dialect has indexes', () => {
    const indexes = [...sql.matchAll(/^CREATE INDEX (\w+) ON (\w+) \(([^)]*)\);$/gm)].map((match) => `${match[2]}:${match[1]}(${match[3]})`).sort();
    const expected = TABLE_NAMES.flatMap((table) => schemas[table].indexes.filter((index) => !index.unique).map((index) => `${table}:${index.name}(${index.columns.join(', ')})`)).sort();
    expect(indexes).toEqual(dialect === 'postgres' || dialect === 'duckdb' ? expected : []);
  });
});

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
        'New York', 'NY', '10001', 'US', 'regular', true, TIMESTAMP '2023-01-01 00:00:00')`);
      await expect(connection.run(`INSERT INTO customers VALUES (2, 'Bo', 'Lee', 'X', 'bo@example.com', '(212) 555-0102', DATE '1980-01-01', '1 Main St', NULL,
        'New York', 'NY', '10001', 'US', 'regular', true, TIMESTAMP '2023-01-01 00:00:00')`)).rejects.toThrow(/CHECK/);
      await expect(connection.run(`INSERT INTO customers VALUES (3, 'Cy', 'Lee', 'M', 'ann@example.com', '(212) 555-0103', DATE '1980-01-01', '1 Main St', NULL,
        'New York', 'NY', '10001', 'US', 'regular', true, TIMESTAMP '2023-01-01 00:00:00')`)).rejects.toThrow(/unique|duplicate/i);
      await expect(connection.run(`INSERT INTO orders VALUES (1, 42, TIMESTAMP '2023-02-01 00:00:00', 'pending', 'paypal', 'standard', '1 Main St', 'New York',
        'NY', '10001', 10.00, 0, 0, 0, 10.00, NULL, NULL)`)).rejects.toThrow(/foreign key/i);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});

describe('ecomgen ddl options and errors', () => {
  it('--constraints deferred keeps CREATE TABLE bare and adds every key and check afterwards, foreign keys last', () => {
    const sql = ddl(['--dialect', 'postgres', '--constraints', 'deferred']);
    for (const block of createBlocks(sql)) expect(block.lines.join('\n')).not.toMatch(/CONSTRAINT|PRIMARY KEY|FOREIGN KEY/);
    const added = [...sql.matchAll(/^ALTER TABLE (\w+) ADD CONSTRAINT (\w+) (PRIMARY KEY|UNIQUE|CHECK|FOREIGN KEY)/gm)];
    const kinds = added.map((match) => match[3]);
    const lastKey = Math.max(...kinds.map((kind, index) => (kind === 'FOREIGN KEY' ? -1 : index)));
    expect(kinds.indexOf('FOREIGN KEY')).toBeGreaterThan(lastKey);
    const expected = TABLE_NAMES.reduce((sum, table) => {
      const key = schemas[table].columns.filter((column) => column.primaryKey).map((column) => column.name).join(',');
      return sum + 1 + schemas[table].indexes.filter((index) => index.unique && index.columns.join(',') !== key).length
        + foreignKeys(table).length + schemas[table].columns.filter(hasCheck).length;
    }, 0);
    expect(added).toHaveLength(expected);
    expect(sql.indexOf('-- Load the data here')).toBeLessThan(sql.indexOf('ALTER TABLE'));
  });

  it('--schema qualifies every table, --drop drops children first', () => {
    const sql = ddl(['--dialect', 'postgres', '--schema', 'shop', '--drop']);
    expect(sql).toMatch(/^CREATE SCHEMA IF NOT EXISTS shop;$/m);
    expect(createBlocks(sql.replaceAll('CREATE TABLE shop.', 'CREATE TABLE '))).toHaveLength(TABLE_NAMES.length);
    expect(sql).toContain('REFERENCES shop.customers (customer_id)');
    const drops = [...sql.matchAll(/^DROP TABLE IF EXISTS shop\.(\w+) CASCADE;$/gm)].map((match) => match[1] as TableName);
    expect([...drops].sort()).toEqual([...TABLE_NAMES].sort());
    for (const table of TABLE_NAMES) {
      for (const column of foreignKeys(table)) expect(drops.indexOf(table)).toBeLessThan(drops.indexOf(column.foreignKey?.table as TableName));
    }
  });

  it('refuses an unknown dialect, a missing --dialect and deferred constraints for DuckDB with one line and exit 2', () => {
    for (const [args, pattern] of [
      [['--dialect', 'oracle'], /--dialect.*invalid.*postgres, duckdb, snowflake, bigquery/],
      [[], /--dialect/],
      [['--dialect', 'duckdb', '--constraints', 'deferred'], /duckdb cannot add foreign keys or checks/],
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
