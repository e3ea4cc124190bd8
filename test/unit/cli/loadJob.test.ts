// What `ecomgen load` makes of its directory argument and --apply / --replace, before it opens anything.
// test/e2e/loadApply.test.ts runs the CLI once on a refused combination for the exit code (2) and the line.
import { describe, expect, it } from 'vitest';
import { loadJob } from '../../../src/cli/loadJob.js';

describe('load: the directory argument and --apply / --replace', () => {
  it('loads a dataset directory, with or without --replace', () => {
    expect(loadJob('data/dev', { replace: false })).toEqual({ load: 'data/dev' });
    expect(loadJob('data/dev', { replace: true })).toEqual({ load: 'data/dev' });
  });

  it('applies a changes folder given with --apply and no directory', () => {
    expect(loadJob(undefined, { apply: 'stream', replace: false })).toEqual({ apply: 'stream' });
  });

  it('refuses a directory and --apply together, naming --apply', () => {
    expect(loadJob('data/dev', { apply: 'stream', replace: false })).toEqual({
      problem: '--apply: give the changes folder or a dataset directory, not both (load the snapshot first, then --apply)',
    });
    // The pair is refused first even with --replace as well: the message names what to drop.
    expect(loadJob('data/dev', { apply: 'stream', replace: true })).toEqual({
      problem: '--apply: give the changes folder or a dataset directory, not both (load the snapshot first, then --apply)',
    });
  });

  it('refuses --replace with --apply, naming --replace', () => {
    expect(loadJob(undefined, { apply: 'stream', replace: true })).toEqual({ problem: '--replace: not with --apply (it applies changes to the tables in place)' });
  });

  it('refuses neither a directory nor --apply', () => {
    expect(loadJob(undefined, { replace: false })).toEqual({ problem: 'load: name a dataset directory, or a changes folder with --apply' });
    expect(loadJob(undefined, { replace: true })).toEqual({ problem: 'load: name a dataset directory, or a changes folder with --apply' });
  });
});
