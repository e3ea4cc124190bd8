// The block compression of a Parquet file's pages (`--parquet-compression`). Snappy is the default, as it
// is the default of tpchgen-cli's `--parquet-compression` (clflushopt/tpchgen-rs, tpchgen-cli/src/main.rs:
// "Parquet block compression format. Default is SNAPPY"), of DuckDB's `COPY ... (FORMAT parquet)`, of
// Spark (`spark.sql.parquet.compression.codec`) and of pyarrow's `write_table`: every Parquet reader has
// it, and in parquet-wasm it costs less CPU than zstd (whole prod Parquet runs with 2 workers took
// 0.82-0.89x the CPU of zstd's, 4 alternating pairs, 2026-12-03) for files about a third larger (168 vs
// 124 MB for prod). zstd is for smaller files, `none` for pipelines that compress on their own.
// Kept apart from the writer (shardFile.ts) so the options, manifests and merge read it without loading
// parquet-wasm.

export const PARQUET_CODECS = ['snappy', 'zstd', 'none'] as const;
export type ParquetCodec = (typeof PARQUET_CODECS)[number];

export const DEFAULT_PARQUET_CODEC: ParquetCodec = 'snappy';

/**
 * What a Parquet manifest or run journal without `parquet_compression` was written with: every ecomgen
 * build before the option wrote zstd pages.
 */
const UNRECORDED_PARQUET_CODEC: ParquetCodec = 'zstd';

export function isParquetCodec(value: unknown): value is ParquetCodec {
  return (PARQUET_CODECS as readonly unknown[]).includes(value);
}

/**
 * The codec a manifest or run identity records: its `parquet_compression`, or zstd for a Parquet
 * record that has none (an older build's); undefined for csv and jsonl, which have none.
 */
export function recordedParquetCodec(record: { readonly format: string; readonly parquet_compression?: unknown }): ParquetCodec | undefined {
  if (record.format !== 'parquet') return undefined;
  return isParquetCodec(record.parquet_compression) ? record.parquet_compression : UNRECORDED_PARQUET_CODEC;
}
