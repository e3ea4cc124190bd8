// One whole-process run of a baseline script (`node <script> <rows> <file>`) writing into a fresh
// temporary directory (removed afterwards).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runProcess } from './runProcess.mjs';

const baselines = join(import.meta.dirname, '..', 'baselines');

export function runBaseline(script, rows, tempRoot) {
  const dir = mkdtempSync(join(tempRoot, 'ecomgen-baseline-'));
  try {
    const file = join(dir, 'web_events.csv');
    const run = runProcess([join(baselines, script), String(rows), file]);
    return { seconds: run.seconds, rssMb: run.rssMb, cpuSeconds: run.cpuSeconds, rows, bytes: statSync(file).size };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
