// web events write their type field and the date as one copy (TypedTimestamps): the bytes must be the
// type field followed by RowSink's own timestamp for any second, with the day moving back and forth.
import { describe, expect, it } from 'vitest';
import { CalendarText } from '../../../src/core/calendar.js';
import { Rng } from '../../../src/core/random.js';
import { encodeText, RowSink } from '../../../src/encoding/rowSink.js';
import { TypedTimestamps } from '../../../src/model/tables/webEvents/typedTimestamps.js';

const LEADS = [',,page_view,', ',,remove_from_cart,', ',purchase,', ''];

describe('typed timestamps', () => {
  it('write each lead and then the timestamp RowSink writes, for seconds across many days', () => {
    const stamps = new TypedTimestamps(LEADS.map(encodeText), new CalendarText());
    const expectedCalendar = new CalendarText();
    const rng = new Rng().reseed(11, 3);
    const view = new Uint8Array(64);
    const sink = new RowSink(64);
    const written: string[] = [];
    const expected: string[] = [];
    let second = Date.UTC(2023, 11, 31, 23, 0, 0) / 1000;
    for (let step = 0; step < 20_000; step++) {
      // Mostly small steps forward, sometimes back across midnight, sometimes a jump of days or years.
      const roll = rng.float();
      if (roll < 0.8) second += rng.below(400);
      else if (roll < 0.95) second -= rng.below(7200);
      else second = Date.UTC(1999 + rng.below(40), 0, 1) / 1000 + rng.below(366 * 86400);
      const type = rng.below(LEADS.length);
      const end = stamps.write(view, 5, type, second);
      written.push(Buffer.from(view.subarray(5, end)).toString('latin1'));
      sink.reset();
      sink.timestamp(second, expectedCalendar);
      expected.push(LEADS[type] + sink.text());
    }
    expect(written).toEqual(expected);
    expect(new Set(expected.map((text) => text.slice(-19, -9))).size).toBeGreaterThan(500);
  });

  it('leaves room for the longest lead and a timestamp', () => {
    const stamps = new TypedTimestamps(LEADS.map(encodeText), new CalendarText());
    const view = new Uint8Array(stamps.maxBytes);
    expect(stamps.write(view, 0, 1, Date.UTC(2024, 1, 29, 12, 34, 56) / 1000)).toBe(stamps.maxBytes);
    expect(Buffer.from(view).toString('latin1')).toBe(',,remove_from_cart,2024-02-29 12:34:56');
  });
});
