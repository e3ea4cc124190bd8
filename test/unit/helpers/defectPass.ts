// The defect pass over a copy of a shard's clean rows: the tests keep the clean bytes to compare the
// dirty ones with, where a run patches the rows in the buffer they were generated in.
import { patchShardDefects, type ShardDefectInput, type ShardDefectResult } from '../../../src/defects/shardDefects.js';
import type { RowSink } from '../../../src/encoding/rowSink.js';

export function injectShardDefects(input: ShardDefectInput & { readonly clean: Uint8Array }, out: RowSink): ShardDefectResult {
  out.reset();
  out.encoded(input.clean);
  return patchShardDefects(input, out);
}
