// How long browsing sessions lasted, learned by walking them, so that a change batch can pass over the
// sessions that ended before it without walking them again. A batch's slice (after, until] can only bound
// a browsing session's end by its length times the gaps' cap (20 minutes a gap: up to 13 hours), while
// real sessions last minutes; without this, every slice re-walked the sessions of the hours before it
// (a prod year: ~55% more events walked than written). Only a skip depends on it, never a row: an entry
// missing or overwritten means the session is walked, as before, so output does not depend on which
// worker learned what, or when.
import type { World } from '../../world.js';

/** Direct-mapped slots by first event id: 2^18 sessions (~1.3M events, days of prod's clickstream). */
const SLOT_BITS = 18;
const SLOTS = 2 ** SLOT_BITS;
/** A slot's word: (first id >> SLOT_BITS) + 1 in the high bits (0: empty), the duration in seconds below. */
const DURATION_BITS = 18;
const DURATION_MASK = 2 ** DURATION_BITS - 1;
/** Tags that fit above the duration (event ids up to 2^31 need 2^13 + 1). */
const MAX_TAG = 2 ** (32 - DURATION_BITS) - 1;

export class SessionEnds {
  private readonly slots: Uint32Array;

  /** `buffer`: another worker's table in shared memory (see shareSessionEnds); absent: this thread's own. */
  constructor(buffer: ArrayBufferLike = new ArrayBuffer(4 * SLOTS)) {
    this.slots = new Uint32Array(buffer);
  }

  /** Seconds from the first to the last event of the browsing session starting at event `firstId`, or -1 when not known. */
  durationOf(firstId: number): number {
    const tag = Math.floor(firstId / SLOTS) + 1;
    // One atomic word: a slot written by another worker at the same time is read whole, old or new.
    const word = Atomics.load(this.slots, firstId % SLOTS);
    return word >>> DURATION_BITS === tag && tag <= MAX_TAG ? word & DURATION_MASK : -1;
  }

  /** Keeps the duration of the browsing session starting at event `firstId`, walked to its end. */
  record(firstId: number, seconds: number): void {
    const tag = Math.floor(firstId / SLOTS) + 1;
    if (tag > MAX_TAG || !(seconds >= 0 && seconds <= DURATION_MASK)) return;
    Atomics.store(this.slots, firstId % SLOTS, tag * 2 ** DURATION_BITS + seconds);
  }
}

const tables = new WeakMap<World, SessionEnds>();

/** The session-ends table of `world` in this thread: the shared one when adopted, else its own (made on first use). */
export function sessionEndsOf(world: World): SessionEnds {
  let ends = tables.get(world);
  if (ends === undefined) {
    ends = new SessionEnds();
    tables.set(world, ends);
  }
  return ends;
}

/** A table in shared memory for `world`, read and written by this thread and every thread that adopts it. */
export function shareSessionEnds(world: World): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(4 * SLOTS);
  tables.set(world, new SessionEnds(buffer));
  return buffer;
}

/** Makes `world` (built from the same spec in this thread) use another thread's shared table. */
export function adoptSessionEnds(world: World, buffer: SharedArrayBuffer): void {
  tables.set(world, new SessionEnds(buffer));
}
