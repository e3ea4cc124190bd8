import type { Compression, OutputFormat } from '../encoding/outputFormat.js';
import { DEFAULT_GZIP_LEVEL, type GzipLevel } from '../encoding/gzipLevel.js';
import { gzipMember } from '../encoding/gzipMember.js';
import type { ColumnSchema } from '../schema/schemaTypes.js';
import { PARQUET_MAGIC } from '../encoding/parquet/parquetLayout.js';

/**
 * The bytes a table file starts with, before any shard: the CSV header line for csv; nothing for JSON
 * lines, which name the columns on every row; Parquet's magic (its footer names the columns). Gzip files
 * get the header as a gzip member of its own (at the run's level), like every shard, so the file is a
 * valid multi-member gzip.
 */
export function tableHeader(columns: readonly ColumnSchema[], format: OutputFormat, compression: Compression, gzipLevel: GzipLevel = DEFAULT_GZIP_LEVEL): Buffer | undefined {
  if (format === 'jsonl') return undefined;
  if (format === 'parquet') return PARQUET_MAGIC;
  const header = Buffer.from(`${columns.map((column) => column.name).join(',')}\n`);
  return compression === 'gzip' ? gzipMember(header, gzipLevel) : header;
}
