// web_events rows start with a head (`<event id>,<session id>,<customer id>,`) whose id digits are
// counted up in place from row to row of a session: the rows where the id gains a digit, and rows
// written after events skipped by a time window, must read exactly as rows made alone.
import { describe, expect, it } from 'vitest';
import { RowSink } from '../../../src/encoding/rowSink.js';
import { WebEventGenerator } from '../../../src/model/tables/webEvents/generator.js';
import { tableRows, TINY_COUNTS, worldOf } from '../helpers/memoryDataset.js';

const world = worldOf();
const whole = tableRows(world, 'web_events').split('\n').slice(0, -1);

describe('web_events row heads', () => {
  it('has the tiny table span the digit boundaries the tests look at', () => {
    expect(TINY_COUNTS.web_events).toBeGreaterThan(1005);
    expect(whole).toHaveLength(TINY_COUNTS.web_events);
  });

  it.each([10, 100, 1000])('writes ids across %d as rows made one at a time do', (boundary) => {
    const ids = Array.from({ length: 11 }, (_, index) => boundary - 5 + index);
    const alone = ids.map((id) => tableRows(world, 'web_events', id, id).replace(/\n$/, ''));
    expect(whole.slice(ids[0] as number - 1, ids[ids.length - 1] as number)).toEqual(alone);
    for (const [index, row] of alone.entries()) expect(row.split(',')[0]).toBe(String(ids[index]));
  });

  it('writes the rows after an instant that falls inside a session as the whole table has them', () => {
    const field = (row: string, column: number): string => row.split(',')[column] as string;
    const secondOf = (row: string): number => Date.parse(`${field(row, 6).replace(' ', 'T')}Z`) / 1000;
    // A row past the middle whose session began earlier, a second or more before it.
    const cut = whole.findIndex((row, index) => index > whole.length / 2 && field(row, 1) === field(whole[index - 1] as string, 1) && secondOf(row) > secondOf(whole[index - 1] as string));
    expect(cut).toBeGreaterThan(0);
    const after = secondOf(whole[cut - 1] as string);
    const sink = new RowSink(64 * 1024);
    const ids: number[] = [];
    const written = new WebEventGenerator(world).rowsBetween(1, TINY_COUNTS.web_events, after, world.windowLast, sink, (_second, eventId) => ids.push(eventId));
    const rows = sink.text().split('\n').slice(0, -1);
    expect(written).toBe(rows.length);
    // The session's first rows are skipped: its first row written starts with a head made mid-session.
    expect(ids).toContain(cut + 1);
    expect(ids).not.toContain(cut);
    expect(rows).toEqual(ids.map((id) => whole[id - 1]));
  });
});
