// Edits to a shard's clean CSV, applied in the buffer that holds it: the worker generates the clean rows
// straight into the buffer the shard leaves in (as a clean run does), and the defect pass records what
// replaces which clean bytes instead of copying the shard into a second buffer around its dirty rows.
// Dirty rows change length, so the clean stretches between edits still move, but within one buffer
// (memmove, no view per stretch) and without a second shard-sized buffer per worker (issue 15).
import { RowSink } from '../encoding/rowSink.js';

/**
 * Replacements of clean byte ranges, in rising order of position, and their bytes (one after another in
 * `bytes`). An edit replaces clean bytes `at`..`end` (empty for an insertion) with what was written into
 * `bytes` between `begin` and `finish`.
 */
export class ShardEdits {
  /** The replacement bytes of every edit, in edit order. */
  readonly bytes = new RowSink(64 * 1024);
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly lengths: number[] = [];
  /** Net change of length by the edits so far. */
  private shift = 0;
  private lastEnd = 0;
  private open = -1;
  private openMark = 0;
  /** Output offset and length of the edit `finish` closed last. */
  lastStart = 0;
  lastLength = 0;

  /** Empties the list for the next shard. */
  reset(): void {
    this.bytes.reset();
    this.starts.length = 0;
    this.ends.length = 0;
    this.lengths.length = 0;
    this.shift = 0;
    this.lastEnd = 0;
    this.open = -1;
  }

  /**
   * Starts an edit of clean bytes `at`..`end`; its new bytes are written into `bytes` until `finish`. An
   * edit never reaches back over an earlier one: a position before the last edit's end means just after
   * it (as a copy of the clean bytes up to `at` would have been a no-op there).
   */
  begin(at: number, end: number): void {
    if (this.open >= 0) throw new Error('defects: an edit is already open');
    const from = Math.max(at, this.lastEnd);
    this.open = from;
    this.lastEnd = Math.max(end, from);
    this.openMark = this.bytes.position;
  }

  /** Closes the open edit; its place in the output is then `lastStart`, its length `lastLength`. */
  finish(): void {
    const at = this.open;
    if (at < 0) throw new Error('defects: no edit is open');
    const length = this.bytes.position - this.openMark;
    this.starts.push(at);
    this.ends.push(this.lastEnd);
    this.lengths.push(length);
    this.lastStart = at + this.shift;
    this.lastLength = length;
    this.shift += length - (this.lastEnd - at);
    this.open = -1;
  }

  /**
   * Applies the edits to the clean bytes that fill `sink` from its start (its position is their end):
   * afterwards it holds the edited bytes. Each clean stretch moves by the net change of the edits before
   * it; those moving left go in rising order and those moving right in falling order, so none overwrites
   * a stretch that has yet to move; the replacements are written last, into the gaps left for them.
   */
  apply(sink: RowSink): void {
    if (this.open >= 0) throw new Error('defects: an edit is still open');
    const cleanLength = sink.position;
    const count = this.starts.length;
    if (count === 0) return;
    const view = sink.reserve(Math.max(0, this.shift));
    const stretchStart = (index: number): number => (index === 0 ? 0 : (this.ends[index - 1] as number));
    const stretchEnd = (index: number): number => (index === count ? cleanLength : (this.starts[index] as number));
    // The shift of stretch k (before edit k) is the sum of the changes of edits 0..k-1.
    const shifts = this.shiftsOf(count);
    for (let index = 0; index <= count; index++) {
      const shift = shifts[index] as number;
      if (shift < 0) view.copyWithin(stretchStart(index) + shift, stretchStart(index), stretchEnd(index));
    }
    for (let index = count; index >= 0; index--) {
      const shift = shifts[index] as number;
      if (shift > 0) view.copyWithin(stretchStart(index) + shift, stretchStart(index), stretchEnd(index));
    }
    const replacements = this.bytes.reserve(0);
    let from = 0;
    for (let index = 0; index < count; index++) {
      const length = this.lengths[index] as number;
      let at = (this.starts[index] as number) + (shifts[index] as number);
      for (let byte = from; byte < from + length; byte++) view[at++] = replacements[byte] as number;
      from += length;
    }
    sink.advanceTo(cleanLength + this.shift);
  }

  private readonly shiftList: number[] = [];

  private shiftsOf(count: number): number[] {
    const shifts = this.shiftList;
    shifts.length = count + 1;
    let shift = 0;
    shifts[0] = 0;
    for (let index = 0; index < count; index++) {
      shift += (this.lengths[index] as number) - ((this.ends[index] as number) - (this.starts[index] as number));
      shifts[index + 1] = shift;
    }
    return shifts;
  }
}
