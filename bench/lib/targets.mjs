// The open issues' performance targets, checked against this run's figures. Every target is a figure or a
// ratio of two jobs measured in this run (interleaved, so they share the machine's load); a target whose
// runs were skipped or failed is reported as not measured rather than guessed, and figures the issues ask
// to see without a threshold are "reported".
import { pairedRatio } from './measure.mjs';

const x = (value) => `${value.toFixed(2)}x`;
const check = (source, target, threshold, measured, met) => ({ source, target, threshold, measured, met, verdict: met ? 'met' : 'NOT met' });
const notMeasured = (source, target, threshold, why) => ({ source, target, threshold, measured: why, met: undefined, verdict: 'not measured' });
const reported = (source, target, measured) => ({ source, target, threshold: '-', measured, met: undefined, verdict: 'reported' });
const skipReason = (section, what) => (section === undefined ? `${what} not run` : section.skipped);

function endToEndTargets({ endToEnd }) {
  const prod = endToEnd.presets.find((summary) => summary.preset === 'prod');
  if (!prod) return [notMeasured('#17', 'prod end to end', '<= 15 s, <= 300 MB', 'prod not in BENCH_PRESETS')];
  return [
    check('#17', `prod end to end, ${prod.workers} workers: median wall`, '<= 15 s', `${prod.medianSeconds.toFixed(2)} s`, prod.medianSeconds <= 15),
    check('#17', `prod end to end, ${prod.workers} workers: peak RSS (worst run)`, '<= 300 MB', `${prod.maxPeakRssMb.toFixed(0)} MB`, prod.maxPeakRssMb <= 300),
  ];
}

function validateTargets({ validate }) {
  if (!validate || validate.skipped) {
    return [notMeasured('#17', 'validate on prod: time vs generating prod; peak RSS', '<= 1.0x; <= 300 MB', skipReason(validate, 'validate'))];
  }
  const { preset, validate: run } = validate;
  return [
    check('#17', `validate on ${preset}: wall time / ${preset} CSV generation's (paired median)`, '<= 1.0x', `${x(validate.timeVsGenerate)} (${run.medianSeconds.toFixed(2)} vs ${validate.generate.medianSeconds.toFixed(2)} s)`, validate.timeVsGenerate <= 1.0),
    check('#17', `validate on ${preset}: peak RSS (worst run)`, '<= 300 MB', `${run.maxPeakRssMb.toFixed(0)} MB`, run.maxPeakRssMb <= 300),
  ];
}

function parquetTargets({ formats }) {
  const parquet = formats?.runs?.find((run) => run.format === 'parquet');
  if (!parquet || parquet.failed) {
    return [notMeasured('#17', '--format parquet on prod: time vs CSV; peak RSS', '<= 1.5x; <= 300 MB', parquet?.failed ?? skipReason(formats, 'formats'))];
  }
  return [
    check('#17', `--format parquet (default codec) on ${formats.preset}: wall time / CSV's (paired median)`, '<= 1.5x', x(parquet.timeVsCsv), parquet.timeVsCsv <= 1.5),
    check('#17', `--format parquet on ${formats.preset}: peak RSS (worst run)`, '<= 300 MB', `${parquet.maxPeakRssMb.toFixed(0)} MB`, parquet.maxPeakRssMb <= 300),
  ];
}

function baselineTargets({ baselines }) {
  if (baselines.skipped) {
    return [
      notMeasured('#17', 'web_events alone vs DuckDB, time ratio', '<= 1.0x', baselines.skipped),
      notMeasured('#17', 'web_events alone vs naive faker loop, rows/s ratio', '>= 8x', baselines.skipped),
      notMeasured('#17', 'CPU seconds per row, prod vs DuckDB', '<= 0.7x', baselines.skipped),
    ];
  }
  const { whole, duckdb } = baselines;
  return [
    check('#17', 'web_events alone vs DuckDB, time ratio (ours / DuckDB)', '<= 1.0x', x(baselines.timeVsDuckdb), baselines.timeVsDuckdb <= 1.0),
    check('#17', 'web_events alone vs naive faker loop, rows/s ratio', '>= 8x', `${baselines.speedVsNaive.toFixed(1)}x`, baselines.speedVsNaive >= 8),
    check(
      '#17',
      `CPU seconds per row (user + sys, whole process): ${baselines.preset}, every table / DuckDB web_events`,
      '<= 0.7x',
      `${x(baselines.cpuPerRowVsDuckdb)} (${((whole.medianCpuSeconds / whole.rows) * 1e6).toFixed(2)} vs ${((duckdb.medianCpuSeconds / duckdb.rows) * 1e6).toFixed(2)} CPU us/row)`,
      baselines.cpuPerRowVsDuckdb <= 0.7,
    ),
  ];
}

