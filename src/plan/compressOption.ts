// `--compress` (the library's `compress`): `none`, `gzip` or `gzip:<level>`, checked into a compression
// and, for gzip, its level.
import { COMPRESSIONS, type Compression } from '../encoding/outputFormat.js';
import { DEFAULT_GZIP_LEVEL, GZIP_LEVELS, type GzipLevel } from '../encoding/gzipLevel.js';
import { UsageError } from '../errors.js';

/** How a caller writes the compression: `gzip:1` .. `gzip:9` choose gzip's level (plain `gzip` is 6). */
export type CompressOption = Compression | `gzip:${GzipLevel}`;

export interface CompressionChoice {
  readonly compression: Compression;
  /** Present for gzip only. */
  readonly gzipLevel?: GzipLevel;
}

const FASTEST = GZIP_LEVELS[0];
const SMALLEST = GZIP_LEVELS[GZIP_LEVELS.length - 1];

/** The compression and level a `--compress` value asks for; a UsageError naming the flag otherwise. */
export function resolveCompression(value: unknown): CompressionChoice {
  if (value === undefined || value === 'none') return { compression: 'none' };
  if (value === 'gzip') return { compression: 'gzip', gzipLevel: DEFAULT_GZIP_LEVEL };
  const text = String(value);
  const level = /^gzip:(.*)$/.exec(text)?.[1];
  if (level === undefined) throw new UsageError(`--compress: unknown compression "${text}" (use ${COMPRESSIONS.join(', ')} or gzip:${FASTEST} to gzip:${SMALLEST})`);
  const found = GZIP_LEVELS.find((candidate) => String(candidate) === level);
  if (found === undefined) {
    throw new UsageError(`--compress: "${text}" is not a gzip level (use gzip:${FASTEST}, fastest, to gzip:${SMALLEST}, smallest; plain gzip is ${DEFAULT_GZIP_LEVEL})`);
  }
  return { compression: 'gzip', gzipLevel: found };
}
