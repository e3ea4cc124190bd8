import { statfs } from 'node:fs/promises';
import type { TableName } from '../schema/tableNames.js';
import type { Compression, OutputFormat } from '../encoding/outputFormat.js';
import { UsageError } from '../errors.js';

/** CSV bytes per row, measured on the presets (rounded up). */
const CSV_BYTES_PER_ROW: Readonly<Record<TableName, number>> = {
  customers: 160,
  products: 160,
  orders: 175,
  order_items: 45,
  web_events: 155,
};
/** JSON lines spell every column name on every row. */
const JSONL_FACTOR = 4;
const GZIP_FACTOR = 0.35;
const MARGIN = 1.1;

export interface TableRows {
  readonly table: TableName;
  readonly rows: number;
}

/**
 * Bytes a run will need on disk at its peak: the files, and for Parquet the largest table's CSV
 * while it is converted.
 */
export function estimateBytes(tables: readonly TableRows[], format: OutputFormat, compression: Compression): number {
  const csv = tables.map(({ table, rows }) => rows * CSV_BYTES_PER_ROW[table]);
  const csvTotal = csv.reduce((sum, bytes) => sum + bytes, 0);
  let bytes: number;
  if (format === 'parquet') bytes = csvTotal * 0.45 + Math.max(0, ...csv);
  else bytes = csvTotal * (format === 'jsonl' ? JSONL_FACTOR : 1) * (compression === 'gzip' ? GZIP_FACTOR : 1);
  return Math.ceil(bytes * MARGIN);
}

function gigabytes(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(2)} GB` : `${(bytes / 1e6).toFixed(1)} MB`;
}

/** Fails early, before any work, when the output directory's file system cannot hold the run. */
export async function checkFreeSpace(directory: string, neededBytes: number): Promise<void> {
  // Test hook: pretend the disk has this many bytes free.
  const override = process.env['ECOMGEN_FREE_BYTES'];
  const stats = override === undefined ? await statfs(directory) : undefined;
  const free = override !== undefined ? Number(override) : (stats?.bavail ?? 0) * (stats?.bsize ?? 0);
  if (free < neededBytes) {
    throw new UsageError(
      `--output-dir: not enough free disk space in ${directory}: the run needs about ${gigabytes(neededBytes)} (estimated from the row counts), ${gigabytes(free)} is free`,
    );
  }
}
