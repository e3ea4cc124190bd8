import type { RunSettings } from '../plan/resolveOptions.js';
import type { RunIdentity } from '../writer/journal.js';
import type { Manifest } from '../writer/manifest.js';
import { instantText } from '../plan/instant.js';
import { DEFAULT_GZIP_LEVEL, type GzipLevel } from '../encoding/gzipLevel.js';
import type { ParquetCodec } from '../encoding/parquet/parquetCodec.js';

/**
 * A gzip run's level, recorded when it is not the default: the files' bytes (and sha256) depend on it. A
 * dataset without the field is level 6, as every gzip dataset was before levels could be chosen, so its
 * manifest stays the same and it is still up to date.
 */
export function compressionLevelField(settings: Pick<RunSettings, 'gzipLevel'>): { compression_level?: GzipLevel } {
  return settings.gzipLevel === undefined || settings.gzipLevel === DEFAULT_GZIP_LEVEL ? {} : { compression_level: settings.gzipLevel };
}

/**
 * A Parquet run's page codec, recorded in every Parquet manifest and run identity (the files' bytes depend
 * on it); csv and jsonl have none, so their manifests stay as they were.
 */
export function parquetCompressionField(settings: Pick<RunSettings, 'parquetCompression'>): { parquet_compression?: ParquetCodec } {
  return settings.parquetCompression === undefined ? {} : { parquet_compression: settings.parquetCompression };
}

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
    ...compressionLevelField(settings),
    ...parquetCompressionField(settings),
    config_sha256: settings.configSha,
    schemas_sha256: settings.schemasSha,
    as_of: instantText(settings.asOf),
    ...(settings.defects ? { defects: settings.defects } : {}),
  };
}

/** A manifest records the same fields a run identity holds, under the same names. */
export function manifestIdentity(manifest: Manifest): RunIdentity {
  const { version, seed, counts, tables, part, format, compression, compression_level, parquet_compression, config_sha256, schemas_sha256, as_of } = manifest;
  return {
    version,
    seed,
    counts,
    tables,
    part,
    format,
    compression,
    ...(compression_level === undefined ? {} : { compression_level }),
    ...(parquet_compression === undefined ? {} : { parquet_compression }),
    config_sha256,
    schemas_sha256,
    as_of,
    ...(manifest.defects ? { defects: manifest.defects.settings } : {}),
  };
}
