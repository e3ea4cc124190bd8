// `npm run bench`: whole-process runs of the CLI per preset (medians of several repetitions), prod with
// 1, 2, ... workers (speed-up), prod against 10x prod (linearity, bounded memory), web_events alone
// against DuckDB and a naive faker loop measured in the same run, prod in every output format, and a
// month and a year of daily change batches against the prod snapshot. Prints a markdown summary and writes
// bench/results/<date>.json and .md. Settings: bench/README.md.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { freeBytes } from './lib/disk.mjs';
import { renderMarkdown } from './lib/report.mjs';
import { readSettings, SettingsError } from './lib/settings.mjs';
import { evaluateTargets } from './lib/targets.mjs';
import { runBaselines } from './sections/baselines.mjs';
import { runChangeStreams } from './sections/changeStreams.mjs';
import { runEndToEnd } from './sections/endToEnd.mjs';
import { runFormats } from './sections/formats.mjs';
import { runSizeScaling } from './sections/sizeScaling.mjs';

const root = join(import.meta.dirname, '..');
const log = (line) => process.stderr.write(`${line}\n`);
/** A prod dataset and a baseline file at once, with room to spare. */
const MIN_FREE_BYTES = 3e9;

function fail(message) {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

let settings;
try {
  settings = readSettings();
} catch (error) {
  if (error instanceof SettingsError) fail(error.message);
  throw error;
}
if (!existsSync(join(root, 'dist/src/cli/main.js'))) fail('dist/src/cli/main.js is missing; run `npm run build` first');
if (freeBytes(settings.tempRoot) < MIN_FREE_BYTES) fail(`less than ${MIN_FREE_BYTES / 1e9} GB free in ${settings.tempRoot}`);

const loadBefore = loadavg()[0].toFixed(1);
const started = Date.now();
const endToEnd = runEndToEnd(settings, log);
const prod = endToEnd.all.find((summary) => summary.preset === 'prod' && summary.workers === settings.workers);
const size = runSizeScaling(settings, prod, log);
const baselines = runBaselines(settings, log);
const formats = runFormats(settings, log);
const changes = runChangeStreams(settings, log);
const targets = evaluateTargets({ endToEnd, size, baselines });

const date = new Date().toISOString().slice(0, 10);
const machine = { cpu: cpus()[0]?.model ?? 'unknown CPU', cores: settings.cores, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, loadBefore, loadAfter: loadavg()[0].toFixed(1) };
const results = { date, machine, settings, benchSeconds: Math.round((Date.now() - started) / 1000), targets, endToEnd, size, baselines, formats, changes };
const markdown = renderMarkdown(results);

process.stdout.write(`\n${markdown}`);
const dir = settings.resultsDir;
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, `${date}.json`), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(join(dir, `${date}.md`), markdown);
log(`bench: ${results.benchSeconds} s; wrote ${join(dir, `${date}.json`)} and ${date}.md`);
