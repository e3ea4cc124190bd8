// The change stream makes V8's collections favour size by a flag set at run time. Its effect belongs to V8,
// not to us: a fresh node process shows that the flag, set once the process runs, turns the full
// collections of its own isolate and of a worker thread started afterwards into memory-reducing ones.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { SIZE_FLAG, SPEED_FLAG, holdSmallHeaps } from '../../../src/changes/heapsForSize.js';

/** V8's GC trace of a fresh process growing ~600,000 live objects in the main thread, then in a worker, `flag` set first. */
function gcTrace(flag: string | undefined): string {
  const script = `
    import v8 from 'node:v8';
    import { Worker } from 'node:worker_threads';
    ${flag ? `v8.setFlagsFromString(${JSON.stringify(flag)});` : ''}
    v8.setFlagsFromString('--trace-gc');
    const grow = 'const kept = []; for (let i = 0; i < 6e5; i++) kept.push({ id: i, text: "row " + i });';
    eval(grow);
    const worker = new Worker(grow, { eval: true, resourceLimits: { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 64 } });
    await new Promise((done) => worker.on('exit', done));`;
  return execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
}

/** Full collections in a trace, and how many of them reduced memory, per isolate (its address). */
function fullCollections(trace: string): { isolates: number; reducing: number; all: number } {
  const lines = trace.split('\n').filter((line) => line.includes('Mark-Compact'));
  const isolates = new Set(lines.filter((line) => line.includes('(reduce)')).map((line) => /\[\d+:(0x[0-9a-f]+)\]/.exec(line)?.[1]));
  return { isolates: isolates.size, reducing: lines.filter((line) => line.includes('(reduce)')).length, all: lines.length };
}

describe('heaps favouring size during a change stream', () => {
  it('sets the flags for a stream and gives V8 defaults back when it ends, once', () => {
    const set: string[] = [];
    const heaps = holdSmallHeaps((flags) => set.push(flags), []);
    heaps.keepYoungGenerations(4);
    heaps.favourSmallHeaps();
    heaps.release();
    heaps.release();
    expect(set).toEqual(['--min-semi-space-size=2', SIZE_FLAG, SPEED_FLAG, '--min-semi-space-size=0']);
  });

  it('gives the defaults back when the last of two streams running at once ends', () => {
    const set: string[] = [];
    const first = holdSmallHeaps((flags) => set.push(`first ${flags}`), []);
    const second = holdSmallHeaps((flags) => set.push(`second ${flags}`), []);
    first.favourSmallHeaps();
    second.favourSmallHeaps();
    first.release();
    expect(set).toEqual([`first ${SIZE_FLAG}`, `second ${SIZE_FLAG}`]);
    second.release();
    expect(set).toEqual([`first ${SIZE_FLAG}`, `second ${SIZE_FLAG}`, `second ${SPEED_FLAG}`]);
  });

  it('leaves alone the flags node was given, and gives back nothing it did not set', () => {
    const set: string[] = [];
    const heaps = holdSmallHeaps((flags) => set.push(flags), ['--no-optimize-for-size', '--min-semi-space-size=8']);
    heaps.keepYoungGenerations(4);
    heaps.favourSmallHeaps();
    heaps.release();
    expect(set).toEqual([]);
    const partly = holdSmallHeaps((flags) => set.push(flags), ['--optimize-for-size']);
    partly.keepYoungGenerations(4);
    partly.favourSmallHeaps();
    partly.release();
    expect(set).toEqual(['--min-semi-space-size=2', '--min-semi-space-size=0']);
  });

  it('makes the full collections of a running isolate and of a later worker thread memory-reducing', () => {
    const plain = fullCollections(gcTrace(undefined));
    const small = fullCollections(gcTrace(SIZE_FLAG));
    // By default V8's memory reducer may make one late collection a reducing one; with the flag an
    // isolate's first may still be an ordinary one (an allocation failure), every later one reduces.
    expect(plain.all).toBeGreaterThan(4);
    expect(plain.reducing).toBeLessThan(plain.all / 4);
    expect(small.isolates).toBe(2);
    expect(small.reducing).toBeGreaterThan((3 * small.all) / 4);
  });
});
