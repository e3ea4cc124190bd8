import type { TableName } from '../schema/tableNames.js';
import { CustomerGenerator } from './customers.js';
import { OrderGenerator, OrderItemGenerator } from './orders.js';
import { ProductGenerator } from './products.js';
import { WebEventGenerator } from './webEvents.js';
import type { RowSink } from '../encoding/rowSink.js';
import type { World } from './world.js';

/** Turns an id range of one table into CSV rows (no header); a pure function of (world, table, range). */
export interface TableGenerator {
  rows(from: number, to: number, sink: RowSink): void;
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
