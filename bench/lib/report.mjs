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

function generationOnlySection(runs, preset) {
  if (!runs) return [];
  const two = runs.find((r) => r.workers === 2);
  return [
    '',
    `The same ${preset} plan with every shard's bytes dropped as it arrives (\`node bench/generationOnly.mjs <workers>\`: no file, no page cache, no sha256), to see how the generation itself scales:`,
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
    row([`${scaling.preset ?? 'prod'}, workers`, 'median wall s', 'speed-up vs 1', 'CPU s', 'cores busy', 'CPU s: workers / main / other threads', 'peak RSS MB']),
    row(['---:', '---:', '---:', '---:', '---:', '---:', '---:']),
    ...scaling.runs.map(scalingRow),
    '',
    scalingExplanation(scaling),
    ...generationOnlySection(scaling.generationOnly, scaling.preset ?? 'prod'),
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
  const runs = [b.ecomgen, b.duckdb, b.naive, ...(b.whole ? [b.whole] : [])];
  return [
    row(['run', 'rows', 'median wall s', 'rows/s', 'MB/s', 'bytes/row', 'peak RSS MB', 'CPU s', 'rows per CPU s']),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
    ...runs.map((r) => row([r.label, thousands(r.rows), s(r.medianSeconds), thousands(r.rowsPerSecond), r.mbPerSecond.toFixed(1), (r.bytes / r.rows).toFixed(0), mb(r.medianPeakRssMb), r.medianCpuSeconds.toFixed(1), thousands(r.rowsPerCpuSecond)])),
    '',
    `- ecomgen / DuckDB wall time for the same ${thousands(b.ecomgen.rows)} rows: ${b.timeVsDuckdb.toFixed(2)}x (below 1 = ecomgen faster).`,
    `- ecomgen rows/s / naive rows/s: ${b.speedVsNaive.toFixed(1)}x; per CPU second: ${b.cpuEfficiencyVsNaive.toFixed(1)}x. The naive loop runs ${thousands(b.naive.rows)} rows only (at 5M it would take minutes), so rates are compared, not times; its rate includes its start-up, spread over fewer rows.`,
    '- Both baselines only imitate the shape (12 columns, same value sets, similar width); neither keeps sessions, funnels or foreign keys.',
    ...(b.whole ? [`- CPU seconds per row, ${b.whole.label} / DuckDB: ${b.cpuPerRowVsDuckdb.toFixed(2)}x (whole process, user + system, medians; every table of ${b.preset} against DuckDB's web_events).`] : []),
  ];
}

function formatSection(formats) {
  if (formats.skipped) return [`Formats: ${formats.skipped}.`];
  const ok = formats.runs.filter((r) => !r.failed);
  const levels = formats.gzipLevels;
  const codecs = formats.parquetCodecs;
  return [
    row(['run', 'median wall s', 'time vs csv (paired)', 'output MB', 'peak RSS MB (median / max)', 'CPU s (cores busy)']),
    row(['---', '---:', '---:', '---:', '---:', '---:']),
    ...ok.map((r) => row([r.label, s(r.medianSeconds), `${r.timeVsCsv.toFixed(2)}x`, (r.bytes / 1e6).toFixed(0), `${mb(r.medianPeakRssMb)} / ${mb(r.maxPeakRssMb)}`, `${r.medianCpuSeconds.toFixed(1)} (${r.coresBusy.toFixed(2)})`])),
    ...formats.runs.filter((r) => r.failed).flatMap((r) => ['', `${r.label}: failed, left out (${r.failed}).`]),
    '',
    'gzip is zlib in the workers, one member per shard: plain `gzip` is level 6, `gzip:1` the fastest level. Parquet is encoded in the workers (parquet-wasm, one row group per 16,384 ids; `parquet` is the default codec, snappy, zstd in builds before `--parquet-compression`) and assembled under one footer by the main thread.',
    ...(levels && !levels.skipped
      ? ['', `gzip:1 against plain gzip (level 6), paired: wall time ${levels.timeRatio.toFixed(2)}x, CPU time ${levels.cpuRatio.toFixed(2)}x, output ${levels.sizeRatio.toFixed(2)}x the size (${(levels.one.bytes / 1e6).toFixed(0)} vs ${(levels.six.bytes / 1e6).toFixed(0)} MB).`]
      : []),
    ...(codecs && !codecs.skipped
      ? ['', `Parquet with \`--parquet-compression zstd\` against the default (snappy), paired: wall time ${codecs.timeRatio.toFixed(2)}x, CPU time ${codecs.cpuRatio.toFixed(2)}x, output ${codecs.sizeRatio.toFixed(2)}x the size (${(codecs.zstd.bytes / 1e6).toFixed(0)} vs ${(codecs.snappy.bytes / 1e6).toFixed(0)} MB).`]
      : []),
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
  return [row(['issue', 'target', 'threshold', 'measured', 'verdict']), row(['---', '---', '---', '---', '---']), ...targets.map((t) => row([t.source, t.target, t.threshold, t.measured, t.verdict]))];
}

/** Two jobs run in pairs (A B, B A, ...): their medians and the paired ratios. */
function pairTable(runs) {
  return [
    row(['run', 'median wall s', 'wall s per run', 'peak RSS MB (median / max)', 'CPU s (cores busy)', 'runs']),
    row(['---', '---:', '---', '---:', '---:', '---:']),
    ...runs.map((r) => row([r.label, s(r.medianSeconds), r.seconds.map((value) => value.toFixed(1)).join(', '), `${mb(r.medianPeakRssMb)} / ${mb(r.maxPeakRssMb)}`, `${r.medianCpuSeconds.toFixed(1)} (${r.coresBusy.toFixed(2)})`, r.runs])),
  ];
}

function validateSection(validate) {
  if (!validate || validate.skipped) return [`Validate: ${validate ? validate.skipped : 'not run'}.`];
  return [
    ...pairTable([validate.generate, validate.validate]),
    '',
    `validate / generate, paired median of the wall times: ${validate.timeVsGenerate.toFixed(2)}x. The dataset validated was written once before the timed runs (same seed and counts as each timed generate).${validate.workersFlag ? '' : ' This build\'s validate has no --workers flag.'}`,
  ];
}

function diskFloorSection(floor) {
  if (!floor || floor.skipped) return [`Disk floor: ${floor ? floor.skipped : 'not run'}.`];
  return [
    `The ${floor.preset} run's ${(floor.run.bytes / 1e6).toFixed(0)} MB written to one file in 8 MB writes and fsynced by \`node bench/diskFloor.mjs\` (what \`dd bs=8M conv=fsync\` does), in the end-to-end group right after the ${floor.preset} runs: median ${floor.floor.medianSeconds.toFixed(2)} s (${(floor.run.bytes / 1e6 / floor.floor.medianSeconds).toFixed(0)} MB/s), peak RSS ${mb(floor.floor.medianPeakRssMb)} MB. ${floor.run.label} takes ${floor.timeVsFloor.toFixed(2)}x the floor (paired median).`,
  ];
}

function defectSection(defects) {
  if (!defects || defects.skipped) return [`Dirty data: ${defects ? defects.skipped : 'not run'}.`];
  return [
    ...pairTable([defects.clean, defects.dirty]),
    '',
    `--defects ${defects.rate} / clean, paired medians: CPU time ${defects.cpuRatio.toFixed(2)}x, wall time ${defects.wallRatio.toFixed(2)}x, peak RSS ${defects.rssRatio.toFixed(2)}x. The target's verdict is on CPU time: the defects add work, not waiting, and CPU time shows it with less noise than wall time on a shared machine.`,
    ...(defects.extraCpu ? ['', `The dirty run's extra CPU seconds by thread (medians, dirty minus clean): workers ${defects.extraCpu.workersS} s, main ${defects.extraCpu.mainS} s, other threads ${defects.extraCpu.otherS} s.`] : []),
  ];
}

function revisionSection(revision) {
  if (!revision || revision.skipped) return [`Baseline revision: ${revision ? revision.skipped : 'not run'}.`];
  return [
    ...pairTable([revision.ours, revision.baseline]),
    '',
    `This build / ${revision.commit.slice(0, 7)} (BENCH_BASELINE_REV=${revision.rev}), paired medians: wall time ${revision.timeRatio.toFixed(2)}x, CPU time ${revision.cpuRatio.toFixed(2)}x, peak RSS ${revision.rssRatio.toFixed(2)}x. Rows: ${thousands(revision.ours.rows)} vs ${thousands(revision.baseline.rows)}; bytes: ${(revision.ours.bytes / 1e6).toFixed(0)} vs ${(revision.baseline.bytes / 1e6).toFixed(0)} MB. The revision is built in the run (git archive, this checkout's node_modules, npm run build).`,
  ];
}

export function renderMarkdown(results) {
  const { settings, machine, endToEnd, size, baselines, formats, targets } = results;
  const trial = settings.targetPreset && settings.targetPreset !== 'prod' ? [`**Trial run: BENCH_TARGET_PRESET=${settings.targetPreset}.** The targets below are prod's thresholds applied to ${settings.targetPreset}; they mean nothing until the bench runs on prod.`, ''] : [];
  return [
    `# Benchmark ${results.date}`,
    '',
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB RAM, Node ${machine.node}; load average ${machine.loadBefore} at the start, ${machine.loadAfter} at the end (above ${machine.cores} means other work competed for the cores). ${settings.repetitions} repetitions per job, interleaved (${settings.longRepetitions ?? '-'} for the change streams, ${settings.pairedRepetitions ?? '-'} pairs for the dirty-data and earlier-build comparisons); medians, and for ratios the median of each repetition's ratio. Command: \`npm run bench\`${results.benchSeconds === undefined ? '' : `, ${(results.benchSeconds / 60).toFixed(1)} minutes`}. Every figure is a whole-process run (spawn to exit, including Node start-up, fsync and the manifest); peak RSS and CPU time are the whole process's, worker threads included.`,
    '',
    '## Targets',
    '',
    ...trial,
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
    '### Disk floor',
    '',
    ...diskFloorSection(endToEnd.diskFloor),
    '',
    `## Worker scaling (${settings.targetPreset ?? 'prod'})`,
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
    `## Validate (${results.validate?.preset ?? 'prod'})`,
    '',
    ...validateSection(results.validate),
    '',
    `## Output formats (${formats.preset ?? 'prod'})`,
    '',
    ...formatSection(formats),
    '',
    `## Change streams (${settings.targetPreset ?? 'prod'}, daily batches)`,
    '',
    ...changeSection(results.changes),
    '',
    `## Dirty data (${results.defects?.preset ?? 'prod'}, --defects)`,
    '',
    ...defectSection(results.defects),
    '',
    `## Against an earlier build (${results.baselineRev?.rev ?? 'BENCH_BASELINE_REV'})`,
    '',
    ...revisionSection(results.baselineRev),
    '',
  ].join('\n');
}
