// `ecomgen changes` and `generate --as-of` options that parse but make no run, refused in process before
// anything is written, each naming its flag. How the CLI reports one of them (one line on stderr, exit 2,
// no stack trace, nothing written) is checked once per command in test/e2e/changes.test.ts.
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChangesOptions } from '../../../src/changes/changesOptions.js';
import { writeChanges } from '../../../src/changes/writeChanges.js';
import { OptionError, UsageError } from '../../../src/errors.js';
import { resolveOptions } from '../../../src/plan/resolveOptions.js';

/** A directory nothing may create: a refused run must not make it. */
const NEVER_WRITTEN = join(tmpdir(), `ecomgen-unit-never-written-${process.pid}`);

// Should a broken check let a run through, it writes there: remove it, so the next case is judged alone.
afterEach(() => {
  rmSync(NEVER_WRITTEN, { recursive: true, force: true });
});

describe('changes refuses options that make no stream, naming the flag, before writing anything', () => {
  it.each<[Partial<ChangesOptions>, RegExp]>([
    [{ from: '2024-06-10', to: '2024-06-10' }, /^--to: 2024-06-10 23:59:59 is not after --from 2024-06-10 23:59:59$/],
    [{ from: '2024-06-10', to: '2024-06-01' }, /^--to: 2024-06-01 23:59:59 is not after --from 2024-06-10 23:59:59$/],
    [{ from: '2021-12-31', to: '2024-06-01' }, /^--from: 2021-12-31 23:59:59 is outside the data's window 2022-01-01 00:00:00 \.\. 2024-12-31 23:59:59$/],
    [{ from: '2024-06-01', to: '2025-01-01' }, /^--to: 2025-01-01 23:59:59 is outside the data's window/],
    [{ from: '2024-06-01', to: '2024-06-30', every: 'month' }, /^--every: unknown batch size "month" \(use hour, day, week\)$/],
    [{ from: '2024-06-01', to: '2024-06-30', late: 2 }, /^--late: must be a fraction from 0 to 1 \(got 2\)$/],
    [{ from: '2024-06-01', to: '2024-06-30', duplicates: Number.NaN }, /^--duplicates: must be a fraction from 0 to 1 \(got NaN\)$/],
    [{ from: '2024-13-01', to: '2024-06-30' }, /^--from: must be YYYY-MM-DD or "YYYY-MM-DD HH:MM:SS" \(UTC\) \(got "2024-13-01"\)$/],
  ])('%j', async (flags, message) => {
    const error = await writeChanges({ from: '', to: '', ...flags, environment: 'dev', outputDir: NEVER_WRITTEN }).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(OptionError);
    expect((error as OptionError).cliMessage).toMatch(message);
    expect(existsSync(NEVER_WRITTEN)).toBe(false);
  });
});

describe('generate --as-of refuses an instant that is not one, or not in the window, naming the flag', () => {
  it.each([
    ['2021-06-01', /^--as-of: 2021-06-01 23:59:59 is outside the data's window 2022-01-01 00:00:00 \.\. 2024-12-31 23:59:59$/],
    ['2024-02-30', /^--as-of: must be YYYY-MM-DD or "YYYY-MM-DD HH:MM:SS" \(UTC\) \(got "2024-02-30"\)$/],
    ['2024-06-01 25:00:00', /^--as-of: must be YYYY-MM-DD or "YYYY-MM-DD HH:MM:SS" \(UTC\)/],
  ])('%s', (asOf, message) => {
    let error: unknown;
    try {
      resolveOptions({ environment: 'dev', asOf, outputDir: NEVER_WRITTEN });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toMatch(message);
    expect(existsSync(NEVER_WRITTEN)).toBe(false);
  });
});
