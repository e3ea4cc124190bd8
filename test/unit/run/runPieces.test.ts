// The small pieces a run is assembled from: its identity and manifest, the tool version, table headers, progress.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../../src/log/progress.js';
import { DEFAULT_SCHEMA_DIR } from '../../../src/paths.js';
import { planTables } from '../../../src/plan/planShards.js';
import { resolveOptions } from '../../../src/plan/resolveOptions.js';
import { datasetManifest } from '../../../src/run/datasetManifest.js';
import { manifestIdentity, runIdentity } from '../../../src/run/runIdentity.js';
import { RunProgress } from '../../../src/run/runProgress.js';
import { TOOL_NAME, TOOL_VERSION } from '../../../src/run/toolVersion.js';
import { loadSchemas } from '../../../src/schema/loadSchemas.js';
import { identityDifference } from '../../../src/writer/journal.js';
import type { ManifestFile } from '../../../src/writer/manifest.js';
import { tableHeader } from '../../../src/writer/tableHeader.js';
import { REPO_ROOT } from '../../helpers/run.js';

const settings = resolveOptions({ seed: 5, part: 2, parts: 3, format: 'jsonl', compress: 'gzip', tables: ['orders', 'customers'] });
const { schemas } = loadSchemas(DEFAULT_SCHEMA_DIR);

function file(table: ManifestFile['table']): ManifestFile {
  return { table, file: `${table}.jsonl.gz`, first_id: 1, last_id: 2, rows: 2, bytes: 10, sha256: table };
}

describe('run identity and manifest', () => {
  it('the tool name and version are the package.json ones, read from the package root', () => {
    const packageJson = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
    expect([TOOL_NAME, TOOL_VERSION]).toEqual([packageJson.name, packageJson.version]);
  });

  it('a finished run is resumable as itself: its manifest carries the identity the run had', () => {
    const identity = runIdentity(settings, TOOL_VERSION);
    expect(identity).toMatchObject({ version: TOOL_VERSION, seed: 5, part: { index: 2, count: 3 }, format: 'jsonl', compression: 'gzip', tables: ['customers', 'orders'] });
    const manifest = datasetManifest(settings, [file('orders'), file('customers')], []);
    expect(manifestIdentity(manifest)).toEqual(identity);
    expect(identityDifference(manifestIdentity(manifest), identity)).toBeUndefined();
    expect(identityDifference(identity, runIdentity({ ...settings, seed: 6 }, TOOL_VERSION))).toBe('seed');
  });

  it('lists files in table order whatever order they completed in, with the keys of the committed reference manifest', () => {
    const manifest = datasetManifest(settings, [file('web_events'), file('orders'), file('customers')], ['a.sample.json']);
    expect(manifest.files.map((entry) => entry.table)).toEqual(['customers', 'orders', 'web_events']);
    expect(manifest.samples).toEqual(['a.sample.json']);
    const reference = JSON.parse(readFileSync(join(REPO_ROOT, 'sample_data/reference-dev/manifest.json'), 'utf8')) as object;
    expect(Object.keys(manifest)).toEqual(Object.keys(reference));
  });
});

describe('tableHeader', () => {
  const columns = schemas.orders.columns;
  const csvHeader = `${columns.map((column) => column.name).join(',')}\n`;

  it('is the CSV header line for csv, the magic for Parquet; JSON lines have none', () => {
    expect(columns.length).toBeGreaterThan(3);
    expect(tableHeader(columns, 'csv', 'none')?.toString()).toBe(csvHeader);
    expect(tableHeader(columns, 'parquet', 'none')?.toString()).toBe('PAR1');
    expect(tableHeader(columns, 'jsonl', 'none')).toBeUndefined();
    expect(tableHeader(columns, 'jsonl', 'gzip')).toBeUndefined();
  });

  it('is a gzip member of its own for gzip files', () => {
    const header = tableHeader(columns, 'csv', 'gzip') as Buffer;
    expect([...header.subarray(0, 2)]).toEqual([0x1f, 0x8b]);
    expect(gunzipSync(header).toString()).toBe(csvHeader);
  });
});

describe('RunProgress', () => {
  it('reports rows per table and in all, against the rows the plans will write', () => {
    const plans = planTables(settings.config, { customers: 10, products: 0, orders: 7, order_items: 0, web_events: 0 }, ['customers', 'orders'], undefined, 4);
    const events: ProgressEvent[] = [];
    const progress = new RunProgress(plans, Date.now(), (event) => events.push(event));
    expect(progress.rowsTotal).toBe(17);
    progress.add('customers', 4);
    progress.add('customers', 6);
    progress.add('orders', 7);
    expect(events.map(({ table, tableRowsDone, tableRows, rowsDone, rowsTotal }) => [table, tableRowsDone, tableRows, rowsDone, rowsTotal])).toEqual([
      ['customers', 4, 10, 4, 17],
      ['customers', 10, 10, 10, 17],
      ['orders', 7, 7, 17, 17],
    ]);
    expect(progress.rowsDone).toBe(17);
  });
});
