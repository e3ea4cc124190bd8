// Whole-process runs of every preset, and of prod with 1, 2, ... workers (speed-up), interleaved; and
// the same prod plan with the bytes dropped (bench/generationOnly.mjs), to tell how the generation
// itself scales apart from the output path (writes and sha256), whose cost does not shrink with workers;
// and the disk floor: prod's bytes written and fsynced by a bare loop (bench/diskFloor.mjs).
import { join } from 'node:path';
import { runCli } from '../lib/cliRun.mjs';
import { runDiskFloor } from '../lib/floorRun.mjs';
import { runProcess } from '../lib/runProcess.mjs';
import { measureInterleaved, pairedRatio } from '../lib/measure.mjs';
import { round } from '../lib/stats.mjs';

const label = (preset, workers) => `${preset} (${workers} worker${workers === 1 ? '' : 's'})`;

/** @param {(run: object) => void} [seen] told of every run (the disk floor takes the bytes of the last) */
function job(preset, workers, settings, seen) {
  const args = ['-e', preset, '--workers', String(workers)];
  return {
    label: label(preset, workers),
    command: `ecomgen generate ${args.join(' ')}`,
    preset,
    workers,
    run: () => {
      const run = runCli(args, settings.tempRoot);
      seen?.(run);
      return run;
    },
  };
}

const generationOnlyScript = join(import.meta.dirname, '..', 'generationOnly.mjs');

function generationOnlyJob(preset, workers) {
  return {
    label: `${preset} generation alone (${workers} worker${workers === 1 ? '' : 's'})`,
    command: `node bench/generationOnly.mjs ${workers} ${preset}`,
    generationOnly: true,
    workers,
    run: () => {
      const run = runProcess([generationOnlyScript, String(workers), preset]);
      const { rows, bytes } = JSON.parse(run.stdout.trim().split('\n').pop());
      return { ...run, rows, bytes, tables: [] };
    },
  };
}

/** The bytes of the target preset's last run, written and fsynced by a bare loop: the disk's floor. */
function diskFloorJob(preset, settings, lastBytes) {
  return {
    label: `disk floor: ${preset}'s bytes, one file, fsync`,
    command: `node bench/diskFloor.mjs <${preset}'s bytes> <file>`,
    diskFloor: true,
    run: () => runDiskFloor(lastBytes(), settings.tempRoot),
  };
}

export function runEndToEnd(settings, log) {
  const preset = settings.targetPreset;
  let targetBytes;
  const remember = (run) => {
    targetBytes = run.bytes;
  };
  const jobs = settings.presets.map((name) => job(name, settings.workers, settings, name === preset ? remember : undefined));
  for (const workers of settings.scalingWorkers) {
    if (!jobs.some((existing) => existing.preset === preset && existing.workers === workers)) jobs.push(job(preset, workers, settings, remember));
  }
  // Right after the target preset's runs of the same repetition, so both share the moment's load.
  const hasTarget = jobs.some((existing) => existing.preset === preset);
  if (!settings.skipDiskFloor && hasTarget) jobs.push(diskFloorJob(preset, settings, () => targetBytes));
  for (const workers of settings.scalingWorkers) jobs.push(generationOnlyJob(preset, workers));
  log(`End to end: ${jobs.map((entry) => entry.label).join(', ')}; ${settings.repetitions} repetitions, interleaved`);
  const summaries = measureInterleaved(jobs, settings.repetitions, log);
  const withMeta = summaries.map((summary, index) => ({ ...summary, preset: jobs[index].preset, workers: jobs[index].workers, generationOnly: jobs[index].generationOnly === true, diskFloor: jobs[index].diskFloor === true }));
  const floorRun = withMeta.find((summary) => summary.diskFloor);
  const floorReference = withMeta.find((summary) => summary.preset === preset && summary.workers === settings.workers) ?? withMeta.find((summary) => summary.preset === preset);
  const diskFloor = floorRun && floorReference
    ? { preset, floor: floorRun, run: { label: floorReference.label, medianSeconds: floorReference.medianSeconds, bytes: floorReference.bytes }, timeVsFloor: pairedRatio(floorReference, floorRun, 'seconds') }
    : { skipped: settings.skipDiskFloor ? 'skipped by BENCH_SKIP_DISK_FLOOR=1 / --skip-disk-floor' : `no ${preset} run (BENCH_PRESETS, BENCH_SCALING_WORKERS)` };
  const generationRuns = withMeta.filter((summary) => summary.generationOnly).sort((a, b) => a.workers - b.workers);
  const oneGeneration = generationRuns.find((summary) => summary.workers === 1);

  const presets = withMeta.filter((summary) => !summary.generationOnly && !summary.diskFloor && settings.presets.includes(summary.preset) && summary.workers === settings.workers);
  const prodRuns = withMeta.filter((summary) => !summary.generationOnly && !summary.diskFloor && summary.preset === preset && settings.scalingWorkers.includes(summary.workers)).sort((a, b) => a.workers - b.workers);
  const one = prodRuns.find((summary) => summary.workers === 1);
  const scaling = one
    ? {
        preset,
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
  return { presets, scaling, diskFloor, all: withMeta.filter((summary) => !summary.diskFloor) };
}
