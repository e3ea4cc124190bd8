// The layout facts of ecomgen's Parquet tables, kept apart from the writer so that reading them loads
// neither Arrow nor the WebAssembly writer.

/** `PAR1`, at both ends of a Parquet file. */
export const PARQUET_MAGIC: Buffer = Buffer.from('PAR1', 'ascii');

/**
 * Ids per row group (rounded up to the table's block): Parquet shards are planned at this size whatever
 * --shard-rows says, so a table's row groups, and so its bytes, are the same for any shard size and
 * worker count. A quarter of DuckDB's 122,880-row groups: still large enough for dictionaries and zstd
 * to pay, and it keeps a worker's shard (CSV, Arrow buffers, the WebAssembly writer's memory) small:
 * staging peaked at 345 MB with 65,536 ids per group, 268 MB with 32,768 (CSV: 181 MB).
 */
export const PARQUET_ROW_GROUP_IDS = 32_768;
