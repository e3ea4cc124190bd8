// The column checker the conformance and validate tests rely on, on the shipped schemas' columns:
// a value that breaks its column is caught, one that keeps it is not. (Moved from the e2e tier.)
import { describe, expect, it } from 'vitest';
import { compileFieldCheck, type FieldCheck } from '../../../src/validate/columnCheck.js';
import { parseSchemas } from '../../../src/schema/loadSchemas.js';
import { TABLE_NAMES } from '../../../src/schema/tableNames.js';
import { SHIPPED_TEXTS } from './schemaTexts.js';

const { schemas } = parseSchemas(SHIPPED_TEXTS, 'schemas');

function checkOf(name: string): FieldCheck {
  for (const table of TABLE_NAMES) {
    const found = schemas[table].columns.find((candidate) => candidate.name === name);
    if (found) return compileFieldCheck(found);
  }
  throw new Error(`no column ${name}`);
}

describe('compileFieldCheck on the shipped columns', () => {
  it.each([
    ['customer_id', '12a'],
    ['customer_id', ''],
    ['price', '12.345'],
    ['price', '0.00'],
    ['status', 'lost'],
    ['order_date', '2024-02-30 10:00:00'],
    ['date_of_birth', '1990-13-01'],
    ['is_active', '1'],
    ['state', 'XX'],
    ['gender', 'FF'],
    ['quantity', '11'],
  ])('%s rejects %j', (column, value) => {
    expect(checkOf(column)(value)).toBeDefined();
  });

  it.each([
    ['address_line2', ''],
    ['price', '12.50'],
    ['order_date', '2024-02-29 10:00:00'],
    ['status', 'pending'],
    ['quantity', '10'],
    ['is_active', 'false'],
  ])('%s accepts %j', (column, value) => {
    expect(checkOf(column)(value)).toBeUndefined();
  });
});
