// node bench/pairedTable.mjs <table> <env> <rootA> <rootB>: the CPU of one table's generation in two
// builds (each a checkout with dist/ built), shard by shard in one process, alternating which build goes
// first, with every shard's bytes compared. In-process CPU stays comparable on a loaded machine, where
// whole-process wall times do not.
import { createHash } from 'node:crypto';
import { loadBuild } from './loadBuild.mjs';
const [table, env, rootA, rootB] = process.argv.slice(2);
if (!table || !env || !rootA || !rootB) {
  console.error('usage: node bench/pairedTable.mjs <table> <env> <rootA> <rootB>');
  process.exit(2);
}
async function load(root) {
  const { settings, plans, buildWorld, createTableGenerator, RowSink } = await loadBuild(root, env, [table]);
  return { shards: plans.flatMap((p) => p.shards), world: buildWorld(settings.config, settings.counts, settings.seed), createTableGenerator, sink: new RowSink(), until: settings.asOf, cpu: 0 };
}
const a = await load(rootA), b = await load(rootB);
function run(x, shard) {
  x.sink.reset();
  const c0 = process.cpuUsage();
  x.createTableGenerator(x.world, table).rows(shard.from, shard.to, x.sink, x.until);
  const c = process.cpuUsage(c0);
  x.cpu += c.user + c.system;
  return createHash('sha256').update(x.sink.bytes()).digest('hex');
}
let diff = 0;
a.shards.forEach((shard, i) => {
  let ha, hb;
  if (i % 2) { hb = run(b, shard); ha = run(a, shard); } else { ha = run(a, shard); hb = run(b, shard); }
  if (ha !== hb) diff++;
});
console.log(JSON.stringify({ table, A: +(a.cpu / 1e6).toFixed(3), B: +(b.cpu / 1e6).toFixed(3), ratio: +(b.cpu / a.cpu).toFixed(3), shardsDiffering: diff }));
