// `--start` / `--end` on a real run: the data equals an equivalent config file's, the run's identity
// carries the window (up to date with the same flags, refused without them), and the result validates.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli, tempDir } from '../helpers/run.js';

const TINY = ['--customers', '40', '--products', '30', '--orders', '120', '-w', '1', '-q'];

interface ManifestFiles {
  config_sha256: string;
  files: { file: string; sha256: string }[];
}
const manifestOf = (dir: string): ManifestFiles => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as ManifestFiles;

describe('the window on the command line', () => {
  it('gives the bytes of a config file with that window, and is part of the run identity', () => {
    const root = tempDir('window');
    const byFlags = join(root, 'flags');
    const run = runCli(['generate', ...TINY, '--start', '2023-03-01', '--end', '2023-08-31', '-o', byFlags]);
    expect(run.status, run.stderr).toBe(0);
    const configFile = join(root, 'config.yaml');
    const text = readFileSync(join(REPO_ROOT, 'config/config.yaml'), 'utf8');
    writeFileSync(configFile, text.replace(/start: "\d{4}-\d\d-\d\d"/, 'start: "2023-03-01"').replace(/end: "\d{4}-\d\d-\d\d"/, 'end: "2023-08-31"'));
    const byFile = join(root, 'file');
    expect(runCli(['generate', ...TINY, '--config', configFile, '-o', byFile]).status).toBe(0);
    expect(manifestOf(byFlags).files).toEqual(manifestOf(byFile).files);
    expect(manifestOf(byFlags).config_sha256).toBe(manifestOf(byFile).config_sha256);
    const dates = readFileSync(join(byFlags, 'orders.csv'), 'utf8').trim().split('\n').slice(1).map((row) => row.split(',')[2] ?? '');
    expect(dates.every((date) => date >= '2023-03-01' && date < '2023-09-01')).toBe(true);

    const again = runCli(['generate', ...TINY, '--start', '2023-03-01', '--end', '2023-08-31', '-o', byFlags]);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toContain('is up to date');
    const other = runCli(['generate', ...TINY, '-o', byFlags]);
    expect(other.status).toBe(2);
    expect(other.stderr).toMatch(/already holds a dataset.*pass --force/);

    const valid = runCli(['validate', byFlags]);
    expect(valid.status, valid.stdout).toBe(0);
  });

  it('a bad window is one line naming the flag, exit 2', () => {
    const dir = tempDir('window-bad');
    const result = runCli(['generate', ...TINY, '--start', '2024-06-01', '--end', '2024-05-31', '-o', dir]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('ecomgen: --end: --end 2024-05-31 is before --start 2024-06-01\n');
  });
});
