import type { TableName } from '../config/configTypes.js';
import { CustomerGenerator } from './customers.js';
import { OrderGenerator, OrderItemGenerator } from './orders.js';
import { ProductGenerator } from './products.js';
import { WebEventGenerator } from './webEvents.js';
import type { World } from './world.js';

/** Turns an id range of one table into CSV rows (no header); a pure function of (world, table, range). */
export interface TableGenerator {
  rows(from: number, to: number): string;
}

export function createTableGenerator(world: World, table: TableName): TableGenerator {
  switch (table) {
    case 'customers':
      return new CustomerGenerator(world);
    case 'products':
      return new ProductGenerator(world);
    case 'orders':
      return new OrderGenerator(world);
    case 'order_items':
      return new OrderItemGenerator(world);
    case 'web_events':
      return new WebEventGenerator(world);
  }
}

/** Rows of a table's shard, rounded so shards start on the table's own block boundaries (no rework). */
export function shardAlignment(table: TableName, world: Pick<World, 'config'>): number {
  if (table === 'web_events') return world.config.webEvents.eventsPerBlock;
  if (table === 'orders') return 64;
  return 1;
}
