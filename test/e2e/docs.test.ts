// `ecomgen docs` as a process: the committed data dictionary kept current, --output and --schemas, and
// the exit on an unwritable file. The dictionary's content is read back against the schemas in memory
// in test/unit/ddl/dataDictionary.test.ts.
import { describe, expect, it } from 'vitest';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, runCli, tempDir } from '../helpers/run.js';

function docs(args: string[] = []): string {
  const result = runCli(['docs', ...args]);
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

/** The markdown between `## <table>` and the next `## `. */
function section(markdown: string, table: string): string {
  const start = markdown.indexOf(`\n## ${table}\n`);
  expect(start, `section ${table}`).toBeGreaterThan(0);
  const end = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, end < 0 ? undefined : end);
}

describe('ecomgen docs', () => {
  it('matches the committed schemas/README.md', () => {
    const committed = readFileSync(join(REPO_ROOT, 'schemas', 'README.md'), 'utf8');
    expect(docs() === committed, 'schemas/README.md is out of date with schemas/*.json: refresh it with `npx ecomgen docs --output schemas/README.md`').toBe(true);
  });

  it('--output writes the same text to a file, and --schemas reads another schema directory', () => {
    const dir = tempDir('docs');
    const out = join(dir, 'dictionary.md');
    const result = runCli(['docs', '--output', out]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toBe(docs());

    const schemaDir = join(dir, 'schemas');
    cpSync(join(REPO_ROOT, 'schemas'), schemaDir, { recursive: true });
    const file = join(schemaDir, 'orders.json');
    const orders = JSON.parse(readFileSync(file, 'utf8')) as { description: string };
    orders.description = 'Orders | with a pipe, to be escaped in the table cell.';
    writeFileSync(file, JSON.stringify(orders));
    expect(section(docs(['--schemas', schemaDir]), 'orders')).toContain('Orders | with a pipe');
  });

  it('refuses an unwritable --output with one line and exit 2', () => {
    const result = runCli(['docs', '--output', '/no/such/dir/README.md']);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^ecomgen: --output: cannot write/);
  });
});
