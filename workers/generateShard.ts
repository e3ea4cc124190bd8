// The piscina worker: turns one shard (table, id range) into CSV bytes. It knows nothing of files or
// of other shards; the World it builds is a read-only cache of pure functions, rebuilt only when a
// task brings a different spec (seed, counts, config).
import { move } from 'piscina';
import type { TableName } from '../src/config/configTypes.js';
import { createTableGenerator } from '../src/model/tableGenerators.js';
import { buildWorld, type World } from '../src/model/world.js';
import { worldSpecKey, type WorldSpec } from '../src/model/worldSpec.js';

export interface ShardTask {
  readonly spec: WorldSpec;
  readonly table: TableName;
  readonly from: number;
  readonly to: number;
}

let cachedKey = '';
let cachedWorld: World | undefined;

function worldFor(spec: WorldSpec): World {
  const key = worldSpecKey(spec);
  if (cachedWorld === undefined || key !== cachedKey) {
    cachedWorld = buildWorld(spec.config, spec.counts, spec.seed);
    cachedKey = key;
  }
  return cachedWorld;
}

const encoder = new TextEncoder();

/** Test hook: makes the shard that contains this id of this table fail, to prove failures are clean. */
function injectedFailure(task: ShardTask): void {
  const spec = process.env['ECOMGEN_FAIL_SHARD'];
  if (!spec) return;
  const [table, id] = spec.split(':');
  const failId = Number(id);
  if (table === task.table && failId >= task.from && failId <= task.to) {
    throw new Error(`injected failure in ${task.table} rows ${task.from}-${task.to}`);
  }
}

export default function generateShard(task: ShardTask): Uint8Array {
  injectedFailure(task);
  const world = worldFor(task.spec);
  const text = createTableGenerator(world, task.table).rows(task.from, task.to);
  // A fresh buffer per shard, since ownership moves to the main thread (a pooled Buffer could not).
  const bytes = new Uint8Array(Buffer.byteLength(text, 'utf8'));
  encoder.encodeInto(text, bytes);
  return move(bytes) as Uint8Array;
}
