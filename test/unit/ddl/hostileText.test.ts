// Descriptions and names are data from a user's --schemas: hostile text must come out of every dialect's
// quoting as one literal that reads back as the text. Each literal is read back by a small reader written
// here from each engine's documented rules (backslash escapes or not), in both of PostgreSQL's
// standard_conforming_strings modes, and DuckDB's by DuckDB itself. The real PostgreSQL server with
// standard_conforming_strings=off is in test/e2e/load.test.ts.
import { describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { buildDdl, renderDdl } from '../../../src/ddl/buildDdl.js';
import { dialectRules, DIALECTS, NulInSqlText, type Dialect } from '../../../src/ddl/dialects.js';
import { UsageError } from '../../../src/errors.js';
import { SCHEMAS, schemasWith } from './shippedSchemas.js';

const ATTACK = "x\\'; CREATE TABLE pwned (i int); --";
const HOSTILE: readonly string[] = [
  ATTACK,
  "'; DROP TABLE orders; --",
  '\\',
  "\\'",
  "'\\",
  '\\\\\'\'',
  '$$; CREATE TABLE pwned (i int); $$',
  '$tag$ $$ $',
  'two\nlines\r\nand\ttab',
  '"double" `back` \'single\'',
  'unicode: é 💸 \u2028 \u0001',
];

interface LiteralRules {
  readonly quote: string;
  /** A backslash escapes the next character (\n, \r, \t, \xhh, or the character itself). */
  readonly backslash: boolean;
  /** Two quotes in a row stand for one. */
  readonly doubled: boolean;
}

/** Reads one quoted token at the start of `sql` by `rules`; returns its text and what follows it. */
function readQuoted(sql: string, rules: LiteralRules): { text: string; rest: string } {
  if (!sql.startsWith(rules.quote)) throw new Error(`not a quoted token: ${sql}`);
  let text = '';
  let at = 1;
  while (at < sql.length) {
    const char = sql[at] as string;
    if (rules.backslash && char === '\\') {
      const next = sql[at + 1] as string;
      if (next === 'x') {
        text += String.fromCharCode(parseInt(sql.slice(at + 2, at + 4), 16));
        at += 4;
        continue;
      }
      text += next === 'n' ? '\n' : next === 'r' ? '\r' : next === 't' ? '\t' : next;
      at += 2;
      continue;
    }
    if (char === rules.quote) {
      if (rules.doubled && sql[at + 1] === rules.quote) {
        text += char;
        at += 2;
        continue;
      }
      return { text, rest: sql.slice(at + 1) };
    }
    text += char;
    at += 1;
  }
  throw new Error(`unterminated literal: ${sql}`);
}

/** How each engine reads a literal, in each mode it has. */
function readings(dialect: Dialect, literal: string): string[] {
  const read = (sql: string, rules: LiteralRules): string => {
    const { text, rest } = readQuoted(sql, rules);
    expect(rest, `${dialect}: ${literal} ends early`).toBe('');
    return text;
  };
  switch (dialect) {
    case 'postgres':
      if (literal.startsWith('E')) return [read(literal.slice(1), { quote: "'", backslash: true, doubled: true })];
      return [
        read(literal, { quote: "'", backslash: false, doubled: true }), // standard_conforming_strings = on
        read(literal, { quote: "'", backslash: true, doubled: true }), // standard_conforming_strings = off
      ];
    case 'duckdb':
      return [read(literal, { quote: "'", backslash: false, doubled: true })];
    case 'snowflake':
      return [read(literal, { quote: "'", backslash: true, doubled: true })];
    case 'bigquery':
      return [read(literal, { quote: '"', backslash: true, doubled: false })];
  }
}

describe('hostile text in string literals', () => {
  it.each(DIALECTS)('%s: every literal reads back as the text and ends where it should', (dialect) => {
    expect(HOSTILE.length).toBeGreaterThan(5);
    for (const text of HOSTILE) {
      const literal = dialectRules(dialect).quoteString(text);
      const read = readings(dialect, literal);
      expect(read.length).toBeGreaterThan(0);
      for (const reading of read) expect(reading, `${dialect} ${JSON.stringify(text)} as ${literal}`).toBe(text);
    }
  });

  it('postgres puts the attack string in E\'...\' so standard_conforming_strings=off reads it whole', () => {
    expect(dialectRules('postgres').quoteString(ATTACK)).toBe("E'x\\\\''; CREATE TABLE pwned (i int); --'");
  });

  it.each(DIALECTS)('%s: a NUL character is refused, in a literal and in a name', (dialect) => {
    expect(() => dialectRules(dialect).quoteString('a\0b')).toThrow(NulInSqlText);
    expect(() => dialectRules(dialect).quoteIdentifier('a\0b')).toThrow(NulInSqlText);
  });

  it('bigquery names take the same escapes as its strings', () => {
    for (const name of ['a`b', 'line\nbreak', 'back\\slash', 'ctl\u0001']) {
      const quoted = dialectRules('bigquery').quoteIdentifier(name);
      expect(readQuoted(quoted, { quote: '`', backslash: true, doubled: false })).toEqual({ text: name, rest: '' });
    }
  });
});

describe('hostile text through buildDdl', () => {
  it.each(DIALECTS)('%s: a NUL in a description is one usage error naming where it is', (dialect) => {
    const schemas = schemasWith('orders', { description: 'bad\0text' });
    expect(() => buildDdl(schemas, dialect)).toThrow(UsageError);
    expect(() => buildDdl(schemas, dialect)).toThrow(/^--schemas: orders description contains a NUL character/);
  });

  it('names the column whose description or allowed value holds a NUL', () => {
    const columns = SCHEMAS.orders.columns;
    const withNul = schemasWith('orders', { columns: columns.map((column, index) => (index === 0 ? { ...column, description: '\0' } : column)) });
    expect(() => buildDdl(withNul, 'postgres')).toThrow(new RegExp(`^--schemas: orders\\.${columns[0]?.name} description contains a NUL`));
    const status = columns.find((column) => column.allowedValues);
    expect(status).toBeDefined();
    const badValue = schemasWith('orders', {
      columns: columns.map((column) => (column === status ? { ...column, allowedValues: ['ok', 'n\0'] } : column)),
    });
    expect(() => buildDdl(badValue, 'duckdb')).toThrow(new RegExp(`^--schemas: orders\\.${status?.name} allowed value contains a NUL`));
  });

  it('duckdb runs the DDL with every hostile description and keeps each one as written', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const columns = SCHEMAS.orders.columns;
      expect(columns.length).toBeGreaterThanOrEqual(HOSTILE.length);
      const schemas = schemasWith('orders', {
        description: ATTACK,
        columns: columns.map((column, index) => ({ ...column, description: HOSTILE[index % HOSTILE.length] as string })),
      });
      await connection.run(renderDdl(buildDdl(schemas, 'duckdb')));
      const tables = (await connection.runAndReadAll('SELECT table_name, comment FROM duckdb_tables() ORDER BY table_name')).getRowObjectsJson();
      expect(tables.map((row) => row['table_name'])).toEqual(['customers', 'order_items', 'orders', 'products', 'web_events']);
      expect(tables.find((row) => row['table_name'] === 'orders')?.['comment']).toBe(ATTACK);
      const comments = (await connection.runAndReadAll("SELECT column_name, comment FROM duckdb_columns() WHERE table_name = 'orders'")).getRowObjectsJson();
      expect(comments).toHaveLength(columns.length);
      columns.forEach((column, index) => {
        expect(comments.find((row) => row['column_name'] === column.name)?.['comment'], column.name).toBe(HOSTILE[index % HOSTILE.length]);
      });
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});
