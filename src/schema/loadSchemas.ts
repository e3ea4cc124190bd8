import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { TABLE_NAMES, type TableName } from './tableNames.js';
import { GENERATED_COLUMNS } from '../model/tables/columns.js';
import type { BusinessRule, ColumnSchema, ColumnType, IndexSchema, SchemaSet, TableSchema } from './schemaTypes.js';
import { messageExcerpt } from '../config/messageExcerpt.js';
import { readInputText } from '../config/readInputText.js';
import { SchemaError } from '../errors.js';

type Json = unknown;

function isRecord(value: Json): value is Record<string, Json> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The longest VARCHAR a schema may declare: what MySQL holds in a row, more than any generated text needs. */
export const MAX_VARCHAR_LENGTH = 65_535;
/** DECIMAL precision of PostgreSQL's and DuckDB's 128-bit decimals, Snowflake's NUMBER and BigQuery's BIGNUMERIC. */
const MAX_DECIMAL_PRECISION = 38;

/** A column type read from its text, or why the text is not one. */
export type ParsedColumnType = { readonly type: ColumnType } | { readonly problem: string };

const TYPE_NAMES = 'INTEGER, BIGINT, DECIMAL(p,s), VARCHAR(n), DATE, TIMESTAMP or BOOLEAN';

export function parseColumnType(text: string): ParsedColumnType {
  const simple = ['INTEGER', 'BIGINT', 'DATE', 'TIMESTAMP', 'BOOLEAN'] as const;
  for (const kind of simple) if (text === kind) return { type: { kind } };
  const quoted = messageExcerpt(JSON.stringify(text), 60);
  const decimal = /^DECIMAL\((\d+),(\d+)\)$/.exec(text);
  if (decimal) {
    const precision = Number(decimal[1]);
    const scale = Number(decimal[2]);
    if (!Number.isSafeInteger(precision) || precision < 1 || precision > MAX_DECIMAL_PRECISION) {
      return { problem: `has type ${quoted}: DECIMAL precision must be 1 to ${MAX_DECIMAL_PRECISION}` };
    }
    if (scale > precision) return { problem: `has type ${quoted}: DECIMAL scale must be 0 to the precision (${precision})` };
    return { type: { kind: 'DECIMAL', precision, scale } };
  }
  const varchar = /^VARCHAR\((\d+)\)$/.exec(text);
  if (varchar) {
    const length = Number(varchar[1]);
    if (!Number.isSafeInteger(length) || length < 1 || length > MAX_VARCHAR_LENGTH) {
      return { problem: `has type ${quoted}: VARCHAR length must be 1 to ${MAX_VARCHAR_LENGTH}` };
    }
    return { type: { kind: 'VARCHAR', length } };
  }
  return { problem: `has unknown type ${quoted} (use ${TYPE_NAMES})` };
}

class SchemaReader {
  constructor(private readonly file: string) {}

  fail(message: string): never {
    throw new SchemaError(`${this.file}: ${message}`);
  }

  text(record: Record<string, Json>, key: string, where: string): string {
    const value = record[key];
    if (typeof value !== 'string' || value.length === 0) this.fail(`${where}.${key} must be a non-empty string`);
    return value;
  }

  bool(record: Record<string, Json>, key: string, where: string): boolean {
    const value = record[key];
    if (typeof value !== 'boolean') this.fail(`${where}.${key} must be true or false`);
    return value;
  }

  list(record: Record<string, Json>, key: string, where: string): Json[] {
    const value = record[key];
    if (!Array.isArray(value)) this.fail(`${where}.${key} must be a list`);
    return value;
  }
}

function parseColumn(reader: SchemaReader, node: Json, index: number): ColumnSchema {
  const where = `columns[${index}]`;
  if (!isRecord(node)) reader.fail(`${where} must be an object`);
  const name = reader.text(node, 'name', where);
  const at = `column ${messageExcerpt(name, 40)}`;
  const typeText = reader.text(node, 'type', at);
  const parsed = parseColumnType(typeText);
  if ('problem' in parsed) reader.fail(`${at} ${parsed.problem}`);
  const type = parsed.type;
  const column: { -readonly [K in keyof ColumnSchema]: ColumnSchema[K] } = {
    name,
    typeText,
    type,
    description: reader.text(node, 'description', at),
    nullable: reader.bool(node, 'nullable', at),
    primaryKey: reader.bool(node, 'primary_key', at),
  };
  const foreignKey = node['foreign_key'];
  if (foreignKey !== undefined) {
    if (!isRecord(foreignKey)) reader.fail(`${at}.foreign_key must be an object {table, column}`);
    const table = reader.text(foreignKey, 'table', `${at}.foreign_key`);
    if (!(TABLE_NAMES as readonly string[]).includes(table)) reader.fail(`${at}.foreign_key names unknown table ${messageExcerpt(JSON.stringify(table), 60)}`);
    column.foreignKey = { table: table as TableName, column: reader.text(foreignKey, 'column', `${at}.foreign_key`) };
  }
  const allowed = node['allowed_values'];
  if (allowed !== undefined) {
    if (!Array.isArray(allowed) || allowed.length === 0 || !allowed.every((value) => typeof value === 'string')) {
      reader.fail(`${at}.allowed_values must be a non-empty list of strings`);
    }
    column.allowedValues = allowed as string[];
  }
  for (const bound of ['min', 'max'] as const) {
    const value = node[bound];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value)) reader.fail(`${at}.${bound} must be a number`);
    column[bound] = value;
  }
  if (column.min !== undefined && column.max !== undefined && column.min > column.max) {
    reader.fail(`${at}.min (${column.min}) is above its max (${column.max})`);
  }
  return column;
}

