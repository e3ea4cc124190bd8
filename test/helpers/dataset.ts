import type { TableName } from '../../src/schema/tableNames.js';
import { tableFromText, type Table } from './csv.js';

/** Some or all of the five tables, parsed. */
export type Tables<T extends TableName = TableName> = Readonly<Record<T, Table>>;

/** Tables from whole CSV texts (header + rows), e.g. a dataset made in memory by the unit tier. */
export function tablesFromText<T extends TableName>(texts: Readonly<Record<T, string>>): Tables<T> {
  return Object.fromEntries((Object.keys(texts) as T[]).map((table) => [table, tableFromText(texts[table], `${table}.csv`)])) as Record<T, Table>;
}

/** Parses `YYYY-MM-DD HH:MM:SS` (UTC) to epoch seconds; NaN when the shape is wrong. */
export function toSeconds(text: string): number {
  if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text)) return Number.NaN;
  return Date.parse(`${text.replace(' ', 'T')}Z`) / 1000;
}

/** Money text with exactly two decimals to integer cents; NaN otherwise. */
export function toCents(text: string): number {
  if (!/^-?\d+\.\d{2}$/.test(text)) return Number.NaN;
  const negative = text.startsWith('-');
  const [whole, fraction] = text.replace('-', '').split('.') as [string, string];
  const cents = Number(whole) * 100 + Number(fraction);
  return negative ? -cents : cents;
}
