// The markdown summary: printed to the terminal and saved as bench/results/<date>.md.
import { thousands } from './stats.mjs';

const row = (cells) => `| ${cells.join(' | ')} |`;
const mb = (value) => value.toFixed(0);
const s = (value) => (value === undefined ? '-' : value.toFixed(2));

function runTable(summaries) {
  return [
    row(['run', 'median wall s', 'in-process s', 'rows/s', 'MB/s', 'peak RSS MB (median / max)', 'CPU s (cores busy)', 'runs']),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
    ...summaries.map((r) =>
      row([r.label, s(r.medianSeconds), s(r.inProcessSeconds), thousands(r.rowsPerSecond), r.mbPerSecond.toFixed(1), `${mb(r.medianPeakRssMb)} / ${mb(r.maxPeakRssMb)}`, `${r.medianCpuSeconds.toFixed(1)} (${r.coresBusy.toFixed(2)})`, r.runs]),
    ),
  ];
}

function perTable(summaries) {
  return [
    row(['run', 'table', 'rows', 'ms since previous commit', 'rows/s', 'logged ms (since start)']),
    row(['---', '---', '---:', '---:', '---:', '---:']),
    ...summaries.flatMap((r) => r.tables.map((t) => row([r.label, t.table, thousands(t.rows), thousands(t.medianIntervalMs), thousands(t.rowsPerSecond), thousands(t.medianLoggedMs)]))),
  ];
}

/** Where one worker's run spends CPU beyond its worker, and what that leaves for more workers. */
function scalingExplanation(scaling) {
  const one = scaling.runs[0];
  if (scaling.cpuBoundCeiling === undefined) {
    return `With 1 worker the process got only ${one.coresBusy.toFixed(2)} of a core: other load starved it, so these speed-ups mostly measure the machine's load.`;
  }
  const lines = [
    `With 1 worker the process already keeps ${one.coresBusy.toFixed(2)} cores busy, so on this machine's cores no worker count can go beyond about ${scaling.cpuBoundCeiling.toFixed(2)}x.`,
  ];
  const split = one.threadCpu;
  if (split && split.workersS > 0) {
    const beyond = split.mainS + split.otherS;
    lines.push(
      `Beyond its worker (${split.workersS.toFixed(2)} CPU s), that run spends ${beyond.toFixed(2)} CPU s (${((beyond / split.workersS) * 100).toFixed(0)}% of the worker's) on the main thread (${split.mainS.toFixed(2)} s: sha256 of every byte, write calls, the pool) and on other threads (${split.otherS.toFixed(2)} s: libuv's threads copying the bytes into the page cache, V8's GC and compiler helpers). That work does not shrink with more workers, and once workers fill every core it competes with them.`,
    );
    const most = scaling.runs[scaling.runs.length - 1];
    if (most.workers > 1 && most.threadCpu) {
      const change = (now, before) => `${now >= before ? '+' : ''}${(((now / before) - 1) * 100).toFixed(0)}%`;
      lines.push(
        `With ${most.workers} workers, for the same rows, the worker threads used ${most.threadCpu.workersS.toFixed(2)} CPU s (${change(most.threadCpu.workersS, split.workersS)}) and the other threads ${most.threadCpu.otherS.toFixed(2)} s (${change(most.threadCpu.otherS, split.otherS)}).`,
      );
    }
  }
  return lines.join(' ');
}

const scalingRow = (r) =>
  row([
    r.workers,
    s(r.medianSeconds),
    `${r.speedUp.toFixed(2)}x`,
    r.medianCpuSeconds.toFixed(1),
    r.coresBusy.toFixed(2),
    r.threadCpu ? `${s(r.threadCpu.workersS)} / ${s(r.threadCpu.mainS)} / ${s(r.threadCpu.otherS)}` : '-',
    mb(r.medianPeakRssMb),
  ]);

function generationOnlySection(runs) {
  if (!runs) return [];
  const two = runs.find((r) => r.workers === 2);
  return [
    '',
    'The same prod plan with every shard\'s bytes dropped as it arrives (`node bench/generationOnly.mjs <workers>`: no file, no page cache, no sha256), to see how the generation itself scales:',
    '',
    row(['generation alone, workers', 'median wall s', 'speed-up vs 1', 'CPU s', 'cores busy', 'CPU s: workers / main / other threads', 'peak RSS MB']),
    row(['---:', '---:', '---:', '---:', '---:', '---:', '---:']),
    ...runs.map(scalingRow),
    ...(two ? ['', `Generation alone scales ${two.speedUp.toFixed(2)}x from 1 to 2 workers; the rest of the gap to the end-to-end figure is the output path.`] : []),
  ];
}

function scalingSection(scaling) {
  if (!scaling) return ['Worker scaling: skipped (needs a prod run with 1 worker).'];
  return [
    row(['prod, workers', 'median wall s', 'speed-up vs 1', 'CPU s', 'cores busy', 'CPU s: workers / main / other threads', 'peak RSS MB']),
    row(['---:', '---:', '---:', '---:', '---:', '---:', '---:']),
    ...scaling.runs.map(scalingRow),
    '',
    scalingExplanation(scaling),
    ...generationOnlySection(scaling.generationOnly),
  ];
}

function sizeSection(size) {
  if (size.skipped) return [`10x prod: ${size.skipped}.`];
  const { prod, tenX } = size;
  return [
    row(['run', 'rows', 'wall s', 'peak RSS MB']),
    row(['---', '---:', '---:', '---:']),
    row([prod.label, thousands(prod.rows), s(prod.medianSeconds), mb(prod.medianPeakRssMb)]),
    row([tenX.label, thousands(tenX.rows), s(tenX.medianSeconds), mb(tenX.medianPeakRssMb)]),
    '',
    `Rows x${size.rowRatio.toFixed(2)}, time x${size.timeRatio.toFixed(2)}: time ratio / row ratio = ${size.timePerRowRatio.toFixed(2)} (1.00 = linear). Peak RSS ratio ${size.rssRatio.toFixed(2)}. The 10x run is one repetition against prod's median.`,
  ];
}

