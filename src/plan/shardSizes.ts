import type { Compression, OutputFormat } from '../encoding/outputFormat.js';
import type { TableName } from '../schema/tableNames.js';

/**
 * The share of `--shard-rows` a table's shards hold when the file's bytes do not depend on where shards
 * end (plain CSV and JSON lines: each row's bytes are its own). A customers, products or orders row costs
 * a worker 5-9 us, an order_items or web_events row under 1 us (per-shard CPU times of a prod run), so at
 * one size their shards took 0.1-0.3 s against 15-20 ms. The writer takes shards in plan order with a few
 * in flight, so a worker that finished its short shards waited on the other's long one: at the start
 * (5 customers shards for 2 workers) and where orders meet order_items. A quarter of the rows brings those
 * shards to 25-40 ms, within about 2x of the others (same CPU for the same rows, measured in one process).
 */
const COSTLY_ROW_SHARE: Readonly<Partial<Record<TableName, number>>> = { customers: 0.25, products: 0.25, orders: 0.25 };

/**
 * Rows per shard for each table. A gzip file is one member per shard and a Parquet file one row group
 * per shard, so their shard edges are part of the bytes: those keep one size for every table.
 */
export function shardRowsByTable(shardRows: number, format: OutputFormat, compression: Compression): number | ((table: TableName) => number) {
  if (format === 'parquet' || compression !== 'none') return shardRows;
  return (table) => Math.max(1, Math.round(shardRows * (COSTLY_ROW_SHARE[table] ?? 1)));
}