function diskFloorTargets({ endToEnd }) {
  const floor = endToEnd.diskFloor;
  if (!floor || floor.skipped) return [notMeasured('#17', "prod wall time / the disk floor (prod's bytes written and fsynced)", '<= 2.5x', floor?.skipped ?? 'not run')];
  return [
    check(
      '#17',
      `${floor.preset} wall time / the disk floor (its ${(floor.run.bytes / 1e6).toFixed(0)} MB written and fsynced by a bare loop; paired median)`,
      '<= 2.5x',
      `${x(floor.timeVsFloor)} (floor ${floor.floor.medianSeconds.toFixed(2)} s)`,
      floor.timeVsFloor <= 2.5,
    ),
  ];
}

function scalingTargets({ endToEnd }) {
  const scaling = endToEnd.scaling;
  const two = scaling?.runs.find((run) => run.workers === 2);
  const generationTwo = scaling?.generationOnly?.find((run) => run.workers === 2);
  return [
    generationTwo
      ? check('#17', 'generation alone (bench/generationOnly.mjs), 2 workers vs 1: speed-up', '>= 1.7x', x(generationTwo.speedUp), generationTwo.speedUp >= 1.7)
      : notMeasured('#17', 'generation alone, 2 workers vs 1: speed-up', '>= 1.7x', 'scaling runs skipped (BENCH_SCALING_WORKERS)'),
    two ? reported('#17', 'end to end, 2 workers vs 1: speed-up (the output path does not scale; see Worker scaling)', x(two.speedUp)) : notMeasured('#17', 'end to end, 2 workers vs 1: speed-up', '-', 'scaling runs skipped'),
  ];
}

function gzipTargets({ formats }) {
  const levels = formats?.gzipLevels;
  if (!levels || levels.skipped) return [notMeasured('#17', 'gzip:1 vs gzip (level 6): time and size', '-', levels?.skipped ?? skipReason(formats, 'formats'))];
  return [reported('#17', `--compress gzip:1 vs gzip (level 6) on ${formats.preset}: wall time, CPU time, output size`, `time ${x(levels.timeRatio)}, CPU ${x(levels.cpuRatio)}, size ${x(levels.sizeRatio)} (${(levels.one.bytes / 1e6).toFixed(0)} vs ${(levels.six.bytes / 1e6).toFixed(0)} MB)`)];
}

function parquetCodecTargets({ formats }) {
  const codecs = formats?.parquetCodecs;
  if (!codecs || codecs.skipped) return [notMeasured('#17', 'Parquet zstd vs the default (snappy): time, CPU and size', '-', codecs?.skipped ?? skipReason(formats, 'formats'))];
  return [
    reported(
      '#17',
      `--format parquet --parquet-compression zstd vs the default (snappy) on ${formats.preset}: wall time, CPU time, output size`,
      `time ${x(codecs.timeRatio)}, CPU ${x(codecs.cpuRatio)}, size ${x(codecs.sizeRatio)} (${(codecs.zstd.bytes / 1e6).toFixed(0)} vs ${(codecs.snappy.bytes / 1e6).toFixed(0)} MB)`,
    ),
  ];
}

function sizeTargets({ size }) {
  if (size.skipped) return [notMeasured('#17', '10x prod: time grows linearly, peak RSS does not grow', 'time/row ratio <= 1.15, RSS ratio <= 1.10', size.skipped)];
  // The tolerances are the bench's own reading of "linear" and "must not grow", allowing for noise.
  return [
    check('#17', '10x prod: time ratio / row ratio (1.0 = linear)', '<= 1.15', size.timePerRowRatio.toFixed(2), size.timePerRowRatio <= 1.15),
    check('#17', '10x prod: peak RSS ratio (10x / prod)', '<= 1.10', `${size.rssRatio.toFixed(2)} (${size.tenX.medianPeakRssMb.toFixed(0)} vs ${size.prod.medianPeakRssMb.toFixed(0)} MB)`, size.rssRatio <= 1.1),
  ];
}

