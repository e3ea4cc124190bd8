// A bad config or schema file stops the CLI with one line naming the file and the problem, exit 2,
// and nothing written: one process per class of error (the config file's parser, the config checked
// against the schemas' columns, a config that is a device, the schema files' parser). Each message is
// tested in memory in test/unit/config (a wrong value: parseConfig.test.ts), test/unit/plan
// (checkConfigColumns.test.ts) and test/unit/schema (a type past its bounds: parseColumnType.test.ts,
// parseSchemas.test.ts); an unreadable config and an unknown environment in cli.test.ts.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, REPO_ROOT, runCli, tempDir } from '../helpers/run.js';

function configWith(edit: (text: string) => string): string {
  const file = join(tempDir('config'), 'config.yaml');
  const text = readFileSync(join(REPO_ROOT, 'config/config.yaml'), 'utf8');
  const edited = edit(text);
  expect(edited).not.toBe(text);
  writeFileSync(file, edited);
  return file;
}

function schemasWith(table: string, edit: (text: string) => string): string {
  const dir = join(tempDir('schemas'), 'schemas');
  cpSync(join(REPO_ROOT, 'schemas'), dir, { recursive: true });
  const file = join(dir, `${table}.json`);
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, edit(text));
  return dir;
}

function expectOneLineExit2(args: readonly string[], pattern: RegExp): void {
  const out = tempDir('out');
  const result = runCli(['generate', '-o', out, '-q', ...args]);
  expect(result.status, result.stderr).toBe(2);
  const lines = result.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^ecomgen: /);
  expect(lines[0]).toMatch(pattern);
  expect(readdirSync(out)).toEqual([]);
}

describe('bad config and schema files: one line, exit 2, nothing written', () => {
  it('a YAML syntax error', () => {
    const file = configWith((text) => text.replace('seed: 42', 'seed: [42'));
    expectOneLineExit2(['--config', file], /config\.yaml: line \d+, column \d+ YAML syntax error/);
  });

  it('a value out of its domain (a shipping cost past its DECIMAL column)', () => {
    const file = configWith((text) => text.replace('cost_cents: 599', 'cost_cents: 9007199254740991'));
    expectOneLineExit2(['--config', file], /config\.yaml: orders\.shipping_methods\.standard\.cost_cents must be at most 9999999999 to fit orders\.shipping_cost DECIMAL\(10,2\)/);
  });

  it('a config that is a device: /dev/zero is refused at once, not read until memory runs out', () => {
    const out = tempDir('out');
    // A timeout turns a hang (reading /dev/zero forever) into a failure instead of a stuck suite.
    const result = spawnSync(process.execPath, [CLI, 'generate', '-o', out, '-q', '--config', '/dev/zero'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(result.error, 'the process ended by itself').toBeUndefined();
    expect(result.status, result.stderr).toBe(2);
    expect(result.stderr).toBe('ecomgen: /dev/zero: cannot read the config file (it is a character device, not a file)\n');
    expect(readdirSync(out)).toEqual([]);
  });

  it('a bad schema', () => {
    const dir = schemasWith('orders', (text) => text.replace('"type": "TIMESTAMP"', '"type": "DATETIME"'));
    expectOneLineExit2(['--schemas', dir], /orders\.json: column \w+ has unknown type "DATETIME"/);
  });
});

describe('generate --validate --schemas X checks against X', () => {
  it('reports the violations of a tightened rule, as validate --schemas X does', () => {
    // Prices up to $25 only: the generated catalogue has dearer products, so X finds violations.
    const dir = schemasWith('products', (text) => {
      const schema = JSON.parse(text) as { columns: Record<string, unknown>[] };
      const price = schema.columns.find((column) => column['name'] === 'price');
      expect(price).toBeDefined();
      Object.assign(price as Record<string, unknown>, { max: 25 });
      return JSON.stringify(schema);
    });
    const out = tempDir('out');
    const counts = ['--customers', '200', '--products', '100', '--orders', '400'];
    const generated = runCli(['generate', '-o', out, '-q', ...counts, '--schemas', dir, '--validate']);
    const validated = runCli(['validate', out, '--schemas', dir]);
    expect(validated.status, validated.stderr).toBe(1);
    const failedLine = /^FAILED\s+COL-TYPE\s.*$/m;
    const expected = failedLine.exec(validated.stdout)?.[0];
    expect(expected, validated.stdout).toMatch(/\d+ violations?$/);
    expect(generated.status, generated.stderr).toBe(1);
    expect(failedLine.exec(generated.stdout)?.[0]).toBe(expected);
    expect(generated.stdout).toMatch(/^INVALID: /m);
  });
});

describe("the build's parsed copy of the shipped config (dist/data/config.parsed.json)", () => {
  type ConfigModule = typeof import('../../src/config/loadConfig.js');
  const built = (): Promise<ConfigModule> => import(join(REPO_ROOT, 'dist/src/config/loadConfig.js')) as Promise<ConfigModule>;

  it('is what the built parser makes of config/config.yaml, and stands in for no other text', async () => {
    const { loadConfig, parseConfig } = await built();
    const shipped = join(REPO_ROOT, 'config/config.yaml');
    const text = readFileSync(shipped, 'utf8');
    const loaded = loadConfig(shipped);
    expect(loaded.config).toStrictEqual(parseConfig(text, shipped));
    expect(JSON.stringify(loaded.config)).toBe(JSON.stringify(parseConfig(text, shipped)));
    // An edited copy is parsed from its own text.
    expect(loadConfig(configWith((original) => original.replace('seed: 42', 'seed: 43'))).config.seed).toBe(43);
  });
});
