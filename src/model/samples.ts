import { TABLE_NAMES, type TableName } from '../schema/tableNames.js';
import type { TableEncoding } from '../encoding/outputFormat.js';
import { RowSink } from '../encoding/rowSink.js';
import { csvRows, typedValues, type JsonValue } from '../encoding/typedJson.js';
import { OrderLayout } from './orderLayout.js';
import { Rng } from '../core/random.js';
import { createTableGenerator } from './tables/registry.js';
import type { World } from './world.js';

export interface SampleRequest {
  readonly encodings: Readonly<Record<TableName, TableEncoding>>;
  /** Rows in each `<table>.sample.json`. */
  readonly rows: number;
  /** Orders in `orders_nested.sample.json`. */
  readonly nestedOrders: number;
  /** The instant the dataset shows (epoch second): the rows as they were then. */
  readonly until: number;
}

type Row = Record<string, JsonValue>;

function typedRows(world: World, request: SampleRequest, table: TableName, from: number, to: number): Row[] {
  if (to < from) return [];
  const sink = new RowSink(64 * 1024);
  createTableGenerator(world, table).rows(from, to, sink, request.until);
  return [...csvRows(sink.text())].map((fields) => typedValues(request.encodings[table], fields));
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/**
 * Small typed JSON views of the dataset for API mocking and eyeballing: the first rows of every table,
 * and the first orders with their customer and items nested. They come from the same generators, so
 * they are exactly rows of the dataset.
 */
export function buildSampleFiles(world: World, request: SampleRequest): Record<string, string> {
  const files: Record<string, string> = {};
  for (const table of TABLE_NAMES) {
    files[`${table}.sample.json`] = json(typedRows(world, request, table, 1, Math.min(request.rows, world.counts[table])));
  }
  const orderCount = Math.min(request.nestedOrders, world.counts.orders);
  const orders = typedRows(world, request, 'orders', 1, orderCount);
  const layout = new OrderLayout(world, new Rng());
  const lastItem = orderCount === 0 ? 0 : layout.layout(layout.blockOf(orderCount)).firstItemId - 1 + itemsInBlockUpTo(layout, orderCount);
  const items = typedRows(world, request, 'order_items', 1, lastItem);
  files['orders_nested.sample.json'] = json(
    orders.map((order) => {
      const customerId = Number(order['customer_id']);
      const [customer] = typedRows(world, request, 'customers', customerId, customerId);
      return { ...order, customer, items: items.filter((item) => item['order_id'] === order['order_id']) };
    }),
  );
  return files;
}

/** Items of the orders of `orderId`'s block up to and including it. */
function itemsInBlockUpTo(layout: OrderLayout, orderId: number): number {
  const block = layout.layout(layout.blockOf(orderId));
  let count = 0;
  for (let index = 0; index <= orderId - block.firstOrderId; index++) count += block.itemCounts[index] as number;
  return count;
}
