import type { Compression, OutputFormat } from '../encoding/outputFormat.js';
import { DEFAULT_GZIP_LEVEL, type GzipLevel } from '../encoding/gzipLevel.js';
import { gzipMember } from '../encoding/gzipMember.js';
import type { ColumnSchema } from '../schema/schemaTypes.js';

/**
 * The bytes a table file starts with, before any shard: the CSV header line for csv (and for the CSV on
 * its way to Parquet); nothing for JSON lines, which name the columns on every row. Gzip files get the
 * header as a gzip member of its own (at the run's level), like every shard, so the file is a valid
 * multi-member gzip.
 */
export function tableHeader(columns: readonly ColumnSchema[], format: OutputFormat, compression: Compression, gzipLevel: GzipLevel = DEFAULT_GZIP_LEVEL): Buffer | undefined {
  if (format === 'jsonl') return undefined;
  const header = Buffer.from(`${columns.map((column) => column.name).join(',')}\n`);
  return compression === 'gzip' ? gzipMember(header, gzipLevel) : header;
}
