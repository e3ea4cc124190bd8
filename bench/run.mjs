// `npm run bench`: whole-process runs of the CLI per preset (medians of several repetitions), prod with
// 1, 2, ... workers (speed-up) and against the disk floor, prod against 10x prod (linearity, bounded
// memory), web_events alone against DuckDB and a naive faker loop measured in the same run, validate
// against generate, prod in every output format, a month and a year of daily change batches against the
// prod snapshot, a dirty run against a clean one, and prod against an earlier revision built in the run.
// Prints the open issues' targets with their verdicts and a markdown summary, and writes
// bench/results/<date>.json and .md. Settings: bench/README.md.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { freeBytes } from './lib/disk.mjs';
import { renderMarkdown } from './lib/report.mjs';
import { readSettings, SettingsError } from './lib/settings.mjs';
import { evaluateTargets } from './lib/targets.mjs';
import { firstLine } from './lib/measure.mjs';
import { runBaselineRev } from './sections/baselineRev.mjs';
import { runBaselines } from './sections/baselines.mjs';
import { runChangeStreams } from './sections/changeStreams.mjs';
import { runDefects } from './sections/defects.mjs';
import { runEndToEnd } from './sections/endToEnd.mjs';
import { runFormats } from './sections/formats.mjs';
import { runSizeScaling } from './sections/sizeScaling.mjs';
import { runValidate } from './sections/validate.mjs';

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

/**
 * A section that fails (a command or flag an older build lacks, a crash) is reported as not measured
 * with the reason, and the bench goes on with the next one.
 */
function guarded(name, section) {
  try {
    return section();
  } catch (error) {
    const reason = `failed: ${firstLine(error)}`;
    log(`${name}: ${reason}`);
    return { skipped: reason };
  }
}

const loadBefore = loadavg()[0].toFixed(1);
const started = Date.now();
const endToEnd = runEndToEnd(settings, log);
const prod = endToEnd.all.find((summary) => summary.preset === 'prod' && summary.workers === settings.workers);
const size = guarded('10x prod', () => runSizeScaling(settings, prod, log));
const baselines = guarded('Baselines', () => runBaselines(settings, log));
const validate = guarded('Validate', () => runValidate(settings, log));
const formats = guarded('Formats', () => runFormats(settings, log));
// A year of daily batches takes several times the snapshot: fewer repetitions (BENCH_LONG_REPS).
const changes = guarded('Change streams', () => runChangeStreams({ ...settings, repetitions: settings.longRepetitions }, log));
const defects = guarded('Defects', () => runDefects(settings, log));
const baselineRev = guarded('Baseline revision', () => runBaselineRev(settings, log));
const sections = { endToEnd, size, baselines, validate, formats, changes, defects, baselineRev };
const targets = evaluateTargets(sections);

const date = new Date().toISOString().slice(0, 10);
const machine = { cpu: cpus()[0]?.model ?? 'unknown CPU', cores: settings.cores, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, loadBefore, loadAfter: loadavg()[0].toFixed(1) };
const results = { date, machine, settings, benchSeconds: Math.round((Date.now() - started) / 1000), targets, ...sections };
const markdown = renderMarkdown(results);

process.stdout.write(`\n${markdown}`);
const dir = settings.resultsDir;
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, `${date}.json`), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(join(dir, `${date}.md`), markdown);
log(`bench: ${results.benchSeconds} s; wrote ${join(dir, `${date}.json`)} and ${date}.md`);
