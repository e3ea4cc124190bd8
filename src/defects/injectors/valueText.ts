// Reading and writing the few value types the injectors change (timestamps, dates, money), in the
// forms the clean files use: `YYYY-MM-DD HH:MM:SS` (UTC), `YYYY-MM-DD`, two-decimal money.

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** Epoch seconds of a clean timestamp, NaN when the text is not one. */
export function timestampSeconds(text: string): number {
  const match = TIMESTAMP.exec(text);
  if (!match) return Number.NaN;
  const [, year, month, day, hour, minute, second] = match.map(Number) as number[];
  return Date.UTC(year as number, (month as number) - 1, day, hour, minute, second) / 1000;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

export function timestampText(seconds: number): string {
  const date = new Date(seconds * 1000);
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

/** The same wall time `years` later (29 February becomes 1 March). */
export function yearsLater(text: string, years: number): string {
  const match = TIMESTAMP.exec(text);
  if (!match) return text;
  const year = Number(match[1]) + years;
  return timestampText(Date.UTC(year, Number(match[2]) - 1, Number(match[3]), Number(match[4]), Number(match[5]), Number(match[6])) / 1000);
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
