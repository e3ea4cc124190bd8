import { hashUnit } from './random.js';
import type { TimeCurve } from './timeCurve.js';

/**
 * Ids 1..count laid along a time curve in order, like an auto-increment key: id k gets the time at
 * quantile (k - 1 + jitter_k) / count. Because the map is monotone, "which ids exist at time t" is a
 * prefix 1..countBy(t), found in O(1) instead of by generating the table.
 */
export class IdTimeline {
  private readonly firstSecond: number;
  // The last answer and the span of seconds it holds for, [secondOf(count), secondOf(count + 1)).
  // Callers ask about nearby times over and over (every product view of a session, every order of a
  // block), and in a catalog of 50k products over three years a new id appears only every ~30 minutes.
  private spanCount = 0;
  private spanStart = Infinity;
  private spanEnd = -Infinity;

  constructor(
    private readonly curve: TimeCurve,
    readonly count: number,
    private readonly jitterKey: number,
  ) {
    this.firstSecond = Math.floor(curve.timeAt(0));
  }

  /** Whole epoch second of id (1-based). Id 1 sits at the curve's start so that every later time has one. */
  secondOf(id: number): number {
    if (id === 1) return this.firstSecond;
    const unit = (id - 1 + hashUnit(this.jitterKey, id)) / this.count;
    return Math.floor(this.curve.timeAt(Math.min(unit, 1 - 1e-15)));
  }

  /** How many ids have secondOf(id) <= second. */
  countBy(second: number): number {
    if (second >= this.spanStart && second < this.spanEnd) return this.spanCount;
    if (second < this.firstSecond) return 0;
    // The quantile gives the answer to within one id; the monotone secondOf settles it exactly.
    // Each id's second is computed once (an inversion of the curve each): the span's ends are the last two seen.
    let count = Math.max(1, Math.min(this.count, Math.floor(this.count * this.curve.fractionBefore(second + 1))));
    let start = this.secondOf(count);
    while (count > 1 && start > second) start = this.secondOf(--count);
    let end = count < this.count ? this.secondOf(count + 1) : Infinity;
    while (end <= second) {
      count++;
      start = end;
      end = count < this.count ? this.secondOf(count + 1) : Infinity;
    }
    this.spanCount = count;
    this.spanStart = start;
    this.spanEnd = end;
    return count;
  }
}
