// The output directory lock, between real processes: a second run into a directory in use is refused
// whatever its flags, parts of one run share a directory, and a lock left by a dead process is taken over.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, splitStderr, startCli, tempDir } from '../helpers/run.js';

const TINY = ['--customers', '30', '--products', '20', '--orders', '60', '-w', '1'];
const ISO_TIME = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z';

describe('one run per output directory', () => {
  it('a second run while the first holds the directory is refused naming the holder, with or without --resume / --force', async () => {
    const dir = tempDir('lock-busy');
    const first = startCli(['generate', ...TINY, '--seed', '7', '-o', dir], { ECOMGEN_HOLD_AFTER: 'customers' });
    await first.logLine('holding');
    const pid = first.child.pid as number;
    const refusal = new RegExp(`^ecomgen: --output-dir: ${dir} is in use by another ecomgen run \\(pid ${pid} on ${hostname()}, started ${ISO_TIME}: ecomgen generate\\)$`);
    for (const extra of [[], ['--resume'], ['--force']]) {
      const second = runCli(['generate', ...TINY, '--seed', '8', '-q', '-o', dir, ...extra]);
      expect(second.status, `${extra.join(' ')}: ${second.stderr}`).toBe(2);
      expect(second.stderr.trim().split('\n')).toHaveLength(1);
      expect(second.stderr.trim()).toMatch(refusal);
    }
    // The first run was not disturbed: it still holds its files and answers its signal as usual.
    expect(readdirSync(dir)).toContain('customers.csv');
    first.child.kill('SIGINT');
    const exit = await first.exited;
    expect(exit.code, exit.stderr).toBe(130);
    expect(existsSync(join(dir, '.ecomgen-lock.json'))).toBe(false);
    // Once it is gone, the next run gets the directory.
    const after = runCli(['generate', ...TINY, '--seed', '7', '-q', '-o', dir, '--resume']);
    expect(after.status, after.stderr).toBe(0);
    expect(readdirSync(dir).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('parts of one run lock only their own files: two parts run at once into one directory, a part twice is refused', async () => {
    const dir = tempDir('lock-parts');
    const part1 = startCli(['generate', ...TINY, '--part', '1', '--parts', '2', '-o', dir], { ECOMGEN_HOLD_AFTER: 'customers' });
    await part1.logLine('holding');
    // While part 1 holds its lock: part 2 runs to the end, and part 1 again (a retried pod) is refused.
    const part2 = runCli(['generate', ...TINY, '--part', '2', '--parts', '2', '-q', '-o', dir]);
    expect(part2.status, part2.stderr).toBe(0);
    const again = runCli(['generate', ...TINY, '--part', '1', '--parts', '2', '-q', '-o', dir, '--force']);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(new RegExp(`is in use by another ecomgen run \\(pid ${part1.child.pid} on .*: ecomgen generate\\.part-001-of-002\\)`));
    expect(readdirSync(dir)).toContain('.ecomgen-lock.part-001-of-002.json');
    part1.child.kill('SIGTERM');
    expect((await part1.exited).code).toBe(143);
    const resumed = runCli(['generate', ...TINY, '--part', '1', '--parts', '2', '-q', '-o', dir, '--resume']);
    expect(resumed.status, resumed.stderr).toBe(0);
    const merged = runCli(['merge', dir, '-q']);
    expect(merged.status, merged.stderr).toBe(0);
    expect(readdirSync(dir).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('a lock left by a process of this host that is gone is taken over, with a warning', () => {
    const dir = tempDir('lock-stale');
    // A real pid that was alive and has exited.
    const dead = spawnSync(process.execPath, ['-e', '0']);
    expect(dead.status).toBe(0);
    const holder = { pid: dead.pid, host: hostname(), started: '2026-12-01T00:00:00.000Z', command: 'ecomgen generate' };
    writeFileSync(join(dir, '.ecomgen-lock.json'), JSON.stringify(holder));
    const run = runCli(['generate', ...TINY, '-o', dir]);
    expect(run.status, run.stderr).toBe(0);
    const warning = splitStderr(run.stderr).logs.find((line) => line.msg === 'took over the lock of a run that is gone');
    expect(warning).toMatchObject({ level: 40, pid: dead.pid, host: hostname(), started: holder.started });
    expect(existsSync(join(dir, '.ecomgen-lock.json'))).toBe(false);
    expect(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))).toMatchObject({ counts: { customers: 30 } });
  });

  it('merge takes the same lock: a merge into a directory a whole-table run holds is refused', async () => {
    const parts = tempDir('lock-merge-parts');
    for (const part of ['1', '2']) {
      const run = runCli(['generate', ...TINY, '--part', part, '--parts', '2', '-q', '-o', parts]);
      expect(run.status, run.stderr).toBe(0);
    }
    const out = tempDir('lock-merge-out');
    const holder = startCli(['generate', ...TINY, '-o', out], { ECOMGEN_HOLD_AFTER: 'customers' });
    await holder.logLine('holding');
    const merge = runCli(['merge', parts, '-o', out, '--force']);
    expect(merge.status).toBe(2);
    expect(merge.stderr.trim()).toMatch(new RegExp(`^ecomgen: --output-dir: ${out} is in use by another ecomgen run \\(pid ${holder.child.pid} `));
    holder.child.kill('SIGINT');
    expect((await holder.exited).code).toBe(130);
  });
});
