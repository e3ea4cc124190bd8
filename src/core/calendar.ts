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

/** 1900-01-01: the earliest day kept in CalendarText's array (birth dates reach back to the 1920s); the span's years have four digits, as isoDateBytes writes them. */
const FIRST_INDEXED_DAY = -25567;
/** Through 2099: 200 years of days, at most ~73k slots. */
const INDEXED_DAYS = 73049;

const ZERO = 48;
const DASH = 45;

/**
 * `YYYY-MM-DD` of an epoch day in years 1000-9999 as ASCII bytes, by arithmetic (civilDate): a customer's
 * birth date is a new day most of the time, and the Date object, its ISO text and a byte copy through a
 * callback per day were most of the customers table's date cost.
 */
export function isoDateBytes(day: number): Uint8Array {
  const bytes = new Uint8Array(10);
  writeIsoDate(bytes, 0, day);
  return bytes;
}

/** Writes isoDateBytes(day) at `at` (10 bytes of room) without an array of its own; returns the offset after it. */
function writeIsoDate(view: Uint8Array, at: number, day: number): number {
  const { year, month, dayOfMonth } = civilDate(day);
  view[at] = ZERO + Math.floor(year / 1000);
  view[at + 1] = ZERO + (Math.floor(year / 100) % 10);
  view[at + 2] = ZERO + (Math.floor(year / 10) % 10);
  view[at + 3] = ZERO + (year % 10);
  view[at + 4] = DASH;
  view[at + 5] = ZERO + Math.floor(month / 10);
  view[at + 6] = ZERO + (month % 10);
  view[at + 7] = DASH;
  view[at + 8] = ZERO + Math.floor(dayOfMonth / 10);
  view[at + 9] = ZERO + (dayOfMonth % 10);
  return at + 10;
}

/** Text of dates and timestamps, with each day's `YYYY-MM-DD` computed once and kept. */
export class CalendarText {
  private readonly dayTexts = new Map<number, string>();
  /**
   * Each day's bytes by `day - FIRST_INDEXED_DAY`: an array index instead of a Map's number hash (a
   * customer row's dates and an order's placed/shipped/delivered days mostly miss the last-day check).
   */
  private readonly dayBytesByIndex: (Uint8Array | undefined)[] = [];
  /** Days outside the indexed span. */
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
    const index = day - FIRST_INDEXED_DAY;
    const indexed = index >= 0 && index < INDEXED_DAYS;
    let bytes = indexed ? this.dayBytesByIndex[index] : this.dayBytes.get(day);
    if (bytes === undefined) {
      if (indexed) {
        bytes = isoDateBytes(day);
        this.extendDaysTo(index);
        this.dayBytesByIndex[index] = bytes;
      } else {
        bytes = Uint8Array.from(this.date(day), (digit) => digit.charCodeAt(0));
        this.dayBytes.set(day, bytes);
      }
    }
    this.lastDay = day;
    this.lastDayBytes = bytes;
    return bytes;
  }

  /**
   * Grows the by-day array to `index` entries. Filled in order from the start, so the array stays packed
   * (holes would make it a dictionary). A method of its own: the first call pushes ~45k entries, and V8
   * compiled dateBytes around that loop (on-stack replacement) before the code after it had ever run,
   * then dropped that code (~11 deoptimisations a run) each time a later day entered the loop.
   */
  private extendDaysTo(index: number): void {
    const days = this.dayBytesByIndex;
    while (days.length < index) days.push(undefined);
  }

  /**
   * Writes dateBytes(day) at `at` (10 bytes of room); returns the offset after it. A day of the indexed
   * span is written by arithmetic and not kept: customers' birth dates are ~25k distinct days, and keeping
   * each as its own small array (~190 bytes of heap a day with its buffer) grew every worker's heap by ~5
   * MB, all copied by the young generation's collections on its way to the old one.
   */
  writeDate(view: Uint8Array, at: number, day: number): number {
    const index = day - FIRST_INDEXED_DAY;
    if (index >= 0 && index < INDEXED_DAYS) return writeIsoDate(view, at, day);
    const bytes = this.dateBytes(day);
    view.set(bytes, at);
    return at + bytes.length;
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

/**
 * The proleptic Gregorian date of an epoch day, by arithmetic (H. Hinnant's civil_from_days): what a Date
 * gives, without one (a customer row asks once for its registration day).
 */
export function civilDate(day: number): { year: number; month: number; dayOfMonth: number } {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const dayOfMonth = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, dayOfMonth };
}

/** Thanksgiving (fourth Thursday of November) of a year, as an epoch day. */
export function thanksgiving(year: number): number {
  const novemberFirst = epochDay(year, 11, 1);
  const thursday = 3;
  const firstThursday = novemberFirst + ((thursday - weekdayMondayFirst(novemberFirst) + 7) % 7);
  return firstThursday + 21;
}
