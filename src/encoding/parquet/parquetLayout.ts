// The layout facts of ecomgen's Parquet tables, kept apart from the writer so that reading them loads
// neither the Arrow stream writer nor the WebAssembly writer.

/** `PAR1`, at both ends of a Parquet file. */
export const PARQUET_MAGIC: Buffer = Buffer.from('PAR1', 'ascii');

/**
 * Ids per row group (rounded up to the table's block): Parquet shards are planned at this size whatever
 * --shard-rows says, so a table's row groups, and so its bytes, are the same for any shard size and
 * worker count. About an eighth of DuckDB's 122,880-row groups: still large enough for dictionaries and compression
 * to pay (files 4% larger than with 32,768, measured with zstd pages), and it keeps a worker's shard small (its CSV, columns and
 * Arrow stream, and the WebAssembly writer's memory, which never shrinks: ~2.5x a shard's columns).
 * prod peaked at 330-342 MB with 32,768 ids per group, 278-297 MB with 16,384 (CSV: ~205 MB).
 */
export const PARQUET_ROW_GROUP_IDS = 16_384;
