// prod against 10x prod (71.5M rows, ~9 GB): time should grow with the rows, peak RSS should not.
import { runCli } from '../lib/cliRun.mjs';
import { freeBytes } from '../lib/disk.mjs';
import { summarise } from '../lib/measure.mjs';
import { round } from '../lib/stats.mjs';

const TEN_X = ['--customers', '1000000', '--products', '500000', '--orders', '5000000'];
const FALLBACK_PROD_BYTES = 0.9e9;
const MARGIN_BYTES = 2e9;

/** @param prod the prod summary from the end-to-end runs (same worker count), or undefined */
export function runSizeScaling(settings, prod, log) {
  if (settings.skip10x) return { skipped: 'skipped by BENCH_SKIP_10X=1 / --skip-10x' };
  if (!prod) return { skipped: `no prod run with ${settings.workers} workers to compare with` };
  const needed = (prod.bytes ?? FALLBACK_PROD_BYTES) * 10 + MARGIN_BYTES;
  const free = freeBytes(settings.tempRoot);
  if (free < needed) {
    const reason = `skipped: ${(free / 1e9).toFixed(1)} GB free in ${settings.tempRoot}, needs ${(needed / 1e9).toFixed(1)} GB`;
    log(`10x prod ${reason}`);
    return { skipped: reason };
  }
  const args = ['-e', 'prod', ...TEN_X, '--workers', String(settings.workers)];
  log(`10x prod: one run (${(needed / 1e9).toFixed(1)} GB of ${(free / 1e9).toFixed(1)} GB free) ...`);
  const run = runCli(args, settings.tempRoot);
  log(`  10x prod: ${run.seconds.toFixed(2)} s, ${run.rssMb.toFixed(0)} MB peak RSS`);
  const tenX = summarise(`10x prod (${settings.workers} workers)`, `ecomgen generate ${args.join(' ')}`, [run]);
  const rowRatio = tenX.rows / prod.rows;
  const timeRatio = tenX.medianSeconds / prod.medianSeconds;
  return {
    prod: { label: prod.label, rows: prod.rows, medianSeconds: prod.medianSeconds, medianPeakRssMb: prod.medianPeakRssMb },
    tenX,
    rowRatio: round(rowRatio, 2),
    timeRatio: round(timeRatio, 2),
    // 1.0 = exactly linear; above 1 the 10x run was slower per row.
    timePerRowRatio: round(timeRatio / rowRatio, 2),
    rssRatio: round(tenX.medianPeakRssMb / prod.medianPeakRssMb, 2),
  };
}
