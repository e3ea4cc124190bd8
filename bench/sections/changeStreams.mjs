// Change streams at prod size: a month and a year of daily batches against the prod snapshot, interleaved
// in the same run so the ratios share the machine's noise (issue 14: a year within 2x the snapshot's time,
// peak RSS bounded like generate's).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../lib/cliRun.mjs';
import { measureInterleaved } from '../lib/measure.mjs';
import { runProcess } from '../lib/runProcess.mjs';
import { round } from '../lib/stats.mjs';

const cli = join(import.meta.dirname, '..', '..', 'dist', 'src', 'cli', 'main.js');

const STREAMS = [
  { label: 'a month of daily batches', from: '2024-11-30', to: '2024-12-31' },
  { label: 'a year of daily batches', from: '2023-12-31', to: '2024-12-31' },
];

/** One `ecomgen changes` run into a fresh directory: wall, RSS, CPU, and change rows from its manifest. */
function runChanges(args, tempRoot) {
  const dir = mkdtempSync(join(tempRoot, 'ecomgen-bench-changes-'));
  try {
    const run = runProcess([cli, 'changes', ...args, '--output-dir', dir]);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    const rows = Object.values(manifest.totals).reduce((sum, ops) => sum + ops.I + ops.U + ops.D, 0);
    return { seconds: run.seconds, rssMb: run.rssMb, cpuSeconds: run.cpuSeconds, threads: run.threads, rows, bytes: 0, tables: [], totals: manifest.totals, batches: manifest.batches.length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function runChangeStreams(settings, log) {
  if (settings.skipChanges) return { skipped: 'skipped by BENCH_SKIP_CHANGES=1 / --skip-changes' };
  const workers = ['--workers', String(settings.workers)];
  const preset = settings.targetPreset ?? 'prod';
  const totals = {};
  const jobs = [
    { label: `${preset} snapshot (${settings.workers} workers)`, command: `ecomgen generate -e ${preset} ${workers.join(' ')}`, run: () => runCli(['-e', preset, ...workers], settings.tempRoot) },
    ...STREAMS.map((stream) => {
      const args = ['-e', preset, '--from', stream.from, '--to', stream.to, '--every', 'day', ...workers];
      return {
        label: `${preset} changes, ${stream.label}`,
        command: `ecomgen changes ${args.join(' ')}`,
        run: () => {
          const run = runChanges(args, settings.tempRoot);
          totals[stream.label] = { batches: run.batches, ops: run.totals };
          return run;
        },
      };
    }),
  ];
  log(`Change streams: the prod snapshot, ${STREAMS.map((stream) => stream.label).join(', ')}; ${settings.repetitions} repetitions, interleaved`);
  const summaries = measureInterleaved(jobs, settings.repetitions, log);
  const snapshot = summaries[0];
  return {
    runs: summaries.map((summary, index) => ({
      ...summary,
      timeVsSnapshot: round(summary.medianSeconds / snapshot.medianSeconds, 2),
      ...(index > 0 ? totals[STREAMS[index - 1].label] : {}),
    })),
  };
}
