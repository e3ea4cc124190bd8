// US holidays by epoch day: the days the parcel carriers (UPS, FedEx Ground, USPS) and most warehouses
// do not work, and the named shopping days the time curves mark.
import { civilDate, epochDay, thanksgiving, weekdayMondayFirst } from './calendar.js';

/** The n-th (1-based) weekday (Monday = 0) of a month; n = -1 for the last. */
function nthWeekday(year: number, month: number, weekday: number, n: number): number {
  if (n > 0) {
    const first = epochDay(year, month, 1);
    return first + ((weekday - weekdayMondayFirst(first) + 7) % 7) + (n - 1) * 7;
  }
  const last = epochDay(year, month + 1, 1) - 1;
  return last - ((weekdayMondayFirst(last) - weekday + 7) % 7);
}

/**
 * The carriers' holidays of a year (UPS and FedEx publish the same six: New Year's Day, Memorial Day,
 * Independence Day, Labor Day, Thanksgiving, Christmas Day), on their calendar dates.
 */
export function carrierHolidays(year: number): number[] {
  return [
    epochDay(year, 1, 1),
    nthWeekday(year, 5, 0, -1),
    epochDay(year, 7, 4),
    nthWeekday(year, 9, 0, 1),
    thanksgiving(year),
    epochDay(year, 12, 25),
  ];
}

/** Answers "is this day a carrier holiday" with one array look-up over the days it was built for. */
export class HolidayCalendar {
  private readonly flags: Uint8Array;

  constructor(
    private readonly firstDay: number,
    lastDay: number,
  ) {
    this.flags = new Uint8Array(Math.max(lastDay - firstDay + 1, 0));
    for (let year = civilDate(firstDay).year; year <= civilDate(lastDay).year; year++) {
      for (const day of carrierHolidays(year)) if (day >= firstDay && day <= lastDay) this.flags[day - firstDay] = 1;
    }
  }

  isHoliday(day: number): boolean {
    const index = day - this.firstDay;
    if (index >= 0 && index < this.flags.length) return this.flags[index] === 1;
    return carrierHolidays(civilDate(day).year).includes(day);
  }
}
