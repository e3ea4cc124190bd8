// Opening an output directory, shared by generate and merge: created one level at a time, refused with
// one line naming the flag. Real paths, since the file system is what is under test.
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { prepareOutputDirectory } from '../../../src/writer/outputDirectory.js';
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
