import { civilDate, epochDay, thanksgiving } from '../core/calendar.js';
import type { LabelCounts } from './counters.js';

/**
 * Seasonality figures per year from orders per month (`YYYY-MM`) and per UTC day (`YYYY-MM-DD`):
 * Nov-Dec daily volume vs the year's, year-over-year growth (full years only), Black Friday and Cyber
 * Monday vs the median November day.
 */
export function orderSeasons(months: LabelCounts, days: LabelCounts): { novDec: Record<string, number>; growth: Record<string, number>; blackFriday: Record<string, number>; cyberMonday: Record<string, number> } {
  const years = [...new Set(months.entries().map(([month]) => Number(month.slice(0, 4))))].sort();
  const novDec: Record<string, number> = {};
  const growth: Record<string, number> = {};
  const blackFriday: Record<string, number> = {};
  const cyberMonday: Record<string, number> = {};
  for (const year of years) {
    const inYear = months.entries().filter(([month]) => month.startsWith(`${year}-`));
    const yearCount = inYear.reduce((sum, [, count]) => sum + count, 0);
    const novDecCount = inYear.filter(([month]) => month.endsWith('-11') || month.endsWith('-12')).reduce((sum, [, count]) => sum + count, 0);
    if (inYear.length === 12) novDec[String(year)] = novDecCount / 61 / (yearCount / (epochDay(year + 1, 1, 1) - epochDay(year, 1, 1)));
    const previous = months.entries().filter(([month]) => month.startsWith(`${year - 1}-`));
    if (previous.length === 12 && inYear.length === 12) growth[`${year} vs ${year - 1}`] = yearCount / previous.reduce((sum, [, count]) => sum + count, 0);
    const november = Array.from({ length: 30 }, (_, index) => days.get(`${year}-11-${String(index + 1).padStart(2, '0')}`)).sort((a, b) => a - b);
    const medianNovember = november[15] ?? 0;
    const thanksgivingDay = civilDate(thanksgiving(year)).dayOfMonth;
    const fridayKey = `${year}-11-${String(thanksgivingDay + 1).padStart(2, '0')}`;
    const mondayDate = new Date(Date.UTC(year, 10, thanksgivingDay + 4));
    const mondayKey = mondayDate.toISOString().slice(0, 10);
    if (medianNovember > 0) {
      blackFriday[String(year)] = days.get(fridayKey) / medianNovember;
      cyberMonday[String(year)] = days.get(mondayKey) / medianNovember;
    }
  }
  return { novDec, growth, blackFriday, cyberMonday };
}
