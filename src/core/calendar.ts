// Integer days and seconds since the Unix epoch (UTC) and their text forms, without Date objects in
// the hot path: Date#toISOString costs ~400 ns a field, a table look-up and three concatenations far less.

export const SECONDS_PER_DAY = 86400;

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil): pure arithmetic, no
 * Date object, for readers that parse millions of timestamps (validate, profile).
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

export function epochDay(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / 86_400_000);
}

/** Parses `YYYY-MM-DD` to an epoch day; returns undefined when the text is not a real date. */
export function parseIsoDate(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return undefined;
  }
  return epochDay(year, month, day);
}

const TWO_DIGITS: readonly string[] = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));

function dayToText(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** Text of dates and timestamps, with each day's `YYYY-MM-DD` computed once and kept. */
export class CalendarText {
  private readonly dayTexts = new Map<number, string>();
  private readonly dayBytes = new Map<number, Uint8Array>();
  // Rows come in time order, so most asks are for the day asked last.
  private lastDay = Number.NaN;
  private lastDayBytes: Uint8Array = new Uint8Array(0);

  date(day: number): string {
    let text = this.dayTexts.get(day);
    if (text === undefined) {
      text = dayToText(day);
      this.dayTexts.set(day, text);
    }
    return text;
  }

  /** `YYYY-MM-DD` as ASCII bytes, for writers that fill a byte buffer. */
  dateBytes(day: number): Uint8Array {
    if (day === this.lastDay) return this.lastDayBytes;
    let bytes = this.dayBytes.get(day);
    if (bytes === undefined) {
      bytes = Uint8Array.from(this.date(day), (digit) => digit.charCodeAt(0));
      this.dayBytes.set(day, bytes);
    }
    this.lastDay = day;
    this.lastDayBytes = bytes;
    return bytes;
  }

  /** `YYYY-MM-DD HH:MM:SS` of a whole number of epoch seconds. */
  timestamp(seconds: number): string {
    const day = Math.floor(seconds / SECONDS_PER_DAY);
    let rest = seconds - day * SECONDS_PER_DAY;
    const hour = (rest / 3600) | 0;
    rest -= hour * 3600;
    const minute = (rest / 60) | 0;
    const second = rest - minute * 60;
    return `${this.date(day)} ${TWO_DIGITS[hour]}:${TWO_DIGITS[minute]}:${TWO_DIGITS[second]}`;
  }
}

/** Money from integer cents with exactly two decimals (never through floating point). */
export function centsText(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const magnitude = Math.abs(cents);
  const whole = Math.floor(magnitude / 100);
  return `${sign}${whole}.${TWO_DIGITS[magnitude - whole * 100]}`;
}

/** Weekday with Monday = 0, as configs list them. */
export function weekdayMondayFirst(day: number): number {
  // 1970-01-01 was a Thursday (Monday-first index 3).
  return (((day + 3) % 7) + 7) % 7;
}

export function civilDate(day: number): { year: number; month: number; dayOfMonth: number } {
  const date = new Date(day * 86_400_000);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, dayOfMonth: date.getUTCDate() };
}

/** Thanksgiving (fourth Thursday of November) of a year, as an epoch day. */
export function thanksgiving(year: number): number {
  const novemberFirst = epochDay(year, 11, 1);
  const thursday = 3;
  const firstThursday = novemberFirst + ((thursday - weekdayMondayFirst(novemberFirst) + 7) % 7);
  return firstThursday + 21;
}
