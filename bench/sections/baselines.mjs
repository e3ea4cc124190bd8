// Our web_events alone against DuckDB (same rows) and a naive faker + csv-stringify loop (fewer rows;
// compared by rate), measured interleaved in the same run so the machine's load cancels out; and the
// whole prod run beside them for the CPU-per-row target (issue 17: prod's CPU seconds per row at most
// 0.7x DuckDB's).
import { runBaseline } from '../lib/baselineRun.mjs';
import { runCli } from '../lib/cliRun.mjs';
import { measureInterleaved, pairedRatio } from '../lib/measure.mjs';
import { round } from '../lib/stats.mjs';

const WEB_EVENTS_PROD = 5_000_000;

export function runBaselines(settings, log) {
  if (settings.skipBaselines) return { skipped: 'skipped by BENCH_SKIP_BASELINES=1 / --skip-baselines' };
  const ours = ['--tables', 'web_events', '-e', 'prod', '--workers', String(settings.workers)];
  const preset = settings.targetPreset;
  const wholeArgs = ['-e', preset, '--workers', String(settings.workers)];
  const jobs = [
    { label: `ecomgen web_events (${settings.workers} workers)`, command: `ecomgen generate ${ours.join(' ')}`, run: () => runCli(ours, settings.tempRoot) },
    { label: 'DuckDB COPY (2 threads)', command: `node bench/baselines/duckdbWebEvents.mjs ${WEB_EVENTS_PROD} <file>`, run: () => runBaseline('duckdbWebEvents.mjs', WEB_EVENTS_PROD, settings.tempRoot) },
    { label: 'naive faker + csv-stringify (1 thread)', command: `node bench/baselines/naiveWebEvents.mjs ${settings.naiveRows} <file>`, run: () => runBaseline('naiveWebEvents.mjs', settings.naiveRows, settings.tempRoot) },
    { label: `ecomgen ${preset}, every table (${settings.workers} workers)`, command: `ecomgen generate ${wholeArgs.join(' ')}`, run: () => runCli(wholeArgs, settings.tempRoot) },
  ];
  log(`Baselines: ${jobs.map((job) => job.label).join(', ')}; ${settings.repetitions} repetitions, interleaved`);
  const [ecomgen, duckdb, naive, whole] = measureInterleaved(jobs, settings.repetitions, log);
  return {
    ecomgen,
    duckdb,
    naive,
    whole,
    preset,
    // CPU seconds per row, ours (every table of the preset) over DuckDB's web_events, paired: below 1 we use less.
    cpuPerRowVsDuckdb: round(pairedRatio(whole, duckdb, 'cpuSecondsPerRun') * (duckdb.rows / whole.rows), 3),
    // Same rows: time over time, paired; below 1 we are faster.
    timeVsDuckdb: pairedRatio(ecomgen, duckdb, 'seconds'),
    // Different row counts: rate over rate; above 1 we are faster.
    speedVsNaive: round(ecomgen.rowsPerSecond / naive.rowsPerSecond, 1),
    cpuEfficiencyVsNaive: round(ecomgen.rowsPerCpuSecond / naive.rowsPerCpuSecond, 1),
  };
}
