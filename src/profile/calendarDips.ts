import { civilDate, epochDay } from '../core/calendar.js';
import type { Distribution } from './profileTypes.js';

/**
 * Orders on a holiday against the mean of the same weekday one and two weeks either side, counting
 * only neighbours inside [firstDay, lastDay] (epoch days): a real store dips on Christmas Day and
 * Thanksgiving. `ordersOn(day)` gives the orders of a local day. Keyed by year.
 */
export function holidayRatios(holiday: (year: number) => number, ordersOn: (day: number) => number, firstDay: number, lastDay: number): Distribution {
  const ratios: Record<string, number> = {};
  for (let year = civilDate(firstDay).year; year <= civilDate(lastDay).year; year++) {
    const day = holiday(year);
    if (day < firstDay || day > lastDay) continue;
    const neighbours = [-14, -7, 7, 14].map((offset) => day + offset).filter((near) => near >= firstDay && near <= lastDay);
    const mean = neighbours.reduce((sum, near) => sum + ordersOn(near), 0) / neighbours.length;
    if (neighbours.length > 0 && mean > 0) ratios[String(year)] = ordersOn(day) / mean;
  }
  return ratios;
}

export const christmas = (year: number): number => epochDay(year, 12, 25);
