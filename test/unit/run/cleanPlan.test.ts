// What `ecomgen clean` removes, decided in memory from a directory listing and its state files.
import { describe, expect, it } from 'vitest';
import { partSuffixes, planClean, type DatasetState, type DirectoryEntry } from '../../../src/run/cleanPlan.js';
import { TABLE_NAMES } from '../../../src/schema/tableNames.js';
import type { RunIdentity, RunJournal } from '../../../src/writer/journal.js';
import type { Manifest, ManifestFile } from '../../../src/writer/manifest.js';
import { swapSteps, type SwapJournal } from '../../../src/writer/swapJournal.js';
import { COUNTS, IDENTITY } from '../helpers/runIdentityFixture.js';


function file(name: string, bytes: number): ManifestFile {
  return { table: 'orders', file: name, first_id: 1, last_id: 20, rows: 20, bytes, sha256: 'h'.repeat(64) };
}

function manifest(files: readonly ManifestFile[], samples: readonly string[] = []): Manifest {
  return { tool: 'ecomgen', ...IDENTITY, environment: 'dev', schema_version: 1, files, samples } as Manifest;
}

const NONE: DatasetState = { manifests: new Map(), journals: new Map(), swapJournals: new Map() };
const entries = (sizes: Readonly<Record<string, number | undefined>>): DirectoryEntry[] => Object.entries(sizes).map(([name, size]) => ({ name, size }));

describe('clean removes what ecomgen recorded, and nothing else', () => {
  it('the files a manifest lists at their size, its samples, the manifest and ecomgen\'s temporary files go; the rest is named', () => {
    const state: DatasetState = { ...NONE, manifests: new Map([['manifest.json', manifest([file('orders.csv', 300), file('customers.csv', 100)], ['orders.sample.json'])]]) };
    const plan = planClean(
      entries({
        'manifest.json': 900,
        'orders.csv': 300,
        'customers.csv': 100,
        'orders.sample.json': 55,
        '.orders.csv.4242-0a1b2c3d.tmp': 12,
        '.web_events.csv.77.tmp': 3,
        'notes.txt': 4,
        'products.csv': 50, // looks like ours, but no record lists it
        '.orders.csv.tmp': 1, // looks temporary, but is not a name ecomgen writes
        '.ecomgen-lock.json': 80, // held by clean itself while it works
      }),
      state,
    );
    expect(plan.remove).toEqual([
      { name: '.orders.csv.4242-0a1b2c3d.tmp', bytes: 12 },
      { name: '.web_events.csv.77.tmp', bytes: 3 },
      { name: 'customers.csv', bytes: 100 },
      { name: 'manifest.json', bytes: 900 },
      { name: 'orders.csv', bytes: 300 },
      { name: 'orders.sample.json', bytes: 55 },
    ]);
    expect(plan.unknown).toEqual(['.orders.csv.tmp', 'notes.txt', 'products.csv']);
    expect(plan.replaced).toEqual([]);
    expect(plan.damaged).toEqual([]);
  });

  it('a listed file of another size, or no longer a regular file (a link, a folder), is left alone', () => {
    const state: DatasetState = { ...NONE, manifests: new Map([['manifest.json', manifest([file('orders.csv', 300), file('customers.csv', 100)])]]) };
    const plan = planClean(entries({ 'manifest.json': 900, 'orders.csv': 301, 'customers.csv': undefined }), state);
    expect(plan.remove.map((removed) => removed.name)).toEqual(['manifest.json']);
    expect(plan.replaced).toEqual([
      { name: 'customers.csv', bytes: undefined, listed: [100] },
      { name: 'orders.csv', bytes: 301, listed: [300] },
    ]);
  });

  it('an interrupted run: the files its journal lists, and the journal', () => {
    const journal: RunJournal = { identity: IDENTITY, files: [file('customers.part-001-of-002.csv', 70)] };
    const state: DatasetState = { ...NONE, journals: new Map([['.ecomgen-journal.part-001-of-002.json', journal]]) };
    const plan = planClean(entries({ '.ecomgen-journal.part-001-of-002.json': 500, 'customers.part-001-of-002.csv': 70, '.products.part-001-of-002.csv.9-00ff00ff.tmp': 10 }), state);
    expect(plan.remove.map((removed) => removed.name)).toEqual(['.ecomgen-journal.part-001-of-002.json', '.products.part-001-of-002.csv.9-00ff00ff.tmp', 'customers.part-001-of-002.csv']);
    expect(plan.unknown).toEqual([]);
  });

  it('an interrupted swap: its staged files, the files it renamed in, the old files it was removing, and its journal', () => {
    const swap: SwapJournal = swapSteps({
      identity: IDENTITY,
      retire: ['manifest.json'],
      staged: [{ file: 'orders.csv', tempPath: '/d/.orders.csv.5-aaaaaaaa.tmp', bytes: 333, sha256: 'x' }],
      remove: ['web_events.csv'],
      manifest: { file: 'manifest.json', tempPath: '/d/.manifest.json.5-bbbbbbbb.tmp', bytes: 999, sha256: 'y' },
    });
    const state: DatasetState = { ...NONE, swapJournals: new Map([['.ecomgen-swap.json', swap]]) };
    const plan = planClean(entries({ '.ecomgen-swap.json': 700, 'orders.csv': 333, 'web_events.csv': 12345, '.manifest.json.5-bbbbbbbb.tmp': 999 }), state);
    expect(plan.remove.map((removed) => removed.name)).toEqual(['.ecomgen-swap.json', '.manifest.json.5-bbbbbbbb.tmp', 'orders.csv', 'web_events.csv']);
  });

  it('a damaged manifest is removed and named; the files it may have listed are left as unknown', () => {
    const state: DatasetState = { ...NONE, manifests: new Map([['manifest.json', 'invalid JSON (Unexpected end of JSON input)']]) };
    const plan = planClean(entries({ 'manifest.json': 10, 'orders.csv': 300 }), state);
    expect(plan.remove.map((removed) => removed.name)).toEqual(['manifest.json']);
    expect(plan.unknown).toEqual(['orders.csv']);
    expect(plan.damaged).toEqual(['manifest.json: invalid JSON (Unexpected end of JSON input)']);
  });

  it('a name listed by two records (an old manifest and a new journal) goes at either size', () => {
    const state: DatasetState = {
      ...NONE,
      manifests: new Map([['manifest.json', manifest([file('orders.csv', 300)])]]),
      journals: new Map([['.ecomgen-journal.json', { identity: IDENTITY, files: [file('orders.csv', 310)] }]]),
    };
    expect(planClean(entries({ 'orders.csv': 310 }), state).remove).toEqual([{ name: 'orders.csv', bytes: 310 }]);
  });

  it('locks are taken for whole tables and for every part the directory\'s state, lock and temporary files name', () => {
    expect(partSuffixes(['manifest.json', 'orders.csv'])).toEqual(['']);
    expect(partSuffixes(['manifest.part-001-of-002.json', '.ecomgen-lock.part-002-of-002.json', '.orders.part-003-of-004.csv.1-abcdef01.tmp', 'orders.part-005-of-009.csv'])).toEqual([
      '',
      '.part-001-of-002',
      '.part-002-of-002',
      '.part-003-of-004',
    ]);
  });
});
