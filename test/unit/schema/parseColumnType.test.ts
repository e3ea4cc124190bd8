import { describe, expect, it } from 'vitest';
import { parseColumnType } from '../../../src/schema/loadSchemas.js';
import type { ColumnType } from '../../../src/schema/schemaTypes.js';

describe('parseColumnType', () => {
  it.each<[string, ColumnType]>([
    ['INTEGER', { kind: 'INTEGER' }],
    ['BIGINT', { kind: 'BIGINT' }],
    ['DATE', { kind: 'DATE' }],
    ['TIMESTAMP', { kind: 'TIMESTAMP' }],
    ['BOOLEAN', { kind: 'BOOLEAN' }],
    ['DECIMAL(10,2)', { kind: 'DECIMAL', precision: 10, scale: 2 }],
    ['DECIMAL(38,38)', { kind: 'DECIMAL', precision: 38, scale: 38 }],
    ['DECIMAL(1,0)', { kind: 'DECIMAL', precision: 1, scale: 0 }],
    ['VARCHAR(1)', { kind: 'VARCHAR', length: 1 }],
    ['VARCHAR(255)', { kind: 'VARCHAR', length: 255 }],
  ])('reads %s', (text, type) => {
    expect(parseColumnType(text)).toEqual(type);
  });

  it.each([
    'DATETIME', 'integer', 'INT', 'VARCHAR', 'VARCHAR(0)', 'VARCHAR(-1)', 'VARCHAR(10', 'DECIMAL', 'DECIMAL(0,0)', 'DECIMAL(39,2)',
    'DECIMAL(5,6)', 'DECIMAL(10, 2)', ' INTEGER', 'INTEGER ', '',
  ])('refuses %j', (text) => {
    expect(parseColumnType(text)).toBeUndefined();
  });
});
