// Config values that are written into a column must fit that column as the schemas declare it: a
// shipping cost past DECIMAL(10,2) or a stock past INTEGER would be written anyway and make a file
// no database loads. The schemas are only known once both files are read, so this runs at start-up
// after parseConfig, and reports like it: the config file, the key path, what is wrong.

import type { EcomConfig } from '../config/configTypes.js';
import { ConfigError } from '../errors.js';
import { NORMAL_MAX } from '../core/random.js';
import { STOCK_LOG_SIGMA } from '../model/tables/products/stockLaw.js';
import type { ColumnSchema, SchemaSet } from '../schema/schemaTypes.js';
import type { TableName } from '../schema/tableNames.js';

/** The largest stock the products generator writes for a median m is m times this (z <= 6.66). */
const STOCK_SPREAD_MAX = Math.exp(STOCK_LOG_SIGMA * NORMAL_MAX);

interface IntegerRange {
  readonly min: number;
  readonly max: number;
}

function columnOf(schemas: SchemaSet, table: TableName, name: string): ColumnSchema | undefined {
  return schemas[table].columns.find((column) => column.name === name);
}

/** Whole units a column holds: its type's range, narrowed by the schema's min and max. */
function integerRange(column: ColumnSchema): IntegerRange | undefined {
  const type = column.type;
  let range: IntegerRange;
  if (type.kind === 'INTEGER') range = { min: -(2 ** 31), max: 2 ** 31 - 1 };
  else if (type.kind === 'BIGINT') range = { min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER };
  else return undefined;
  return {
    min: column.min === undefined ? range.min : Math.max(range.min, Math.ceil(column.min)),
    max: column.max === undefined ? range.max : Math.min(range.max, Math.floor(column.max)),
  };
}

/** Cents a money column holds: DECIMAL(p,s) keeps p-s digits before the point, narrowed by min and max. */
function centsRange(column: ColumnSchema): IntegerRange | undefined {
  const type = column.type;
  if (type.kind !== 'DECIMAL') return undefined;
  const wholeDigits = type.precision - type.scale;
  const typeMax = Math.min(Number.MAX_SAFE_INTEGER, 10 ** wholeDigits * 100 - 1);
  // A little slack so that 0.29 (28.999... x 100) is 29 cents.
  return {
    min: column.min === undefined ? -typeMax : Math.max(-typeMax, Math.ceil(column.min * 100 - 1e-6)),
    max: column.max === undefined ? typeMax : Math.min(typeMax, Math.floor(column.max * 100 + 1e-6)),
  };
}

function describeColumn(table: TableName, column: ColumnSchema): string {
  const bounds = [column.min === undefined ? '' : `min ${column.min}`, column.max === undefined ? '' : `max ${column.max}`].filter(Boolean);
  return `${table}.${column.name} ${column.typeText}${bounds.length ? ` (${bounds.join(', ')})` : ''}`;
}

/** Refuses config values the schemas' columns cannot hold, naming the config file and the key. */
export function checkConfigColumns(config: EcomConfig, schemas: SchemaSet, configFile: string): void {
  const fail = (key: string, message: string): never => {
    throw new ConfigError(`${configFile}: ${key} ${message}`);
  };

  const shippingCost = columnOf(schemas, 'orders', 'shipping_cost');
  const cents = shippingCost && centsRange(shippingCost);
  if (shippingCost && cents) {
    for (const [name, method] of Object.entries(config.orders.shippingMethods)) {
      const key = `orders.shipping_methods.${name}.cost_cents`;
      const where = `to fit ${describeColumn('orders', shippingCost)}`;
      if (method.costCents > cents.max) fail(key, `must be at most ${cents.max} ${where} (got ${method.costCents})`);
      if (method.costCents < cents.min) fail(key, `must be at least ${cents.min} ${where} (got ${method.costCents})`);
    }
  }

  const stock = columnOf(schemas, 'products', 'stock_quantity');
  const stockRange = stock && integerRange(stock);
  if (stock && stockRange) {
    // The median's largest draw must fit; the largest median that does is reported.
    const largestStock = Math.round(config.products.medianStock * STOCK_SPREAD_MAX);
    if (largestStock > stockRange.max) {
      const largestMedian = Math.floor(stockRange.max / STOCK_SPREAD_MAX);
      fail(
        'products.median_stock',
        `must be at most ${largestMedian} to fit ${describeColumn('products', stock)}: stock is drawn up to ${Math.round(STOCK_SPREAD_MAX)} x the median (got ${config.products.medianStock})`,
      );
    }
  }
}
