// Whole-process runs of every preset, and of prod with 1, 2, ... workers (speed-up), interleaved.
import { runCli } from '../lib/cliRun.mjs';
import { measureInterleaved } from '../lib/measure.mjs';
import { round } from '../lib/stats.mjs';

const label = (preset, workers) => `${preset} (${workers} worker${workers === 1 ? '' : 's'})`;

function job(preset, workers, settings) {
  const args = ['-e', preset, '--workers', String(workers)];
  return { label: label(preset, workers), command: `ecomgen generate ${args.join(' ')}`, preset, workers, run: () => runCli(args, settings.tempRoot) };
}

export function runEndToEnd(settings, log) {
  const jobs = settings.presets.map((preset) => job(preset, settings.workers, settings));
  for (const workers of settings.scalingWorkers) {
    if (!jobs.some((existing) => existing.preset === 'prod' && existing.workers === workers)) jobs.push(job('prod', workers, settings));
  }
  log(`End to end: ${jobs.map((entry) => entry.label).join(', ')}; ${settings.repetitions} repetitions, interleaved`);
  const summaries = measureInterleaved(jobs, settings.repetitions, log);
  const withMeta = summaries.map((summary, index) => ({ ...summary, preset: jobs[index].preset, workers: jobs[index].workers }));

  const presets = withMeta.filter((summary) => settings.presets.includes(summary.preset) && summary.workers === settings.workers);
  const prodRuns = withMeta.filter((summary) => summary.preset === 'prod' && settings.scalingWorkers.includes(summary.workers)).sort((a, b) => a.workers - b.workers);
  const one = prodRuns.find((summary) => summary.workers === 1);
  const scaling = one
    ? {
        runs: prodRuns.map((summary) => ({ workers: summary.workers, label: summary.label, medianSeconds: summary.medianSeconds, speedUp: round(one.medianSeconds / summary.medianSeconds, 2), medianCpuSeconds: summary.medianCpuSeconds, coresBusy: summary.coresBusy, medianPeakRssMb: summary.medianPeakRssMb })),
        // With 1 worker the process already keeps more than one core busy (main thread writing and
        // hashing, GC helpers, libuv): on `cores` cores no worker count can beat this.
        // Below one core busy, the run was starved by other load and says nothing about the ceiling.
        cpuBoundCeiling: one.coresBusy >= 1 ? round(settings.cores / one.coresBusy, 2) : undefined,
      }
    : undefined;
  return { presets, scaling, all: withMeta };
}
