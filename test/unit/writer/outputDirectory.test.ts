// Opening an output directory, shared by generate and merge: created one level at a time, refused with
// one line naming the flag. Real paths, since the file system is what is under test.
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { prepareOutputDirectory, removeStaleTempFiles } from '../../../src/writer/outputDirectory.js';
import { tempDir } from '../../helpers/run.js';

describe('prepareOutputDirectory', () => {
  it('creates every missing level', async () => {
    const dir = join(tempDir('prepare'), 'a', 'b', 'c');
    await prepareOutputDirectory(dir);
    expect(statSync(dir).isDirectory()).toBe(true);
  });

  it('fails at once on a pseudo file system where recursive mkdir would spin', async () => {
    const started = Date.now();
    await expect(prepareOutputDirectory('/proc/ecomgen-no-such/out')).rejects.toThrow(new UsageError('--output-dir: cannot create /proc/ecomgen-no-such/out (ENOENT)'));
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('refuses a file, and a path below a file, naming the flag it is given', async () => {
    const file = join(tempDir('prepare-file'), 'a-file');
    writeFileSync(file, 'x');
    await expect(prepareOutputDirectory(file, '--output')).rejects.toThrow(new UsageError(`--output: ${file} exists and is not a directory`));
    await expect(prepareOutputDirectory(join(file, 'out'))).rejects.toThrow(/^--output-dir: cannot (create|use) .*a-file\/out \(ENOTDIR\)$/);
  });
});

describe('removeStaleTempFiles', () => {
  const ours = [
    '.customers.csv.123-0a1b2c3d.tmp',
    '.manifest.json.123-0a1b2c3d.tmp',
    '.ecomgen-journal.json.123-0a1b2c3d.tmp',
    '.ecomgen-swap.json.123-0a1b2c3d.tmp',
    '.ecomgen-lock.json.123-0a1b2c3d.tmp',
    '.orders.parquet.123-0a1b2c3d.converted.tmp',
  ];
  const partTemps = ['.customers.part-001-of-002.csv.9-ff.tmp', '.ecomgen-lock.part-001-of-002.json.9-ff.tmp'];
  const notOurs = ['.notes.tmp', '.customers.csv.tmp', '.ecomgen-lock.json', '.ecomgen-swap.json', 'x.tmp'];

  it("removes only ecomgen's own temporary names, and a whole-table run leaves the parts' alone", async () => {
    const dir = tempDir('stale-temps');
    for (const name of [...ours, ...partTemps, ...notOurs]) writeFileSync(join(dir, name), '');
    await removeStaleTempFiles(dir, '');
    expect(readdirSync(dir).sort()).toEqual([...partTemps, ...notOurs].sort());
    await removeStaleTempFiles(dir, '.part-001-of-002');
    expect(readdirSync(dir).sort()).toEqual([...notOurs].sort());
  });
});
