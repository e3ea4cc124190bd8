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
    cpuSecondsPerRun: runs.map((run) => round(run.cpuSeconds, 3)),
    rssMbPerRun: runs.map((run) => round(run.rssMb, 1)),
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
 * Jobs marked `optional` (a flag an older build may not have) that fail are dropped from the
 * repetitions and come back as `{ label, command, failed }`; any other failure ends the group.
 * With `alternate`, every other repetition runs the jobs in reverse order (A B, B A, ...), so neither
 * job of a pair always goes first (after the other's page cache, or into a fresh burst of load).
 * @param {{ label: string, command: string, run: () => object, optional?: boolean }[]} jobs
 * @param {{ alternate?: boolean }} [options]
 * @returns the summaries, in job order
 */
export function measureInterleaved(jobs, repetitions, log, options = {}) {
  const runs = jobs.map(() => []);
  const failed = jobs.map(() => undefined);
  const order = jobs.map((job, index) => index);
  for (let repetition = 1; repetition <= repetitions; repetition++) {
    const indices = options.alternate && repetition % 2 === 0 ? [...order].reverse() : order;
    indices.forEach((index) => {
      const job = jobs[index];
      if (failed[index] !== undefined) return;
      let run;
      try {
        run = job.run();
      } catch (error) {
        if (!job.optional) throw error;
        failed[index] = firstLine(error);
        log(`  ${job.label}: failed, left out (${failed[index]})`);
        return;
      }
      runs[index].push(run);
      log(`  ${job.label} [${repetition}/${repetitions}]: ${run.seconds.toFixed(2)} s, ${run.rssMb.toFixed(0)} MB peak RSS, ${run.cpuSeconds.toFixed(1)} CPU s`);
    });
  }
  return jobs.map((job, index) => (failed[index] === undefined ? summarise(job.label, job.command, runs[index]) : { label: job.label, command: job.command, failed: failed[index] }));
}

/** What an error says in one line: the CLI's own `ecomgen: ...` line when there is one, else the last line. */
export function firstLine(error) {
  const lines = String(error instanceof Error ? error.message : error).split('\n').map((line) => line.trim()).filter(Boolean);
  const cli = lines.find((line) => line.includes('ecomgen: '));
  return (cli ? cli.slice(cli.indexOf('ecomgen: ')) : (lines.at(-1) ?? 'failed')).slice(0, 300);
}

/**
 * The median over repetitions of `a`'s figure over `b`'s in the same repetition. Jobs of a group run
 * one after the other in each repetition, so each pair shares the machine's load of that moment.
 * @param {'seconds' | 'cpuSecondsPerRun' | 'rssMbPerRun'} key
 */
export function pairedRatio(a, b, key) {
  const count = Math.min(a[key].length, b[key].length);
  const ratios = [];
  for (let index = 0; index < count; index++) ratios.push(a[key][index] / b[key][index]);
  return round(median(ratios), 3);
}
