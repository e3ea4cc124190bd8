// The one way ecomgen writes a small file whole: the target holds the old content or the new, never a
// part, and no temporary file outlives the call. Real files, since the file system is what is under test.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { temporaryPath, writeFileAtomic } from '../../../src/writer/atomicFile.js';
import { removeStaleTempFiles } from '../../../src/writer/outputDirectory.js';
import { tempDir } from '../../helpers/run.js';

describe('writeFileAtomic', () => {
  it('creates the file, and replaces it on a second write, leaving no temporary file', async () => {
    const dir = tempDir('atomic');
    const target = join(dir, 'manifest.json');
    await writeFileAtomic(target, 'first\n');
    expect(readFileSync(target, 'utf8')).toBe('first\n');
    await writeFileAtomic(target, Buffer.from('second\n'));
    expect(readFileSync(target, 'utf8')).toBe('second\n');
    expect(readdirSync(dir)).toEqual(['manifest.json']);
  });

  it('a write that fails part way leaves the target as it was and removes the temporary file', async () => {
    const dir = tempDir('atomic-fail');
    const target = join(dir, 'manifest.json');
    writeFileSync(target, 'old\n');
    async function* failingContent(): AsyncGenerator<string> {
      yield 'half of the new';
      throw new Error('disk went away');
    }
    await expect(writeFileAtomic(target, failingContent())).rejects.toThrow('disk went away');
    expect(readFileSync(target, 'utf8')).toBe('old\n');
    expect(readdirSync(dir)).toEqual(['manifest.json']);
  });

  it('a rename that fails (the target is a directory) leaves the target alone and no temporary file', async () => {
    const dir = tempDir('atomic-rename');
    const target = join(dir, 'taken');
    mkdirSync(join(target, 'inside'), { recursive: true });
    await expect(writeFileAtomic(target, 'x')).rejects.toMatchObject({ code: expect.stringMatching(/^(EISDIR|ENOTEMPTY|EEXIST)$/) });
    expect(readdirSync(dir)).toEqual(['taken']);
    expect(readdirSync(target)).toEqual(['inside']);
  });

  it('a missing directory fails before anything is created', async () => {
    const dir = tempDir('atomic-missing');
    await expect(writeFileAtomic(join(dir, 'no', 'such.json'), 'x')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(existsSync(join(dir, 'no'))).toBe(false);
  });
});

describe('temporary names', () => {
  it('sit beside the target, hidden, unique per call, ending in .tmp', () => {
    const target = '/data/shop/orders.part-002-of-004.csv';
    const first = temporaryPath(target);
    const second = temporaryPath(target);
    expect(dirname(first)).toBe('/data/shop');
    expect(basename(first)).toMatch(new RegExp(`^\\.orders\\.part-002-of-004\\.csv\\.${process.pid}-[0-9a-f]{8}\\.tmp$`));
    expect(second).not.toBe(first);
  });

  it('are what stale-temp cleanup removes for their own part, and only for it', async () => {
    const dir = tempDir('atomic-stale');
    const mine = [temporaryPath(join(dir, 'manifest.part-002-of-004.json')), temporaryPath(join(dir, '.ecomgen-journal.part-002-of-004.json'))];
    const otherPart = temporaryPath(join(dir, 'manifest.part-003-of-004.json'));
    for (const path of [...mine, otherPart]) writeFileSync(path, 'x');
    writeFileSync(join(dir, 'notes.txt'), 'not ours');
    await removeStaleTempFiles(dir, '.part-002-of-004');
    expect(readdirSync(dir).sort()).toEqual([basename(otherPart), 'notes.txt'].sort());
  });

  it('are all a full run cleans up: its own, and those of earlier versions, but no other hidden .tmp file', async () => {
    const dir = tempDir('atomic-foreign');
    const ours = [
      ...['orders.csv', 'web_events.jsonl.gz', 'manifest.json', 'orders_nested.sample.json', '.ecomgen-journal.json'].map((name) => basename(temporaryPath(join(dir, name)))),
      basename(temporaryPath(join(dir, 'products.parquet'))).replace(/\.tmp$/, '.converted.tmp'),
      `.manifest.json.${process.pid}.tmp`,
      `.ecomgen-journal.json.${process.pid}.tmp`,
    ];
    const foreign = ['.notes.tmp', '.orders.csv.swp.tmp', '.refunds.csv.123-abcd1234.tmp', 'orders.csv.123.tmp'];
    for (const name of [...ours, ...foreign]) writeFileSync(join(dir, name), 'x');
    expect(readdirSync(dir)).toHaveLength(ours.length + foreign.length);
    await removeStaleTempFiles(dir, '');
    expect(readdirSync(dir).sort()).toEqual([...foreign].sort());
  });
});
