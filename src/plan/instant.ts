// Instants given on the command line (`--as-of`, `--from`, `--to`): `YYYY-MM-DD` is the end of that day
// (23:59:59 UTC), `YYYY-MM-DD HH:MM:SS` is exact. They must fall inside the data's window.
import type { EcomConfig } from '../config/configTypes.js';
import { parseIsoDate, SECONDS_PER_DAY } from '../core/calendar.js';
import { UsageError } from '../errors.js';

const TIME = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2}))?$/;

/** The epoch second an instant's text names, or undefined when it is not one. */
export function parseInstant(text: string): number | undefined {
  const match = TIME.exec(text.trim());
  if (!match) return undefined;
  const day = parseIsoDate(match[1] as string);
  if (day === undefined) return undefined;
  if (match[2] === undefined) return (day + 1) * SECONDS_PER_DAY - 1;
  const [hour, minute, second] = [Number(match[2]), Number(match[3]), Number(match[4])];
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  return day * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second;
}

/** `YYYY-MM-DD HH:MM:SS` of an epoch second. */
export function instantText(second: number): string {
  return new Date(second * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

/** The first and last second of the config's window. */
export function windowSeconds(config: EcomConfig): { readonly first: number; readonly last: number } {
  return { first: config.window.startDay * SECONDS_PER_DAY, last: (config.window.endDay + 1) * SECONDS_PER_DAY - 1 };
}

/** An instant option checked against the window: a UsageError naming the flag when it is not a time in it. */
export function instantOption(text: string, flag: string, config: EcomConfig): number {
  const second = parseInstant(text);
  if (second === undefined) throw new UsageError(`${flag}: must be YYYY-MM-DD or "YYYY-MM-DD HH:MM:SS" (UTC) (got ${JSON.stringify(text)})`);
  const { first, last } = windowSeconds(config);
  if (second < first || second > last) {
    throw new UsageError(`${flag}: ${instantText(second)} is outside the data's window ${instantText(first)} .. ${instantText(last)}`);
  }
  return second;
}
