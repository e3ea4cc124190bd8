// Fast parsers for the values the rules compare. They never throw: a value that does not parse gives
// NaN, so a rule skips it (the column check has already reported it as COL-TYPE).
import { daysFromCivil } from '../core/calendar.js';

const ZERO = 48;

/** An integer key as written in CSV (optional '-', digits); NaN when not one or beyond 2^53. */
export function parseInteger(text: string): number {
  const length = text.length;
  if (length === 0 || length > 17) return Number.NaN;
  let index = 0;
  let negative = false;
  if (text.charCodeAt(0) === 45) {
    if (length === 1) return Number.NaN;
    negative = true;
    index = 1;
  }
  let value = 0;
  for (; index < length; index++) {
    const digit = text.charCodeAt(index) - ZERO;
    if (digit < 0 || digit > 9) return Number.NaN;
    value = value * 10 + digit;
  }
  if (value > Number.MAX_SAFE_INTEGER) return Number.NaN;
  return negative ? -value : value;
}

/** Money with at most two decimals (`12`, `12.5`, `12.50`) to integer cents; NaN otherwise. */
export function parseCents(text: string): number {
  const length = text.length;
  if (length === 0 || length > 17) return Number.NaN;
  let index = 0;
  let negative = false;
  if (text.charCodeAt(0) === 45) {
    negative = true;
    index = 1;
  }
  let whole = 0;
  let digits = 0;
  for (; index < length; index++) {
    const code = text.charCodeAt(index);
    if (code === 46) break;
    const digit = code - ZERO;
    if (digit < 0 || digit > 9) return Number.NaN;
    whole = whole * 10 + digit;
    digits++;
  }
  if (digits === 0) return Number.NaN;
  let fraction = 0;
  if (index < length) {
    const decimals = length - index - 1;
    if (decimals < 1 || decimals > 2) return Number.NaN;
    for (let place = 0; place < 2; place++) {
      const at = index + 1 + place;
      const digit = at < length ? text.charCodeAt(at) - ZERO : 0;
      if (digit < 0 || digit > 9) return Number.NaN;
      fraction = fraction * 10 + digit;
    }
  }
  const cents = whole * 100 + fraction;
  return negative ? -cents : cents;
}

function twoDigits(text: string, at: number): number {
  const high = text.charCodeAt(at) - ZERO;
  const low = text.charCodeAt(at + 1) - ZERO;
  if (high < 0 || high > 9 || low < 0 || low > 9) return -1;
  return high * 10 + low;
}

function fourDigits(text: string, at: number): number {
  const high = twoDigits(text, at);
  const low = twoDigits(text, at + 2);
  return high < 0 || low < 0 ? -1 : high * 100 + low;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** `YYYY-MM-DD` to the number YYYYMMDD (so that ages are a subtraction), NaN when not a real date. */
export function parseDateNumber(text: string): number {
  if (text.length < 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return Number.NaN;
  const year = fourDigits(text, 0);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  return year * 10000 + month * 100 + day;
}

/** `YYYY-MM-DD HH:MM:SS` (UTC) to epoch seconds; NaN when not a real timestamp. */
export function parseTimestamp(text: string): number {
  if (text.length !== 19 || text.charCodeAt(10) !== 32 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return Number.NaN;
  const date = parseDateNumber(text);
  if (Number.isNaN(date)) return Number.NaN;
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return Number.NaN;
  const days = daysFromCivil(Math.floor(date / 10000), Math.floor(date / 100) % 100, date % 100);
  return days * 86400 + hour * 3600 + minute * 60 + second;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** Epoch seconds back to `YYYY-MM-DD HH:MM:SS`, for reports built from stored facts. */
export function formatTimestamp(seconds: number): string {
  if (!Number.isFinite(seconds)) return '';
  const date = new Date(seconds * 1000);
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)} ${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}`;
}

/** Cents back to money text. */
export function formatCents(cents: number): string {
  if (!Number.isFinite(cents)) return '';
  const sign = cents < 0 ? '-' : '';
  const absolute = Math.abs(cents);
  return `${sign}${Math.floor(absolute / 100)}.${pad(absolute % 100, 2)}`;
}
