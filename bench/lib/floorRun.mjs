// One run of bench/diskFloor.mjs into a fresh temporary directory (removed afterwards).
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runProcess } from './runProcess.mjs';

const script = join(import.meta.dirname, '..', 'diskFloor.mjs');

export function runDiskFloor(bytes, tempRoot) {
  const dir = mkdtempSync(join(tempRoot, 'ecomgen-floor-'));
  try {
    const run = runProcess([script, String(bytes), join(dir, 'floor.bin')]);
    return { seconds: run.seconds, rssMb: run.rssMb, cpuSeconds: run.cpuSeconds, rows: 0, bytes, tables: [] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
