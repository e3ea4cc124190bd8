import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TABLE_NAMES, type TableName } from '../../src/schema/tableNames.js';
import type { Manifest } from '../../src/writer/manifest.js';
import { readTable, tableFromText, type Table } from './csv.js';

/** Some or all of the five tables, parsed. */
export type Tables<T extends TableName = TableName> = Readonly<Record<T, Table>>;
export type Dataset = Tables & { readonly manifest: Manifest; readonly dir: string };

/** Tables from whole CSV texts (header + rows), e.g. a dataset made in memory by the unit tier. */
export function tablesFromText<T extends TableName>(texts: Readonly<Record<T, string>>): Tables<T> {
  return Object.fromEntries((Object.keys(texts) as T[]).map((table) => [table, tableFromText(texts[table], `${table}.csv`)])) as Record<T, Table>;
}

export function readDataset(dir: string): Dataset {
  const tables = Object.fromEntries(TABLE_NAMES.map((table) => [table, readTable(dir, `${table}.csv`)])) as Record<TableName, Table>;
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  return { ...tables, manifest, dir };
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
