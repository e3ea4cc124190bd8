// Our web_events alone against DuckDB (same rows) and a naive faker + csv-stringify loop (fewer rows;
// compared by rate), measured interleaved in the same run so the machine's load cancels out.
import { runBaseline } from '../lib/baselineRun.mjs';
import { runCli } from '../lib/cliRun.mjs';
import { measureInterleaved } from '../lib/measure.mjs';
import { round } from '../lib/stats.mjs';

const WEB_EVENTS_PROD = 5_000_000;

export function runBaselines(settings, log) {
  if (settings.skipBaselines) return { skipped: 'skipped by BENCH_SKIP_BASELINES=1 / --skip-baselines' };
  const ours = ['--tables', 'web_events', '-e', 'prod', '--workers', String(settings.workers)];
  const jobs = [
    { label: `ecomgen web_events (${settings.workers} workers)`, command: `ecomgen generate ${ours.join(' ')}`, run: () => runCli(ours, settings.tempRoot) },
    { label: 'DuckDB COPY (2 threads)', command: `node bench/baselines/duckdbWebEvents.mjs ${WEB_EVENTS_PROD} <file>`, run: () => runBaseline('duckdbWebEvents.mjs', WEB_EVENTS_PROD, settings.tempRoot) },
    { label: 'naive faker + csv-stringify (1 thread)', command: `node bench/baselines/naiveWebEvents.mjs ${settings.naiveRows} <file>`, run: () => runBaseline('naiveWebEvents.mjs', settings.naiveRows, settings.tempRoot) },
  ];
  log(`Baselines: ${jobs.map((job) => job.label).join(', ')}; ${settings.repetitions} repetitions, interleaved`);
  const [ecomgen, duckdb, naive] = measureInterleaved(jobs, settings.repetitions, log);
  return {
    ecomgen,
    duckdb,
    naive,
    // Same rows: time over time; below 1 we are faster.
    timeVsDuckdb: round(ecomgen.medianSeconds / duckdb.medianSeconds, 2),
    // Different row counts: rate over rate; above 1 we are faster.
    speedVsNaive: round(ecomgen.rowsPerSecond / naive.rowsPerSecond, 1),
    cpuEfficiencyVsNaive: round(ecomgen.rowsPerCpuSecond / naive.rowsPerCpuSecond, 1),
  };
}
