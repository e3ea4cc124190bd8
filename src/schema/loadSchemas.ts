import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { TABLE_NAMES, type TableName } from './tableNames.js';
import { GENERATED_COLUMNS } from '../model/tables/columns.js';
import type { BusinessRule, ColumnSchema, ColumnType, IndexSchema, SchemaSet, TableSchema } from './schemaTypes.js';

export class SchemaError extends Error {}

type Json = unknown;

function isRecord(value: Json): value is Record<string, Json> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function parseColumnType(text: string): ColumnType | undefined {
  const simple = ['INTEGER', 'BIGINT', 'DATE', 'TIMESTAMP', 'BOOLEAN'] as const;
  for (const kind of simple) if (text === kind) return { kind };
  const decimal = /^DECIMAL\((\d+),(\d+)\)$/.exec(text);
  if (decimal) {
    const precision = Number(decimal[1]);
    const scale = Number(decimal[2]);
    if (precision >= 1 && precision <= 38 && scale <= precision) return { kind: 'DECIMAL', precision, scale };
    return undefined;
  }
  const varchar = /^VARCHAR\((\d+)\)$/.exec(text);
  if (varchar && Number(varchar[1]) >= 1) return { kind: 'VARCHAR', length: Number(varchar[1]) };
  return undefined;
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
  const at = `column ${name}`;
  const typeText = reader.text(node, 'type', at);
  const type = parseColumnType(typeText);
  if (!type) reader.fail(`${at} has unknown type ${JSON.stringify(typeText)} (use INTEGER, BIGINT, DECIMAL(p,s), VARCHAR(n), DATE, TIMESTAMP or BOOLEAN)`);
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
    if (!(TABLE_NAMES as readonly string[]).includes(table)) reader.fail(`${at}.foreign_key names unknown table ${JSON.stringify(table)}`);
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
    reader.fail(`is not valid JSON (${(error as Error).message})`);
  }
  if (!isRecord(node)) reader.fail('must hold a JSON object');
  const tableName = reader.text(node, 'table_name', 'table');
  if (tableName !== expected) reader.fail(`table_name is ${JSON.stringify(tableName)} but the file is for ${expected}`);
  const columns = reader.list(node, 'columns', 'table').map((column, index) => parseColumn(reader, column, index));
  const seen = new Set<string>();
  for (const column of columns) {
    if (seen.has(column.name)) reader.fail(`column ${column.name} is listed twice`);
    seen.add(column.name);
  }
  const generated = GENERATED_COLUMNS[expected];
  const names = columns.map((column) => column.name);
  if (names.join(',') !== generated.join(',')) {
    const missing = generated.filter((name) => !seen.has(name));
    const extra = names.filter((name) => !generated.includes(name));
    const detail = missing.length || extra.length
      ? `missing [${missing.join(', ')}], unknown [${extra.join(', ')}]`
      : `order must be ${generated.join(', ')}`;
    reader.fail(`columns do not match what the generator writes: ${detail}`);
  }
  const indexes: IndexSchema[] = reader.list(node, 'indexes', 'table').map((index, position) => {
    const where = `indexes[${position}]`;
    if (!isRecord(index)) reader.fail(`${where} must be an object`);
    const indexColumns = reader.list(index, 'columns', where);
    for (const name of indexColumns) {
      if (typeof name !== 'string' || !seen.has(name)) reader.fail(`${where} names unknown column ${JSON.stringify(name)}`);
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
    const file = schemaFile(directory, table);
    try {
      texts[table] = readFileSync(file, 'utf8');
    } catch (error) {
      throw new SchemaError(`${file}: cannot read the schema file (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`);
    }
  }
  return parseSchemas(texts, directory);
}

function schemaFile(directory: string, table: TableName): string {
  return join(directory, `${table}.json`);
}
