// The README's MERGE statements come from src/load/mergeStatements.ts (test/e2e/loadApply.test.ts runs
// them on both engines); here: they cover every column of the schema, and the README holds them verbatim.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSchemas } from '../../../src/schema/loadSchemas.js';
import { TABLE_NAMES } from '../../../src/schema/tableNames.js';
import { mergeExample, renderMergeExample } from '../../../src/load/mergeStatements.js';
import { REPO_ROOT } from '../../helpers/run.js';

const { schemas } = loadSchemas(join(REPO_ROOT, 'schemas'));
const README = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
// The consumer part of "Change streams" is pasted at merge time; until then there is nothing to compare.
const NO_SECTION = README.includes('\n## Change streams') ? undefined : 'README.md has no "## Change streams" section yet';
if (NO_SECTION) console.warn(`mergeStatements.test.ts: skipping the README check: ${NO_SECTION}`);

describe('mergeExample', () => {
  for (const dialect of ['postgres', 'duckdb'] as const) {
    it(`${dialect}: inserts every column of every table and sets every non-key column`, () => {
      for (const table of TABLE_NAMES) {
        const { merge } = mergeExample(dialect, schemas, table, `b/${table}.csv`);
        const insert = /INSERT \(([^)]*)\)/.exec(merge)?.[1]?.split(',').map((name) => name.trim());
        expect(insert, table).toEqual(schemas[table].columns.map((column) => column.name));
        for (const column of schemas[table].columns.filter((c) => !c.primaryKey)) expect(merge, `${table}.${column.name}`).toContain(`${column.name} = c.${column.name}`);
      }
    });
  }

  it('drops and recreates the plain indexes of referenced tables on DuckDB only', () => {
    expect(mergeExample('postgres', schemas, 'orders', 'o.csv').dropIndexes).toEqual([]);
    const plain = schemas.orders.indexes.filter((index) => !index.unique).map((index) => index.name);
    expect(plain.length).toBeGreaterThan(0);
    expect(mergeExample('duckdb', schemas, 'orders', 'o.csv').dropIndexes).toEqual(plain.map((name) => `DROP INDEX ${name}`));
    // Nothing references web_events: its indexes stay.
    expect(mergeExample('duckdb', schemas, 'web_events', 'w.csv').dropIndexes).toEqual([]);
  });

  it.skipIf(NO_SECTION !== undefined)('README.md shows the statements exactly as the tests run them', () => {
    for (const dialect of ['postgres', 'duckdb'] as const) {
      expect(README).toContain(renderMergeExample(mergeExample(dialect, schemas, 'orders', 'week/2024-03-11/orders.csv')));
    }
  });
});
