// The bench's settings, from environment variables (and two flags); see bench/README.md.
import { existsSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { resolve } from 'node:path';

const PRESETS = ['dev', 'staging', 'prod'];
/** The last commit before the realism work of issue 13 (2026-11-25; prod ran in 4.01 s there). */
const DEFAULT_BASELINE_REV = 'c07268b';

class SettingsError extends Error {}

function count(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new SettingsError(`${name}: must be a whole number >= 1 (got ${raw})`);
  return value;
}

const flag = (name, option) => process.env[name] === '1' || process.argv.includes(option);

/** 1, 2, then doubling up to the core count, and the core count itself. */
function defaultScaling(cores) {
  const counts = new Set([1, 2]);
  for (let workers = 4; workers <= cores; workers *= 2) counts.add(workers);
  counts.add(Math.max(cores, 2));
  return [...counts].sort((a, b) => a - b);
}

function scalingWorkers(cores) {
  const raw = process.env.BENCH_SCALING_WORKERS;
  if (raw === undefined || raw === '') return defaultScaling(cores);
  if (raw === 'none') return [];
  const counts = raw.split(',').map((part) => Number(part.trim()));
  if (counts.some((value) => !Number.isInteger(value) || value < 1)) throw new SettingsError(`BENCH_SCALING_WORKERS: a comma-separated list of worker counts, or none (got ${raw})`);
  return [...new Set(counts)].sort((a, b) => a - b);
}

/** A git revision to build as the in-run baseline (issue 13), or undefined for `none`. */
function baselineRev() {
  const raw = process.env.BENCH_BASELINE_REV;
  if (raw === undefined || raw === '') return DEFAULT_BASELINE_REV;
  if (raw === 'none') return undefined;
  if (!/^[\w./^~-]+$/.test(raw)) throw new SettingsError(`BENCH_BASELINE_REV: a git revision (commit, tag or branch) or none (got ${raw})`);
  return raw;
}

export function readSettings() {
  const cores = availableParallelism();
  const presets = (process.env.BENCH_PRESETS || PRESETS.join(',')).split(',').map((preset) => preset.trim());
  const unknown = presets.filter((preset) => !PRESETS.includes(preset));
  if (unknown.length) throw new SettingsError(`BENCH_PRESETS: unknown preset ${unknown.join(', ')} (use ${PRESETS.join(', ')})`);
  const targetPreset = process.env.BENCH_TARGET_PRESET || 'prod';
  if (!PRESETS.includes(targetPreset)) throw new SettingsError(`BENCH_TARGET_PRESET: unknown preset ${targetPreset} (use ${PRESETS.join(', ')})`);
  const tempRoot = resolve(process.env.BENCH_TMPDIR || tmpdir());
  if (!existsSync(tempRoot)) throw new SettingsError(`BENCH_TMPDIR: ${tempRoot} does not exist`);
  return {
    cores,
    repetitions: count('BENCH_REPS', 3),
    longRepetitions: count('BENCH_LONG_REPS', 2),
    pairedRepetitions: count('BENCH_PAIRED_REPS', 5),
    presets,
    targetPreset,
    workers: count('BENCH_WORKERS', 2),
    scalingWorkers: scalingWorkers(cores),
    naiveRows: count('BENCH_NAIVE_ROWS', 500_000),
    skip10x: flag('BENCH_SKIP_10X', '--skip-10x'),
    skipBaselines: flag('BENCH_SKIP_BASELINES', '--skip-baselines'),
    skipFormats: flag('BENCH_SKIP_FORMATS', '--skip-formats'),
    skipChanges: flag('BENCH_SKIP_CHANGES', '--skip-changes'),
    skipValidate: flag('BENCH_SKIP_VALIDATE', '--skip-validate'),
    skipDefects: flag('BENCH_SKIP_DEFECTS', '--skip-defects'),
    skipDiskFloor: flag('BENCH_SKIP_DISK_FLOOR', '--skip-disk-floor'),
    baselineRev: baselineRev(),
    tempRoot,
    resultsDir: resolve(process.env.BENCH_RESULTS_DIR || resolve(import.meta.dirname, '..', 'results')),
  };
}

export { SettingsError };
