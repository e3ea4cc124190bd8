// Repetitions and their medians. Jobs of one group run interleaved (A B C, A B C, ...) rather than
// back to back, so a burst of load from someone else on the machine hits every job alike and the
// ratios between them stay meaningful.
import { median, round } from './stats.mjs';

function tableSummary(runs) {
  const first = runs[0].tables ?? [];
  return first.map(({ table, rows }) => {
    const of = (key) => median(runs.map((run) => run.tables.find((entry) => entry.table === table)[key]));
    const intervalMs = of('intervalMs');
    return { table, rows, medianIntervalMs: intervalMs, rowsPerSecond: Math.round(rows / (intervalMs / 1000)), medianLoggedMs: of('loggedMs') };
  });
}

/** Median CPU seconds of the main thread, the worker threads and the rest, when every run has the split. */
function threadSummary(runs) {
  if (!runs.every((run) => run.threads)) return undefined;
  const mainS = median(runs.map((run) => run.threads.mainS));
  const workersS = median(runs.map((run) => run.threads.workersS));
  const otherS = median(runs.map((run) => Math.max(0, run.cpuSeconds - run.threads.mainS - run.threads.workersS)));
  return { mainS: round(mainS, 2), workersS: round(workersS, 2), otherS: round(otherS, 2) };
}

/** Medians of one job's runs. */
export function summarise(label, command, runs) {
  const seconds = median(runs.map((run) => run.seconds));
  const cpuSeconds = median(runs.map((run) => run.cpuSeconds));
  const { rows, bytes } = runs[0];
  const inProcess = runs.map((run) => run.inProcessSeconds).filter((value) => value !== undefined);
  return {
    label,
    command,
    runs: runs.length,
    medianSeconds: round(seconds, 3),
    seconds: runs.map((run) => round(run.seconds, 3)),
    inProcessSeconds: inProcess.length ? round(median(inProcess), 3) : undefined,
    rows,
    bytes,
    rowsPerSecond: Math.round(rows / seconds),
    mbPerSecond: round(bytes / 1e6 / seconds, 1),
    medianPeakRssMb: round(median(runs.map((run) => run.rssMb)), 1),
    maxPeakRssMb: round(Math.max(...runs.map((run) => run.rssMb)), 1),
    medianCpuSeconds: round(cpuSeconds, 2),
    coresBusy: round(cpuSeconds / seconds, 2),
    rowsPerCpuSecond: Math.round(rows / cpuSeconds),
    threadCpu: threadSummary(runs),
    tables: tableSummary(runs),
  };
}

/**
 * @param {{ label: string, command: string, run: () => object }[]} jobs
 * @returns the summaries, in job order
 */
export function measureInterleaved(jobs, repetitions, log) {
  const runs = jobs.map(() => []);
  for (let repetition = 1; repetition <= repetitions; repetition++) {
    jobs.forEach((job, index) => {
      const run = job.run();
      runs[index].push(run);
      log(`  ${job.label} [${repetition}/${repetitions}]: ${run.seconds.toFixed(2)} s, ${run.rssMb.toFixed(0)} MB peak RSS, ${run.cpuSeconds.toFixed(1)} CPU s`);
    });
  }
  return jobs.map((job, index) => summarise(job.label, job.command, runs[index]));
}
