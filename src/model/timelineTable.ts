import { SECONDS_PER_DAY } from '../core/calendar.js';
import type { IdTimeline } from '../core/idTimeline.js';

/**
 * Ids whose seconds are kept at most (4 bytes each); a longer timeline is asked directly. prod's 100k
 * customers and 50k products are kept (a table look-up is cheaper than the curve's inversion there); 10x
 * prod's 1M and 500k were 6 MB of shared memory, and asked directly they cost the same CPU within noise
 * (their tables no longer fit the caches, and IdTimeline keeps its own span), so they are not kept.
 */
const KEPT_IDS = 1 << 18;
const TWO_POW_32 = 4294967296;

/** A built TimelineTable's arrays: built once, read by every thread. */
export interface TimelineArrays {
  readonly offsets: Uint32Array;
  readonly byDay: Int32Array;
}

const localWords = (words: number): ArrayBufferLike => new ArrayBuffer(4 * words);
const sharedWords = (words: number): ArrayBufferLike => new SharedArrayBuffer(4 * words);

/**
 * An IdTimeline's answers (the second of an id, how many ids exist by a second) read from a table kept
 * per thread. Orders and web events ask about registrations and launches millions of times, at times
 * that jump back and forth (an order's customer, then a session's visitor; an order's items, then its
 * sessions' views), where the timeline's one-span cache misses and each miss costs several inversions of
 * the time curve; here a miss is a binary search among one day's ids. Built whole on first use (one pass
 * over the ids: ~10 ms for prod's 100k customers), as offsets from the first id's second; a timeline of
 * more than KEPT_IDS ids (or spanning 2^32 seconds) is answered by the timeline itself.
 */
export class TimelineTable {
  /** Epoch day of id 1's second: day 0 of registeredByDay. */
  readonly firstDay: number;
  private readonly firstSecond: number;
  /** Seconds from id 1's to id's, at index id (0 unused); empty when not kept, null until built. */
  private offsets: Uint32Array<ArrayBufferLike> | null = null;
  /** Ids by the end of each day, from id 1's day to `lastDay`. */
  private byDay: Int32Array<ArrayBufferLike> = new Int32Array(0);
  // The last answer of countBy and the seconds it holds for, [secondOf(count), secondOf(count + 1)).
  private spanCount = 0;
  private spanStart = Infinity;
  private spanEnd = -Infinity;

  constructor(
    private readonly timeline: IdTimeline,
    private readonly lastDay: number,
    private readonly keptIds = KEPT_IDS,
  ) {
    this.firstSecond = timeline.secondOf(1);
    this.firstDay = Math.floor(this.firstSecond / SECONDS_PER_DAY);
  }

  /** The table built into shared memory, for other threads to `adopt`. */
  buildShared(): TimelineArrays {
    this.build(sharedWords);
    return { offsets: this.offsets as Uint32Array, byDay: this.byDay };
  }

  /**
   * Reads the table from `arrays` (buildShared's, made by another thread from the same timeline, so
   * every answer is the one this thread would build) instead of building it here.
   */
  adopt(arrays: TimelineArrays): void {
    if (arrays.byDay.length !== this.days) throw new Error('a timeline table of another timeline');
    this.offsets = arrays.offsets;
    this.byDay = arrays.byDay;
  }

  private build(words = localWords): Uint32Array<ArrayBufferLike> {
    const timeline = this.timeline;
    const count = timeline.count;
    const kept = count <= this.keptIds && timeline.secondOf(count) - this.firstSecond < TWO_POW_32;
    const offsets = new Uint32Array(words(kept ? count + 1 : 0));
    for (let id = 1; kept && id <= count; id++) offsets[id] = timeline.secondOf(id) - this.firstSecond;
    this.offsets = offsets;
    const byDay = new Int32Array(words(this.days));
    let existing = 0;
    for (let day = 0; day < byDay.length; day++) {
      const end = (this.firstDay + day + 1) * SECONDS_PER_DAY - 1;
      if (kept) {
        while (existing < count && this.firstSecond + (offsets[existing + 1] as number) <= end) existing++;
      } else existing = timeline.countBy(end);
      byDay[day] = existing;
    }
    this.byDay = byDay;
    return offsets;
  }

  /** Days from id 1's to `lastDay`, both included. */
  get days(): number {
    return Math.max(0, this.lastDay - this.firstDay + 1);
  }

  /** Ids by the end of day `day` (0: id 1's day; 0..days-1). */
  countByDay(day: number): number {
    if (this.offsets === null) this.build();
    return this.byDay[day] as number;
  }

  /** Whole epoch second of `id` (1..count): the timeline's secondOf(id). */
  secondOf(id: number): number {
    const offsets = this.offsets ?? this.build();
    return offsets.length > 0 ? this.firstSecond + (offsets[id] as number) : this.timeline.secondOf(id);
  }

  /** How many ids have a second <= `second`: the timeline's countBy(second). */
  countBy(second: number): number {
    if (second >= this.spanStart && second < this.spanEnd) return this.spanCount;
    const offsets = this.offsets ?? this.build();
    const day = Math.floor(second / SECONDS_PER_DAY) - this.firstDay;
    if (offsets.length === 0 || day < 0 || day >= this.byDay.length) return this.timeline.countBy(second);
    // Every id of the days before exists by then, none after the day's last one: the answer is the
    // largest id in [low, high] whose second is <= `second` (low itself when none of the day's is).
    let low = day > 0 ? (this.byDay[day - 1] as number) : 0;
    let high = this.byDay[day] as number;
    const offset = second - this.firstSecond;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if ((offsets[middle] as number) <= offset) low = middle;
      else high = middle - 1;
    }
    if (low > 0) {
      this.spanCount = low;
      this.spanStart = this.firstSecond + (offsets[low] as number);
      this.spanEnd = low < this.timeline.count ? this.firstSecond + (offsets[low + 1] as number) : Infinity;
    }
    return low;
  }
}
