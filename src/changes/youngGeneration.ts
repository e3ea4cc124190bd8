// The coordinator's young generation during a change stream. Its per-task garbage (results, chunk lists,
// file writes, 1,830 small files a year) made V8 grow the main thread's semi-spaces to their 16 MB
// maximum (32 MB of new space), most of a year's peak RSS above the snapshot's. The maximum can only be
// set on node's command line (`--max-semi-space-size` is read once, when the isolate's heap is made),
// but the growth factor is read at every growth: set to 1 once the heap exists, the new space stays at
// the size it has. V8 raises a factor under 2 back to 2 whenever it configures an isolate's heap, and
// the flags are the process's, so each new worker thread undoes it: `hold` is called again as the
// stream goes on (it only parses a flag), and `release` gives back V8's default.
import { setFlagsFromString } from 'node:v8';

/** The flag that stops the young generation from growing (once a heap exists). */
export const HOLD_FLAG = '--semi-space-growth-factor=1';
/** V8's default growth factor (the new space doubles when scavenges keep much of it). */
export const RELEASE_FLAG = '--semi-space-growth-factor=2';

/** Keeps every existing isolate's young generation at its current size from now on. */
export function holdYoungGeneration(set: (flags: string) => void = setFlagsFromString): void {
  set(HOLD_FLAG);
}

/** Lets the young generations grow again, as they do by default. */
export function releaseYoungGeneration(set: (flags: string) => void = setFlagsFromString): void {
  set(RELEASE_FLAG);
}
