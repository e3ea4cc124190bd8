import { daysFromCivil, SECONDS_PER_DAY, weekdayMondayFirst } from '../core/calendar.js';

const ZERO = 48;

function digits(text: string, from: number, length: number): number {
  let value = 0;
  for (let index = from; index < from + length; index++) {
    const digit = text.charCodeAt(index) - ZERO;
    if (digit < 0 || digit > 9) return Number.NaN;
    value = value * 10 + digit;
  }
  return value;
}

const DASH = 45;
const COLON = 58;

/**
 * Seconds since the epoch of a `YYYY-MM-DD HH:MM:SS` (or `YYYY-MM-DD`) UTC text, as the files write
 * timestamps; NaN for an empty field or any other form (a dirty run's drifted `03/15/2024` must not
 * become a date thousands of years away). Parsed by character codes: profile reads millions of them.
 */
export function epochSeconds(text: string): number {
  if (text.length < 10 || text.charCodeAt(4) !== DASH || text.charCodeAt(7) !== DASH) return Number.NaN;
  if (text.length >= 19 && (text.charCodeAt(13) !== COLON || text.charCodeAt(16) !== COLON)) return Number.NaN;
  const day = daysFromCivil(digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2));
  const time = text.length >= 19 ? digits(text, 11, 2) * 3600 + digits(text, 14, 2) * 60 + digits(text, 17, 2) : 0;
  return day * SECONDS_PER_DAY + time;
}

/** Wall-clock reading of an instant in a fixed offset from UTC (the shoppers' local time). */
export class LocalClock {
  constructor(readonly utcOffsetHours: number) {}

  private local(second: number): number {
    return second + this.utcOffsetHours * 3600;
  }

  day(second: number): number {
    return Math.floor(this.local(second) / SECONDS_PER_DAY);
  }

  hour(second: number): number {
    return Math.floor((this.local(second) - this.day(second) * SECONDS_PER_DAY) / 3600);
  }

  /** Monday = 0. */
  weekday(second: number): number {
    return weekdayMondayFirst(this.day(second));
  }

  /** Months since year 0 (year * 12 + month - 1), for month arithmetic across years. */
  monthIndex(second: number): number {
    const date = new Date(this.day(second) * SECONDS_PER_DAY * 1000);
    return date.getUTCFullYear() * 12 + date.getUTCMonth();
  }
}
