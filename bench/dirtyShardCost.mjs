// node bench/dirtyShardCost.mjs <root> <clean|dirty> [every] [table] [rate]: what a table's prod shards cost one
// worker clean or with --defects (rate 0.01 unless given), run in-process through the worker's own generateShard
// (every `every`-th shard, default 2; table web_events unless given). Prints the thread's CPU, the whole
// process's CPU (the rest is V8's helper threads: parallel scavenges, concurrent marking and compilation) and
// the young and full collections. Collections follow allocation, not load, so on the shared machine the
// collection counts of a clean and a dirty run compare where their CPU times do not; pass
// --max-semi-space-size=2 to node for about the pool's young generation.
import { readFileSync } from 'node:fs';
import { PerformanceObserver, constants } from 'node:perf_hooks';

const [root, mode, everyArg, tableArg, rateArg] = process.argv.slice(2);
if (!root || (mode !== 'clean' && mode !== 'dirty')) {
  console.error('usage: node bench/dirtyShardCost.mjs <root> <clean|dirty> [every] [table] [rate]');
  process.exit(2);
}
const every = Number(everyArg ?? 2);
const table = tableArg ?? 'web_events';
const rate = Number(rateArg ?? 0.01);
const { planTables } = await import(`${root}/dist/src/plan/planShards.js`);
const { resolveOptions } = await import(`${root}/dist/src/plan/resolveOptions.js`);
const { shardRowsByTable } = await import(`${root}/dist/src/plan/shardSizes.js`);
const { tableEncodings } = await import(`${root}/dist/src/encoding/outputFormat.js`);
const { tableDefectPlan } = await import(`${root}/dist/src/defects/defectPlan.js`);
const { valueSymbol } = await import(`${root}/node_modules/piscina/dist/index.js`);
const generateShard = (await import(`${root}/dist/workers/generateShard.js`)).default;

const settings = resolveOptions({ environment: 'prod', workers: 2, defects: rate, tables: [table] });
const plans = planTables(settings.config, settings.counts, [table], undefined, shardRowsByTable(settings.shardRows, 'csv', 'none'));
const shards = plans.flatMap((plan) => plan.shards).filter((_, index) => index % every === 0);
const encoding = tableEncodings(settings.schemas)[table];
const spec = { config: settings.config, counts: settings.counts, seed: settings.seed };
const defects = tableDefectPlan(settings.defects, table, settings.seed);

/** This thread's CPU in ms (process.cpuUsage counts every thread of the process). */
function threadMs() {
  return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
}

const collections = { minor: 0, major: 0, ms: 0 };
const observer = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const kind = entry.detail?.kind;
    if (kind === constants.NODE_PERFORMANCE_GC_MINOR) collections.minor++;
    else if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) collections.major++;
    collections.ms += entry.duration;
  }
});
observer.observe({ entryTypes: ['gc'] });

let buffer;
let rows = 0;
const process0 = process.cpuUsage();
const thread0 = threadMs();
for (const shard of shards) {
  const task = { spec, table, from: shard.from, to: shard.to, format: 'csv', compression: 'none', encoding, until: settings.asOf, ...(buffer ? { buffer } : {}), ...(mode === 'dirty' ? { defects } : {}) };
  let output = generateShard(task);
  if (output instanceof Promise) output = await output;
  // The worker's result is wrapped for piscina's transfer; the buffer goes back in as a pool's would.
  const value = output[valueSymbol] ?? output;
  buffer = value.bytes.buffer;
  rows += value.rows;
}
const thread = threadMs() - thread0;
const cpu = process.cpuUsage(process0);
// Let the observer deliver the last entries.
await new Promise((resolve) => setTimeout(resolve, 50));
observer.disconnect();
console.log(
  JSON.stringify({
    table,
    mode,
    shards: shards.length,
    rows,
    threadCpuS: +(thread / 1000).toFixed(3),
    processCpuS: +((cpu.user + cpu.system) / 1e6).toFixed(3),
    scavenges: collections.minor,
    fullCollections: collections.major,
    gcPauseMs: Math.round(collections.ms),
  }),
);
