// `ecomgen list`: a line per dataset from its manifest or journal alone, in memory.
import { describe, expect, it } from 'vitest';
import { formatListing } from '../../../src/cli/listReport.js';
import { journalListing, manifestListing } from '../../../src/run/datasetList.js';
import { TABLE_NAMES } from '../../../src/schema/tableNames.js';
import type { RunIdentity } from '../../../src/writer/journal.js';
import type { Manifest, ManifestFile } from '../../../src/writer/manifest.js';
import { COUNTS, IDENTITY } from '../helpers/runIdentityFixture.js';

const DATE = new Date(Date.UTC(2026, 11, 1, 7, 15, 38));

const files: ManifestFile[] = TABLE_NAMES.map((table, n) => ({ table, file: `${table}.csv`, first_id: 1, last_id: COUNTS[table], rows: COUNTS[table], bytes: 1000 * (n + 1), sha256: 'h' }));
const MANIFEST = { tool: 'ecomgen', ...IDENTITY, environment: 'staging', schema_version: 1, files, samples: [] } as Manifest;

describe('a line per dataset', () => {
  it('from a manifest: environment, seed, format, tables, rows, size, date (UTC) and schema version', () => {
    const listing = manifestListing('sample_data/staging', 'manifest.json', MANIFEST, DATE);
    expect(listing).toMatchObject({ status: 'complete', environment: 'staging', seed: 42, format: 'csv', rows: 175, bytes: 15_000, date: '2026-12-01T07:15:38.000Z', schemaVersion: 1 });
    expect(listing.tablesComplete).toEqual(TABLE_NAMES);
  });

  it('from the journal of an interrupted run: which tables are complete', () => {
    const listing = journalListing('runs/x', '.ecomgen-journal.json', { identity: { ...IDENTITY, seed: 7 }, files: files.slice(0, 2) }, DATE);
    expect(listing).toMatchObject({ status: 'interrupted', seed: 7, rows: 15, bytes: 3000, tablesComplete: ['customers', 'products'] });
    expect(listing.environment).toBeUndefined();
  });

  it('as an aligned table: all tables, a part, a subset, compression, an interrupted run, a damaged manifest', () => {
    const lines = formatListing([
      manifestListing('sample_data/staging', 'manifest.json', MANIFEST, DATE),
      manifestListing('out/parts', 'manifest.part-002-of-004.json', { ...MANIFEST, part: { index: 2, count: 4 }, compression: 'gzip' }, DATE),
      manifestListing('out/sub', 'manifest.json', { ...MANIFEST, tables: ['customers', 'orders'], files: files.slice(0, 1) }, DATE),
      journalListing('runs/x', '.ecomgen-journal.json', { identity: IDENTITY, files: files.slice(0, 2) }, DATE),
      { path: 'bad', stateFile: 'manifest.json', status: 'damaged', problem: 'empty', date: DATE.toISOString() },
    ]);
    expect(lines).toEqual([
      'PATH                 ENV      SEED  FORMAT    TABLES                        ROWS     SIZE  DATE (UTC)        SCHEMA',
      'sample_data/staging  staging    42  csv       all 5                          175  15.0 KB  2026-12-01 07:15       1',
      'out/parts            staging    42  csv+gzip  part 2/4                       175  15.0 KB  2026-12-01 07:15       1',
      'out/sub              staging    42  csv       customers,orders                10   1.0 KB  2026-12-01 07:15       1',
      'runs/x               -          42  csv       interrupted: 2/5 tables done    15   3.0 KB  2026-12-01 07:15       -',
      'bad                  -           -  -         damaged manifest.json: empty     -        -  2026-12-01 07:15       -',
    ]);
  });
});
