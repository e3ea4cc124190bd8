// Summarise V8 .cpuprofile files (from `node --cpu-prof`): per file (one per thread), the top-N
// functions by self time with their share, and the same grouped by source file.
// With --inclusive <regex>, also the total (inclusive) time of every function whose "name file:line"
// matches, e.g. --inclusive '^rows ' for the time spent in each table generator.
// Usage: node bench/profileSummary.mjs <dir or .cpuprofile files...> [--top N] [--inclusive <regex>]
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';

const root = join(import.meta.dirname, '..');

/** Self time in ms per profile node id, from the sample stream (more exact than hitCount). */
function selfTimes(profile) {
  const ms = new Map();
  for (let index = 0; index < profile.samples.length; index++) {
    const id = profile.samples[index];
    ms.set(id, (ms.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
  }
  return ms;
}

/** A short location: the path relative to the repository (node_modules kept), or node's own module. */
function where(url) {
  if (!url) return '';
  const path = url.startsWith('file://') ? new URL(url).pathname : url;
  return path.startsWith(root) ? relative(root, path) : path;
}

/** Adds `ms` under `key` in a map of totals. */
function add(totals, key, ms) {
  totals.set(key, (totals.get(key) ?? 0) + ms);
}

function top(totals, count) {
  return [...totals].sort((a, b) => b[1] - a[1]).slice(0, count);
}

function label(callFrame) {
  const { functionName, url, lineNumber } = callFrame;
  const file = where(url);
  return file ? `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}` : functionName;
}

/** Inclusive ms of the functions whose label matches `pattern`: each sample counts once per function on its stack. */
export function inclusiveTimes(profile, pattern) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const totals = new Map();
  for (let index = 0; index < profile.samples.length; index++) {
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    const seen = new Set();
    for (let id = profile.samples[index]; id !== undefined; id = parent.get(id)) {
      const name = label(byId.get(id).callFrame);
      if (pattern.test(name) && !seen.has(name)) {
        seen.add(name);
        add(totals, name, ms);
      }
    }
  }
  return [...totals].sort((a, b) => b[1] - a[1]);
}

/** Summary of one profile: total, idle, busy ms; top functions and top source files by self time. */
export function summarise(profile, count = 15) {
  const times = selfTimes(profile);
  const byFunction = new Map();
  const byFile = new Map();
  let total = 0;
  let idle = 0;
  for (const node of profile.nodes) {
    const ms = times.get(node.id) ?? 0;
    if (ms === 0) continue;
    total += ms;
    if (node.callFrame.functionName === '(idle)') idle += ms;
    add(byFunction, label(node.callFrame), ms);
    add(byFile, where(node.callFrame.url) || node.callFrame.functionName, ms);
  }
  return { total, idle, busy: total - idle, functions: top(byFunction, count), files: top(byFile, count) };
}

function table(title, rows, summary, kind = 'self') {
  const lines = [`| ${title} | ${kind} ms | % of busy |`, '|---|---:|---:|'];
  for (const [name, ms] of rows) {
    const share = name === '(idle)' ? '-' : `${((ms / summary.busy) * 100).toFixed(1)}`;
    lines.push(`| \`${name}\` | ${ms.toFixed(0)} | ${share} |`);
  }
  return lines.join('\n');
}

function profileFiles(args) {
  const missing = args.find((arg) => !existsSync(arg));
  if (missing) {
    process.stderr.write(`profileSummary: ${missing} does not exist\n`);
    process.exit(2);
  }
  return args.flatMap((arg) =>
    statSync(arg).isDirectory()
      ? readdirSync(arg).filter((name) => name.endsWith('.cpuprofile')).sort().map((name) => join(arg, name))
      : [arg],
  );
}

if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) {
  const args = process.argv.slice(2);
  const topAt = args.indexOf('--top');
  const count = topAt >= 0 ? Number(args.splice(topAt, 2)[1]) : 15;
  const inclusiveAt = args.indexOf('--inclusive');
  const inclusive = inclusiveAt >= 0 ? new RegExp(args.splice(inclusiveAt, 2)[1]) : undefined;
  const files = profileFiles(args.length ? args : ['/tmp/prof']);
  for (const file of files) {
    const profile = JSON.parse(readFileSync(file, 'utf8'));
    const summary = summarise(profile, count);
    // node names the files CPU.<date>.<time>.<pid>.<thread id>.<seq>.cpuprofile; thread 0 is the main thread.
    const thread = Number(basename(file).split('.')[4]);
    const who = thread === 0 ? 'main thread' : `worker thread ${thread}`;
    process.stdout.write(
      [
        `## ${basename(file)} (${who})`,
        '',
        `Profiled ${(summary.total / 1000).toFixed(2)} s: busy ${(summary.busy / 1000).toFixed(2)} s, idle ${(summary.idle / 1000).toFixed(2)} s.`,
        '',
        table(`top ${count} functions (self time)`, summary.functions, summary),
        '',
        table(`top ${count} source files (self time)`, summary.files, summary),
        '',
        ...(inclusive ? [table(`functions matching ${inclusive} (inclusive time)`, inclusiveTimes(profile, inclusive), summary, 'total'), ''] : []),
        '',
      ].join('\n'),
    );
  }
}
