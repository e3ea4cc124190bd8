// Config values written into a column must fit the column the schemas declare: the issue's
// `cost_cents: 9007199254740991` overflowed orders.shipping_cost DECIMAL(10,2) and exited 0.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { parseConfig } from '../../../src/config/loadConfig.js';
import { ConfigError } from '../../../src/errors.js';
import { DEFAULT_CONFIG_FILE } from '../../../src/paths.js';
import { checkConfigColumns } from '../../../src/plan/checkConfigColumns.js';
import { parseSchemas } from '../../../src/schema/loadSchemas.js';
import type { SchemaSet } from '../../../src/schema/schemaTypes.js';
import { columnOf, SHIPPED_TEXTS, textsWith } from '../schema/schemaTexts.js';

const FILE = '/etc/shop/config.yaml';
const SHIPPED_DOCUMENT = parseDocument(readFileSync(DEFAULT_CONFIG_FILE, 'utf8'));
const SHIPPED_SCHEMAS = parseSchemas(SHIPPED_TEXTS, 'schemas').schemas;

type Path = readonly (string | number)[];

function configWith(path: Path, value: unknown): string {
  const document = SHIPPED_DOCUMENT.clone();
  expect(document.hasIn(path), path.join('.')).toBe(true);
  document.setIn(path, value);
  return document.toString();
}

function columnsError(text: string, schemas: SchemaSet = SHIPPED_SCHEMAS): string | undefined {
  try {
    checkConfigColumns(parseConfig(text, FILE), schemas, FILE);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  return undefined;
}

const COST = ['orders', 'shipping_methods', 'standard', 'cost_cents'] as const;
const STOCK = ['products', 'median_stock'] as const;

describe('checkConfigColumns', () => {
  it('accepts the shipped config with the shipped schemas', () => {
    expect(columnsError(SHIPPED_DOCUMENT.toString())).toBeUndefined();
  });

  it.each<[string, Path, number, string | undefined]>([
    ['the largest shipping cost DECIMAL(10,2) holds', COST, 9_999_999_999, undefined],
    ['a cent more', COST, 10_000_000_000, 'orders.shipping_methods.standard.cost_cents must be at most 9999999999 to fit orders.shipping_cost DECIMAL(10,2) (min 0) (got 10000000000)'],
    ['the issue\'s cost', COST, 9_007_199_254_740_991, 'orders.shipping_methods.standard.cost_cents must be at most 9999999999 to fit orders.shipping_cost DECIMAL(10,2) (min 0) (got 9007199254740991)'],
    ['the largest median stock INTEGER holds', STOCK, 5_353_009, undefined],
    ['one more', STOCK, 5_353_010, 'products.median_stock must be at most 5353009 to fit products.stock_quantity INTEGER (min 0): stock is drawn up to 401 x the median (got 5353010)'],
    ['the issue\'s median stock, past INTEGER', STOCK, 2_147_483_647, 'products.median_stock must be at most 5353009 to fit products.stock_quantity INTEGER (min 0): stock is drawn up to 401 x the median (got 2147483647)'],
  ])('%s', (_, path, value, message) => {
    expect(columnsError(configWith(path, value))).toBe(message === undefined ? undefined : `${FILE}: ${message}`);
  });

  it('follows the schemas: a tighter column, a max, a min', () => {
    const narrow = parseSchemas(textsWith('orders', (schema) => (columnOf(schema, 'shipping_cost')['type'] = 'DECIMAL(4,2)')), 'schemas').schemas;
    expect(columnsError(configWith(COST, 10_000), narrow)).toBe(`${FILE}: orders.shipping_methods.standard.cost_cents must be at most 9999 to fit orders.shipping_cost DECIMAL(4,2) (min 0) (got 10000)`);
    const capped = parseSchemas(textsWith('orders', (schema) => Object.assign(columnOf(schema, 'shipping_cost'), { min: 1, max: 30.29 })), 'schemas').schemas;
    expect(columnsError(configWith(COST, 3029), capped)).toBeUndefined();
    expect(columnsError(configWith(COST, 3030), capped)).toBe(`${FILE}: orders.shipping_methods.standard.cost_cents must be at most 3029 to fit orders.shipping_cost DECIMAL(10,2) (min 1, max 30.29) (got 3030)`);
    expect(columnsError(configWith(COST, 99), capped)).toBe(`${FILE}: orders.shipping_methods.standard.cost_cents must be at least 100 to fit orders.shipping_cost DECIMAL(10,2) (min 1, max 30.29) (got 99)`);
    const stockMax = parseSchemas(textsWith('products', (schema) => (columnOf(schema, 'stock_quantity')['max'] = 100_000)), 'schemas').schemas;
    expect(columnsError(configWith(STOCK, 249), stockMax)).toBeUndefined();
    expect(columnsError(configWith(STOCK, 1000), stockMax)).toBe(`${FILE}: products.median_stock must be at most 249 to fit products.stock_quantity INTEGER (min 0, max 100000): stock is drawn up to 401 x the median (got 1000)`);
    expect(columnsError(configWith(STOCK, 250), stockMax)).toMatch(/median_stock must be at most 249 /);
  });
});
