import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { memoryDataset, presetCounts } from './helpers/memoryDataset.js';
import { REPO_ROOT } from '../helpers/run.js';
import { TABLE_NAMES } from '../../src/schema/tableNames.js';

describe('in-memory generation', () => {
  it('makes the same bytes as the committed dev manifest records, table by table', () => {
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'sample_data/reference-dev/manifest.json'), 'utf8')) as {
      seed: number;
      counts: Record<string, number>;
      files: { table: string; sha256: string; rows: number }[];
    };
    expect(manifest.counts).toEqual(presetCounts('dev'));
    const dataset = memoryDataset(presetCounts('dev'), manifest.seed);
    expect(manifest.files.map((file) => file.table)).toEqual([...TABLE_NAMES]);
    for (const file of manifest.files) {
      const text = dataset[file.table as (typeof TABLE_NAMES)[number]];
      expect(createHash('sha256').update(text).digest('hex'), file.table).toBe(file.sha256);
    }
  });
});
