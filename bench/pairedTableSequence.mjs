// node bench/pairedTableSequence.mjs <reps> <rootA> <rootB>: CPU seconds per table of customers, products,
// orders and order_items made in sequence in one fresh World per repetition (as the one worker of a -w 1 run
// makes them), builds A and B alternating which goes first; every table's sha256 compared between the builds.
import { createHash } from 'node:crypto';
import { loadBuild } from './loadBuild.mjs';
const [reps, rootA, rootB] = [Number(process.argv[2]), process.argv[3], process.argv[4]];
if (!(reps > 0) || !rootA || !rootB) {
  console.error('usage: node bench/pairedTableSequence.mjs <reps> <rootA> <rootB> (each root a built checkout)');
  process.exit(2);
}
const TABLES = ['customers', 'products', 'orders', 'order_items'];
async function load(root) {
  const { settings, plans, buildWorld, createTableGenerator, RowSink } = await loadBuild(root, 'prod', TABLES);
  return { plans, settings, buildWorld, createTableGenerator, sink: new RowSink(), cpu: Object.fromEntries(TABLES.map((t) => [t, []])), world: [] };
}
const builds = [await load(rootA), await load(rootB)];
const hashes = [{}, {}];
function pass(x, hashOut) {
  const c0 = process.cpuUsage();
  const world = x.buildWorld(x.settings.config, x.settings.counts, x.settings.seed);
  const cw = process.cpuUsage(c0); x.world.push((cw.user + cw.system) / 1e6);
  for (const plan of x.plans) {
    const hash = createHash('sha256');
    const c1 = process.cpuUsage();
    for (const shard of plan.shards) {
      x.sink.reset();
      x.createTableGenerator(world, plan.table).rows(shard.from, shard.to, x.sink, x.settings.asOf);
      hash.update(x.sink.bytes());
    }
    const c = process.cpuUsage(c1);
    x.cpu[plan.table].push((c.user + c.system) / 1e6);
    hashOut[plan.table] = hash.digest('hex');
  }
}
for (let r = 0; r < reps; r++) {
  const order = r % 2 ? [1, 0] : [0, 1];
  for (const i of order) pass(builds[i], hashes[i]);
}
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const out = {};
let sumA = 0, sumB = 0;
for (const t of TABLES) {
  const a = median(builds[0].cpu[t]), b = median(builds[1].cpu[t]);
  sumA += a; sumB += b;
  const ratios = builds[0].cpu[t].map((v, i) => +(builds[1].cpu[t][i] / v).toFixed(3));
  out[t] = { A: +a.toFixed(3), B: +b.toFixed(3), pairRatios: ratios, same: hashes[0][t] === hashes[1][t] };
}
out.fourTables = { A: +sumA.toFixed(3), B: +sumB.toFixed(3), ratio: +(sumB / sumA).toFixed(3) };
out.buildWorld = { A: +median(builds[0].world).toFixed(3), B: +median(builds[1].world).toFixed(3) };
console.log(JSON.stringify(out, null, 1));
