// generate() as a library on a real directory: a dataset already there is a DatasetExistsError naming
// `force: true`, and the CLI still says `--output-dir: ... pass --force`.
import { describe, expect, it } from 'vitest';
import { DatasetExistsError, generate, UsageError } from 'ecomgen';
import { runCli, tempDir } from '../helpers/run.js';

const TINY = { customers: 30, products: 20, orders: 60, workers: 1 };

describe('library errors', () => {
  it('a directory holding another dataset: typed, worded with options; the CLI keeps its words', async () => {
    const dir = tempDir('library-exists');
    await generate({ ...TINY, outputDir: dir });
    const error = await generate({ ...TINY, seed: 7, outputDir: dir }).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(DatasetExistsError);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as DatasetExistsError).option).toBe('outputDir');
    expect((error as Error).message).toMatch(new RegExp(`^outputDir: ${dir} already holds a dataset \\(.*\\); pass force: true to replace it$`));
    const cli = runCli(['generate', '--customers', '30', '--products', '20', '--orders', '60', '-w', '1', '--seed', '7', '-q', '-o', dir]);
    expect(cli.status).toBe(2);
    expect(cli.stderr).toMatch(new RegExp(`^ecomgen: --output-dir: ${dir} already holds a dataset \\(.*\\); pass --force to replace it\\n$`));
  });
});
