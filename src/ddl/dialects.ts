import type { ColumnType } from '../schema/schemaTypes.js';

export const DIALECTS = ['postgres', 'duckdb', 'snowflake', 'bigquery'] as const;
export type Dialect = (typeof DIALECTS)[number];

/** What a dialect can declare and how it spells things; buildDdl leaves out what a dialect lacks. */
export interface DialectRules {
  readonly dialect: Dialect;
  columnType(type: ColumnType): string;
  quoteString(text: string): string;
  quoteIdentifier(name: string): string;
  /** CHECK constraints (Snowflake and BigQuery have none). */
  readonly checks: boolean;
  /** UNIQUE constraints (BigQuery has none). */
  readonly uniques: boolean;
  /** CREATE INDEX (Snowflake and BigQuery standard tables have no indexes). */
  readonly indexes: boolean;
  /** Keys and checks are enforced, so adding them to a loaded table checks every row. */
  readonly enforcesKeys: boolean;
  /** Keys must be declared NOT ENFORCED (BigQuery, whose primary key also takes no name). */
  readonly notEnforcedKeys: boolean;
  /** ALTER TABLE ... ADD CONSTRAINT works for keys and checks (DuckDB cannot add foreign keys or checks later). */
  readonly addConstraintsLater: boolean;
  /** How descriptions are attached. */
  readonly comments: 'comment-on' | 'inline' | 'options';
  /** DROP TABLE IF EXISTS, with CASCADE where it exists so dependent objects go too. */
  readonly dropSuffix: string;
}

// Plain lower-case names need no quotes unless they are reserved words; the schemas use none of these,
// but a user's --schemas might.
const PLAIN = /^[a-z_][a-z0-9_]*$/;
const RESERVED = new Set([
  'all', 'and', 'any', 'as', 'asc', 'between', 'by', 'case', 'cast', 'check', 'column', 'constraint', 'create', 'cross', 'current_date',
  'current_time', 'current_timestamp', 'current_user', 'default', 'desc', 'distinct', 'else', 'end', 'except', 'exists', 'false', 'fetch',
  'for', 'foreign', 'from', 'full', 'grant', 'group', 'having', 'in', 'inner', 'intersect', 'into', 'is', 'join', 'left', 'like', 'limit',
  'natural', 'not', 'null', 'of', 'offset', 'on', 'or', 'order', 'outer', 'primary', 'references', 'right', 'select', 'table', 'then', 'to',
  'true', 'union', 'unique', 'user', 'using', 'when', 'where', 'window', 'with',
]);

// NUL ends a C string: no engine keeps it in a literal or a name, and some would cut the statement there.
// quoteString and quoteIdentifier refuse it; buildDdl reports which description or name holds it.
export class NulInSqlText extends Error {}
const noNul = (text: string): string => {
  if (text.includes('\0')) throw new NulInSqlText('contains a NUL character, which no SQL literal or name can hold');
  return text;
};

const doubleQuoted = (name: string): string => (PLAIN.test(noNul(name)) && !RESERVED.has(name) ? name : `"${name.replaceAll('"', '""')}"`);
// BigQuery quoted names take the escapes of its string literals.
const backQuoted = (name: string): string => (PLAIN.test(noNul(name)) && !RESERVED.has(name) ? name : `\`${bigqueryEscapes(name, '`')}\``);
// Standard SQL strings (DuckDB always; PostgreSQL when standard_conforming_strings is on): only the quote is doubled.
const standardString = (text: string): string => `'${noNul(text).replaceAll("'", "''")}'`;
// PostgreSQL reads a backslash in '...' as an escape when standard_conforming_strings is off (a server,
// database or role setting), so `x\'; CREATE ...` would end the literal early. E'...' reads backslashes
// as escapes whatever the setting: text with a backslash goes there with backslashes doubled; text
// without one reads the same either way, so it keeps the plain form.
const postgresString = (text: string): string =>
  noNul(text).includes('\\') ? `E'${text.replaceAll('\\', '\\\\').replaceAll("'", "''")}'` : standardString(text);
// Snowflake always reads backslash escapes inside '...'.
const snowflakeString = (text: string): string => `'${noNul(text).replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;

/** BigQuery's escapes for a quoted string or name: backslash, the quote, and control characters (a '...' or "..." literal cannot span lines). */
function bigqueryEscapes(text: string, quote: '"' | '`'): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if (char === '\\' || char === quote) out += `\\${char}`;
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += char;
  }
  return out;
}

function sqlType(type: ColumnType, names: { decimal: string; timestamp: string }): string {
  switch (type.kind) {
    case 'DECIMAL':
      return `${names.decimal}(${type.precision},${type.scale})`;
    case 'VARCHAR':
      return `VARCHAR(${type.length})`;
    case 'TIMESTAMP':
      return names.timestamp;
    default:
      return type.kind;
  }
}

// TIMESTAMP (without time zone) in PostgreSQL, DuckDB and Snowflake keeps the file's UTC wall time as
// written; a zoned type would shift it by the session's time zone.
const RULES: Readonly<Record<Dialect, DialectRules>> = {
  postgres: {
    dialect: 'postgres',
    columnType: (type) => sqlType(type, { decimal: 'NUMERIC', timestamp: 'TIMESTAMP' }),
    quoteString: postgresString,
    quoteIdentifier: doubleQuoted,
    checks: true,
    uniques: true,
    indexes: true,
    enforcesKeys: true,
    notEnforcedKeys: false,
    addConstraintsLater: true,
    comments: 'comment-on',
    dropSuffix: ' CASCADE',
  },
  duckdb: {
    dialect: 'duckdb',
    columnType: (type) => sqlType(type, { decimal: 'DECIMAL', timestamp: 'TIMESTAMP' }),
    quoteString: standardString,
    quoteIdentifier: doubleQuoted,
    checks: true,
    uniques: true,
    indexes: true,
    enforcesKeys: true,
    notEnforcedKeys: false,
    addConstraintsLater: false,
    comments: 'comment-on',
    dropSuffix: '',
  },
  snowflake: {
    dialect: 'snowflake',
    columnType: (type) => sqlType(type, { decimal: 'NUMBER', timestamp: 'TIMESTAMP_NTZ' }),
    quoteString: snowflakeString,
    quoteIdentifier: doubleQuoted,
    checks: false,
    uniques: true,
    indexes: false,
    enforcesKeys: false,
    notEnforcedKeys: false,
    addConstraintsLater: true,
    comments: 'inline',
    dropSuffix: ' CASCADE',
  },
  bigquery: {
    dialect: 'bigquery',
    // BigQuery TIMESTAMP is an instant, and the files' times are UTC, so nothing shifts.
    columnType: (type) => {
      switch (type.kind) {
        case 'INTEGER':
        case 'BIGINT':
          return 'INT64';
        case 'DECIMAL':
          return `NUMERIC(${type.precision},${type.scale})`;
        case 'VARCHAR':
          return `STRING(${type.length})`;
        case 'BOOLEAN':
          return 'BOOL';
        default:
          return type.kind;
      }
    },
    quoteString: (text) => `"${bigqueryEscapes(noNul(text), '"')}"`,
    quoteIdentifier: backQuoted,
    checks: false,
    uniques: false,
    indexes: false,
    enforcesKeys: false,
    notEnforcedKeys: true,
    addConstraintsLater: true,
    comments: 'options',
    dropSuffix: '',
  },
};

export function dialectRules(dialect: Dialect): DialectRules {
  return RULES[dialect];
}

export function isDialect(value: string): value is Dialect {
  return (DIALECTS as readonly string[]).includes(value);
}
