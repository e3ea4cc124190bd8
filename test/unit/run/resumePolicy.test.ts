// What a run does with a directory that already holds something: every branch of the policy, with its
// exact message, and which files of an interrupted run are kept. Pure: states are built in memory.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { planTables } from '../../../src/plan/planShards.js';
import { chooseMode, reusableEntries, verifiedFiles, type FileHasher, type ModeRequest } from '../../../src/run/resumePolicy.js';
import { manifestIdentity } from '../../../src/run/runIdentity.js';
import type { RunIdentity, RunJournal } from '../../../src/writer/journal.js';
import type { Manifest, ManifestFile } from '../../../src/writer/manifest.js';
import type { OutputDirectoryState } from '../../../src/writer/outputDirectory.js';
import { loadConfig } from '../../../src/config/loadConfig.js';
import { DEFAULT_CONFIG_FILE } from '../../../src/paths.js';
import { TABLE_NAMES, type TableCounts, type TableName } from '../../../src/schema/tableNames.js';
import { COUNTS, IDENTITY, manifestFor } from '../helpers/runIdentityFixture.js';

const CONFIG = loadConfig(DEFAULT_CONFIG_FILE).config;
const DIR = '/data/shop';
const NO_FLAGS: ModeRequest = { force: false, resume: false };
const FORCE: ModeRequest = { force: true, resume: false };
const RESUME: ModeRequest = { force: false, resume: true };

function entry(table: TableName, file = `${table}.csv`, sha256 = `sha-of-${table}`): ManifestFile {
  return { table, file, first_id: 1, last_id: COUNTS[table], rows: COUNTS[table], bytes: 100, sha256 };
}

function manifestOf(identity: RunIdentity, files: readonly ManifestFile[]): Manifest {
  return manifestFor(identity, files);
}

function state(contents: { existing?: string[]; journal?: RunJournal; manifest?: Manifest; damaged?: string[] }): OutputDirectoryState {
  return { directory: DIR, existing: contents.existing ?? [], journal: contents.journal, manifest: contents.manifest, damaged: contents.damaged ?? [] };
}

function refusal(directory: OutputDirectoryState, request: ModeRequest, identity: RunIdentity = IDENTITY): string {
  try {
    chooseMode(directory, request, identity);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).not.toContain('\n');
    return (error as Error).message;
  }
  throw new Error('expected chooseMode to refuse');
}

const interrupted: RunJournal = { identity: IDENTITY, files: [entry('customers'), entry('products')] };

describe('chooseMode', () => {
  it.each([NO_FLAGS, FORCE, RESUME])('an empty directory is a fresh run whatever the flags (%j)', (request) => {
    expect(chooseMode(state({}), request, IDENTITY)).toBe('fresh');
  });

  it('--force replaces a dataset, and an interrupted run', () => {
    expect(chooseMode(state({ existing: ['customers.csv', 'manifest.json'], manifest: manifestOf(IDENTITY, [entry('customers')]) }), FORCE, IDENTITY)).toBe('replace');
    expect(chooseMode(state({ journal: interrupted }), FORCE, IDENTITY)).toBe('replace');
  });

  it('--resume continues an interrupted run of the same dataset', () => {
    expect(chooseMode(state({ existing: ['customers.csv', 'products.csv'], journal: interrupted }), RESUME, IDENTITY)).toBe('resume');
  });

  it('--resume continues from a finished manifest of the same dataset when there is no journal', () => {
    expect(chooseMode(state({ existing: ['customers.csv', 'manifest.json'], manifest: manifestOf(IDENTITY, [entry('customers')]) }), RESUME, IDENTITY)).toBe('resume');
  });

  it('--resume refuses a run with another identity, naming the first field that differs', () => {
    const directory = state({ existing: ['customers.csv'], journal: interrupted });
    expect(refusal(directory, RESUME, { ...IDENTITY, seed: 43 })).toBe(`--resume: ${DIR} holds a run with a different seed; use the same options, or --force to replace it`);
    expect(refusal(directory, RESUME, { ...IDENTITY, seed: 43, version: '9.9.9' })).toMatch(/a different version;/);
    expect(refusal(directory, RESUME, { ...IDENTITY, counts: { ...COUNTS, orders: 21 } })).toMatch(/a different counts;/);
    expect(refusal(directory, RESUME, { ...IDENTITY, part: { index: 1, count: 2 } })).toMatch(/a different part;/);
    expect(refusal(directory, RESUME, { ...IDENTITY, format: 'jsonl' })).toMatch(/a different format;/);
  });

  it('--resume trusts the journal over a manifest left from before', () => {
    const older = manifestOf({ ...IDENTITY, seed: 7 }, []);
    expect(chooseMode(state({ existing: ['manifest.json'], journal: interrupted, manifest: older }), RESUME, IDENTITY)).toBe('resume');
    expect(refusal(state({ existing: ['manifest.json'], manifest: older }), RESUME)).toMatch(/a different seed;/);
  });

  it('--resume refuses files with no record of the run that wrote them', () => {
    expect(refusal(state({ existing: ['orders.csv'] }), RESUME)).toBe(`--resume: ${DIR} holds files but no record of the run that wrote them; use --force to replace them`);
  });

  it('without flags, an interrupted run is refused with how far it got', () => {
    expect(refusal(state({ existing: ['customers.csv', 'products.csv'], journal: interrupted }), NO_FLAGS)).toBe(
      `--output-dir: ${DIR} holds an interrupted run (2 of 5 tables complete); pass --resume to finish it or --force to replace it`,
    );
    // A journal alone (no table complete yet) is an interrupted run too.
    expect(refusal(state({ journal: { identity: { ...IDENTITY, tables: ['orders'] }, files: [] } }), NO_FLAGS)).toMatch(/\(0 of 1 tables complete\)/);
  });

  it('a damaged manifest or journal: --force replaces; --resume and a plain run are refused in one line naming the file', () => {
    const damaged = state({ existing: ['manifest.json'], damaged: ['manifest.json: invalid JSON (Unexpected end of JSON input)'] });
    expect(chooseMode(damaged, FORCE, IDENTITY)).toBe('replace');
    expect(refusal(damaged, RESUME)).toBe(
      `--resume: ${DIR}/manifest.json: invalid JSON (Unexpected end of JSON input), so the run that wrote the directory is unknown; pass --force to replace what it holds`,
    );
    expect(refusal(damaged, NO_FLAGS)).toMatch(/^--output-dir: \/data\/shop\/manifest\.json: invalid JSON .*; pass --force to replace what it holds$/);
    // A damaged journal alone is not an empty directory.
    const journalOnly = state({ damaged: ['.ecomgen-journal.json: no run identity'] });
    expect(chooseMode(journalOnly, FORCE, IDENTITY)).toBe('replace');
    expect(refusal(journalOnly, NO_FLAGS)).toMatch(/\.ecomgen-journal\.json: no run identity, so the run/);
  });

  it('without flags, a dataset is refused, listing at most three of its files', () => {
    expect(refusal(state({ existing: ['customers.csv', 'manifest.json'] }), NO_FLAGS)).toBe(`--output-dir: ${DIR} already holds a dataset (customers.csv, manifest.json); pass --force to replace it`);
    expect(refusal(state({ existing: ['a.csv', 'b.csv', 'c.csv', 'd.csv'] }), NO_FLAGS)).toBe(`--output-dir: ${DIR} already holds a dataset (a.csv, b.csv, c.csv, ...); pass --force to replace it`);
  });
});

