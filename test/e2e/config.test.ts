// Config and schema files are checked at start-up: a bad one is one line naming the file and the problem.
import { describe, expect, it } from 'vitest';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig, loadSchemas, SchemaError } from 'ecomgen';
import { REPO_ROOT, tempDir } from '../helpers/run.js';

const CONFIG = join(REPO_ROOT, 'config/config.yaml');

function configWith(edit: (text: string) => string): string {
  const file = join(tempDir('config'), 'config.yaml');
  writeFileSync(file, edit(readFileSync(CONFIG, 'utf8')));
  return file;
}

function schemasWith(table: string, edit: (schema: { columns: Record<string, unknown>[] }) => void): string {
  const dir = join(tempDir('schemas'), 'schemas');
  cpSync(join(REPO_ROOT, 'schemas'), dir, { recursive: true });
  const file = join(dir, `${table}.json`);
  const schema = JSON.parse(readFileSync(file, 'utf8')) as { columns: Record<string, unknown>[] };
  edit(schema);
  writeFileSync(file, JSON.stringify(schema));
  return dir;
}

describe('config.yaml', () => {
  it('loads the shipped config', () => {
    const { config } = loadConfig(CONFIG);
    expect(config.environments['prod']?.web_events).toBe(5_000_000);
    expect(config.window.start).toBe('2022-01-01');
  });

  it('reports a YAML syntax error with line and column', () => {
    const file = configWith((text) => text.replace('seed: 42', 'seed: [42'));
    expect(() => loadConfig(file)).toThrow(ConfigError);
    expect(() => loadConfig(file)).toThrow(/config\.yaml: line \d+, column \d+ YAML syntax error/);
  });

  it('names the key path of a wrong value', () => {
    const file = configWith((text) => text.replace('web_events: 5000000', 'web_events: lots'));
    expect(() => loadConfig(file)).toThrow(/environments\.prod\.web_events must be a number \(got "lots"\)/);
    const negative = configWith((text) => text.replace('    orders: 500000', '    orders: -1'));
    expect(() => loadConfig(negative)).toThrow(/environments\.prod\.orders must be at least 0/);
    const shares = configWith((text) => text.replace('{ share_pct: 60, weight: 0.5 }', '{ share_pct: 50, weight: 0.5 }'));
    expect(() => loadConfig(shares)).toThrow(/products\.popularity_tiers share_pct values must add up to 100/);
    const date = configWith((text) => text.replace('start: "2022-01-01"', 'start: "2022-02-30"'));
    expect(() => loadConfig(date)).toThrow(/window\.start must be a date written YYYY-MM-DD/);
  });
});

describe('schemas', () => {
  it('loads the shipped schemas', () => {
    const { schemas } = loadSchemas(join(REPO_ROOT, 'schemas'));
    expect(schemas.orders.columns.find((column) => column.name === 'customer_id')?.foreignKey).toEqual({ table: 'customers', column: 'customer_id' });
  });

  it('rejects an unknown type, a duplicate column and a foreign key to a missing column', () => {
    const unknownType = schemasWith('orders', (schema) => {
      (schema.columns[2] as Record<string, unknown>)['type'] = 'DATETIME';
    });
    expect(() => loadSchemas(unknownType)).toThrow(SchemaError);
    expect(() => loadSchemas(unknownType)).toThrow(/orders\.json: column order_date has unknown type "DATETIME"/);
    const duplicate = schemasWith('products', (schema) => {
      schema.columns.push({ ...(schema.columns[1] as Record<string, unknown>) });
    });
    expect(() => loadSchemas(duplicate)).toThrow(/products\.json: column sku is listed twice/);
    const badKey = schemasWith('order_items', (schema) => {
      (schema.columns[1] as Record<string, unknown>)['foreign_key'] = { table: 'orders', column: 'order_number' };
    });
    expect(() => loadSchemas(badKey)).toThrow(/order_items\.json: column order_id references missing column orders\.order_number/);
  });

  it('rejects a malformed JSON file', () => {
    const dir = join(tempDir('schemas'), 'schemas');
    cpSync(join(REPO_ROOT, 'schemas'), dir, { recursive: true });
    writeFileSync(join(dir, 'customers.json'), '{ "table_name": ');
    expect(() => loadSchemas(dir)).toThrow(/customers\.json: is not valid JSON/);
  });
});