function parseTable(file: string, text: string, expected: TableName): TableSchema {
  const reader: SchemaReader = new SchemaReader(file);
  let node: Json;
  try {
    node = JSON.parse(text) as Json;
  } catch (error) {
    reader.fail(`is not valid JSON (${messageExcerpt((error as Error).message)})`);
  }
  if (!isRecord(node)) reader.fail('must hold a JSON object');
  const tableName = reader.text(node, 'table_name', 'table');
  if (tableName !== expected) reader.fail(`table_name is ${messageExcerpt(JSON.stringify(tableName), 60)} but the file is for ${expected}`);
  const columns = reader.list(node, 'columns', 'table').map((column, index) => parseColumn(reader, column, index));
  const seen = new Set<string>();
  for (const column of columns) {
    if (seen.has(column.name)) reader.fail(`column ${messageExcerpt(column.name, 40)} is listed twice`);
    seen.add(column.name);
  }
  const generated = GENERATED_COLUMNS[expected];
  const names = columns.map((column) => column.name);
  if (names.join(',') !== generated.join(',')) {
    const missing = generated.filter((name) => !seen.has(name));
    const extra = names.filter((name) => !generated.includes(name));
    const detail = missing.length || extra.length
      ? `missing [${missing.join(', ')}], unknown [${messageExcerpt(extra.join(', '))}]`
      : `order must be ${generated.join(', ')}`;
    reader.fail(`columns do not match what the generator writes: ${detail}`);
  }
  const indexes: IndexSchema[] = reader.list(node, 'indexes', 'table').map((index, position) => {
    const where = `indexes[${position}]`;
    if (!isRecord(index)) reader.fail(`${where} must be an object`);
    const indexColumns = reader.list(index, 'columns', where);
    for (const name of indexColumns) {
      if (typeof name !== 'string' || !seen.has(name)) reader.fail(`${where} names unknown column ${messageExcerpt(JSON.stringify(name) ?? String(name), 60)}`);
    }
    return { name: reader.text(index, 'name', where), columns: indexColumns as string[], unique: reader.bool(index, 'unique', where) };
  });
  const businessRules: BusinessRule[] = reader.list(node, 'business_rules', 'table').map((rule, position) => {
    const where = `business_rules[${position}]`;
    if (!isRecord(rule)) reader.fail(`${where} must be an object`);
    return { id: reader.text(rule, 'id', where), name: reader.text(rule, 'name', where), rule: reader.text(rule, 'rule', where) };
  });
  return { tableName: expected, description: reader.text(node, 'description', 'table'), columns, indexes, businessRules };
}

export interface LoadedSchemas {
  readonly schemas: SchemaSet;
  readonly sha256: string;
}

/** The text of each table's schema file, keyed by table. */
export type SchemaTexts = Readonly<Record<TableName, string>>;

/**
 * Checks all five schema texts, including foreign keys across them. Messages name each table's file
 * as `<directory>/<table>.json`, so texts held in memory report as the files they stand for.
 */
export function parseSchemas(texts: SchemaTexts, directory: string): LoadedSchemas {
  const hash = createHash('sha256');
  const schemas = {} as Record<TableName, TableSchema>;
  for (const table of TABLE_NAMES) {
    hash.update(`${table}\n${texts[table]}\n`);
    schemas[table] = parseTable(schemaFile(directory, table), texts[table], table);
  }
  for (const table of TABLE_NAMES) {
    for (const column of schemas[table].columns) {
      const key = column.foreignKey;
      if (key && !schemas[key.table].columns.some((target) => target.name === key.column)) {
        throw new SchemaError(`${schemaFile(directory, table)}: column ${column.name} references missing column ${key.table}.${key.column}`);
      }
    }
  }
  return { schemas, sha256: hash.digest('hex') };
}

/** Loads and checks the five schema files of a directory. */
export function loadSchemas(directory: string): LoadedSchemas {
  const texts = {} as Record<TableName, string>;
  for (const table of TABLE_NAMES) {
    texts[table] = readInputText(schemaFile(directory, table), 'schema', (message) => new SchemaError(message));
  }
  return parseSchemas(texts, directory);
}

function schemaFile(directory: string, table: TableName): string {
  return join(directory, `${table}.json`);
}
