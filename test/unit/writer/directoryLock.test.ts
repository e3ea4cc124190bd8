// The output directory lock: one run per directory and part file set, a one-line refusal naming the
// holder, and take-over of a lock whose holder is gone. Real files, since the file system is under test.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { acquireDirectoryLock, isStale, lockFileName, parseLockHolder, type LockHolder } from '../../../src/writer/directoryLock.js';
import { tempDir } from '../../helpers/run.js';

// Above the largest pid_max Linux allows (2^22), so no process ever has it.
const DEAD_PID = 4_194_305;
const noStale = (): void => {
  throw new Error('no lock should be taken over');
};

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UsageError);
  expect((error as Error).message).not.toContain('\n');
  return (error as Error).message;
}

describe('acquireDirectoryLock', () => {
  it('writes the holder, refuses a second taker naming pid, host and start, and is released', async () => {
    const dir = tempDir('lock');
    const lock = await acquireDirectoryLock(dir, '', 'ecomgen generate', noStale);
    const holder = parseLockHolder(readFileSync(join(dir, '.ecomgen-lock.json'), 'utf8'));
    expect(holder).toEqual(lock.holder);
    expect(holder).toMatchObject({ pid: process.pid, host: hostname(), command: 'ecomgen generate' });
    const message = await refusal(acquireDirectoryLock(dir, '', 'ecomgen merge', noStale));
    expect(message).toBe(`--output-dir: ${dir} is in use by another ecomgen run (pid ${process.pid} on ${hostname()}, started ${lock.holder.started}: ecomgen generate)`);
    await lock.release();
    expect(readdirSync(dir)).toEqual([]);
    const again = await acquireDirectoryLock(dir, '', 'ecomgen generate', noStale);
    await again.release();
  });

  it('one lock per part file set: parts of one run share a directory', async () => {
    const dir = tempDir('lock-parts');
    const whole = await acquireDirectoryLock(dir, '', 'whole', noStale);
    const part1 = await acquireDirectoryLock(dir, '.part-001-of-002', 'part 1', noStale);
    const part2 = await acquireDirectoryLock(dir, '.part-002-of-002', 'part 2', noStale);
    expect(readdirSync(dir).sort()).toEqual([lockFileName(''), lockFileName('.part-001-of-002'), lockFileName('.part-002-of-002')].sort());
    await refusal(acquireDirectoryLock(dir, '.part-002-of-002', 'part 2 again', noStale));
    await Promise.all([whole.release(), part1.release(), part2.release()]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('takes over the lock of a process of this host that is gone, and says so', async () => {
    const dir = tempDir('lock-stale');
    const stale: LockHolder = { pid: DEAD_PID, host: hostname(), started: '2026-01-01T00:00:00.000Z', command: 'ecomgen generate' };
    writeFileSync(join(dir, '.ecomgen-lock.json'), JSON.stringify(stale));
    const reported: LockHolder[] = [];
    const lock = await acquireDirectoryLock(dir, '', 'ecomgen generate', (holder) => reported.push(holder));
    expect(reported).toEqual([stale]);
    expect(lock.holder.pid).toBe(process.pid);
    expect(readdirSync(dir)).toEqual(['.ecomgen-lock.json']);
    await lock.release();
  });

  it("never judges another host's lock, and says how to clear it", async () => {
    const dir = tempDir('lock-host');
    const path = join(dir, '.ecomgen-lock.json');
    writeFileSync(path, JSON.stringify({ pid: DEAD_PID, host: 'pod-7', started: '2026-01-01T00:00:00.000Z', command: 'ecomgen generate' }));
    expect(await refusal(acquireDirectoryLock(dir, '', 'x', noStale))).toBe(
      `--output-dir: ${dir} is in use by another ecomgen run (pid ${DEAD_PID} on pod-7, started 2026-01-01T00:00:00.000Z: ecomgen generate); if that host is gone, remove ${path} by hand`,
    );
    expect(existsSync(path)).toBe(true);
  });

  it('refuses a lock file it cannot read as one, leaving it alone', async () => {
    const dir = tempDir('lock-garbage');
    writeFileSync(join(dir, '.ecomgen-lock.json'), '{}');
    expect(await refusal(acquireDirectoryLock(dir, '', 'x', noStale))).toMatch(/\.ecomgen-lock\.json is not a lock of ecomgen \(unreadable\); if no ecomgen run uses .*, remove it$/);
    expect(readFileSync(join(dir, '.ecomgen-lock.json'), 'utf8')).toBe('{}');
  });

  it('release leaves a lock that is no longer its own', async () => {
    const dir = tempDir('lock-release');
    const lock = await acquireDirectoryLock(dir, '', 'x', noStale);
    const other = JSON.stringify({ pid: 1, host: hostname(), started: 'then', command: 'other' });
    writeFileSync(join(dir, '.ecomgen-lock.json'), other);
    await lock.release();
    expect(readFileSync(join(dir, '.ecomgen-lock.json'), 'utf8')).toBe(other);
  });
});

describe('isStale', () => {
  const holder: LockHolder = { pid: 1234, host: 'here', started: 'then', command: 'x' };
  it('only a process of this host that is not alive', () => {
    expect(isStale(holder, 'here', () => false)).toBe(true);
    expect(isStale(holder, 'here', () => true)).toBe(false);
    expect(isStale(holder, 'elsewhere', () => false)).toBe(false);
    expect(isStale({ ...holder, pid: process.pid }, 'here', () => false)).toBe(false);
  });
});
