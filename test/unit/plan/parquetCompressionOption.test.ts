// `--parquet-compression`: snappy (default), zstd or none, for parquet only; recorded in every Parquet
// manifest and run identity as `parquet_compression`, where a Parquet record without it (an older build's)
// means zstd. Its refusals are one line naming the flag.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_PARQUET_CODEC, PARQUET_CODECS, recordedParquetCodec } from '../../../src/encoding/parquet/parquetCodec.js';
import { OptionError, UsageError } from '../../../src/errors.js';
import { generate } from '../../../src/generate.js';
import { findPartSet } from '../../../src/merge/partSet.js';
import { resolveParquetCodec } from '../../../src/plan/parquetCompressionOption.js';
import { resolveOptions } from '../../../src/plan/resolveOptions.js';
import { datasetManifest } from '../../../src/run/datasetManifest.js';
import { manifestIdentity, runIdentity } from '../../../src/run/runIdentity.js';
import { identityDifference, parseJournal } from '../../../src/writer/journal.js';
import { parseManifest, type Manifest } from '../../../src/writer/manifest.js';

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    const message = (error as UsageError).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('expected a UsageError, got none');
}

/** A Parquet manifest as an older build wrote it: no parquet_compression (its pages are zstd). */
function olderParquetManifest(codec: 'zstd' | 'snappy' = 'zstd'): Manifest {
  const { parquet_compression: recorded, ...older } = datasetManifest(resolveOptions({ format: 'parquet', parquetCompression: codec }), [], []);
  expect(recorded).toBe(codec);
  return older;
}

describe('resolveParquetCodec', () => {
  it('is snappy for a parquet run unless told otherwise, and each codec when told', () => {
    expect(DEFAULT_PARQUET_CODEC).toBe('snappy');
    expect(resolveParquetCodec(undefined, 'parquet')).toBe('snappy');
    expect(PARQUET_CODECS).toEqual(['snappy', 'zstd', 'none']);
    for (const codec of PARQUET_CODECS) expect(resolveParquetCodec(codec, 'parquet')).toBe(codec);
  });

  it('is absent for csv and jsonl, which have no pages', () => {
    expect(resolveParquetCodec(undefined, 'csv')).toBeUndefined();
    expect(resolveParquetCodec(undefined, 'jsonl')).toBeUndefined();
  });

  it.each(['lz4', 'SNAPPY', 'gzip', 'zstd:3', '', 'uncompressed'])('refuses %j, naming the flag and the codecs', (value) => {
    expect(refusal(() => resolveParquetCodec(value, 'parquet'))).toBe(`--parquet-compression: unknown codec "${value}" (use snappy, zstd, none)`);
  });

  it.each(['csv', 'jsonl'] as const)('refuses a codec with --format %s', (format) => {
    for (const codec of PARQUET_CODECS) {
      expect(refusal(() => resolveParquetCodec(codec, format))).toBe('--parquet-compression: only parquet files have it; use it with --format parquet (csv and jsonl take --compress)');
    }
  });

  it('resolveOptions fills in snappy for parquet only, and refuses --compress with parquet naming the codecs', () => {
    expect(resolveOptions({ format: 'parquet' }).parquetCompression).toBe('snappy');
    expect(resolveOptions({ format: 'parquet', parquetCompression: 'none' }).parquetCompression).toBe('none');
    expect(Object.keys(resolveOptions({}))).not.toContain('parquetCompression');
    expect(Object.keys(resolveOptions({ format: 'jsonl', compress: 'gzip' }))).not.toContain('parquetCompression');
    expect(refusal(() => resolveOptions({ format: 'csv', parquetCompression: 'zstd' }))).toMatch(/^--parquet-compression: only parquet files have it/);
    expect(refusal(() => resolveOptions({ format: 'parquet', compress: 'gzip' }))).toBe(
      '--compress: parquet files are compressed inside (--parquet-compression snappy, zstd or none); use --compress only with csv or jsonl',
    );
  });

  it('a library caller gets an OptionError naming parquetCompression', async () => {
    const error = await generate({ format: 'jsonl', parquetCompression: 'zstd' }).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(OptionError);
    expect((error as OptionError).option).toBe('parquetCompression');
    expect((error as OptionError).message).toBe('parquetCompression: only parquet files have it; use it with format parquet (csv and jsonl take compress)');
  });
});

