// One whole-process `ecomgen generate` run into a fresh temporary directory (removed afterwards):
// wall time, peak RSS, CPU time, rows and bytes from the manifest, per-table figures from the log.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runProcess } from './runProcess.mjs';
import { tableFigures } from './tableLog.mjs';

const cli = join(import.meta.dirname, '..', '..', 'dist', 'src', 'cli', 'main.js');

/**
 * @param {string[]} args generate flags, without the output directory or --quiet (the log is parsed)
 * @param {string} [cliPath] another build's main.js (the in-run baseline of bench/sections/baselineRev.mjs)
 */
export function runCli(args, tempRoot, cliPath = cli) {
  const dir = mkdtempSync(join(tempRoot, 'ecomgen-bench-'));
  try {
    const run = runProcess([cliPath, 'generate', ...args, '--output-dir', dir]);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    const { inProcessMs, tables } = tableFigures(run.stderr);
    return {
      seconds: run.seconds,
      rssMb: run.rssMb,
      cpuSeconds: run.cpuSeconds,
      threads: run.threads,
      rows: manifest.files.reduce((sum, file) => sum + file.rows, 0),
      bytes: manifest.files.reduce((sum, file) => sum + file.bytes, 0),
      inProcessSeconds: inProcessMs === undefined ? undefined : inProcessMs / 1000,
      tables,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
