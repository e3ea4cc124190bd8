// `--compress` with a gzip level: `gzip:1` .. `gzip:9` reach every gzip member (header and shards) and are
// recorded where the bytes depend on them; plain `gzip` stays zlib's default level 6, byte for byte.
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DEFAULT_GZIP_LEVEL, GZIP_LEVELS } from '../../../src/encoding/gzipLevel.js';
import { gzipMember } from '../../../src/encoding/gzipMember.js';
import { UsageError } from '../../../src/errors.js';
import { DEFAULT_SCHEMA_DIR } from '../../../src/paths.js';
import { resolveCompression } from '../../../src/plan/compressOption.js';
import { resolveOptions } from '../../../src/plan/resolveOptions.js';
import { datasetManifest } from '../../../src/run/datasetManifest.js';
import { manifestIdentity, runIdentity } from '../../../src/run/runIdentity.js';
import { TOOL_VERSION } from '../../../src/run/toolVersion.js';
import { loadSchemas } from '../../../src/schema/loadSchemas.js';
import { identityDifference } from '../../../src/writer/journal.js';
import { tableHeader } from '../../../src/writer/tableHeader.js';

function usageMessage(value: unknown): string {
  try {
    resolveCompression(value);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as UsageError).message;
  }
  throw new Error(`expected ${String(value)} to be refused`);
}

/** CSV-like text that compresses differently at different levels (repetitive, but not trivially). */
function sampleCsv(): Buffer {
  const lines: string[] = [];
  let state = 12345;
  for (let row = 1; row <= 20_000; row++) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    lines.push(`${row},${state % 997},customer-${state % 5003}@example.com,${(state % 100_000) / 100},2024-0${(row % 9) + 1}-1${row % 10}`);
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}

describe('resolveCompression', () => {
  it('reads none, plain gzip (level 6) and gzip:1 to gzip:9', () => {
    expect(resolveCompression(undefined)).toEqual({ compression: 'none' });
    expect(resolveCompression('none')).toEqual({ compression: 'none' });
    expect(resolveCompression('gzip')).toEqual({ compression: 'gzip', gzipLevel: 6 });
    expect(GZIP_LEVELS).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const level of GZIP_LEVELS) expect(resolveCompression(`gzip:${level}`)).toEqual({ compression: 'gzip', gzipLevel: level });
  });

  it.each([
    ['gzip:0', /^--compress: "gzip:0" is not a gzip level \(use gzip:1, fastest, to gzip:9, smallest; plain gzip is 6\)$/],
    ['gzip:10', /^--compress: "gzip:10" is not a gzip level/],
    ['gzip:x', /^--compress: "gzip:x" is not a gzip level/],
    ['gzip:', /^--compress: "gzip:" is not a gzip level/],
    ['gzip:06', /^--compress: "gzip:06" is not a gzip level/],
    ['gzip:1.5', /^--compress: "gzip:1.5" is not a gzip level/],
    ['zip', /^--compress: unknown compression "zip" \(use none, gzip or gzip:1 to gzip:9\)$/],
    ['GZIP', /^--compress: unknown compression "GZIP"/],
    ['zstd:3', /^--compress: unknown compression "zstd:3"/],
  ])('refuses %s in one line naming the flag', (value, pattern) => {
    const message = usageMessage(value);
    expect(message).not.toContain('\n');
    expect(message).toMatch(pattern);
  });

  it('resolveOptions carries the level for gzip only, and refuses a level with parquet like plain gzip', () => {
    expect(resolveOptions({ compress: 'gzip:1' })).toMatchObject({ compression: 'gzip', gzipLevel: 1 });
    expect(resolveOptions({ compress: 'gzip' })).toMatchObject({ compression: 'gzip', gzipLevel: 6 });
    expect(resolveOptions({}).gzipLevel).toBeUndefined();
    expect(() => resolveOptions({ format: 'parquet', compress: 'gzip:9' })).toThrow(/^--compress: parquet files are compressed inside/);
  });
});

describe('gzipMember', () => {
  const csv = sampleCsv();

  it('at the default level is exactly what plain gzip always wrote (zlib default)', () => {
    expect(DEFAULT_GZIP_LEVEL).toBe(6);
    expect(gzipMember(csv, DEFAULT_GZIP_LEVEL).equals(gzipSync(csv))).toBe(true);
  });

  it('decompresses to the same bytes at every level; level 1 is larger than level 9', () => {
    const sizes = GZIP_LEVELS.map((level) => {
      const member = gzipMember(csv, level);
      expect(gunzipSync(member).equals(csv), `level ${level}`).toBe(true);
      return member.length;
    });
    expect(sizes[0]).toBeGreaterThan(sizes[8] as number);
  });
});

describe('the level in a run', () => {
  const { schemas } = loadSchemas(DEFAULT_SCHEMA_DIR);

  it('reaches the gzip header member (zlib marks level 1 as fastest in the gzip header: XFL = 4)', () => {
    const columns = schemas.orders.columns;
    const header = `${columns.map((column) => column.name).join(',')}\n`;
    const fast = tableHeader(columns, 'csv', 'gzip', 1) as Buffer;
    const plain = tableHeader(columns, 'csv', 'gzip') as Buffer;
    expect(gunzipSync(fast).toString()).toBe(header);
    // Byte 8 of a gzip member is XFL: 4 for the fastest level, 2 for the best, 0 otherwise.
    expect([fast[8], plain[8], (tableHeader(columns, 'csv', 'gzip', 9) as Buffer)[8]]).toEqual([4, 0, 2]);
    expect(plain.equals(gzipSync(Buffer.from(header)))).toBe(true);
  });

  it('is recorded in the identity and the manifest when it is not 6, and nowhere otherwise', () => {
    const fast = resolveOptions({ compress: 'gzip:1' });
    const identity = runIdentity(fast, TOOL_VERSION);
    expect(identity.compression_level).toBe(1);
    const manifest = datasetManifest(fast, [], []);
    expect(manifest.compression_level).toBe(1);
    expect(manifestIdentity(manifest)).toEqual(identity);
    // A gzip:1 run is not the plain gzip run (resume and up-to-date checks tell them apart).
    expect(identityDifference(runIdentity(resolveOptions({ compress: 'gzip' }), TOOL_VERSION), identity)).toBe('compression_level');
    // Plain gzip, gzip:6 and no compression keep the manifest they always had.
    for (const compress of ['gzip', 'gzip:6', 'none'] as const) {
      const settings = resolveOptions({ compress });
      expect(Object.keys(datasetManifest(settings, [], [])), compress).not.toContain('compression_level');
      expect(Object.keys(runIdentity(settings, '1')), compress).not.toContain('compression_level');
    }
    expect(identityDifference(runIdentity(resolveOptions({ compress: 'gzip:6' }), '1'), runIdentity(resolveOptions({ compress: 'gzip' }), '1'))).toBeUndefined();
  });
});
