import { civilDate, thanksgiving } from '../core/calendar.js';
import type { HolidayMark } from './reportTypes.js';

export function dayText(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The shopping year's peak to label on the orders-per-day chart: Black Friday and Cyber Monday (the
 * day after Thanksgiving and the Monday after that; config orders.black_friday / cyber_monday), three
 * days apart, so one mark a year on the busier of the two. Only years whose two days lie inside
 * [firstDay, lastDay] (local epoch days); `ordersOn(day)` gives a local day's orders.
 */
export function holidayMarks(ordersOn: (day: number) => number, firstDay: number, lastDay: number): HolidayMark[] {
  if (!(firstDay <= lastDay)) return [];
  const marks: HolidayMark[] = [];
  for (let year = civilDate(firstDay).year; year <= civilDate(lastDay).year; year++) {
    const blackFriday = thanksgiving(year) + 1;
    const cyberMonday = blackFriday + 3;
    if (blackFriday < firstDay || cyberMonday > lastDay) continue;
    const [day, name] = ordersOn(cyberMonday) > ordersOn(blackFriday) ? [cyberMonday, 'Cyber Monday'] : [blackFriday, 'Black Friday'];
    marks.push({ day: dayText(day), orders: ordersOn(day), label: `${name} ${year}` });
  }
  return marks;
}
