import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../../src/model/tables/columns.js';
import { DEFAULT_SCHEMA_DIR } from '../../../src/paths.js';
import { renderDataDictionary } from '../../../src/docs/dataDictionary.js';
import { loadSchemas } from '../../../src/schema/loadSchemas.js';

describe('schema version', () => {
  it('schemas/VERSION holds the version the generators write', () => {
    const text = readFileSync(join(DEFAULT_SCHEMA_DIR, 'VERSION'), 'utf8');
    expect(text).toMatch(/^\d+\n$/);
    expect(Number(text.trim())).toBe(SCHEMA_VERSION);
  });

  it('the data dictionary states it', () => {
    const text = renderDataDictionary(loadSchemas(DEFAULT_SCHEMA_DIR).schemas);
    expect(text).toContain(`Schema version ${SCHEMA_VERSION} `);
  });
});
