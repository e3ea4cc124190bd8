// The change stream holds the coordinator's young generation by V8's growth factor, set at run time. The
// flag's effect belongs to V8, not to us: a fresh node process shows that the hold keeps the new space
// from growing under short-lived garbage (where the default doubles it to its maximum), and that starting
// a worker thread undoes it (why the stream holds it again once its workers run).
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { HOLD_FLAG, RELEASE_FLAG, holdYoungGeneration, releaseYoungGeneration } from '../../../src/changes/youngGeneration.js';

/** New-space size (bytes) of a fresh process after ~150 MB of short-lived objects, with `flag` set first and maybe a worker started. */
function newSpaceAfterGarbage(flag: string | undefined, startWorker: boolean): number {
  const script = `
    import v8 from 'node:v8';
    import { Worker } from 'node:worker_threads';
    ${flag ? `v8.setFlagsFromString(${JSON.stringify(flag)});` : ''}
    ${startWorker ? `const worker = new Worker('0', { eval: true }); await new Promise((done) => worker.on('exit', done));` : ''}
    const kept = [];
    for (let i = 0; i < 3e6; i++) { const row = { id: i, text: 'row ' + i }; if (i % 50 === 0) kept.push(row); if (kept.length > 20000) kept.length = 0; }
    console.log(v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space').space_size);`;
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }).trim());
}

describe('the coordinator young generation hold', () => {
  it('sets the growth factor to 1 and back to V8 default 2', () => {
    const set: string[] = [];
    holdYoungGeneration((flags) => set.push(flags));
    releaseYoungGeneration((flags) => set.push(flags));
    expect(set).toEqual([HOLD_FLAG, RELEASE_FLAG]);
    expect(HOLD_FLAG).toBe('--semi-space-growth-factor=1');
  });

  it('keeps a running isolate new space from growing, until a worker thread starts', () => {
    const grown = newSpaceAfterGarbage(undefined, false);
    const held = newSpaceAfterGarbage(HOLD_FLAG, false);
    const undone = newSpaceAfterGarbage(HOLD_FLAG, true);
    expect(held).toBeLessThanOrEqual(4 * 1024 * 1024);
    expect(grown).toBeGreaterThanOrEqual(4 * held);
    expect(undone).toBeGreaterThanOrEqual(4 * held);
  });
});
