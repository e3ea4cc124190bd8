// Defects of free text: stray spaces and case, mojibake, values cut short.
import type { TableName } from '../../schema/tableNames.js';
import { pickSetColumn, type Injector } from './dirtyRow.js';
import { mojibake as garble, truncated, whitespaceOrCase } from './textDamage.js';

const SPACE_CASE_COLUMNS: Readonly<Record<TableName, readonly string[]>> = {
  customers: ['first_name', 'last_name', 'city', 'address_line1', 'email'],
  products: ['product_name', 'brand'],
  orders: ['shipping_city', 'shipping_address_line1'],
  order_items: [],
  web_events: ['search_query'],
};

export const whitespaceCase: Injector = (row) => {
  const column = pickSetColumn(row, SPACE_CASE_COLUMNS[row.context.table]);
  if (!column) return false;
  return row.set(column, whitespaceOrCase(row.value(column), row.rng, column === 'email'), 'whitespace_case');
};

const MOJIBAKE_COLUMNS: Readonly<Record<TableName, readonly string[]>> = {
  customers: ['first_name', 'last_name', 'city', 'address_line1'],
  products: ['product_name', 'brand'],
  orders: ['shipping_city', 'shipping_address_line1'],
  order_items: [],
  web_events: ['search_query'],
};

export const mojibake: Injector = (row) => {
  const column = pickSetColumn(row, MOJIBAKE_COLUMNS[row.context.table]);
  if (!column) return false;
  const dirty = garble(row.value(column));
  return dirty !== undefined && row.set(column, dirty, 'mojibake');
};

const TRUNCATED_COLUMNS: Readonly<Record<TableName, readonly string[]>> = {
  customers: ['email', 'address_line1', 'last_name'],
  products: ['product_name'],
  orders: ['shipping_address_line1'],
  order_items: [],
  web_events: ['page_url'],
};

export const truncatedValue: Injector = (row) => {
  const column = pickSetColumn(row, TRUNCATED_COLUMNS[row.context.table]);
  if (!column) return false;
  const dirty = truncated(row.value(column), row.rng);
  return dirty !== undefined && row.set(column, dirty, 'truncated_value');
};
