// generate() called as a library: input errors are typed and name GenerateOptions keys, while the CLI
// keeps its own words (cliMessage) unchanged.
import { describe, expect, it } from 'vitest';
import { DatasetExistsError, DirectoryInUseError, OptionError, UsageError } from '../../../src/errors.js';
import { generate } from '../../../src/generate.js';
import { asLibraryError, libraryWording } from '../../../src/plan/optionErrors.js';

async function rejection(run: Promise<unknown>): Promise<OptionError> {
  const error = await run.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(OptionError);
  return error as OptionError;
}

describe('errors of generate() as a library', () => {
  it('name the option as a caller passes it, and keep the CLI message for the CLI', async () => {
    // Refused while checking the options: before any directory is made.
    const seed = await rejection(generate({ seed: -1 }));
    expect(seed).toBeInstanceOf(UsageError);
    expect(seed.option).toBe('seed');
    expect(seed.message).toBe(`seed: must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER} (got -1)`);
    expect(seed.cliMessage).toBe(`--seed: must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER} (got -1)`);

    const both = await rejection(generate({ force: true, resume: true }));
    expect(both.message).toBe('force: true and resume: true contradict each other: force: true starts over, resume: true continues');
    expect(both.cliMessage).toBe('--force and --resume contradict each other: --force starts over, --resume continues');

    const items = await rejection(generate({ orders: 10, orderItems: 5 }));
    expect(items.option).toBe('orderItems');
    expect(items.message).toMatch(/^orderItems: 5 is fewer than the 10 orders/);

    const window = await rejection(generate({ start: '2024-06-01', end: '2024-05-31' }));
    expect(window.option).toBe('end');
    expect(window.message).toBe('end: end 2024-05-31 is before start 2024-06-01');
  });

  it('a directory that needs force: true, or is held by another run, has a class of its own', () => {
    const exists = asLibraryError(new UsageError('--output-dir: /data/dev already holds a dataset (customers.csv, manifest.json); pass --force to replace it'));
    expect(exists).toBeInstanceOf(DatasetExistsError);
    expect((exists as DatasetExistsError).message).toBe('outputDir: /data/dev already holds a dataset (customers.csv, manifest.json); pass force: true to replace it');
    expect((exists as DatasetExistsError).option).toBe('outputDir');
    const swap = asLibraryError(new UsageError('--output-dir: /d holds a replacement interrupted mid-swap (.ecomgen-swap.json); pass --resume or --force to finish it'));
    expect(swap).toBeInstanceOf(DatasetExistsError);
    expect((swap as Error).message).toBe('outputDir: /d holds a replacement interrupted mid-swap (.ecomgen-swap.json); pass resume: true or force: true to finish it');
    const interrupted = asLibraryError(new UsageError('--output-dir: /d holds an interrupted run (3 of 5 tables complete); pass --resume to finish it or --force to replace it'));
    expect(interrupted).toBeInstanceOf(DatasetExistsError);
    expect((interrupted as Error).message).toBe('outputDir: /d holds an interrupted run (3 of 5 tables complete); pass resume: true to finish it or force: true to replace it');
    const space = asLibraryError(new UsageError('--output-dir: not enough free disk space in /d: the run needs about 1.0 GB (estimated from the row counts), 0.1 GB is free'));
    expect(space).not.toBeInstanceOf(DatasetExistsError);
    expect((space as OptionError).option).toBe('outputDir');
    const busy = asLibraryError(new UsageError('--output-dir: /d is in use by another ecomgen run (pid 7 on host, started 2026-12-01T07:00:00.000Z: ecomgen generate)'));
    expect(busy).toBeInstanceOf(DirectoryInUseError);
    expect((busy as Error).message).toMatch(/^outputDir: \/d is in use by another ecomgen run/);
    const resume = asLibraryError(new UsageError('--resume: /d holds a run with a different seed; use the same options, or --force to replace it'));
    expect(resume).toBeInstanceOf(OptionError);
    expect(resume).not.toBeInstanceOf(DatasetExistsError);
    expect((resume as OptionError).option).toBe('resume');
    expect((resume as Error).message).toBe('resume: /d holds a run with a different seed; use the same options, or force: true to replace it');
  });

  it('other errors pass through untouched; flags of other commands are left as written', () => {
    const failure = new Error('disk on fire');
    expect(asLibraryError(failure)).toBe(failure);
    expect(libraryWording('--no-samples and --shard-rows 5 and --examples 3')).toBe('samples: false and shardRows 5 and --examples 3');
    expect(libraryWording('--force: pass --force')).toBe('force: pass force: true');
  });
});
