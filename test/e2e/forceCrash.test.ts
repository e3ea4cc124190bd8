// --force is crash-safe: the process is killed with SIGKILL before each step of a real swap in turn
// (ECOMGEN_CRASH_AT_SWAP_STEP), and every time the directory is the old dataset whole, the new one whole,
// or holds the swap journal from which a rerun of the same --force, or --resume, makes the new one whole.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Manifest } from 'ecomgen';
import { CLI, REPO_ROOT, runCli, splitStderr, tempDir } from '../helpers/run.js';

// No samples: they are swapped in and out like tables, and each one would add two more runs below.
const TINY = ['--customers', '30', '--products', '20', '--orders', '60', '-w', '1', '--no-samples'];
const OLD = ['generate', ...TINY, '--seed', '7'];
// Another seed and fewer tables: the swap renames new files over old ones and removes old ones it lacks.
const NEW = ['generate', ...TINY, '--seed', '8', '--tables', 'customers,products,orders', '--force'];
const SWAP_JOURNAL = '.ecomgen-swap.json';

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/**
 * The dataset of `manifestText`, whole: that very manifest, every file it lists with its sha256, and no
 * other dataset file (hidden files aside).
 */
function isWhole(dir: string, manifestText: string): boolean {
  const manifestPath = join(dir, 'manifest.json');
  if (existsSync(join(dir, SWAP_JOURNAL)) || !existsSync(manifestPath) || readFileSync(manifestPath, 'utf8') !== manifestText) return false;
  const manifest = JSON.parse(manifestText) as Manifest;
  if (!manifest.files.every((file) => existsSync(join(dir, file.file)) && sha256(join(dir, file.file)) === file.sha256)) return false;
  const listed = ['manifest.json', ...manifest.files.map((file) => file.file), ...manifest.samples].sort();
  return JSON.stringify(readdirSync(dir).filter((name) => !name.startsWith('.')).sort()) === JSON.stringify(listed);
}

function run(args: readonly string[], dir: string, env: Readonly<Record<string, string>> = {}): { status: number | null; signal: NodeJS.Signals | null; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args, '-o', dir], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: result.status, signal: result.signal, stderr: result.stderr };
}

describe('--force killed at every step of its swap', () => {
  it('leaves the old dataset whole, the new one whole, or a swap journal that --force or --resume finishes', () => {
    const pristine = tempDir('swap-old');
    expect(run([...OLD, '-q'], pristine).status).toBe(0);
    const oldManifest = readFileSync(join(pristine, 'manifest.json'), 'utf8');
    expect(isWhole(pristine, oldManifest)).toBe(true);

    // An uninterrupted replacement: the new dataset, and how many steps its swap has.
    const reference = tempDir('swap-new');
    cpSync(pristine, reference, { recursive: true });
    const replaced = run(NEW, reference);
    expect(replaced.status, replaced.stderr).toBe(0);
    const newManifest = readFileSync(join(reference, 'manifest.json'), 'utf8');
    expect(newManifest).not.toBe(oldManifest);
    expect(isWhole(reference, newManifest)).toBe(true);
    const steps = Number(splitStderr(replaced.stderr).logs.find((line) => line.msg === 'swapping')?.['steps']);
    // Journal written, old manifest and journal retired, 3 tables in, 2 tables out, manifest published,
    // journal removed.
    expect(steps).toBeGreaterThanOrEqual(8);

    const outcomes: string[] = [];
    const work = tempDir('swap-crash');
    for (let step = 1; step <= steps; step++) {
      rmSync(work, { recursive: true, force: true });
      cpSync(pristine, work, { recursive: true });
      const crashed = run([...NEW, '-q'], work, { ECOMGEN_CRASH_AT_SWAP_STEP: String(step) });
      expect(crashed.signal, `step ${step}: ${crashed.stderr}`).toBe('SIGKILL');
      if (isWhole(work, oldManifest)) {
        outcomes.push('old');
        const again = run([...NEW, '-q'], work);
        expect(again.status, `step ${step}: ${again.stderr}`).toBe(0);
      } else if (isWhole(work, newManifest)) {
        outcomes.push('new');
      } else {
        expect(existsSync(join(work, SWAP_JOURNAL)), `step ${step}: neither dataset whole and no swap journal`).toBe(true);
        outcomes.push('journal');
        if (step === 2) {
          // A plain run is refused (its warning about the killed run's stale lock aside).
          const plain = runCli([...OLD, '-q', '-o', work]);
          expect(plain.status).toBe(2);
          expect(splitStderr(plain.stderr).other).toEqual([`ecomgen: --output-dir: ${work} holds a replacement interrupted mid-swap (${SWAP_JOURNAL}); pass --resume or --force to finish it`]);
        }
        // --resume finishes the swap; so does the same --force (tried at one step: after finishing the swap
        // it generates the whole dataset again, which every step would pay for).
        const finish = step === 3 ? [...NEW, '-q'] : [...NEW.filter((arg) => arg !== '--force'), '--resume', '-q'];
        const finished = run(finish, work);
        expect(finished.status, `step ${step}: ${finished.stderr}`).toBe(0);
      }
      // Whatever the step, one more run makes the new dataset whole, and nothing of the killed run is
      // left: its lock was stale, its temporary files are removed.
      expect(isWhole(work, newManifest), `step ${step}: after the rerun`).toBe(true);
      expect(readdirSync(work).filter((name) => name.startsWith('.'))).toEqual([]);
    }
    expect(outcomes).toHaveLength(steps);
    // Before the journal is written the old dataset is whole; from then on the journal finishes it.
    expect(outcomes[0]).toBe('old');
    expect(outcomes.slice(1)).toEqual(Array.from({ length: steps - 1 }, () => 'journal'));
  });
});
