import type { TypedRows } from '../../encoding/parquet/typedRows.js';
import type { RowWriter } from '../../encoding/rowWriter.js';
import type { TableName } from '../../schema/tableNames.js';
import type { World } from '../world.js';
import { CustomerGenerator } from './customers/generator.js';
import { OrderItemGenerator } from './orderItems/generator.js';
import { OrderGenerator } from './orders/generator.js';
import { ProductGenerator } from './products/generator.js';
import { WebEventGenerator } from './webEvents/generator.js';

/**
 * Turns an id range of one table into CSV rows (no header): the rows that existed at `until` (an epoch
 * second), as they were then; returns how many it wrote. A pure function of (world, table, range, until).
 */
export interface TableGenerator {
  rows(from: number, to: number, sink: RowWriter, until: number): number;
  /**
   * The same rows as typed values, for a Parquet shard that then needs no CSV text parsed back (a
   * generator that has it: web_events, most of a run's rows); -1 when it declines (see its own).
   */
  typedRows?(from: number, to: number, rows: TypedRows, until: number): number;
}

const GENERATORS: Readonly<Record<TableName, new (world: World) => TableGenerator>> = {
  customers: CustomerGenerator,
  products: ProductGenerator,
  orders: OrderGenerator,
  order_items: OrderItemGenerator,
  web_events: WebEventGenerator,
};

/** A fresh generator per task: its scratch state never leaks between tasks that reuse a worker. */
export function createTableGenerator(world: World, table: TableName): TableGenerator {
  return new GENERATORS[table](world);
}
