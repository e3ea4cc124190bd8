// The performance targets, checked against this run's figures. A target whose runs were skipped
// is reported as not measured rather than guessed.

const check = (target, threshold, measured, met) => ({ target, threshold, measured, met });
const notMeasured = (target, threshold, why) => ({ target, threshold, measured: why, met: undefined });

export function evaluateTargets({ endToEnd, size, baselines }) {
  const targets = [];
  const prod = endToEnd.presets.find((summary) => summary.preset === 'prod');
  if (prod) {
    targets.push(check(`prod end to end, ${prod.workers} workers: median wall`, '<= 15 s', `${prod.medianSeconds.toFixed(2)} s`, prod.medianSeconds <= 15));
    targets.push(check(`prod end to end, ${prod.workers} workers: peak RSS (worst run)`, '<= 300 MB', `${prod.maxPeakRssMb.toFixed(0)} MB`, prod.maxPeakRssMb <= 300));
  } else {
    targets.push(notMeasured('prod end to end', '<= 15 s, <= 300 MB', 'prod not in BENCH_PRESETS'));
  }
  if (baselines.skipped) {
    targets.push(notMeasured('web_events vs DuckDB, time ratio', '<= 1.0x', baselines.skipped));
    targets.push(notMeasured('web_events vs naive faker loop, rows/s ratio', '>= 8x', baselines.skipped));
  } else {
    targets.push(check('web_events alone vs DuckDB, time ratio (ours / DuckDB)', '<= 1.0x', `${baselines.timeVsDuckdb.toFixed(2)}x`, baselines.timeVsDuckdb <= 1.0));
    targets.push(check('web_events alone vs naive faker loop, rows/s ratio', '>= 8x', `${baselines.speedVsNaive.toFixed(1)}x`, baselines.speedVsNaive >= 8));
  }
  const two = endToEnd.scaling?.runs.find((run) => run.workers === 2);
  if (two) targets.push(check('prod speed-up, 2 workers vs 1', '>= 1.7x', `${two.speedUp.toFixed(2)}x`, two.speedUp >= 1.7));
  else targets.push(notMeasured('prod speed-up, 2 workers vs 1', '>= 1.7x', 'scaling runs skipped'));
  if (size.skipped) {
    targets.push(notMeasured('10x prod: time grows linearly, peak RSS does not grow', 'time/row ratio <= 1.15, RSS ratio <= 1.10', size.skipped));
  } else {
    // The tolerances are the bench's own reading of "linear" and "must not grow", allowing for noise.
    targets.push(check('10x prod: time ratio / row ratio (1.0 = linear)', '<= 1.15', size.timePerRowRatio.toFixed(2), size.timePerRowRatio <= 1.15));
    targets.push(check('10x prod: peak RSS ratio (10x / prod)', '<= 1.10', `${size.rssRatio.toFixed(2)} (${size.tenX.medianPeakRssMb.toFixed(0)} vs ${size.prod.medianPeakRssMb.toFixed(0)} MB)`, size.rssRatio <= 1.1));
  }
  return targets;
}