/** Issue 14: a year of daily batches within 2x the snapshot's time; peak RSS bounded like generate's. */
function changeTargets({ changes }) {
  const runs = changes?.runs;
  const snapshot = runs?.[0];
  const month = runs?.find((run) => /month/.test(run.label));
  const year = runs?.find((run) => /year/.test(run.label));
  if (!snapshot || !year || !month) {
    const why = changes?.skipped ?? 'change streams not run';
    return [notMeasured('#14', 'a year of daily batches: time vs the snapshot; peak RSS vs generate and vs a month', '<= 2x; <= 1.10x; <= 1.10x', why)];
  }
  const time = pairedRatio(year, snapshot, 'seconds');
  const rssVsGenerate = pairedRatio(year, snapshot, 'rssMbPerRun');
  const rssVsMonth = pairedRatio(year, month, 'rssMbPerRun');
  return [
    check('#14', 'a year of daily batches (`ecomgen changes --every day`): wall time / the snapshot\'s (paired median)', '<= 2x', x(time), time <= 2),
    // "as for generate": the bench allows 10% over generate's peak for noise and the batch state.
    check('#14', 'a year of daily batches: peak RSS / the snapshot generate\'s', '<= 1.10x', `${x(rssVsGenerate)} (${year.medianPeakRssMb.toFixed(0)} vs ${snapshot.medianPeakRssMb.toFixed(0)} MB)`, rssVsGenerate <= 1.1),
    // "not growing with the number of batches": 12x the batches, the same peak within 10%.
    check('#14', 'peak RSS, a year of daily batches / a month of them (not growing with the batches)', '<= 1.10x', `${x(rssVsMonth)} (${year.medianPeakRssMb.toFixed(0)} vs ${month.medianPeakRssMb.toFixed(0)} MB)`, rssVsMonth <= 1.1),
  ];
}

/**
 * Issue 15: the verdict is on CPU time. The defects add work and no waiting, and with the workers on every
 * core that work is what lengthens the run; CPU time measures it with far less noise than wall time on a
 * shared machine, where a 10% threshold is inside the wall time's spread. Wall time is shown beside it.
 */
function defectTargets({ defects }) {
  if (!defects || defects.skipped) return [notMeasured('#15', '--defects 0.01 vs a clean run: CPU time (wall reported)', '<= 1.10x', skipReason(defects, 'defects'))];
  return [
    check('#15', `generate -e ${defects.preset} --defects ${defects.rate} / a clean run: CPU time (paired median; verdict on CPU)`, '<= 1.10x', `CPU ${x(defects.cpuRatio)}, wall ${x(defects.wallRatio)}, RSS ${x(defects.rssRatio)}`, defects.cpuRatio <= 1.1),
  ];
}

/** Issue 13: prod within 15% of its pre-realism time and memory, against that revision built in this run. */
function revisionTargets({ baselineRev }) {
  if (!baselineRev || baselineRev.skipped) {
    return [notMeasured('#13', 'prod vs the pre-realism build: wall time; peak RSS', '<= 1.15x; <= 1.15x', baselineRev?.skipped ?? 'baseline revision not run')];
  }
  const { preset, ours, baseline } = baselineRev;
  const short = baselineRev.commit.slice(0, 7);
  return [
    check('#13', `${preset} generation, this build / ${short}: wall time (paired median)`, '<= 1.15x', `${x(baselineRev.timeRatio)} (${ours.medianSeconds.toFixed(2)} vs ${baseline.medianSeconds.toFixed(2)} s; CPU ${x(baselineRev.cpuRatio)})`, baselineRev.timeRatio <= 1.15),
    check('#13', `${preset} generation, this build / ${short}: peak RSS (paired median)`, '<= 1.15x', `${x(baselineRev.rssRatio)} (${ours.medianPeakRssMb.toFixed(0)} vs ${baseline.medianPeakRssMb.toFixed(0)} MB)`, baselineRev.rssRatio <= 1.15),
  ];
}

export function evaluateTargets(results) {
  return [
    ...endToEndTargets(results),
    ...validateTargets(results),
    ...parquetTargets(results),
    ...parquetCodecTargets(results),
    ...baselineTargets(results),
    ...diskFloorTargets(results),
    ...scalingTargets(results),
    ...gzipTargets(results),
    ...sizeTargets(results),
    ...changeTargets(results),
    ...defectTargets(results),
    ...revisionTargets(results),
  ];
}
