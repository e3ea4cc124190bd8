// `ecomgen validate` on a prod dataset against generating it (issue 17: validating prod takes at most the
// time of generating it, peak RSS at most 300 MB). One prod dataset is written first (not timed) and kept
// for the validations; generate and validate then run interleaved, so each pair shares the moment's load.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../lib/cliRun.mjs';
import { measureInterleaved, pairedRatio } from '../lib/measure.mjs';
import { runProcess } from '../lib/runProcess.mjs';

const cli = join(import.meta.dirname, '..', '..', 'dist', 'src', 'cli', 'main.js');

/** Whether this build's `validate` takes --workers (a newer build spreads the tables over workers). */
function validateTakesWorkers() {
  const help = spawnSync(process.execPath, [cli, 'validate', '--help'], { encoding: 'utf8' });
  return /--workers\b/.test(help.stdout);
}

export function runValidate(settings, log) {
  if (settings.skipValidate) return { skipped: 'skipped by BENCH_SKIP_VALIDATE=1 / --skip-validate' };
  const preset = settings.targetPreset;
  const generateArgs = ['-e', preset, '--workers', String(settings.workers)];
  const dir = mkdtempSync(join(settings.tempRoot, 'ecomgen-bench-validate-'));
  try {
    const data = join(dir, 'data');
    log(`Validate: writing the ${preset} dataset to validate (not timed) ...`);
    runProcess([cli, 'generate', ...generateArgs, '--quiet', '--no-samples', '--output-dir', data]);
    const workers = validateTakesWorkers() ? ['--workers', String(settings.workers)] : [];
    const validateArgs = ['validate', data, '--format', 'json', ...workers];
    const jobs = [
      { label: `generate ${preset} (${settings.workers} workers)`, command: `ecomgen generate ${generateArgs.join(' ')}`, run: () => runCli(generateArgs, settings.tempRoot) },
      {
        label: `validate ${preset}${workers.length ? ` (${settings.workers} workers)` : ''}`,
        command: `ecomgen validate <${preset} dir> --format json${workers.length ? ` --workers ${settings.workers}` : ''}`,
        run: () => ({ ...runProcess([cli, ...validateArgs]), rows: 0, bytes: 0, tables: [] }),
      },
    ];
    log(`Validate: ${jobs.map((job) => job.label).join(', ')}; ${settings.repetitions} repetitions, interleaved`);
    const [generate, validate] = measureInterleaved(jobs, settings.repetitions, log, { alternate: true });
    return { preset, generate, validate, workersFlag: workers.length > 0, timeVsGenerate: pairedRatio(validate, generate, 'seconds') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
