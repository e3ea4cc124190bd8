import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/loadConfig.js';
import { DEFAULT_CONFIG_FILE } from '../../../src/paths.js';
import { planTables } from '../../../src/plan/planShards.js';
import { upToDateManifest, type FileProbe } from '../../../src/run/upToDate.js';
import { TABLE_NAMES, type TableCounts, type TableName } from '../../../src/schema/tableNames.js';
import type { RunIdentity } from '../../../src/writer/journal.js';
import type { Manifest, ManifestFile } from '../../../src/writer/manifest.js';
import { COUNTS, IDENTITY, manifestFor } from '../helpers/runIdentityFixture.js';

const DIR = '/data/shop';
const CONFIG = loadConfig(DEFAULT_CONFIG_FILE).config;
const PLANS = planTables(CONFIG, COUNTS, TABLE_NAMES, undefined, 1000);
const SAMPLES = ['customers.sample.json'];

function entry(table: TableName): ManifestFile {
  return { table, file: `${table}.csv`, first_id: 1, last_id: COUNTS[table], rows: COUNTS[table], bytes: 100 + COUNTS[table], sha256: `sha-of-${table}` };
}

function manifestOf(identity: RunIdentity, samples: readonly string[] = SAMPLES): Manifest {
  return manifestFor(identity, TABLE_NAMES.map(entry), samples);
}

/** A directory as the probe sees it: sizes and hashes by path; `asked` records the hashing. */
function disk(sizes: Record<string, number>, hashes: Record<string, string> = {}, verify = false): FileProbe & { hashed: string[] } {
  const hashed: string[] = [];
  return {
    hashed,
    size: (path) => Promise.resolve(sizes[path]),
    ...(verify
      ? {
          sha256: (path: string) => {
            hashed.push(path);
            return Promise.resolve(hashes[path]);
          },
        }
      : {}),
  };
}

/** Every file of the manifest at its recorded size, each with its recorded hash. */
function whole(manifest: Manifest): { sizes: Record<string, number>; hashes: Record<string, string> } {
  const sizes: Record<string, number> = {};
  const hashes: Record<string, string> = {};
  for (const file of manifest.files) {
    sizes[`${DIR}/${file.file}`] = file.bytes;
    hashes[`${DIR}/${file.file}`] = file.sha256;
  }
  for (const sample of manifest.samples) sizes[`${DIR}/${sample}`] = 7;
  return { sizes, hashes };
}

function state(manifest: Manifest | undefined, extra: { journal?: boolean; damaged?: string[] } = {}) {
  return {
    directory: DIR,
    manifest,
    journal: extra.journal ? { identity: IDENTITY, files: [] } : undefined,
    damaged: extra.damaged ?? [],
  };
}

describe('a rerun into a directory holding the same dataset', () => {
  it('is up to date when the identity matches and every file has its recorded size', async () => {
    const manifest = manifestOf(IDENTITY);
    const { sizes } = whole(manifest);
    expect(await upToDateManifest(state(manifest), IDENTITY, PLANS, true, disk(sizes))).toBe(manifest);
  });

  it('is not when any identity field differs', async () => {
    const manifest = manifestOf(IDENTITY);
    const { sizes } = whole(manifest);
    const changes: Partial<RunIdentity>[] = [
      { seed: 43 },
      { version: '1.0.1' },
      { counts: { ...COUNTS, orders: 21 } },
      { config_sha256: 'd'.repeat(64) },
      { schemas_sha256: 't'.repeat(64) },
      { format: 'jsonl' },
      { compression: 'gzip' },
      { tables: ['customers'] },
    ];
    for (const change of changes) {
      expect(await upToDateManifest(state(manifest), { ...IDENTITY, ...change }, PLANS, true, disk(sizes)), JSON.stringify(change)).toBeUndefined();
    }
  });

  it('is not when a file is missing, has another size, or a sample is gone', async () => {
    const manifest = manifestOf(IDENTITY);
    const { sizes } = whole(manifest);
    const orders = `${DIR}/orders.csv`;
    const withoutOrders = Object.fromEntries(Object.entries(sizes).filter(([path]) => path !== orders));
    expect(await upToDateManifest(state(manifest), IDENTITY, PLANS, true, disk(withoutOrders))).toBeUndefined();
    expect(await upToDateManifest(state(manifest), IDENTITY, PLANS, true, disk({ ...sizes, [orders]: (sizes[orders] as number) + 1 }))).toBeUndefined();
    const withoutSample = Object.fromEntries(Object.entries(sizes).filter(([path]) => !path.endsWith('.sample.json')));
    expect(await upToDateManifest(state(manifest), IDENTITY, PLANS, true, disk(withoutSample))).toBeUndefined();
  });

  it('is not after an interrupted run, beside a damaged state file, or without a manifest', async () => {
    const manifest = manifestOf(IDENTITY);
    const { sizes } = whole(manifest);
    expect(await upToDateManifest(state(manifest, { journal: true }), IDENTITY, PLANS, true, disk(sizes))).toBeUndefined();
    expect(await upToDateManifest(state(manifest, { damaged: ['manifest.part-001-of-002.json'] }), IDENTITY, PLANS, true, disk(sizes))).toBeUndefined();
    expect(await upToDateManifest(state(undefined), IDENTITY, PLANS, true, disk(sizes))).toBeUndefined();
  });

  it('wants samples when this run would write them', async () => {
    const manifest = manifestOf(IDENTITY, []);
    const { sizes } = whole(manifest);
    expect(await upToDateManifest(state(manifest), IDENTITY, PLANS, true, disk(sizes))).toBeUndefined();
    expect(await upToDateManifest(state(manifest), IDENTITY, PLANS, false, disk(sizes))).toBe(manifest);
  });

  it('with --verify, checks every table file against its recorded sha256', async () => {
    const manifest = manifestOf(IDENTITY);
    const { sizes, hashes } = whole(manifest);
    const good = disk(sizes, hashes, true);
    expect(await upToDateManifest(state(manifest), IDENTITY, PLANS, true, good)).toBe(manifest);
    expect(good.hashed).toEqual(TABLE_NAMES.map((table) => `${DIR}/${table}.csv`));
    const changed = disk(sizes, { ...hashes, [`${DIR}/web_events.csv`]: 'same size, other bytes' }, true);
    expect(await upToDateManifest(state(manifest), IDENTITY, PLANS, true, changed)).toBeUndefined();
  });
});
