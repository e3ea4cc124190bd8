import type { EcomConfig } from '../config/configTypes.js';
import type { TableName } from '../schema/tableNames.js';
import { ORDERS_PER_BLOCK } from '../model/orderLayout.js';

/** Rows of a table's shard are rounded to its own block size, so no two shards recompute one block. */
export function shardAlignment(table: TableName, config: EcomConfig): number {
  if (table === 'web_events') return config.webEvents.eventsPerBlock;
  if (table === 'orders') return ORDERS_PER_BLOCK;
  return 1;
}
