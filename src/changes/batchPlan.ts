// How a change stream (T1, T2] is cut into batches: calendar hours, days or ISO weeks (Monday to Sunday),
// UTC, each named after its first second so that folder names sort in time order.
import { SECONDS_PER_DAY, weekdayMondayFirst } from '../core/calendar.js';
import { UsageError } from '../errors.js';

/** The formats `changes` writes (here, beside the batch sizes, so the CLI can list them without loading the writer). */
export type ChangeFormat = 'csv' | 'jsonl';
export const CHANGE_FORMATS: readonly ChangeFormat[] = ['csv', 'jsonl'];

export const BATCH_EVERY = ['hour', 'day', 'week'] as const;
export type BatchEvery = (typeof BATCH_EVERY)[number];

/** One batch: the changes stamped in (after, until], written to the folder `name`. */
export interface Batch {
  readonly name: string;
  readonly after: number;
  readonly until: number;
}

const HOUR = 3600;

export function checkEvery(every: string): BatchEvery {
  if (!(BATCH_EVERY as readonly string[]).includes(every)) throw new UsageError(`--every: unknown batch size "${every}" (use ${BATCH_EVERY.join(', ')})`);
  return every as BatchEvery;
}

/** The first second of the calendar period holding `second`. */
function periodStart(second: number, every: BatchEvery): number {
  if (every === 'hour') return Math.floor(second / HOUR) * HOUR;
  const day = Math.floor(second / SECONDS_PER_DAY);
  return (every === 'day' ? day : day - weekdayMondayFirst(day)) * SECONDS_PER_DAY;
}

/** Seconds in one full batch. */
export function periodSeconds(every: BatchEvery): number {
  return every === 'hour' ? HOUR : every === 'day' ? SECONDS_PER_DAY : 7 * SECONDS_PER_DAY;
}

function batchName(second: number, every: BatchEvery): string {
  const text = new Date(second * 1000).toISOString();
  return every === 'hour' ? text.slice(0, 13) : text.slice(0, 10);
}

/** Maximum batches one stream may hold (a year of hours is 8,784). */
const MAX_BATCHES = 100_000;

/** The batches of (from, to]: the first and last may be partial periods. */
export function planBatches(from: number, to: number, every: BatchEvery): Batch[] {
  const batches: Batch[] = [];
  const length = periodSeconds(every);
  for (let start = periodStart(from + 1, every); start <= to; start += length) {
    const after = Math.max(from, start - 1);
    if (batches.length >= MAX_BATCHES) throw new UsageError(`--every: ${every} batches of that span are more than ${MAX_BATCHES.toLocaleString('en-US')}; use a larger batch`);
    batches.push({ name: batchName(after + 1, every), after, until: Math.min(to, start + length - 1) });
  }
  return batches;
}
