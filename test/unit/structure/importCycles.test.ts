// No import cycles in the shipped code (src/ and workers/), type-only imports included: a cycle is
// where a layer stops being one, and where module initialisation order starts to matter.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { parseCircular, parseDependencyTree } from 'dpdm';
import { REPO_ROOT } from '../../helpers/run.js';

async function cyclesUnder(patterns: string[]): Promise<{ files: number; cycles: string[][] }> {
  const tree = await parseDependencyTree(patterns, { context: REPO_ROOT, cwd: REPO_ROOT, transform: false, skipDynamicImports: false, tsconfig: join(REPO_ROOT, 'tsconfig.json') });
  const files = Object.keys(tree).filter((file) => !file.includes('node_modules'));
  return { files: files.length, cycles: parseCircular(tree) };
}

describe('import structure', () => {
  it('has no import cycle in src/ or workers/', async () => {
    const { files, cycles } = await cyclesUnder(['src/**/*.ts', 'workers/**/*.ts']);
    // The glob must have found the code: an empty tree has no cycles either.
    expect(files).toBeGreaterThan(100);
    expect(cycles.map((cycle) => cycle.join(' -> '))).toEqual([]);
  });

  it('reports a cycle when there is one', async () => {
    const { files, cycles } = await cyclesUnder(['test/unit/structure/fixtures/cycle/*.ts']);
    expect(files).toBe(2);
    expect(cycles).toHaveLength(1);
    expect([...(cycles[0] ?? [])].sort()).toEqual([
      'test/unit/structure/fixtures/cycle/first.ts',
      'test/unit/structure/fixtures/cycle/second.ts',
    ]);
  });
});
