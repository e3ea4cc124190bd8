// The pure checks of `load --apply`: the changes manifest, a batch's manifest, the header, and which
// batches to apply given those a target already holds.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { checkChangeHeader, parseBatchManifest, parseChangesManifest, planBatches } from '../../../src/load/changesFolder.js';
import { TABLE_NAMES } from '../../../src/schema/tableNames.js';

const manifest = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  kind: 'changes', tool_version: '0.1.0', schema_version: 3, seed: 42, environment: 'dev',
  from: '2024-03-14 23:59:59', to: '2024-03-17 23:59:59', every: 'day', format: 'csv',
  batches: ['2024-03-15', '2024-03-16', '2024-03-17'], ...overrides,
});

const usageError = (work: () => unknown): string => {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a UsageError');
};

describe('parseChangesManifest', () => {
  it('reads the schema version and the batches, sorted into time order', () => {
    const parsed = parseChangesManifest(manifest({ batches: ['2024-03-16T01', '2024-03-15T23', '2024-03-16T00'] }), 'c/manifest.json');
    expect(parsed).toEqual({ schemaVersion: 3, format: 'csv', batches: ['2024-03-15T23', '2024-03-16T00', '2024-03-16T01'] });
  });

  it('takes jsonl batches too', () => {
    expect(parseChangesManifest(manifest({ format: 'jsonl' }), 'm').format).toBe('jsonl');
  });

  it('refuses a snapshot manifest, a missing schema version, jsonl batches, bad and repeated batch names', () => {
    expect(usageError(() => parseChangesManifest({ tool: 'ecomgen', format: 'csv', files: [] }, 'snap/manifest.json')))
      .toBe('--apply: snap/manifest.json is not the manifest of a complete changes folder (written by `ecomgen changes`): it has no "kind": "changes"');
    expect(usageError(() => parseChangesManifest(manifest({ schema_version: '3' }), 'm'))).toMatch(/schema_version is missing$/);
    expect(usageError(() => parseChangesManifest(manifest({ format: 'parquet' }), 'm'))).toMatch(/describes parquet batches; load --apply reads csv and jsonl batches/);
    expect(usageError(() => parseChangesManifest(manifest({ batches: ['2024-03-15', '../etc'] }), 'm'))).toMatch(/"batches" must list batch folder names/);
    expect(usageError(() => parseChangesManifest(manifest({ batches: ['2024-03-15', '2024-03-15'] }), 'm'))).toMatch(/lists a batch twice/);
  });
});

describe('parseBatchManifest', () => {
  const entry = { rows: 2, ops: { I: 1, U: 1, D: 0 }, sha256: 'a'.repeat(64) };
  const tables = Object.fromEntries(TABLE_NAMES.map((table) => [table, entry]));

  it('reads rows and sha256 per table', () => {
    const parsed = parseBatchManifest({ batch: '2024-03-15', tables }, 'b/manifest.json', '2024-03-15', TABLE_NAMES);
    expect(Object.keys(parsed)).toEqual([...TABLE_NAMES]);
    expect(parsed.orders).toEqual({ rows: 2, sha256: 'a'.repeat(64) });
  });

  it('refuses another batch\'s manifest, a missing table and a malformed hash', () => {
    expect(usageError(() => parseBatchManifest({ batch: '2024-03-16', tables }, 'b/manifest.json', '2024-03-15', TABLE_NAMES))).toBe('--apply: b/manifest.json is not the manifest of batch 2024-03-15');
    const { web_events: _dropped, ...four } = tables;
    expect(usageError(() => parseBatchManifest({ batch: '2024-03-15', tables: four }, 'b/manifest.json', '2024-03-15', TABLE_NAMES))).toBe('--apply: b/manifest.json has no rows and sha256 for web_events');
    expect(usageError(() => parseBatchManifest({ batch: '2024-03-15', tables: { ...tables, orders: { ...entry, sha256: 'XYZ' } } }, 'b/manifest.json', '2024-03-15', TABLE_NAMES))).toMatch(/for orders$/);
  });
});

describe('planBatches', () => {
  const folder = ['2024-03-15', '2024-03-16', '2024-03-17'];

  it('applies everything to a fresh target, only the new batches after earlier runs, nothing on a rerun', () => {
    expect(planBatches(folder, [])).toEqual({ toApply: folder, alreadyApplied: [] });
    expect(planBatches(folder, ['2024-03-15', '2024-03-16'])).toEqual({ toApply: ['2024-03-17'], alreadyApplied: ['2024-03-15', '2024-03-16'] });
    expect(planBatches(folder, folder)).toEqual({ toApply: [], alreadyApplied: folder });
    // A folder that continues the stream the target already holds (batches of an earlier folder).
    expect(planBatches(['2024-03-18'], folder)).toEqual({ toApply: ['2024-03-18'], alreadyApplied: [] });
  });

  it('refuses a new batch older than the last applied one', () => {
    expect(usageError(() => planBatches(folder, ['2024-03-15', '2024-03-17'])))
      .toBe('--apply: batch 2024-03-16 is older than 2024-03-17, the last batch applied to the target; batches must be applied in order');
  });
});

describe('checkChangeHeader', () => {
  it('takes the change columns then the schema columns, and names the expected header otherwise', () => {
    expect(() => checkChangeHeader('_op,_changed_at,_seq,order_id,status', ['order_id', 'status'], 'b/orders.csv', 3)).not.toThrow();
    expect(usageError(() => checkChangeHeader('_op,_seq,_changed_at,order_id,status', ['order_id', 'status'], 'b/orders.csv', 3)))
      .toBe('--apply: b/orders.csv: header does not match the schema (expected _op,_changed_at,_seq,order_id,status); the changes were written with schema version 3');
  });
});
