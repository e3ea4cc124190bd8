// The named days of the shopping calendar, in the shoppers' local time: Thanksgiving and the Black
// Friday / Cyber Monday peaks after it, Christmas Eve (whose evening empties) and Christmas Day. The
// time curves take them as multipliers of UTC hours, so a local day's effect lands on the right hours.
import { civilDate, epochDay, thanksgiving } from '../core/calendar.js';
import type { EcomConfig } from '../config/configTypes.js';

/** Twenty-four multipliers of a local day's hours, keyed by the epoch day (local). */
type LocalDays = Map<number, number[]>;

function setDay(days: LocalDays, day: number, multiplier: (hour: number) => number): void {
  days.set(day, Array.from({ length: 24 }, (_, hour) => multiplier(hour)));
}

/** The named days of the years the span touches, as local days with their hour multipliers. */
function localNamedDays(config: EcomConfig, firstDay: number, lastDay: number): LocalDays {
  const orders = config.orders;
  const days: LocalDays = new Map();
  for (let year = civilDate(firstDay).year; year <= civilDate(lastDay).year; year++) {
    const thanksgivingDay = thanksgiving(year);
    setDay(days, thanksgivingDay, () => orders.thanksgiving);
    setDay(days, thanksgivingDay + 1, () => orders.blackFriday);
    setDay(days, thanksgivingDay + 4, () => orders.cyberMonday);
    const eve = orders.christmasEve;
    setDay(days, epochDay(year, 12, 24), (hour) => (hour >= eve.eveningFromHour ? eve.evening : eve.day));
    setDay(days, epochDay(year, 12, 25), () => orders.christmasDay);
  }
  return days;
}

/**
 * The named days as the time curves take them: UTC epoch day -> multipliers of its 24 UTC hours.
 * UTC hour h of day d is local hour h + offset, possibly of the day before or after.
 */
export function namedDayMultipliers(config: EcomConfig, firstDay: number, lastDay: number): Map<number, number[]> {
  const offset = config.window.localUtcOffsetHours;
  const utcDays = new Map<number, number[]>();
  for (const [localDay, multipliers] of localNamedDays(config, firstDay - 1, lastDay + 1)) {
    multipliers.forEach((multiplier, localHour) => {
      const utcHour = localDay * 24 + localHour - offset;
      const utcDay = Math.floor(utcHour / 24);
      let hours = utcDays.get(utcDay);
      if (hours === undefined) {
        hours = new Array<number>(24).fill(1);
        utcDays.set(utcDay, hours);
      }
      hours[utcHour - utcDay * 24] = multiplier;
    });
  }
  return utcDays;
}
