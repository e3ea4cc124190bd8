// `node bench/profile.mjs [--top N]`: CPU-profiles a prod run with one worker (one .cpuprofile per
// thread in /tmp/prof, or $PROFILE_DIR) and prints the top self-time functions per thread. The dataset
// goes to a temporary directory that is removed afterwards; the profiles are kept for DevTools.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const profileDir = process.env.PROFILE_DIR || '/tmp/prof';
const output = mkdtempSync(join(tmpdir(), 'ecomgen-profrun-'));
rmSync(profileDir, { recursive: true, force: true });
try {
  const cli = join(root, 'dist/src/cli/main.js');
  const run = spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, cli, 'generate', '-e', 'prod', '--workers', '1', '-q', '-o', output], { stdio: 'inherit' });
  if (run.status !== 0) {
    process.stderr.write(`profile: ecomgen exited with ${run.status ?? run.signal}\n`);
    process.exit(1);
  }
} finally {
  rmSync(output, { recursive: true, force: true });
}
const summary = spawnSync(process.execPath, [join(root, 'bench/profileSummary.mjs'), profileDir, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(summary.status ?? 1);
