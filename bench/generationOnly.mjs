// `node bench/generationOnly.mjs <workers> [environment]`: the generate plan run through the worker
// pool with every shard's bytes dropped as they arrive: no file, no page cache, no sha256. The bench
// runs it with 1 and 2 workers to show how the generation itself scales, apart from the output path
// whose cost is fixed whatever the worker count. Prints one JSON line: rows and bytes generated.
import { tableEncodings } from '../dist/src/encoding/outputFormat.js';
import { planTables } from '../dist/src/plan/planShards.js';
import { shardRowsByTable } from '../dist/src/plan/shardSizes.js';
import { resolveOptions } from '../dist/src/plan/resolveOptions.js';
import { ShardPool } from '../dist/src/pool/shardPool.js';

const workers = Number(process.argv[2] ?? 1);
const environment = process.argv[3] ?? 'prod';
const settings = resolveOptions({ environment, workers });
// The plan generate() makes for a plain CSV run.
const plans = planTables(settings.config, settings.counts, settings.tables, undefined, shardRowsByTable(settings.shardRows, 'csv', 'none'));
const shards = plans.flatMap((plan) => plan.shards);
const encodings = tableEncodings(settings.schemas);
const spec = { config: settings.config, counts: settings.counts, seed: settings.seed };
const pool = new ShardPool(workers, new AbortController().signal);
let rows = 0;
let bytes = 0;
try {
  for await (const { shard, bytes: chunk, release } of pool.run(shards, spec, { format: 'csv', compression: 'none', encodings })) {
    rows += shard.to - shard.from + 1;
    bytes += chunk.byteLength;
    release();
  }
} finally {
  await pool.destroy();
}
process.stdout.write(`${JSON.stringify({ rows, bytes })}\n`);
