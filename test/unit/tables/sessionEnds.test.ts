// Browsing sessions' real durations, learned by change batches' walks so that later batches pass over
// the sessions that ended before them: the table keeps and answers exactly, shares across threads'
// copies, and the generator's rows for a slice are the same whatever was learned before (while a wrong
// entry shows that the generator does skip by it).
import { describe, expect, it } from 'vitest';
import { RowSink } from '../../../src/encoding/rowSink.js';
import { WebEventGenerator } from '../../../src/model/tables/webEvents/generator.js';
import { adoptSessionEnds, SessionEnds, sessionEndsOf, shareSessionEnds } from '../../../src/model/tables/webEvents/sessionEnds.js';
import { tableRows, worldOf } from '../helpers/memoryDataset.js';

const COUNTS = { customers: 2000, products: 300, orders: 20000, order_items: 60000, web_events: 60000 };

describe('SessionEnds', () => {
  it('answers the duration kept for a first event id, and nothing for another id on the same slot', () => {
    const ends = new SessionEnds();
    expect(ends.durationOf(12345)).toBe(-1);
    ends.record(12345, 4321);
    expect(ends.durationOf(12345)).toBe(4321);
    // 2^18 slots: this id shares the slot, not the tag.
    expect(ends.durationOf(12345 + 2 ** 18)).toBe(-1);
    ends.record(12345 + 2 ** 18, 0);
    expect(ends.durationOf(12345 + 2 ** 18)).toBe(0);
    expect(ends.durationOf(12345)).toBe(-1);
    // Ids up to the tables' row limit, and durations that do not fit are not kept.
    ends.record(2_147_483_647, 46_800);
    expect(ends.durationOf(2_147_483_647)).toBe(46_800);
    ends.record(77, 2 ** 18);
    expect(ends.durationOf(77)).toBe(-1);
  });

  it("shares one world's table with another thread's world that adopts it", () => {
    const world = worldOf();
    const other = worldOf();
    const buffer = shareSessionEnds(world);
    adoptSessionEnds(other, buffer);
    sessionEndsOf(world).record(999, 60);
    expect(sessionEndsOf(other).durationOf(999)).toBe(60);
    // An unshared world keeps its own.
    expect(sessionEndsOf(worldOf()).durationOf(999)).toBe(-1);
  });
});

describe('web events slices with learned session ends', () => {
  const base = worldOf(COUNTS);
  const field = (row: string, column: number): string => row.split(',')[column] as string;
  const secondOf = (row: string): number => Date.parse(`${field(row, 6).replace(' ', 'T')}Z`) / 1000;
  const whole = tableRows(base, 'web_events').split('\n').slice(0, -1);
  const seconds = whole.map(secondOf);
  const last = Math.max(...seconds);
  // Six-hour slices over the clickstream's last two days, as a daily change stream cuts them.
  const slices: [number, number][] = [];
  for (let after = Math.ceil(last / 86400) * 86400 - 2 * 86400; after < last; after += 6 * 3600) slices.push([after, after + 6 * 3600]);

  // Each session's first event (id and second), its last event's second, and whether it is a purchase session.
  const sessions = new Map<string, { firstId: number; start: number; end: number; purchase: boolean }>();
  whole.forEach((row, at) => {
    const id = field(row, 1);
    const session = sessions.get(id) ?? { firstId: at + 1, start: seconds[at] as number, end: 0, purchase: false };
    session.end = seconds[at] as number;
    if (field(row, 5) === 'purchase') session.purchase = true;
    sessions.set(id, session);
  });

  /** The rows a generator of `world` writes for each slice, in turn (as a worker's batches would). */
  function sliceRows(world: ReturnType<typeof worldOf>, picked: readonly [number, number][]): string[][] {
    const generator = new WebEventGenerator(world);
    return picked.map(([after, until]) => {
      const sink = new RowSink(1024 * 1024);
      generator.rowsBetween(1, COUNTS.web_events, after, until, sink);
      return sink.text().split('\n').slice(0, -1);
    });
  }

  it('writes each slice as the whole table has it while learning from the slices before it', () => {
    const world = worldOf(COUNTS);
    const learned = sliceRows(world, slices);
    for (const [index, [after, until]] of slices.entries()) {
      const expected = whole.filter((_, at) => (seconds[at] as number) > after && (seconds[at] as number) <= until);
      expect(expected.length).toBeGreaterThan(100);
      expect([...(learned[index] as string[])].sort()).toEqual([...expected].sort());
    }
    // The walks learned the browsing sessions they walked to the end, each with its real duration.
    const ends = sessionEndsOf(world);
    let known = 0;
    for (const session of sessions.values()) {
      const duration = ends.durationOf(session.firstId);
      if (duration < 0) continue;
      known++;
      expect(session.purchase).toBe(false);
      expect(duration).toBe(session.end - session.start);
    }
    expect(known).toBeGreaterThan(1000);
  });

  it('passes over a browsing session by its learned duration (a wrong one drops its rows)', () => {
    const [after, until] = slices[4] as [number, number];
    const world = worldOf(COUNTS);
    const ends = sessionEndsOf(world);
    // Every session is said to have ended where it began.
    for (const session of sessions.values()) ends.record(session.firstId, 0);
    const rows = sliceRows(world, [[after, until]])[0] as string[];
    const kept = whole.filter((row, at) => {
      const second = seconds[at] as number;
      const session = sessions.get(field(row, 1));
      return second > after && second <= until && (session?.purchase === true || (session?.start as number) > after);
    });
    const straddling = whole.filter((row, at) => (seconds[at] as number) > after && (seconds[at] as number) <= until).length - kept.length;
    expect(straddling).toBeGreaterThan(0);
    expect([...rows].sort()).toEqual([...kept].sort());
  });
});
