import { describe, expect, it } from 'vitest';
import { COMPRESSIONS, dataExtension, jsonKind, OUTPUT_FORMATS, tableEncoding, tableEncodings, type Compression, type JsonKind, type OutputFormat } from '../../../src/encoding/outputFormat.js';
import { loadSchemas } from '../../../src/schema/loadSchemas.js';
import type { ColumnSchema, ColumnType } from '../../../src/schema/schemaTypes.js';
import { TABLE_NAMES } from '../../../src/schema/tableNames.js';
import { DEFAULT_SCHEMA_DIR } from '../../../src/paths.js';

const column = (name: string, type: ColumnType): ColumnSchema => ({ name, typeText: type.kind, type, description: name, nullable: false, primaryKey: false });

describe('jsonKind', () => {
  it.each<[ColumnType, JsonKind]>([
    [{ kind: 'INTEGER' }, 'number'],
    [{ kind: 'BIGINT' }, 'number'],
    [{ kind: 'DECIMAL', precision: 10, scale: 2 }, 'number'],
    [{ kind: 'BOOLEAN' }, 'boolean'],
    [{ kind: 'VARCHAR', length: 20 }, 'string'],
    [{ kind: 'DATE' }, 'string'],
    [{ kind: 'TIMESTAMP' }, 'string'],
  ])('%j is a JSON %s', (type, kind) => {
    expect(jsonKind(column('c', type))).toBe(kind);
  });
});

describe('dataExtension', () => {
  const expected: Record<OutputFormat, Record<Compression, string>> = {
    csv: { none: 'csv', gzip: 'csv.gz' },
    jsonl: { none: 'jsonl', gzip: 'jsonl.gz' },
    parquet: { none: 'parquet', gzip: 'parquet.gz' },
  };
  const cases = OUTPUT_FORMATS.flatMap((format) => COMPRESSIONS.map((compression) => [format, compression] as const));

  it('covers every format and compression', () => {
    expect(cases).toHaveLength(Object.keys(expected).length * 2);
  });

  it.each(cases)('%s with %s compression ends in the expected extension', (format, compression) => {
    expect(dataExtension(format, compression)).toBe(expected[format][compression]);
  });
});

describe('tableEncoding', () => {
  it('keeps the schema order of names, kinds and types', () => {
    const encoding = tableEncoding([column('z', { kind: 'BOOLEAN' }), column('a', { kind: 'BIGINT' }), column('m', { kind: 'DATE' })]);
    expect(encoding).toEqual({ names: ['z', 'a', 'm'], kinds: ['boolean', 'number', 'string'], types: [{ kind: 'BOOLEAN' }, { kind: 'BIGINT' }, { kind: 'DATE' }] });
  });

  it('tableEncodings gives every table of the shipped schemas its columns in order', () => {
    const { schemas } = loadSchemas(DEFAULT_SCHEMA_DIR);
    const encodings = tableEncodings(schemas);
    expect(Object.keys(encodings)).toEqual([...TABLE_NAMES]);
    for (const table of TABLE_NAMES) {
      const columns = schemas[table].columns;
      expect(columns.length, table).toBeGreaterThan(0);
      expect(encodings[table].names).toEqual(columns.map((entry) => entry.name));
      expect(encodings[table].kinds).toEqual(columns.map(jsonKind));
      expect(encodings[table].types).toEqual(columns.map((entry) => entry.type));
    }
    const kindOf = (table: 'orders' | 'customers', name: string): JsonKind | undefined => encodings[table].kinds[encodings[table].names.indexOf(name)];
    expect(kindOf('orders', 'total_amount')).toBe('number');
    expect(kindOf('customers', 'marketing_opt_in')).toBe('boolean');
    expect(kindOf('customers', 'created_at')).toBe('string');
  });
});
