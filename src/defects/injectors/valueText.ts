// Reading and writing the few value types the injectors change (timestamps, dates, money), in the
// forms the clean files use: `YYYY-MM-DD HH:MM:SS` (UTC), `YYYY-MM-DD`, two-decimal money.
import { civilDate } from '../../core/calendar.js';

/** The digits `text` holds at `from`..`from + width`, or -1 when one of them is not a digit. */
function digitsAt(text: string, from: number, width: number): number {
  let value = 0;
  for (let index = from; index < from + width; index++) {
    const digit = text.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * Epoch seconds of a clean timestamp, NaN when the text is not one. Read by char codes, not a regex
 * match: the defect pass reads one for most time defects, and the match's strings were its garbage.
 */
export function timestampSeconds(text: string): number {
  if (text.length !== 19 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 32 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return Number.NaN;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return Number.NaN;
  return Date.UTC(year, month - 1, day, hour, minute, second) / 1000;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** The char code of digit `place` (1, 10, 100 ...) of `value`. */
function digit(value: number, place: number): number {
  return 48 + (Math.floor(value / place) % 10);
}

const DAY_SECONDS = 86400;

/**
 * `YYYY-MM-DD HH:MM:SS` of epoch seconds, as one string made from its char codes (no Date, no padded
 * parts). Whole seconds of years 0-9999 only; anything else takes the Date path, which writes it as before.
 */
export function timestampText(seconds: number): string {
  if (!Number.isSafeInteger(seconds) || seconds < -62167219200 || seconds > 253402300799) return timestampTextByDate(seconds);
  const days = Math.floor(seconds / DAY_SECONDS);
  const time = seconds - days * DAY_SECONDS;
  const { year, month, dayOfMonth: day } = civilDate(days);
  const hour = Math.floor(time / 3600);
  const minute = Math.floor((time % 3600) / 60);
  const second = time % 60;
  return String.fromCharCode(
    digit(year, 1000), digit(year, 100), digit(year, 10), digit(year, 1), 45,
    digit(month, 10), digit(month, 1), 45, digit(day, 10), digit(day, 1), 32,
    digit(hour, 10), digit(hour, 1), 58, digit(minute, 10), digit(minute, 1), 58, digit(second, 10), digit(second, 1),
  );
}

function timestampTextByDate(seconds: number): string {
  const date = new Date(seconds * 1000);
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

/** The same wall time `years` later (29 February becomes 1 March). */
export function yearsLater(text: string, years: number): string {
  if (Number.isNaN(timestampSeconds(text))) return text;
  const year = digitsAt(text, 0, 4) + years;
  return timestampText(Date.UTC(year, digitsAt(text, 5, 2) - 1, digitsAt(text, 8, 2), digitsAt(text, 11, 2), digitsAt(text, 14, 2), digitsAt(text, 17, 2)) / 1000);
}

/** Integer cents of clean money text (`12.50`). */
export function cents(text: string): number {
  return Math.round(Number(text) * 100);
}

export function moneyText(value: number): string {
  const sign = value < 0 ? '-' : '';
  const absolute = Math.abs(value);
  return `${sign}${Math.floor(absolute / 100)}.${pad(absolute % 100)}`;
}

/** Money as a report or a spreadsheet shows it: `$1,234.50`. */
export function dollarsText(value: number): string {
  const [whole, fraction] = moneyText(value).split('.') as [string, string];
  // Thousands separators by hand: toLocaleString goes through Intl, ~50 us a call.
  return `$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction}`;
}
