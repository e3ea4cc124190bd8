import type { RunSettings } from '../plan/resolveOptions.js';
import type { RunIdentity } from '../writer/journal.js';
import type { Manifest } from '../writer/manifest.js';
import { instantText } from '../plan/instant.js';

/** What this run would write: `--resume` continues only a run whose identity is the same. */
export function runIdentity(settings: RunSettings, version: string): RunIdentity {
  return {
    version,
    seed: settings.seed,
    counts: settings.counts,
    tables: settings.tables,
    part: settings.part ?? null,
    format: settings.format,
    compression: settings.compression,
    config_sha256: settings.configSha,
    schemas_sha256: settings.schemasSha,
    as_of: instantText(settings.asOf),
    ...(settings.defects ? { defects: settings.defects } : {}),
  };
}

/** A manifest records the same fields a run identity holds, under the same names. */
export function manifestIdentity(manifest: Manifest): RunIdentity {
  const { version, seed, counts, tables, part, format, compression, config_sha256, schemas_sha256, as_of } = manifest;
  return { version, seed, counts, tables, part, format, compression, config_sha256, schemas_sha256, as_of, ...(manifest.defects ? { defects: manifest.defects.settings } : {}) };
}
