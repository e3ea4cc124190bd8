// The injectors' timestamp helpers read and write by char codes: they must agree with Date's calendar
// (the oracle here) everywhere the clean data and the defects reach, and reject what is not a timestamp.
import { describe, expect, it } from 'vitest';
import { timestampSeconds, timestampText, yearsLater } from '../../../src/defects/injectors/valueText.js';

/** Date's own `YYYY-MM-DD HH:MM:SS` of epoch seconds (years 0-9999). */
function byDate(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

describe('timestampText and timestampSeconds', () => {
  it('agree with Date across leap days, century years and the ends of years 0-9999', () => {
    const seconds = [0, -1, 59, 86399, 86400, 951782400, 951868799, 4107542400, 4107628799, -62167219200, 253402300799, 1709164800, 1709251199];
    // Every 1,000,003 s from year 1 to 2100: each time of day and day of month comes up.
    for (let at = -62135596800; at < 4102444800; at += 1000003 * 37) seconds.push(at);
    for (const at of seconds) {
      expect(timestampText(at)).toBe(byDate(at));
      // Date.UTC reads years 0-99 as 1900-1999, as the regex-based reader did: no clean data is that old.
      if (at >= Date.UTC(100, 0, 1) / 1000) expect(timestampSeconds(timestampText(at))).toBe(at);
    }
    expect(timestampSeconds('0099-12-31 23:59:59')).toBe(Date.UTC(1999, 11, 31, 23, 59, 59) / 1000);
  });

  it('reads only `YYYY-MM-DD HH:MM:SS`', () => {
    for (const text of ['', '2024-01-01T00:00:00', '2024-1-01 00:00:00', '2024-01-01 00:00:0a', '2024-01-01 00:00:00 ', '2024/01/01 00:00:00', '-024-01-01 00:00:00']) {
      expect(timestampSeconds(text)).toBeNaN();
    }
  });

  it('writes times past year 9999 and fractions as Date does', () => {
    expect(timestampText(253402300800)).toBe('10000-01-01 00:00:00');
    expect(timestampText(1.5)).toBe('1970-01-01 00:00:01');
  });

  it('moves 29 February to 1 March in a year without it', () => {
    expect(yearsLater('2024-02-29 10:20:30', 21)).toBe('2045-03-01 10:20:30');
    expect(yearsLater('2024-02-29 10:20:30', 20)).toBe('2044-02-29 10:20:30');
    expect(yearsLater('not a time', 20)).toBe('not a time');
  });
});
