// `--parquet-compression` (the library's `parquetCompression`): the codec of a Parquet run's pages,
// checked against the format it goes with.
import type { OutputFormat } from '../encoding/outputFormat.js';
import { DEFAULT_PARQUET_CODEC, PARQUET_CODECS, isParquetCodec, type ParquetCodec } from '../encoding/parquet/parquetCodec.js';
import { UsageError } from '../errors.js';

/**
 * The codec a Parquet run writes (snappy when not given); undefined for csv and jsonl. A value that is
 * no codec, or one given with another format, is a UsageError naming the flag.
 */
export function resolveParquetCodec(value: unknown, format: OutputFormat): ParquetCodec | undefined {
  if (value !== undefined && !isParquetCodec(value)) {
    throw new UsageError(`--parquet-compression: unknown codec "${String(value)}" (use ${PARQUET_CODECS.join(', ')})`);
  }
  if (format !== 'parquet') {
    if (value !== undefined) throw new UsageError(`--parquet-compression: only parquet files have it; use it with --format parquet (csv and jsonl take --compress)`);
    return undefined;
  }
  return value ?? DEFAULT_PARQUET_CODEC;
}
