// prod in every output format, interleaved with plain CSV so the ratios share the machine's noise:
// what JSON lines, gzip and Parquet cost on top of the generation.
import { runCli } from '../lib/cliRun.mjs';
import { measureInterleaved } from '../lib/measure.mjs';
import { round } from '../lib/stats.mjs';

const FORMATS = [
  { label: 'csv', flags: [] },
  { label: 'csv.gz', flags: ['--compress', 'gzip'] },
  { label: 'jsonl', flags: ['--format', 'jsonl'] },
  { label: 'jsonl.gz', flags: ['--format', 'jsonl', '--compress', 'gzip'] },
  { label: 'parquet', flags: ['--format', 'parquet'] },
];

export function runFormats(settings, log) {
  if (settings.skipFormats) return { skipped: 'skipped by BENCH_SKIP_FORMATS=1 / --skip-formats' };
  const jobs = FORMATS.map(({ label, flags }) => {
    const args = ['-e', 'prod', '--workers', String(settings.workers), ...flags];
    return { label: `prod ${label} (${settings.workers} workers)`, command: `ecomgen generate ${args.join(' ')}`, format: label, run: () => runCli(args, settings.tempRoot) };
  });
  log(`Formats: ${jobs.map((job) => job.format).join(', ')}; ${settings.repetitions} repetitions, interleaved`);
  const summaries = measureInterleaved(jobs, settings.repetitions, log).map((summary, index) => ({ ...summary, format: jobs[index].format }));
  const csv = summaries[0];
  return { runs: summaries.map((summary) => ({ ...summary, timeVsCsv: round(summary.medianSeconds / csv.medianSeconds, 2) })) };
}
