// How each dialect spells types, names and strings, table by table. The expected spellings are hand
// written from each warehouse's documentation; the round trips read them back with an independent
// parser (JSON for BigQuery strings).
import { describe, expect, it } from 'vitest';
import { buildDdl, renderDdl } from '../../../src/ddl/buildDdl.js';
import { dialectRules, DIALECTS, isDialect, type Dialect } from '../../../src/ddl/dialects.js';
import type { ColumnSchema, ColumnType } from '../../../src/schema/schemaTypes.js';
import { SCHEMAS, schemasWith } from './shippedSchemas.js';

const TYPES: readonly ColumnType[] = [
  { kind: 'INTEGER' },
  { kind: 'BIGINT' },
  { kind: 'DECIMAL', precision: 12, scale: 2 },
  { kind: 'VARCHAR', length: 36 },
  { kind: 'DATE' },
  { kind: 'TIMESTAMP' },
  { kind: 'BOOLEAN' },
];

const EXPECTED_TYPES: Readonly<Record<Dialect, readonly string[]>> = {
  postgres: ['INTEGER', 'BIGINT', 'NUMERIC(12,2)', 'VARCHAR(36)', 'DATE', 'TIMESTAMP', 'BOOLEAN'],
  duckdb: ['INTEGER', 'BIGINT', 'DECIMAL(12,2)', 'VARCHAR(36)', 'DATE', 'TIMESTAMP', 'BOOLEAN'],
  snowflake: ['INTEGER', 'BIGINT', 'NUMBER(12,2)', 'VARCHAR(36)', 'DATE', 'TIMESTAMP_NTZ', 'BOOLEAN'],
  bigquery: ['INT64', 'INT64', 'NUMERIC(12,2)', 'STRING(36)', 'DATE', 'TIMESTAMP', 'BOOL'],
};

describe('column types', () => {
  it.each(DIALECTS)('%s maps every schema type', (dialect) => {
    expect(TYPES.map((type) => dialectRules(dialect).columnType(type))).toEqual(EXPECTED_TYPES[dialect]);
  });
});

describe('identifiers', () => {
  it.each<[string, string, string]>([
    ['customer_id', 'customer_id', 'customer_id'],
    ['_private2', '_private2', '_private2'],
    ['order', '"order"', '`order`'],
    ['user', '"user"', '`user`'],
    ['CamelCase', '"CamelCase"', '`CamelCase`'],
    ['2fast', '"2fast"', '`2fast`'],
    ['with space', '"with space"', '`with space`'],
    ['say"what', '"say""what"', '`say"what`'],
    ['back`tick\\', '"back`tick\\"', '`back\\`tick\\\\`'],
  ])('%j is %s in standard SQL and %s in BigQuery', (name, standard, bigquery) => {
    for (const dialect of ['postgres', 'duckdb', 'snowflake'] as const) expect(dialectRules(dialect).quoteIdentifier(name), dialect).toBe(standard);
    expect(dialectRules('bigquery').quoteIdentifier(name)).toBe(bigquery);
  });
});

describe('string literals', () => {
  const texts = ["plain", "it's", 'back\\slash', 'a "quote"', 'two\nlines', "'\\'"];

  it.each<[Dialect, readonly string[]]>([
    // A backslash makes it E'...', read the same whatever standard_conforming_strings says.
    ['postgres', ["'plain'", "'it''s'", "E'back\\\\slash'", "'a \"quote\"'", "'two\nlines'", "E'''\\\\'''"]],
    ['duckdb', ["'plain'", "'it''s'", "'back\\slash'", "'a \"quote\"'", "'two\nlines'", "'''\\'''"]],
    ['snowflake', ["'plain'", "'it''s'", "'back\\\\slash'", "'a \"quote\"'", "'two\nlines'", "'''\\\\'''"]],
  ])('%s quotes as the dialect reads them', (dialect, expected) => {
    expect(texts.map((text) => dialectRules(dialect).quoteString(text))).toEqual(expected);
  });

  it('bigquery writes double-quoted strings that read back as JSON strings', () => {
    for (const text of texts) {
      const literal = dialectRules('bigquery').quoteString(text);
      expect(literal).not.toContain('\n');
      expect(JSON.parse(literal)).toBe(text);
    }
  });
});

describe('names and descriptions that need quoting, through buildDdl', () => {
  const customers = SCHEMAS.customers;
  const schemas = schemasWith('customers', {
    description: "Shoppers' accounts",
    columns: customers.columns.map((column) => (column.name === 'gender' ? { ...column, name: 'order', description: 'A "reserved" name' } : column)),
  });

  it.each(DIALECTS)('%s quotes the reserved column everywhere it appears and the description once', (dialect) => {
    const rules = dialectRules(dialect);
    const sql = renderDdl(buildDdl(schemas, dialect));
    const quoted = rules.quoteIdentifier('order');
    expect(quoted).not.toBe('order');
    const gender = customers.columns.find((column) => column.name === 'gender');
    expect(gender).toBeDefined();
    expect(sql).toContain(`\n  ${quoted} ${rules.columnType((gender as ColumnSchema).type)} NOT NULL`);
    expect(sql).not.toMatch(/^ {2}order /m);
    expect(sql).toContain(rules.quoteString("Shoppers' accounts"));
    if (rules.checks) expect(sql).toContain(`CONSTRAINT ck_customers_order CHECK (${quoted} IN (`);
  });
});

describe('isDialect', () => {
  it('accepts exactly the four dialects', () => {
    expect(DIALECTS.filter(isDialect)).toEqual([...DIALECTS]);
    for (const name of ['oracle', 'Postgres', 'postgresql', '']) expect(isDialect(name), name).toBe(false);
  });
});
