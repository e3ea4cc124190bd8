import { TIMESTAMP_BYTES, writeTimeOfDay } from '../../../encoding/rowSink.js';
import type { DayBytes } from '../../../encoding/rowWriter.js';

const SECONDS_PER_DAY = 86400;
const SPACE = 32;

/**
 * The bytes before a web event's timestamp (its type field, with what precedes it) joined to the date of
 * one day: `,,page_view,YYYY-MM-DD ` is one copy where the type field and the date were two (a `set` is
 * ~14 ns whatever its length, and every row has one timestamp). Events come in time order within a
 * session and sessions in start order, so the day changes rarely; the joined fields are rewritten then.
 * The time of day is written digit by digit. Bytes as RowSink's `timestamp` writes them after the field.
 */
export class TypedTimestamps {
  private readonly fields: Uint8Array[];
  private day = Number.NaN;
  /** Room `write` needs: the longest joined field and a timestamp. */
  readonly maxBytes: number;

  /** `leads`: each type's bytes before the timestamp, by type index. */
  constructor(
    private readonly leads: readonly Uint8Array[],
    private readonly days: DayBytes,
  ) {
    this.fields = leads.map(() => new Uint8Array(0));
    this.maxBytes = Math.max(...leads.map((lead) => lead.length)) + TIMESTAMP_BYTES;
  }

  /** Writes type `type`'s lead and `YYYY-MM-DD HH:MM:SS` of `second` (whole epoch seconds) at `at`; returns the offset after them. */
  write(view: Uint8Array, at: number, type: number, second: number): number {
    const day = Math.floor(second / SECONDS_PER_DAY);
    if (day !== this.day) this.moveTo(day);
    const field = this.fields[type] as Uint8Array;
    view.set(field, at);
    return writeTimeOfDay(view, at + field.length, second - day * SECONDS_PER_DAY);
  }

  private moveTo(day: number): void {
    const date = this.days.dateBytes(day);
    this.leads.forEach((lead, type) => {
      let field = this.fields[type] as Uint8Array;
      if (field.length !== lead.length + date.length + 1) {
        field = new Uint8Array(lead.length + date.length + 1);
        field.set(lead);
        this.fields[type] = field;
      }
      field.set(date, lead.length);
      field[lead.length + date.length] = SPACE;
    });
    this.day = day;
  }
}
