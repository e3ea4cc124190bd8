import { type EcomConfig } from '../config/configTypes.js';
import { TABLE_NAMES, type TableCounts, type TableName } from '../schema/tableNames.js';
import { shardAlignment } from './shardAlignment.js';

export interface PartSelection {
  /** 1-based index of the slice. */
  readonly index: number;
  readonly count: number;
}

export interface TablePlan {
  readonly table: TableName;
  readonly fileName: string;
  /** First and last id written (to < from when the slice is empty). */
  readonly from: number;
  readonly to: number;
  readonly shards: readonly Shard[];
}

export interface Shard {
  readonly table: TableName;
  readonly from: number;
  readonly to: number;
}

function floorShare(total: number, index: number, parts: number): number {
  const product = total * index;
  return product <= Number.MAX_SAFE_INTEGER
    ? Math.floor(product / parts)
    : Number((BigInt(total) * BigInt(index)) / BigInt(parts));
}

/** The K-th of N contiguous slices of ids 1..total: floor((K-1)N/P)+1 .. floor(KN/P). */
export function partRange(total: number, part: PartSelection): { from: number; to: number } {
  return { from: floorShare(total, part.index - 1, part.count) + 1, to: floorShare(total, part.index, part.count) };
}

/** Rows a plan writes (0 for an empty slice). */
export function planRows(plan: Pick<TablePlan, 'from' | 'to'>): number {
  return Math.max(0, plan.to - plan.from + 1);
}

export function partSuffix(part: PartSelection | undefined): string {
  if (!part) return '';
  const width = Math.max(3, String(part.count).length);
  return `.part-${String(part.index).padStart(width, '0')}-of-${String(part.count).padStart(width, '0')}`;
}

/**
 * Splits each selected table's id range into shards. Shard edges sit on multiples of the shard size
 * (itself a multiple of the table's block), so a shard never recomputes a block another one owns.
 * `shardRows` is one size for every table, or each table's own.
 */
export function planTables(
  config: EcomConfig,
  counts: TableCounts,
  tables: readonly TableName[],
  part: PartSelection | undefined,
  shardRows: number | ((table: TableName) => number),
  extension = 'csv',
): TablePlan[] {
  const selected = TABLE_NAMES.filter((table) => tables.includes(table));
  return selected.map((table) => {
    const { from, to } = part ? partRange(counts[table], part) : { from: 1, to: counts[table] };
    const alignment = shardAlignment(table, config);
    const rows = typeof shardRows === 'number' ? shardRows : shardRows(table);
    const size = Math.max(alignment, Math.ceil(rows / alignment) * alignment);
    const shards: Shard[] = [];
    for (let start = from; start <= to; ) {
      const end = Math.min(to, (Math.floor((start - 1) / size) + 1) * size);
      shards.push({ table, from: start, to: end });
      start = end + 1;
    }
    return { table, fileName: `${table}${partSuffix(part)}.${extension}`, from, to, shards };
  });
}
