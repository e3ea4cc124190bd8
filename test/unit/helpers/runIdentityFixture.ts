// One made-up run for the tests of what a run leaves on disk (resume, up-to-date, clean, list).
import { TABLE_NAMES, type TableCounts } from '../../../src/schema/tableNames.js';
import { SCHEMA_VERSION } from '../../../src/model/tables/columns.js';
import type { RunIdentity } from '../../../src/writer/journal.js';
import type { Manifest, ManifestFile } from '../../../src/writer/manifest.js';

export const COUNTS: TableCounts = { customers: 10, products: 5, orders: 20, order_items: 40, web_events: 100 };

export const IDENTITY: RunIdentity = {
  version: '1.0.0',
  seed: 42,
  counts: COUNTS,
  tables: TABLE_NAMES,
  part: null,
  format: 'csv',
  compression: 'none',
  config_sha256: 'c'.repeat(64),
  schemas_sha256: 's'.repeat(64),
  as_of: '2024-12-31 23:59:59',
};

/** The manifest a run with `identity` (whole tables, csv) would write, listing `files` and `samples`. */
export function manifestFor(identity: RunIdentity, files: readonly ManifestFile[], samples: readonly string[] = []): Manifest {
  return {
    tool: 'ecomgen',
    version: identity.version,
    format: 'csv',
    compression: 'none',
    seed: identity.seed,
    environment: 'dev',
    counts: COUNTS,
    part: null,
    tables: TABLE_NAMES,
    config_sha256: identity.config_sha256,
    schemas_sha256: identity.schemas_sha256,
    schema_version: SCHEMA_VERSION,
    as_of: identity.as_of,
    files,
    samples,
  };
}
