// `node bench/readCommands.mjs [preset]`: the commands that read a dataset (`report`, `profile`) on one
// generated dataset (prod by default), interleaved (report, profile, report, profile, ...) so a burst of
// someone else's load hits both alike, BENCH_REPS times (default 3). Prints a markdown table of median
// wall time, CPU time and peak RSS per command, and the report/profile ratios. The dataset and the
// HTML go to a temporary directory that is removed afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runProcess } from './lib/runProcess.mjs';
import { median, round } from './lib/stats.mjs';

const preset = process.argv[2] ?? 'prod';
const reps = Number(process.env.BENCH_REPS ?? 3);
const cli = join(import.meta.dirname, '..', 'dist', 'src', 'cli', 'main.js');
const dir = mkdtempSync(join(process.env.BENCH_TMPDIR ?? tmpdir(), 'ecomgen-bench-read-'));
const log = (line) => process.stderr.write(`${line}\n`);

const commands = {
  report: () => [cli, 'report', join(dir, 'data'), '-o', join(dir, 'report.html'), '--force'],
  profile: () => [cli, 'profile', join(dir, 'data'), '--format', 'json'],
};

try {
  log(`generating ${preset} into ${dir}`);
  runProcess([cli, 'generate', '-e', preset, '--quiet', '--no-samples', '-o', join(dir, 'data')]);
  const runs = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
  for (let rep = 1; rep <= reps; rep++) {
    for (const [name, args] of Object.entries(commands)) {
      const run = runProcess(args());
      runs[name].push(run);
      log(`${name} #${rep}: ${round(run.seconds)} s, ${round(run.cpuSeconds)} CPU s, ${Math.round(run.rssMb)} MB`);
    }
  }
  const summary = Object.fromEntries(
    Object.entries(runs).map(([name, list]) => [name, { wall: median(list.map((run) => run.seconds)), cpu: median(list.map((run) => run.cpuSeconds)), rss: median(list.map((run) => run.rssMb)) }]),
  );
  const lines = [`${preset}, median of ${reps} interleaved runs`, '', '| command | wall s | CPU s | peak RSS MB |', '|---|---:|---:|---:|'];
  for (const [name, figures] of Object.entries(summary)) lines.push(`| ${name} | ${round(figures.wall, 1)} | ${round(figures.cpu, 1)} | ${Math.round(figures.rss)} |`);
  const { report, profile } = summary;
  lines.push('', `report / profile: wall ${round(report.wall / profile.wall)}, CPU ${round(report.cpu / profile.cpu)}, peak RSS ${round(report.rss / profile.rss)}`);
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
