// State files read back (manifest, run journal, swap journal) may be empty, truncated, `{}` or edited:
// each parser says what is wrong in one phrase instead of throwing a raw JSON or property error.
import { describe, expect, it } from 'vitest';
import { parseJournal } from '../../../src/writer/journal.js';
import { parseManifest, type Manifest } from '../../../src/writer/manifest.js';
import { parseSwapJournal } from '../../../src/writer/swapJournal.js';

const IDENTITY = {
  version: '0.1.0',
  seed: 42,
  counts: { customers: 10, products: 5, orders: 20, order_items: 40, web_events: 100 },
  tables: ['customers'],
  part: null,
  format: 'csv',
  compression: 'none',
  config_sha256: 'c'.repeat(64),
  schemas_sha256: 's'.repeat(64),
  as_of: '2024-12-31 23:59:59',
};
const ENTRY = { table: 'customers', file: 'customers.csv', first_id: 1, last_id: 10, rows: 10, bytes: 100, sha256: 'a'.repeat(64) };
const MANIFEST = { tool: 'ecomgen', environment: 'dev', ...IDENTITY, files: [ENTRY], samples: [] };

const GARBAGE: readonly [string, string, RegExp][] = [
  ['empty', '', /^empty$/],
  ['whitespace', ' \n', /^empty$/],
  ['truncated', '{"version": "0.1', /^invalid JSON \(/],
  ['an array', '[]', /^not a JSON object$/],
  ['null', 'null', /^not a JSON object$/],
];

describe('parseManifest', () => {
  it('returns a valid manifest as it is', () => {
    expect(parseManifest(JSON.stringify(MANIFEST))).toEqual(MANIFEST as unknown as Manifest);
  });

  it.each(GARBAGE)('%s: says what is wrong', (_name, text, problem) => {
    expect(parseManifest(text)).toMatch(problem);
  });

  it('{} and wrong types: names the field', () => {
    expect(parseManifest('{}')).toBe('version is not a string');
    expect(parseManifest(JSON.stringify({ ...MANIFEST, seed: '42' }))).toBe('seed is not a whole number');
    expect(parseManifest(JSON.stringify({ ...MANIFEST, counts: { customers: -1 } }))).toBe('counts is not an object of row counts');
    expect(parseManifest(JSON.stringify({ ...MANIFEST, part: 3 }))).toBe('part is neither null nor { index, count }');
    expect(parseManifest(JSON.stringify({ ...MANIFEST, files: {} }))).toBe('files is not a list');
    expect(parseManifest(JSON.stringify({ ...MANIFEST, files: [{ ...ENTRY, rows: '10' }] }))).toBe('files[0].rows is not a whole number');
    expect(parseManifest(JSON.stringify({ ...MANIFEST, files: [{ ...ENTRY, sha256: null }] }))).toBe('files[0].sha256 is not a string');
    expect(parseManifest(JSON.stringify({ ...MANIFEST, samples: [1] }))).toBe('samples is not a list of names');
    for (const level of [0, 10, 1.5, '1']) {
      expect(parseManifest(JSON.stringify({ ...MANIFEST, compression: 'gzip', compression_level: level }))).toBe('compression_level is not a gzip level from 1 to 9');
    }
    const fast = { ...MANIFEST, compression: 'gzip', compression_level: 1 };
    expect(parseManifest(JSON.stringify(fast))).toEqual(fast as unknown as Manifest);
  });
});

describe('parseJournal', () => {
  it('returns a valid journal as it is', () => {
    const journal = { identity: IDENTITY, files: [ENTRY] };
    expect(parseJournal(JSON.stringify(journal))).toEqual(journal);
  });

  it.each(GARBAGE)('%s: says what is wrong', (_name, text, problem) => {
    expect(parseJournal(text)).toMatch(problem);
  });

  it('{} and wrong types: names what is missing', () => {
    expect(parseJournal('{}')).toBe('no run identity');
    expect(parseJournal(JSON.stringify({ identity: { ...IDENTITY, tables: 'customers' }, files: [] }))).toBe('tables is not a list of names');
    expect(parseJournal(JSON.stringify({ identity: IDENTITY }))).toBe('files is not a list');
    expect(parseJournal(JSON.stringify({ identity: IDENTITY, files: [null] }))).toBe('files[0] is not an object');
  });
});

describe('parseSwapJournal', () => {
  const steps = [
    { op: 'remove', file: 'manifest.json' },
    { op: 'rename', from: '.customers.csv.1-ab.tmp', to: 'customers.csv', bytes: 100, sha256: 'a'.repeat(64) },
  ];

  it('returns a valid swap journal as it is', () => {
    expect(parseSwapJournal(JSON.stringify({ identity: IDENTITY, steps }))).toEqual({ identity: IDENTITY, steps });
  });

  it.each(GARBAGE)('%s: says what is wrong', (_name, text, problem) => {
    expect(parseSwapJournal(text)).toMatch(problem);
  });

  it('{}, unknown steps and paths instead of names are refused', () => {
    expect(parseSwapJournal('{}')).toBe('no run identity');
    expect(parseSwapJournal(JSON.stringify({ identity: IDENTITY }))).toBe('no steps list');
    expect(parseSwapJournal(JSON.stringify({ identity: IDENTITY, steps: [{ op: 'chmod', file: 'a' }] }))).toBe('step 1 is not a remove or rename step');
    expect(parseSwapJournal(JSON.stringify({ identity: IDENTITY, steps: [steps[0], { op: 'remove', file: '../etc/passwd' }] }))).toBe('step 2 is not a remove or rename step');
    expect(parseSwapJournal(JSON.stringify({ identity: IDENTITY, steps: [{ ...steps[1], bytes: '100' }] }))).toBe('step 1 is not a remove or rename step');
  });
});