describe('parquet_compression in manifests and run identities', () => {
  it('is in every Parquet manifest and identity, after compression, and in no csv or jsonl one', () => {
    for (const codec of PARQUET_CODECS) {
      const settings = resolveOptions({ format: 'parquet', parquetCompression: codec });
      const manifest = datasetManifest(settings, [], []);
      expect(manifest.parquet_compression).toBe(codec);
      expect(Object.keys(manifest).slice(2, 5)).toEqual(['format', 'compression', 'parquet_compression']);
      const identity = runIdentity(settings, '1');
      expect(identity.parquet_compression).toBe(codec);
      expect(manifestIdentity({ ...manifest, version: '1' })).toEqual(identity);
    }
    expect(datasetManifest(resolveOptions({ format: 'parquet' }), [], []).parquet_compression).toBe('snappy');
    for (const format of ['csv', 'jsonl'] as const) {
      expect(Object.keys(datasetManifest(resolveOptions({ format }), [], [])), format).not.toContain('parquet_compression');
      expect(Object.keys(runIdentity(resolveOptions({ format }), '1')), format).not.toContain('parquet_compression');
    }
  });

  it('reads a Parquet manifest without it as zstd: the same run as --parquet-compression zstd, not as snappy', () => {
    const older = olderParquetManifest();
    expect(parseManifest(JSON.stringify(older))).toEqual(older);
    expect(recordedParquetCodec(older)).toBe('zstd');
    const previous = manifestIdentity(older);
    const run = (parquetCompression?: 'snappy' | 'zstd' | 'none'): ReturnType<typeof runIdentity> =>
      runIdentity(resolveOptions({ format: 'parquet', ...(parquetCompression ? { parquetCompression } : {}) }), older.version);
    expect(identityDifference(previous, run('zstd'))).toBeUndefined();
    expect(identityDifference(run('zstd'), previous)).toBeUndefined();
    expect(identityDifference(previous, run())).toBe('parquet_compression');
    expect(identityDifference(previous, run('none'))).toBe('parquet_compression');
    expect(identityDifference(run('snappy'), run('none'))).toBe('parquet_compression');
    // An older journal of a Parquet run reads the same way.
    const journal = parseJournal(JSON.stringify({ identity: previous, files: [] }));
    expect(typeof journal).toBe('object');
    expect(identityDifference((journal as { identity: typeof previous }).identity, run('zstd'))).toBeUndefined();
    // csv and jsonl have no codec, recorded or not.
    expect(recordedParquetCodec({ format: 'csv' })).toBeUndefined();
    expect(identityDifference(runIdentity(resolveOptions({}), '1'), runIdentity(resolveOptions({}), '1'))).toBeUndefined();
  });

  it('refuses a manifest or journal whose parquet_compression is no codec', () => {
    const manifest = datasetManifest(resolveOptions({ format: 'parquet' }), [], []);
    for (const bad of ['lz4', 'ZSTD', 1, null]) {
      expect(parseManifest(JSON.stringify({ ...manifest, parquet_compression: bad }))).toBe('parquet_compression is not one of snappy, zstd, none');
      expect(parseJournal(JSON.stringify({ identity: { ...manifestIdentity(manifest), parquet_compression: bad }, files: [] }))).toBe('parquet_compression is not one of snappy, zstd, none');
    }
  });
});

describe('the codec of Parquet parts', () => {
  const root = mkdtempSync(join(tmpdir(), 'ecomgen-pqcodec-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /** A directory of the two part manifests (of no tables) of these manifests. */
  function partsDir(name: string, first: Manifest, second: Manifest): string {
    const dir = join(root, name);
    mkdirSync(dir);
    for (const [position, manifest] of [first, second].entries()) {
      const part = { index: position + 1, count: 2 };
      writeFileSync(join(dir, `manifest.part-00${part.index}-of-002.json`), JSON.stringify({ ...manifest, part, tables: [], files: [] }));
    }
    return dir;
  }

  const current = (parquetCompression: 'snappy' | 'zstd'): Manifest => datasetManifest(resolveOptions({ format: 'parquet', parquetCompression }), [], []);

  it('joins parts of one codec, an older part (no field) with a zstd one, and refuses to mix codecs', async () => {
    await expect(findPartSet(partsDir('snappy', current('snappy'), current('snappy')))).resolves.toMatchObject({ count: 2 });
    await expect(findPartSet(partsDir('older-zstd', olderParquetManifest(), current('zstd')))).resolves.toMatchObject({ count: 2 });
    await expect(findPartSet(partsDir('mixed', current('snappy'), current('zstd')))).rejects.toThrow(
      /^manifest\.part-002-of-002\.json disagrees with manifest\.part-001-of-002\.json on parquet_compression: the parts come from different runs$/,
    );
    await expect(findPartSet(partsDir('older-snappy', olderParquetManifest(), current('snappy')))).rejects.toThrow(/on parquet_compression: the parts come from different runs$/);
  });
});
