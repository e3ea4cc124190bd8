import type { RunSettings } from '../plan/resolveOptions.js';
import { SCHEMA_VERSION } from '../model/tables/columns.js';
import { TABLE_NAMES } from '../schema/tableNames.js';
import type { Manifest, ManifestDefects, ManifestFile } from '../writer/manifest.js';
import { TOOL_NAME, TOOL_VERSION } from './toolVersion.js';
import { instantText } from '../plan/instant.js';
import { compressionLevelField, parquetCompressionField } from './runIdentity.js';

/**
 * The manifest of a finished run. Files are listed in table order whatever order they completed or were
 * reused in, and nothing depends on the clock, so the same run writes the same bytes.
 */
export function datasetManifest(settings: RunSettings, files: readonly ManifestFile[], samples: readonly string[], defects?: ManifestDefects): Manifest {
  return {
    tool: TOOL_NAME,
    version: TOOL_VERSION,
    format: settings.format,
    compression: settings.compression,
    ...compressionLevelField(settings),
    ...parquetCompressionField(settings),
    seed: settings.seed,
    environment: settings.environment,
    counts: settings.counts,
    part: settings.part ?? null,
    tables: settings.tables,
    config_sha256: settings.configSha,
    schemas_sha256: settings.schemasSha,
    schema_version: SCHEMA_VERSION,
    as_of: instantText(settings.asOf),
    files: [...files].sort((a, b) => TABLE_NAMES.indexOf(a.table) - TABLE_NAMES.indexOf(b.table)),
    samples,
    ...(defects ? { defects } : {}),
  };
}