function baselineSection(b) {
  if (b.skipped) return [`Baselines: ${b.skipped}.`];
  const runs = [b.ecomgen, b.duckdb, b.naive];
  return [
    row(['run', 'rows', 'median wall s', 'rows/s', 'MB/s', 'bytes/row', 'peak RSS MB', 'CPU s', 'rows per CPU s']),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
    ...runs.map((r) => row([r.label, thousands(r.rows), s(r.medianSeconds), thousands(r.rowsPerSecond), r.mbPerSecond.toFixed(1), (r.bytes / r.rows).toFixed(0), mb(r.medianPeakRssMb), r.medianCpuSeconds.toFixed(1), thousands(r.rowsPerCpuSecond)])),
    '',
    `- ecomgen / DuckDB wall time for the same ${thousands(b.ecomgen.rows)} rows: ${b.timeVsDuckdb.toFixed(2)}x (below 1 = ecomgen faster).`,
    `- ecomgen rows/s / naive rows/s: ${b.speedVsNaive.toFixed(1)}x; per CPU second: ${b.cpuEfficiencyVsNaive.toFixed(1)}x. The naive loop runs ${thousands(b.naive.rows)} rows only (at 5M it would take minutes), so rates are compared, not times; its rate includes its start-up, spread over fewer rows.`,
    '- Both baselines only imitate the shape (12 columns, same value sets, similar width); neither keeps sessions, funnels or foreign keys.',
  ];
}

function formatSection(formats) {
  if (formats.skipped) return [`Formats: ${formats.skipped}.`];
  return [
    row(['run', 'median wall s', 'time vs csv', 'output MB', 'peak RSS MB (median / max)', 'CPU s (cores busy)']),
    row(['---', '---:', '---:', '---:', '---:', '---:']),
    ...formats.runs.map((r) => row([r.label, s(r.medianSeconds), `${r.timeVsCsv.toFixed(2)}x`, (r.bytes / 1e6).toFixed(0), `${mb(r.medianPeakRssMb)} / ${mb(r.maxPeakRssMb)}`, `${r.medianCpuSeconds.toFixed(1)} (${r.coresBusy.toFixed(2)})`])),
    '',
    'gzip is zlib level 6 in the workers, one member per shard. Parquet is written by DuckDB from each finished CSV file on the main process (its memory limit is 256 MB, and its own threads count in the RSS).',
  ];
}

function changeSection(changes) {
  if (!changes || changes.skipped) return [`Change streams: ${changes ? changes.skipped : 'not run'}.`];
  const ops = (totals) => (totals ? Object.entries(totals).map(([table, o]) => `${table} ${thousands(o.I)}/${thousands(o.U)}/${thousands(o.D)}`).join('; ') : '');
  return [
    row(['run', 'median wall s', 'time vs snapshot', 'rows', 'peak RSS MB (median / max)', 'CPU s (cores busy)']),
    row(['---', '---:', '---:', '---:', '---:', '---:']),
    ...changes.runs.map((r) => row([r.label, s(r.medianSeconds), `${r.timeVsSnapshot.toFixed(2)}x`, thousands(r.rows), `${mb(r.medianPeakRssMb)} / ${mb(r.maxPeakRssMb)}`, `${r.medianCpuSeconds.toFixed(1)} (${r.coresBusy.toFixed(2)})`])),
    '',
    ...changes.runs.filter((r) => r.ops).map((r) => `- ${r.label} (${r.batches} batches), I/U/D per table: ${ops(r.ops)}`),
  ];
}

function targetSection(targets) {
  const verdict = (met) => (met === undefined ? 'not measured' : met ? 'met' : 'NOT met');
  return [row(['target', 'threshold', 'measured', 'verdict']), row(['---', '---', '---', '---']), ...targets.map((t) => row([t.target, t.threshold, t.measured, verdict(t.met)]))];
}

export function renderMarkdown(results) {
  const { settings, machine, endToEnd, size, baselines, formats, targets } = results;
  return [
    `# Benchmark ${results.date}`,
    '',
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB RAM, Node ${machine.node}; load average ${machine.loadBefore} at the start, ${machine.loadAfter} at the end (above ${machine.cores} means other work competed for the cores). ${settings.repetitions} repetitions per job, interleaved; medians. Command: \`npm run bench\`. Every figure is a whole-process run (spawn to exit, including Node start-up, fsync and the manifest); peak RSS and CPU time are the whole process's, worker threads included.`,
    '',
    '## Targets',
    '',
    ...targetSection(targets),
    '',
    '## End to end, per preset',
    '',
    ...runTable(endToEnd.presets),
    '',
    '### Per table',
    '',
    'From the run\'s own log. Tables are produced in order but overlap in the pipeline (the next table\'s first shards run while the previous table is still being written), so "ms since previous commit" is approximate; the logged ms counts from when the table\'s file was opened, which is the start of the run for every table.',
    '',
    ...perTable(endToEnd.presets),
    '',
    '## Worker scaling (prod)',
    '',
    ...scalingSection(endToEnd.scaling),
    '',
    '## Size scaling (prod vs 10x prod)',
    '',
    ...sizeSection(size),
    '',
    '## Baselines: web_events alone',
    '',
    ...baselineSection(baselines),
    '',
    '## Output formats (prod)',
    '',
    ...formatSection(formats),
    '',
    '## Change streams (prod, daily batches)',
    '',
    ...changeSection(results.changes),
    '',
  ].join('\n');
}
