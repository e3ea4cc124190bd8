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
// doubled its scavenges (~450 -> ~950 a year): `--min-semi-space-size`, read when a heap is made, asks for
// an initial semi-space at least as large as a worker's young generation allows (V8 makes a young
// generation of three semi-spaces and clamps the initial size to the largest), before the workers start.
// The flags are the process's: set as a stream starts and given back to V8's defaults when the last stream
// running in the process ends; a flag given to node itself (its command line or NODE_OPTIONS) is left alone.
import { setFlagsFromString } from 'node:v8';

/** The flag that makes V8's collections favour a small heap. */
export const SIZE_FLAG = '--optimize-for-size';
/** V8's default. */
export const SPEED_FLAG = '--no-optimize-for-size';
const SEMI_SPACE_FLAG = '--min-semi-space-size';

/** Streams of this process holding the flags now. */
let holders = 0;

/** A change stream's hold on the heap flags, from its start to its end. */
export interface SmallHeaps {
  /** Worker threads started from now on keep young generations of `youngGenerationMb`. */
  keepYoungGenerations(youngGenerationMb: number): void;
  /** Every isolate's collections favour a small heap from now on (worker threads started later too). */
  favourSmallHeaps(): void;
  /** The stream's end: the last holder gives V8's defaults back for the flags it set. Idempotent. */
  release(): void;
}

/** Flags node was started with: its own arguments and NODE_OPTIONS, `_` read as `-` as V8 reads them. */
function flagsGivenToNode(): readonly string[] {
  return [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].map((flag) => flag.replace(/_/g, '-'));
}

function given(flags: readonly string[], name: string): boolean {
  const bare = name.replace(/^--/, '');
  return flags.some((flag) => flag === `--${bare}` || flag === `--no-${bare}` || flag.startsWith(`--${bare}=`));
}

export function holdSmallHeaps(set: (flags: string) => void = setFlagsFromString, nodeFlags: readonly string[] = flagsGivenToNode()): SmallHeaps {
  const touched = new Set<string>();
  let holding = false;
  const hold = (name: string, flags: string): void => {
    if (given(nodeFlags, name)) return;
    if (!holding) {
      holding = true;
      holders++;
    }
    touched.add(name);
    set(flags);
  };
  return {
    keepYoungGenerations(youngGenerationMb: number): void {
      hold(SEMI_SPACE_FLAG, `${SEMI_SPACE_FLAG}=${Math.max(1, Math.floor(youngGenerationMb / 2))}`);
    },
    favourSmallHeaps(): void {
      hold(SIZE_FLAG, SIZE_FLAG);
    },
    release(): void {
      if (!holding) return;
      holding = false;
      holders--;
      if (holders > 0) return;
      if (touched.has(SIZE_FLAG)) set(SPEED_FLAG);
      if (touched.has(SEMI_SPACE_FLAG)) set(`${SEMI_SPACE_FLAG}=0`);
    },
  };
}
