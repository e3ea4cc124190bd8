// `npm run bench`: whole-process runs of the CLI per preset, several repetitions each; medians of
// wall time, rows/s, MB/s and peak RSS; and the prod run with 1 vs 2 workers (speed-up).
// Writes bench/results/<date>.json and bench/results/<date>.md and prints the table.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir, cpus, availableParallelism } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist/src/cli/main.js');
const reporter = join(root, 'bench/reportRss.mjs');
const repetitions = Number(process.env.BENCH_REPS ?? 3);
const presets = (process.env.BENCH_PRESETS ?? 'dev,staging,prod').split(',');

/** @param {number[]} values */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** One whole-process run; returns wall seconds, peak RSS (MB), rows and bytes written. */
function runOnce(args) {
  const dir = mkdtempSync(join(tmpdir(), 'ecomgen-bench-'));
  try {
    const started = process.hrtime.bigint();
    const child = spawnSync(process.execPath, ['--import', reporter, cli, 'generate', ...args, '--output-dir', dir, '--quiet'], { encoding: 'utf8' });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (child.status !== 0) throw new Error(`ecomgen ${args.join(' ')} failed: ${child.stderr}`);
    const tag = child.stderr.split('\n').find((line) => line.startsWith('@@bench '));
    const { maxRssKb } = JSON.parse(tag.slice('@@bench '.length));
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    const rows = manifest.files.reduce((sum, file) => sum + file.rows, 0);
    const bytes = manifest.files.reduce((sum, file) => sum + file.bytes, 0);
    return { seconds, rssMb: maxRssKb / 1024, rows, bytes };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function measure(label, args) {
  const runs = [];
  for (let index = 0; index < repetitions; index++) runs.push(runOnce(args));
  const seconds = median(runs.map((run) => run.seconds));
  const { rows, bytes } = runs[0];
  const result = {
    label,
    args: args.join(' '),
    runs: runs.length,
    medianSeconds: seconds,
    seconds: runs.map((run) => Number(run.seconds.toFixed(3))),
    rows,
    bytes,
    rowsPerSecond: rows / seconds,
    mbPerSecond: bytes / 1e6 / seconds,
    medianPeakRssMb: median(runs.map((run) => run.rssMb)),
    maxPeakRssMb: Math.max(...runs.map((run) => run.rssMb)),
  };
  process.stderr.write(`${label}: ${seconds.toFixed(2)} s median, ${result.medianPeakRssMb.toFixed(0)} MB peak RSS\n`);
  return result;
}

const results = [];
for (const preset of presets) results.push(measure(`${preset} (2 workers)`, ['-e', preset, '--workers', '2']));
const one = measure('prod (1 worker)', ['-e', 'prod', '--workers', '1']);
results.push(one);
const two = results.find((result) => result.label === 'prod (2 workers)');

const header = '| run | median wall s | rows/s | MB/s | peak RSS MB (median / max) |\n|---|---:|---:|---:|---:|';
const lines = results.map((r) =>
  `| ${r.label} | ${r.medianSeconds.toFixed(2)} | ${Math.round(r.rowsPerSecond).toLocaleString('en-US')} | ${r.mbPerSecond.toFixed(1)} | ${r.medianPeakRssMb.toFixed(0)} / ${r.maxPeakRssMb.toFixed(0)} |`,
);
const speedUp = two ? one.medianSeconds / two.medianSeconds : undefined;
const date = new Date().toISOString().slice(0, 10);
const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, Node ${process.version}`;
const markdown = [
  `# Benchmark ${date}`,
  '',
  `Machine: ${machine}. ${repetitions} runs each; medians. Command: \`npm run bench\`.`,
  '',
  header,
  ...lines,
  '',
  speedUp ? `prod speed-up, 2 workers vs 1: ${speedUp.toFixed(2)}x` : '',
  '',
].join('\n');
process.stdout.write(`${markdown}\n`);
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, `bench/results/${date}.json`), `${JSON.stringify({ date, machine, repetitions, results, speedUp }, null, 2)}\n`);
writeFileSync(join(root, `bench/results/${date}.md`), markdown);
