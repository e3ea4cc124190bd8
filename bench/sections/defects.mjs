// A dirty prod run (`--defects 0.01`) against a clean one (issue 15: at most 1.10x the clean run's time).
// The two run in pairs (clean, dirty, clean, dirty, ...) and the ratio is the median of each pair's, so a
// burst of someone else's load hits both runs of a pair alike. Wall time and CPU time are both reported.
import { runCli } from '../lib/cliRun.mjs';
import { measureInterleaved, pairedRatio } from '../lib/measure.mjs';

const RATE = '0.01';

export function runDefects(settings, log) {
  if (settings.skipDefects) return { skipped: 'skipped by BENCH_SKIP_DEFECTS=1 / --skip-defects' };
  const preset = settings.targetPreset;
  const clean = ['-e', preset, '--workers', String(settings.workers)];
  const dirty = [...clean, '--defects', RATE];
  const jobs = [
    { label: `${preset} clean (${settings.workers} workers)`, command: `ecomgen generate ${clean.join(' ')}`, run: () => runCli(clean, settings.tempRoot) },
    { label: `${preset} --defects ${RATE} (${settings.workers} workers)`, command: `ecomgen generate ${dirty.join(' ')}`, run: () => runCli(dirty, settings.tempRoot) },
  ];
  const repetitions = settings.pairedRepetitions;
  log(`Defects: ${jobs.map((job) => job.label).join(', ')}; ${repetitions} pairs`);
  const [cleanRun, dirtyRun] = measureInterleaved(jobs, repetitions, log, { alternate: true });
  return {
    preset,
    rate: Number(RATE),
    clean: cleanRun,
    dirty: dirtyRun,
    wallRatio: pairedRatio(dirtyRun, cleanRun, 'seconds'),
    cpuRatio: pairedRatio(dirtyRun, cleanRun, 'cpuSecondsPerRun'),
    rssRatio: pairedRatio(dirtyRun, cleanRun, 'rssMbPerRun'),
    extraCpu: extraCpu(cleanRun, dirtyRun),
  };
}

/**
 * Where the dirty run's extra CPU seconds go (median split of each, dirty minus clean): the worker
 * threads (the defect pass), the main thread (the answer key) or the other threads (V8's GC helpers:
 * dirty rows kept alive through the pass once cost each worker extra full collections).
 */
function extraCpu(clean, dirty) {
  if (!clean.threadCpu || !dirty.threadCpu) return undefined;
  const difference = (key) => Math.round((dirty.threadCpu[key] - clean.threadCpu[key]) * 100) / 100;
  return { workersS: difference('workersS'), mainS: difference('mainS'), otherS: difference('otherS') };
}