describe('which files of an interrupted run are kept', () => {
  const plans = planTables(CONFIG, COUNTS, TABLE_NAMES, undefined, 1000);
  /** A hasher over an in-memory directory; records what it was asked for. */
  function hasher(files: Readonly<Record<string, string>>): FileHasher & { asked: string[] } {
    const asked: string[] = [];
    const hash = async (path: string): Promise<string | undefined> => {
      asked.push(path);
      return files[path];
    };
    return Object.assign(hash, { asked });
  }

  it('only entries this run would write under the same name', () => {
    const journal: RunJournal = { identity: IDENTITY, files: [entry('customers'), entry('products', 'products.jsonl'), entry('orders', 'orders.part-001-of-002.csv')] };
    expect(reusableEntries({ journal, manifest: undefined }, plans).map((file) => file.table)).toEqual(['customers']);
    const onlyOrders = planTables(CONFIG, COUNTS, ['orders'], undefined, 1000);
    expect(reusableEntries({ journal, manifest: undefined }, onlyOrders)).toEqual([]);
  });

  it('keeps a file whose sha256 still matches; a changed or missing one is generated again', async () => {
    const journal: RunJournal = { identity: IDENTITY, files: [entry('orders'), entry('customers'), entry('products'), entry('web_events', 'web_events.jsonl')] };
    const disk = hasher({ [`${DIR}/orders.csv`]: 'sha-of-orders', [`${DIR}/customers.csv`]: 'changed since' });
    const kept = await verifiedFiles({ directory: DIR, journal, manifest: undefined }, plans, disk);
    expect([...kept.keys()]).toEqual(['orders']);
    expect(kept.get('orders')).toEqual(entry('orders'));
    // The misnamed entry is never read.
    expect(disk.asked).toEqual([`${DIR}/orders.csv`, `${DIR}/customers.csv`, `${DIR}/products.csv`]);
  });

  it('reads the record from the journal first, else the manifest', async () => {
    const manifest = manifestOf(IDENTITY, [entry('customers'), entry('products')]);
    const disk = hasher({ [`${DIR}/customers.csv`]: 'sha-of-customers', [`${DIR}/products.csv`]: 'sha-of-products' });
    expect([...(await verifiedFiles({ directory: DIR, journal: undefined, manifest }, plans, disk)).keys()]).toEqual(['customers', 'products']);
    const journal: RunJournal = { identity: IDENTITY, files: [entry('products')] };
    expect([...(await verifiedFiles({ directory: DIR, journal, manifest }, plans, disk)).keys()]).toEqual(['products']);
  });

  it('a manifest holds the identity of the run that wrote it', () => {
    expect(manifestIdentity(manifestOf(IDENTITY, [entry('customers')]))).toEqual(IDENTITY);
  });
});
