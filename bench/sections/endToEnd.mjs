// Whole-process runs of every preset, and of prod with 1, 2, ... workers (speed-up), interleaved; and
// the same prod plan with the bytes dropped (bench/generationOnly.mjs), to tell how the generation
// itself scales apart from the output path (writes and sha256), whose cost does not shrink with workers.
import { join } from 'node:path';
import { runCli } from '../lib/cliRun.mjs';
import { runProcess } from '../lib/runProcess.mjs';
import { measureInterleaved } from '../lib/measure.mjs';
import { round } from '../lib/stats.mjs';

const label = (preset, workers) => `${preset} (${workers} worker${workers === 1 ? '' : 's'})`;

function job(preset, workers, settings) {
  const args = ['-e', preset, '--workers', String(workers)];
  return { label: label(preset, workers), command: `ecomgen generate ${args.join(' ')}`, preset, workers, run: () => runCli(args, settings.tempRoot) };
}

const generationOnlyScript = join(import.meta.dirname, '..', 'generationOnly.mjs');

function generationOnlyJob(workers) {
  return {
    label: `prod generation alone (${workers} worker${workers === 1 ? '' : 's'})`,
    command: `node bench/generationOnly.mjs ${workers}`,
    generationOnly: true,
    workers,
    run: () => {
      const run = runProcess([generationOnlyScript, String(workers)]);
      const { rows, bytes } = JSON.parse(run.stdout.trim().split('\n').pop());
      return { ...run, rows, bytes, tables: [] };
    },
  };
}

export function runEndToEnd(settings, log) {
  const jobs = settings.presets.map((preset) => job(preset, settings.workers, settings));
  for (const workers of settings.scalingWorkers) {
    if (!jobs.some((existing) => existing.preset === 'prod' && existing.workers === workers)) jobs.push(job('prod', workers, settings));
  }
  for (const workers of settings.scalingWorkers) jobs.push(generationOnlyJob(workers));
  log(`End to end: ${jobs.map((entry) => entry.label).join(', ')}; ${settings.repetitions} repetitions, interleaved`);
  const summaries = measureInterleaved(jobs, settings.repetitions, log);
  const withMeta = summaries.map((summary, index) => ({ ...summary, preset: jobs[index].preset, workers: jobs[index].workers, generationOnly: jobs[index].generationOnly === true }));
  const generationRuns = withMeta.filter((summary) => summary.generationOnly).sort((a, b) => a.workers - b.workers);
  const oneGeneration = generationRuns.find((summary) => summary.workers === 1);

  const presets = withMeta.filter((summary) => !summary.generationOnly && settings.presets.includes(summary.preset) && summary.workers === settings.workers);
  const prodRuns = withMeta.filter((summary) => !summary.generationOnly && summary.preset === 'prod' && settings.scalingWorkers.includes(summary.workers)).sort((a, b) => a.workers - b.workers);
  const one = prodRuns.find((summary) => summary.workers === 1);
  const scaling = one
    ? {
        runs: prodRuns.map((summary) => ({ workers: summary.workers, label: summary.label, medianSeconds: summary.medianSeconds, speedUp: round(one.medianSeconds / summary.medianSeconds, 2), medianCpuSeconds: summary.medianCpuSeconds, threadCpu: summary.threadCpu, coresBusy: summary.coresBusy, medianPeakRssMb: summary.medianPeakRssMb })),
        // With 1 worker the process already keeps more than one core busy (main thread writing and
        // hashing, GC helpers, libuv): on `cores` cores no worker count can beat this.
        // Below one core busy, the run was starved by other load and says nothing about the ceiling.
        cpuBoundCeiling: one.coresBusy >= 1 ? round(settings.cores / one.coresBusy, 2) : undefined,
        generationOnly: oneGeneration
          ? generationRuns.map((summary) => ({ workers: summary.workers, medianSeconds: summary.medianSeconds, speedUp: round(oneGeneration.medianSeconds / summary.medianSeconds, 2), medianCpuSeconds: summary.medianCpuSeconds, threadCpu: summary.threadCpu, coresBusy: summary.coresBusy, medianPeakRssMb: summary.medianPeakRssMb }))
          : undefined,
      }
    : undefined;
  return { presets, scaling, all: withMeta };
}
