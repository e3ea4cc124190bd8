// A bad config or schema file stops the CLI with one line naming the file and the problem, exit 2,
// and nothing written: one process per class of error. (Each message is tested in memory in
// test/unit/config and test/unit/schema; an unreadable config and an unknown environment in cli.test.ts.)
import { describe, expect, it } from 'vitest';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, runCli, tempDir } from '../helpers/run.js';

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

  it('a wrong value', () => {
    const file = configWith((text) => text.replace('web_events: 5000000', 'web_events: lots'));
    expectOneLineExit2(['--config', file], /config\.yaml: environments\.prod\.web_events must be a number \(got "lots"\)/);
  });

  it('a bad schema', () => {
    const dir = schemasWith('orders', (text) => text.replace('"type": "TIMESTAMP"', '"type": "DATETIME"'));
    expectOneLineExit2(['--schemas', dir], /orders\.json: column \w+ has unknown type "DATETIME"/);
  });
});
