import { describe, expect, it } from 'vitest';
import { MAX_VARCHAR_LENGTH, parseColumnType } from '../../../src/schema/loadSchemas.js';
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
    [`VARCHAR(${MAX_VARCHAR_LENGTH})`, { kind: 'VARCHAR', length: MAX_VARCHAR_LENGTH }],
  ])('reads %s', (text, type) => {
    expect(parseColumnType(text)).toEqual({ type });
  });

  it.each([
    'DATETIME', 'integer', 'INT', 'VARCHAR', 'VARCHAR(-1)', 'VARCHAR(10', 'DECIMAL', 'DECIMAL(10, 2)', ' INTEGER', 'INTEGER ', '',
  ])('refuses %j as an unknown type', (text) => {
    expect(parseColumnType(text)).toEqual({
      problem: `has unknown type ${JSON.stringify(text)} (use INTEGER, BIGINT, DECIMAL(p,s), VARCHAR(n), DATE, TIMESTAMP or BOOLEAN)`,
    });
  });

  // Before, each of these was accepted (VARCHAR(99999999999999999999) as a length of 1e20) or reported as an unknown type.
  it.each<[string, string]>([
    ['VARCHAR(0)', 'has type "VARCHAR(0)": VARCHAR length must be 1 to 65535'],
    ['VARCHAR(65536)', 'has type "VARCHAR(65536)": VARCHAR length must be 1 to 65535'],
    ['VARCHAR(99999999999999999999)', 'has type "VARCHAR(99999999999999999999)": VARCHAR length must be 1 to 65535'],
    ['DECIMAL(0,0)', 'has type "DECIMAL(0,0)": DECIMAL precision must be 1 to 38'],
    ['DECIMAL(39,2)', 'has type "DECIMAL(39,2)": DECIMAL precision must be 1 to 38'],
    ['DECIMAL(99999999999999999999,2)', 'has type "DECIMAL(99999999999999999999,2)": DECIMAL precision must be 1 to 38'],
    ['DECIMAL(5,6)', 'has type "DECIMAL(5,6)": DECIMAL scale must be 0 to the precision (5)'],
    ['DECIMAL(10,99999999999999999999)', 'has type "DECIMAL(10,99999999999999999999)": DECIMAL scale must be 0 to the precision (10)'],
  ])('refuses %s with its bound', (text, problem) => {
    expect(parseColumnType(text)).toEqual({ problem });
  });

  it('keeps a long type text to one short quote', () => {
    const result = parseColumnType(`VARCHAR(${'9'.repeat(5000)})`);
    expect('problem' in result && result.problem.length).toBeLessThan(120);
  });
});
