// Each table's columns and streams as its owner declares them: pure data, so the schema loader and
// the validator can read the contract without loading a generator.
import type { TableName } from '../../schema/tableNames.js';
import type { StreamName } from '../streams.js';
import { CUSTOMER_COLUMNS, CUSTOMER_STREAMS } from './customers/columns.js';
import { ORDER_ITEM_COLUMNS, ORDER_ITEM_STREAMS } from './orderItems/columns.js';
import { ORDER_COLUMNS, ORDER_STREAMS } from './orders/columns.js';
import { PRODUCT_COLUMNS, PRODUCT_STREAMS } from './products/columns.js';
import { WEB_EVENT_COLUMNS, WEB_EVENT_STREAMS } from './webEvents/columns.js';

/**
 * The version of the tables' columns, recorded in every manifest and in schemas/VERSION: bumped whenever
 * a column is added, removed, renamed or retyped, so users can tell which layout a dataset has.
 */
export const SCHEMA_VERSION = 3;

/** The columns each generator writes, in order: a table's schema must list exactly these. */
export const GENERATED_COLUMNS: Readonly<Record<TableName, readonly string[]>> = {
  customers: CUSTOMER_COLUMNS,
  products: PRODUCT_COLUMNS,
  orders: ORDER_COLUMNS,
  order_items: ORDER_ITEM_COLUMNS,
  web_events: WEB_EVENT_COLUMNS,
};

/** The random streams each table's values depend on (directly or through the rows it refers to). */
export const TABLE_STREAMS: Readonly<Record<TableName, readonly StreamName[]>> = {
  customers: CUSTOMER_STREAMS,
  products: PRODUCT_STREAMS,
  orders: ORDER_STREAMS,
  order_items: ORDER_ITEM_STREAMS,
  web_events: WEB_EVENT_STREAMS,
};
