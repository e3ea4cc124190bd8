// The profile's building blocks on inputs small enough to check by hand: timestamps, the local clock,
// holiday ratios, the best-seller head, price bands and matching the config to the manifest.
import { describe, expect, it } from 'vitest';
import { epochDay } from '../../../src/core/calendar.js';
import { loadConfig } from '../../../src/config/loadConfig.js';
import { DEFAULT_CONFIG_FILE } from '../../../src/paths.js';
import { bestSellerHead, priceBand } from '../../../src/profile/basketTally.js';
import { christmas, holidayRatios } from '../../../src/profile/calendarDips.js';
import { clockOf } from '../../../src/profile/profileClock.js';
import { epochSeconds, LocalClock } from '../../../src/profile/timestamps.js';
import { SessionTally, type SessionEvent } from '../../../src/profile/sessionTally.js';

describe('epochSeconds', () => {
  it.each(['1970-01-01 00:00:00', '2000-02-29 23:59:59', '2024-12-31 12:34:56', '2100-03-01 00:00:01', '2024-07-04'])('reads %s as Date.parse does', (text) => {
    expect(epochSeconds(text)).toBe(Date.parse(`${text.length === 10 ? `${text}T00:00:00` : text.replace(' ', 'T')}Z`) / 1000);
  });

  it('is NaN for an empty field', () => {
    expect(epochSeconds('')).toBeNaN();
  });
});

describe('LocalClock', () => {
  it('reads day, hour, weekday and month at an offset', () => {
    // 2024-01-01 03:00 UTC is 2023-12-31 21:00 at UTC-6, a Sunday.
    const clock = new LocalClock(-6);
    const second = epochSeconds('2024-01-01 03:00:00');
    expect(clock.day(second)).toBe(epochDay(2023, 12, 31));
    expect(clock.hour(second)).toBe(21);
    expect(clock.weekday(second)).toBe(6);
    expect(clock.monthIndex(second)).toBe(2023 * 12 + 11);
    expect(new LocalClock(0).weekday(second)).toBe(0);
  });
});

describe('holidayRatios', () => {
  it('divides the holiday by the mean of the same weekday 1 and 2 weeks either side inside the window', () => {
    const day = christmas(2023);
    const counts = new Map([[day - 14, 10], [day - 7, 20], [day, 5], [day + 7, 10], [day + 14, 0]]);
    const ordersOn = (d: number): number => counts.get(d) ?? 0;
    // Mean of 10, 20, 10, 0 = 10.
    expect(holidayRatios(christmas, ordersOn, epochDay(2023, 1, 1), epochDay(2024, 12, 31))).toEqual({ '2023': 0.5 });
    // With the window ending on January 1st, the mean is of 10, 20, 10.
    expect(holidayRatios(christmas, ordersOn, epochDay(2023, 1, 1), epochDay(2024, 1, 1))['2023']).toBeCloseTo(5 / (40 / 3), 12);
    // A window without Christmas has no figure.
    expect(holidayRatios(christmas, ordersOn, epochDay(2024, 1, 1), epochDay(2024, 6, 30))).toEqual({});
  });
});

describe('bestSellerHead and priceBand', () => {
  it('takes units at ranks 1, 2, 5, 10, 20, 50, 100 and #1 / #20', () => {
    const units = Int32Array.from({ length: 120 }, (_, index) => 240 - 2 * index);
    const head = bestSellerHead(units);
    expect(head.units).toEqual({ '#1': 240, '#2': 238, '#5': 232, '#10': 222, '#20': 202, '#50': 142, '#100': 42 });
    expect(head.firstToTwentieth).toBeCloseTo(240 / 202, 12);
  });

  it.each([[0, 0], [2499, 0], [2500, 1], [4999, 1], [5000, 2], [10000, 3], [25000, 4], [49999, 4], [50000, 5], [999999, 5]])('puts %i cents in band %i', (cents, band) => {
    expect(priceBand(cents)).toBe(band);
  });
});

describe('clockOf', () => {
  const { config, sha256 } = loadConfig(DEFAULT_CONFIG_FILE);

  it("uses the config's offset when manifest.json records its hash", () => {
    const clock = clockOf(JSON.stringify({ config_sha256: sha256 }), DEFAULT_CONFIG_FILE);
    expect(clock.basis).toBe('config');
    expect(clock.utcOffsetHours).toBe(config.window.localUtcOffsetHours);
  });

  it.each([
    ['another config', JSON.stringify({ config_sha256: 'f'.repeat(64) }), /is not the one manifest.json records/],
    ['no manifest', undefined, /no manifest.json/],
    ['a broken manifest', '{', /not readable JSON/],
    ['a manifest of null', 'null', /not readable JSON/],
  ])('reads UTC, saying why, with %s', (_, manifest, note) => {
    const clock = clockOf(manifest, DEFAULT_CONFIG_FILE);
    expect(clock).toMatchObject({ basis: 'utc', utcOffsetHours: 0 });
    expect(clock.note).toMatch(note);
  });
});

describe('SessionTally', () => {
  it('counts a session when its id changes, so one session at a time is held', () => {
    const tally = new SessionTally();
    const event = (session: string, type: string): SessionEvent => ({ session, type, anonymous: false, device: 'desktop', source: 'email', os: 'Windows', browser: 'Chrome' });
    for (const [session, type] of [['a', 'page_view'], ['a', 'purchase'], ['b', 'page_view'], ['a', 'page_view']] as const) tally.add(event(session, type));
    tally.close();
    tally.close();
    // a (2 events, purchase), b (1), and a again: WEB-10 rules that out, here it is a third session.
    expect(tally.sessions).toBe(3);
    expect(tally.funnel.purchase).toBe(1);
    expect(tally.funnel.bounced).toBe(2);
    expect(tally.deviceRates()).toEqual({ desktop: { sessions: 3, conversion: 1 / 3, bounce: 2 / 3 } });
  });
});
