import { type EcomConfig } from '../config/configTypes.js';
import { TABLE_NAMES, type TableCounts, type TableName } from '../schema/tableNames.js';
import { ClickstreamBounds } from '../model/tables/webEvents/clickstreamPlan.js';
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
 * Where the shard holding id `start` ends, before the plan's own end clips it: the same edges for a whole
 * run and for every part, so a part's shards sit inside the whole run's. Edges sit on multiples of the
 * shard size (itself a multiple of the table's block), so a shard never recomputes a block another one
 * owns; for web events with a clickstream span, on the edges of its segments (a few whole segments a
 * shard), since a worker lays out a whole segment to write any of its events.
 */
function shardEnd(start: number, size: number, clickstream: ClickstreamBounds | undefined): number {
  if (clickstream === undefined || clickstream.spanOrders === 0) return (Math.floor((start - 1) / size) + 1) * size;
  const segment = clickstream.segmentOf(start);
  const first = clickstream.eventsBefore(segment) + 1;
  const last = clickstream.eventsBefore(segment + 1);
  // A segment larger than a shard (a very low conversion rate) is cut on the size grid from its start.
  if (last - first + 1 > size) return Math.min(last, first - 1 + (Math.floor((start - first) / size) + 1) * size);
  const meanSegment = Math.max(1, Math.ceil(clickstream.eventsBefore(clickstream.segmentCount) / clickstream.segmentCount));
  const perShard = Math.max(1, Math.floor(size / meanSegment));
  const groupEnd = Math.min(clickstream.segmentCount, (Math.floor(segment / perShard) + 1) * perShard);
  let end = segment + 1;
  while (end < groupEnd && clickstream.eventsBefore(end + 1) - clickstream.eventsBefore(end) <= size) end++;
  return clickstream.eventsBefore(end);
}

/** Splits each selected table's id range into shards (see shardEnd). */
export function planTables(
  config: EcomConfig,
  counts: TableCounts,
  tables: readonly TableName[],
  part: PartSelection | undefined,
  shardRows: number,
  extension = 'csv',
): TablePlan[] {
  const selected = TABLE_NAMES.filter((table) => tables.includes(table));
  return selected.map((table) => {
    const { from, to } = part ? partRange(counts[table], part) : { from: 1, to: counts[table] };
    const alignment = shardAlignment(table, config);
    const size = Math.max(alignment, Math.ceil(shardRows / alignment) * alignment);
    const clickstream = table === 'web_events' ? new ClickstreamBounds(config, counts) : undefined;
    const shards: Shard[] = [];
    for (let start = from; start <= to; ) {
      const end = Math.min(to, shardEnd(start, size, clickstream));
      shards.push({ table, from: start, to: end });
      start = end + 1;
    }
    return { table, fileName: `${table}${partSuffix(part)}.${extension}`, from, to, shards };
  });
}
