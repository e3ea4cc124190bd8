// A change stream's heaps favour size over speed while it runs. A year of batches promotes a steady trickle
// of garbage in every thread (the coordinator's awaited writes and results, a worker's change lists and row
// objects that outlive its small young generation), and V8 let each worker's old generation grow 8 MB past
// what survived its last full collection before collecting again, keeping those pages after it (a worker's
// heap stayed at ~29 MB for ~17 MB live; its memory reducer, which gives them back, never runs in a worker
// that is busy or blocked between tasks). `--optimize-for-size` is read at each collection: with it, V8
// grows the old generation in smaller steps and makes its full collections memory-reducing ones (they
// compact and give back the freed pages), in the coordinator and in the workers alike: ~50 full
// collections a prod year instead of ~26 (a few ms each). Peak RSS (4 pairs, -w 2): a prod year
// 194-198 -> 182-183 MB, a month 177-184 -> 175-178 MB, CPU level.
// The flag also lets each collection shrink a young generation to its initial size, which for a worker
// doubled its scavenges (~450 -> ~950 a year): `--min-semi-space-size`, read when a heap is made, sets that
// size to what the workers' young generation is allowed anyway, before they start.
// The flags are the process's: set as a stream starts, V8's defaults come back when it ends.
import { setFlagsFromString } from 'node:v8';

/** The flag that makes V8's collections favour a small heap. */
export const SIZE_FLAG = '--optimize-for-size';
/** V8's default. */
export const SPEED_FLAG = '--no-optimize-for-size';

/** Worker threads started from now on keep young generations of `youngGenerationMb` (two semi-spaces). */
export function keepYoungGenerations(youngGenerationMb: number, set: (flags: string) => void = setFlagsFromString): void {
  set(`--min-semi-space-size=${Math.max(1, Math.floor(youngGenerationMb / 2))}`);
}

/** Every isolate's collections favour a small heap from now on (worker threads started later too). */
export function favourSmallHeaps(set: (flags: string) => void = setFlagsFromString): void {
  set(SIZE_FLAG);
}

/** V8's defaults: collections favour speed again, new heaps' young generations start at V8's size. */
export function restoreHeapDefaults(set: (flags: string) => void = setFlagsFromString): void {
  set(SPEED_FLAG);
  set('--min-semi-space-size=0');
}
