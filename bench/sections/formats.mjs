// prod in every output format, interleaved with plain CSV so the ratios share the machine's noise:
// what JSON lines, gzip (at its default level 6 and at level 1) and Parquet (its default snappy pages, and
// zstd's) cost on top of the generation.
import { runCli } from '../lib/cliRun.mjs';
import { measureInterleaved, pairedRatio } from '../lib/measure.mjs';
import { round } from '../lib/stats.mjs';

const FORMATS = [
  { label: 'csv', flags: [] },
  { label: 'csv.gz', flags: ['--compress', 'gzip'] },
  // A build without gzip levels refuses the flag: the job is left out and the section says so.
  { label: 'csv.gz level 1', flags: ['--compress', 'gzip:1'], optional: true },
  { label: 'jsonl', flags: ['--format', 'jsonl'] },
  { label: 'jsonl.gz', flags: ['--format', 'jsonl', '--compress', 'gzip'] },
  // The default codec (snappy since --parquet-compression; zstd in older builds): the #17 target's run.
  { label: 'parquet', flags: ['--format', 'parquet'] },
  // Reported against the default, not targeted: smaller files for more CPU. An older build refuses the flag.
  { label: 'parquet zstd', flags: ['--format', 'parquet', '--parquet-compression', 'zstd'], optional: true },
];

/** gzip:1 against plain gzip (level 6): time and size (issue 17 item 6), when both ran. */
function gzipLevels(runs) {
  const six = runs.find((run) => run.format === 'csv.gz');
  const one = runs.find((run) => run.format === 'csv.gz level 1');
  if (!six || six.failed || !one) return { skipped: 'the csv.gz runs were skipped' };
  if (one.failed) return { skipped: `gzip:1 failed (${one.failed})` };
  return { one, six, timeRatio: pairedRatio(one, six, 'seconds'), cpuRatio: pairedRatio(one, six, 'cpuSecondsPerRun'), sizeRatio: round(one.bytes / six.bytes, 3) };
}

/** `--parquet-compression zstd` against the default codec (snappy): time, CPU and size, when both ran. */
function parquetCodecs(runs) {
  const snappy = runs.find((run) => run.format === 'parquet');
  const zstd = runs.find((run) => run.format === 'parquet zstd');
  if (!snappy || snappy.failed || !zstd) return { skipped: 'the parquet runs were skipped' };
  if (zstd.failed) return { skipped: `--parquet-compression zstd failed (${zstd.failed})` };
  return { zstd, snappy, timeRatio: pairedRatio(zstd, snappy, 'seconds'), cpuRatio: pairedRatio(zstd, snappy, 'cpuSecondsPerRun'), sizeRatio: round(zstd.bytes / snappy.bytes, 3) };
}

export function runFormats(settings, log) {
  if (settings.skipFormats) return { skipped: 'skipped by BENCH_SKIP_FORMATS=1 / --skip-formats' };
  const preset = settings.targetPreset;
  const jobs = FORMATS.map(({ label, flags, optional }) => {
    const args = ['-e', preset, '--workers', String(settings.workers), ...flags];
    return { label: `${preset} ${label} (${settings.workers} workers)`, command: `ecomgen generate ${args.join(' ')}`, format: label, optional, run: () => runCli(args, settings.tempRoot) };
  });
  log(`Formats: ${jobs.map((job) => job.format).join(', ')}; ${settings.repetitions} repetitions, interleaved`);
  const summaries = measureInterleaved(jobs, settings.repetitions, log).map((summary, index) => ({ ...summary, format: jobs[index].format }));
  const csv = summaries[0];
  const runs = summaries.map((summary) => (summary.failed ? summary : { ...summary, timeVsCsv: pairedRatio(summary, csv, 'seconds') }));
  return { preset, runs, gzipLevels: gzipLevels(runs), parquetCodecs: parquetCodecs(runs) };
}
