import { resolve } from 'node:path';
import { type EcomConfig } from '../config/configTypes.js';
import { TABLE_NAMES, type TableCounts, type TableName } from '../schema/tableNames.js';
import { loadConfig } from '../config/loadConfig.js';
import { OUTPUT_FORMATS, type Compression, type OutputFormat } from '../encoding/outputFormat.js';
import type { GzipLevel } from '../encoding/gzipLevel.js';
import { resolveCompression } from './compressOption.js';
import { resolveParquetCodec } from './parquetCompressionOption.js';
import type { ParquetCodec } from '../encoding/parquet/parquetCodec.js';
import { UsageError } from '../errors.js';
import type { GenerateOptions } from './generateOptions.js';
import { DEFAULT_CONFIG_FILE, DEFAULT_SCHEMA_DIR } from '../paths.js';
import { loadSchemas } from '../schema/loadSchemas.js';
import type { SchemaSet } from '../schema/schemaTypes.js';
import { checkConfigColumns } from './checkConfigColumns.js';
import { checkCounts } from './checkCounts.js';
import type { PartSelection } from './planShards.js';
import { resolveCounts } from './resolveCounts.js';
import { applyWindowOptions } from './windowOverride.js';
import { instantOption, windowSeconds } from './instant.js';
import { checkShardRows, machineResources, resolveWorkers } from './resourceCaps.js';
import { resolveDefects, type DefectSettings } from '../defects/defectSettings.js';

/** A run's settings after every option is checked and every default filled in. */
export interface RunSettings {
  readonly environment: string;
  readonly config: EcomConfig;
  readonly configSha: string;
  readonly schemas: SchemaSet;
  readonly schemasSha: string;
  readonly seed: number;
  readonly counts: TableCounts;
  readonly tables: readonly TableName[];
  readonly part: PartSelection | undefined;
  readonly format: OutputFormat;
  readonly compression: Compression;
  /** gzip's level (`--compress gzip:<level>`); present for gzip only. */
  readonly gzipLevel?: GzipLevel;
  /** The codec of a Parquet run's pages (`--parquet-compression`, snappy by default); present for parquet only. */
  readonly parquetCompression?: ParquetCodec;
  readonly workers: number;
  readonly shardRows: number;
  readonly outputDir: string;
  readonly samples: boolean;
  readonly force: boolean;
  readonly resume: boolean;
  readonly verify: boolean;
  /** The instant the dataset shows (epoch second): the window's last second unless --as-of says otherwise. */
  readonly asOf: number;
  /** A dirty run's defect settings; absent for clean data. */
  readonly defects?: DefectSettings;
}

function positiveInteger(value: number | undefined, flag: string): void {
  if (value !== undefined && (!Number.isSafeInteger(value) || value < 1)) {
    throw new UsageError(`${flag}: must be a whole number of at least 1 (got ${value})`);
  }
}

function resolvePart(options: GenerateOptions): PartSelection | undefined {
  if (options.part === undefined && options.parts === undefined) return undefined;
  if (options.part === undefined || options.parts === undefined) throw new UsageError('--part and --parts go together');
  positiveInteger(options.parts, '--parts');
  positiveInteger(options.part, '--part');
  if (options.part > options.parts) throw new UsageError(`--part: ${options.part} is outside 1..${options.parts} (--parts)`);
  return { index: options.part, count: options.parts };
}

function resolveTables(tables: readonly string[] | undefined): TableName[] {
  if (tables === undefined) return [...TABLE_NAMES];
  if (tables.length === 0) throw new UsageError('--tables: name at least one table');
  for (const table of tables) {
    if (!(TABLE_NAMES as readonly string[]).includes(table)) {
      throw new UsageError(`--tables: unknown table "${table}" (tables are ${TABLE_NAMES.join(', ')})`);
    }
  }
  return TABLE_NAMES.filter((table) => tables.includes(table));
}

function resolveEncoding(options: GenerateOptions): { format: OutputFormat; compression: Compression; gzipLevel?: GzipLevel; parquetCompression?: ParquetCodec } {
  const format = options.format ?? 'csv';
  if (!OUTPUT_FORMATS.includes(format)) throw new UsageError(`--format: unknown format "${String(format)}" (use ${OUTPUT_FORMATS.join(', ')})`);
  const choice = resolveCompression(options.compress);
  if (format === 'parquet' && choice.compression !== 'none') {
    throw new UsageError('--compress: parquet files are compressed inside (--parquet-compression snappy, zstd or none); use --compress only with csv or jsonl');
  }
  const parquetCompression = resolveParquetCodec(options.parquetCompression, format);
  return { format, ...choice, ...(parquetCompression === undefined ? {} : { parquetCompression }) };
}

/** Checks every option (bad input is a UsageError naming the flag) and fills in the defaults. */
export function resolveOptions(options: GenerateOptions): RunSettings {
  const environment = options.environment ?? 'dev';
  const configFile = resolve(options.configFile ?? DEFAULT_CONFIG_FILE);
  // --start / --end replace the config's window: the config in effect, and its hash, are the edited one's.
  const { config, sha256: configSha } = applyWindowOptions(loadConfig(configFile), configFile, options);
  const { schemas, sha256: schemasSha } = loadSchemas(resolve(options.schemaDir ?? DEFAULT_SCHEMA_DIR));
  checkConfigColumns(config, schemas, configFile);
  const seed = options.seed ?? config.seed;
  if (!Number.isSafeInteger(seed) || seed < 0) throw new UsageError(`--seed: must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER} (got ${seed})`);
  positiveInteger(options.workers, '--workers');
  positiveInteger(options.shardRows, '--shard-rows');
  if (options.shardRows !== undefined) checkShardRows(options.shardRows);
  const workers = resolveWorkers(options.workers, machineResources());
  if (options.force && options.resume) throw new UsageError('--force and --resume contradict each other: --force starts over, --resume continues');
  const part = resolvePart(options);
  const tables = resolveTables(options.tables);
  const counts = resolveCounts(config, environment, options);
  checkCounts(config, counts, seed);
  const defects = resolveDefects(options.defects, options.defectsConfig === undefined ? undefined : resolve(options.defectsConfig));
  return {
    environment,
    config,
    configSha,
    schemas,
    schemasSha,
    seed,
    counts,
    tables,
    part,
    ...resolveEncoding(options),
    workers,
    shardRows: options.shardRows ?? config.generation.shardRows,
    outputDir: resolve(options.outputDir ?? `sample_data/${environment}`),
    samples: (options.samples ?? true) && part === undefined,
    force: options.force ?? false,
    resume: options.resume ?? false,
    verify: options.verify ?? false,
    asOf: options.asOf === undefined ? windowSeconds(config).last : instantOption(options.asOf, '--as-of', config),
    ...(defects ? { defects } : {}),
  };
}
