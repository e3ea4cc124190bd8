import { gzipSync } from 'node:zlib';
import type { GzipLevel } from './gzipLevel.js';

/** One gzip member of `bytes` at the run's level: a table's header and every shard are members of their own. */
export function gzipMember(bytes: Uint8Array, level: GzipLevel): Buffer {
  return gzipSync(bytes, { level });
}
