// CREATE TABLE statements per dialect, rendered in memory from the shipped schemas and read back
// against them: order, types, NOT NULL, keys, checks, comments, indexes, deferred constraints.
// (test/e2e/ddl.test.ts runs the DuckDB script in DuckDB and checks the CLI's exits.)
import { describe, expect, it } from 'vitest';
import { buildDdl, renderDdl, type DdlOptions } from '../../../src/ddl/buildDdl.js';
import { DIALECTS, type Dialect } from '../../../src/ddl/dialects.js';
import { UsageError } from '../../../src/errors.js';
import type { ColumnSchema } from '../../../src/schema/schemaTypes.js';
import { TABLE_NAMES, type TableName } from '../../../src/schema/tableNames.js';
import { foreignKeys, hasCheck, primaryKeyOf, SCHEMAS } from './shippedSchemas.js';

const sqlOf = (dialect: Dialect, options: DdlOptions = {}, drop = false): string => renderDdl(buildDdl(SCHEMAS, dialect, options), { drop });

/** The type each dialect should use for a schema type: the mapping the warehouse docs prescribe. */
function expectedType(dialect: Dialect, column: ColumnSchema): string {
  const t = column.type;
  const decimal = t.kind === 'DECIMAL' ? `(${t.precision},${t.scale})` : '';
  const varchar = t.kind === 'VARCHAR' ? `(${t.length})` : '';
  const byDialect: Record<Dialect, Record<ColumnSchema['type']['kind'], string>> = {
    postgres: { INTEGER: 'INTEGER', BIGINT: 'BIGINT', DECIMAL: `NUMERIC${decimal}`, VARCHAR: `VARCHAR${varchar}`, DATE: 'DATE', TIMESTAMP: 'TIMESTAMP', BOOLEAN: 'BOOLEAN' },
    duckdb: { INTEGER: 'INTEGER', BIGINT: 'BIGINT', DECIMAL: `DECIMAL${decimal}`, VARCHAR: `VARCHAR${varchar}`, DATE: 'DATE', TIMESTAMP: 'TIMESTAMP', BOOLEAN: 'BOOLEAN' },
    snowflake: { INTEGER: 'INTEGER', BIGINT: 'BIGINT', DECIMAL: `NUMBER${decimal}`, VARCHAR: `VARCHAR${varchar}`, DATE: 'DATE', TIMESTAMP: 'TIMESTAMP_NTZ', BOOLEAN: 'BOOLEAN' },
    bigquery: { INTEGER: 'INT64', BIGINT: 'INT64', DECIMAL: `NUMERIC${decimal}`, VARCHAR: `STRING${varchar}`, DATE: 'DATE', TIMESTAMP: 'TIMESTAMP', BOOLEAN: 'BOOL' },
  };
  return byDialect[dialect][t.kind];
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
function unquote(dialect: Dialect, literal: string): string {
  if (dialect === 'bigquery') return JSON.parse(literal) as string;
  const body = literal.slice(1, -1).replaceAll("''", "'");
  return dialect === 'snowflake' ? body.replaceAll('\\\\', '\\') : body;
}

describe.each(DIALECTS)('%s', (dialect) => {
  const sql = sqlOf(dialect);
  const blocks = createBlocks(sql);

  it('creates every table once, each after the tables it references', () => {
    expect(blocks.map((block) => block.table).sort()).toEqual([...TABLE_NAMES].sort());
    const position = (table: string): number => blocks.findIndex((block) => block.table === table);
    const references = TABLE_NAMES.flatMap((table) => foreignKeys(table).map((column) => [table, column.foreignKey?.table as TableName] as const));
    expect(references.length).toBeGreaterThan(0);
    for (const [child, parent] of references) expect(position(parent), `${child} -> ${parent}`).toBeLessThan(position(child));
  });

  it('maps every column to the dialect type, NOT NULL exactly where the schema says', () => {
    expect(blocks).toHaveLength(TABLE_NAMES.length);
    for (const block of blocks) {
      const columns = SCHEMAS[block.table as TableName].columns;
      columns.forEach((column, index) => {
        const line = block.lines[index] as string;
        expect(line.startsWith(`${column.name} ${expectedType(dialect, column)}`), `${block.table}: ${line}`).toBe(true);
        expect(/ NOT NULL\b/.test(line), `${block.table}.${column.name} NOT NULL`).toBe(!column.nullable);
      });
    }
  });

  it('declares the primary key, the foreign keys and (where the dialect has them) unique keys and checks', () => {
    for (const table of TABLE_NAMES) {
      const body = blocks.find((block) => block.table === table)?.lines.join('\n') as string;
      const key = primaryKeyOf(table).join(', ');
      expect(body, table).toContain(dialect === 'bigquery' ? `PRIMARY KEY (${key}) NOT ENFORCED` : `PRIMARY KEY (${key})`);
      for (const column of foreignKeys(table)) {
        const reference = `FOREIGN KEY (${column.name}) REFERENCES ${column.foreignKey?.table} (${column.foreignKey?.column})${dialect === 'bigquery' ? ' NOT ENFORCED' : ''}`;
        expect(body, table).toContain(reference);
      }
      const uniques = SCHEMAS[table].indexes.filter((index) => index.unique && index.columns.join(', ') !== key);
      for (const unique of uniques) {
        if (dialect === 'bigquery') expect(sql).toContain(`${unique.name}); BigQuery has no UNIQUE constraint`);
        else expect(body).toContain(`CONSTRAINT ${unique.name} UNIQUE (${unique.columns.join(', ')})`);
      }
      const checks = body.split('\n').filter((line) => line.includes(' CHECK ('));
      const checkedColumns = SCHEMAS[table].columns.filter(hasCheck);
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
    const expected = TABLE_NAMES.flatMap((table) => [table, ...SCHEMAS[table].columns.map((column) => `${table}.${column.name}`)]);
    expect([...found.keys()].sort()).toEqual(expected.sort());
    for (const table of TABLE_NAMES) {
      expect(found.get(table), table).toBe(SCHEMAS[table].description);
      for (const column of SCHEMAS[table].columns) expect(found.get(`${table}.${column.name}`), `${table}.${column.name}`).toBe(column.description);
    }
  });

  it('creates the non-unique indexes where the dialect has indexes', () => {
    const indexes = [...sql.matchAll(/^CREATE INDEX (\w+) ON (\w+) \(([^)]*)\);$/gm)].map((match) => `${match[2]}:${match[1]}(${match[3]})`).sort();
    const expected = TABLE_NAMES.flatMap((table) => SCHEMAS[table].indexes.filter((index) => !index.unique).map((index) => `${table}:${index.name}(${index.columns.join(', ')})`)).sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(indexes).toEqual(dialect === 'postgres' || dialect === 'duckdb' ? expected : []);
  });
});

describe('constraint placement and options', () => {
  it('deferred keeps CREATE TABLE bare and adds every key and check afterwards, foreign keys last', () => {
    const sql = sqlOf('postgres', { constraints: 'deferred' });
    const blocks = createBlocks(sql);
    expect(blocks).toHaveLength(TABLE_NAMES.length);
    for (const block of blocks) expect(block.lines.join('\n')).not.toMatch(/CONSTRAINT|PRIMARY KEY|FOREIGN KEY/);
    const added = [...sql.matchAll(/^ALTER TABLE (\w+) ADD CONSTRAINT (\w+) (PRIMARY KEY|UNIQUE|CHECK|FOREIGN KEY)/gm)];
    const kinds = added.map((match) => match[3]);
    const lastKey = Math.max(...kinds.map((kind, index) => (kind === 'FOREIGN KEY' ? -1 : index)));
    expect(kinds.indexOf('FOREIGN KEY')).toBeGreaterThan(lastKey);
    const expected = TABLE_NAMES.reduce((sum, table) => {
      const key = primaryKeyOf(table).join(',');
      return sum + 1 + SCHEMAS[table].indexes.filter((index) => index.unique && index.columns.join(',') !== key).length
        + foreignKeys(table).length + SCHEMAS[table].columns.filter(hasCheck).length;
    }, 0);
    expect(added).toHaveLength(expected);
    expect(sql.indexOf('-- Load the data here')).toBeLessThan(sql.indexOf('ALTER TABLE'));
  });

  it('inline puts no ALTER TABLE in the script and names no load step', () => {
    const script = buildDdl(SCHEMAS, 'postgres');
    expect(script.addConstraints).toEqual([]);
    expect(renderDdl(script)).not.toMatch(/ALTER TABLE|Load the data here/);
  });

  it('refuses deferred constraints for DuckDB, which cannot add them later', () => {
    expect(() => buildDdl(SCHEMAS, 'duckdb', { constraints: 'deferred' })).toThrow(UsageError);
    expect(() => buildDdl(SCHEMAS, 'duckdb', { constraints: 'deferred' })).toThrow(/duckdb cannot add foreign keys or checks/);
  });

  it('a schema qualifies every table, and drop removes children first', () => {
    const sql = sqlOf('postgres', { schema: 'shop' }, true);
    expect(sql).toMatch(/^CREATE SCHEMA IF NOT EXISTS shop;$/m);
    expect(createBlocks(sql.replaceAll('CREATE TABLE shop.', 'CREATE TABLE '))).toHaveLength(TABLE_NAMES.length);
    expect(sql).toContain('REFERENCES shop.customers (customer_id)');
    const drops = [...sql.matchAll(/^DROP TABLE IF EXISTS shop\.(\w+) CASCADE;$/gm)].map((match) => match[1] as TableName);
    expect([...drops].sort()).toEqual([...TABLE_NAMES].sort());
    for (const table of TABLE_NAMES) {
      for (const column of foreignKeys(table)) expect(drops.indexOf(table)).toBeLessThan(drops.indexOf(column.foreignKey?.table as TableName));
    }
  });

  it('without drop there is no DROP TABLE, and without a schema no CREATE SCHEMA', () => {
    const sql = sqlOf('postgres');
    expect(sql).not.toContain('DROP TABLE');
    expect(sql).not.toContain('CREATE SCHEMA');
  });

  it.each([
    ['postgres', ''],
    ['duckdb', ''],
    ['snowflake', 'Snowflake records PRIMARY KEY, UNIQUE and FOREIGN KEY constraints but enforces only NOT NULL.'],
    ['bigquery', 'BigQuery keys are NOT ENFORCED'],
  ] as const)('%s notes what it cannot declare at the top', (dialect, note) => {
    const header = sqlOf(dialect).split('\n\n')[0] as string;
    expect(header.startsWith(`-- ecomgen: tables for ${dialect}, in dependency order (`)).toBe(true);
    if (note) expect(header).toContain(note);
    expect(header.includes('no CHECK constraints')).toBe(dialect === 'snowflake' || dialect === 'bigquery');
    expect(header.includes('no indexes')).toBe(dialect === 'snowflake' || dialect === 'bigquery');
  });
});
