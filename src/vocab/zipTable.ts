import { readFileSync } from 'node:fs';
import { ZIP_TABLE_FILE } from '../paths.js';

/** Real US ZIP codes with their city, per state code, from the `zipcodes` package (see scripts/buildZipTable.ts). */
export interface ZipTable {
  readonly source: string;
  readonly states: Readonly<Record<string, readonly (readonly [zip: string, city: string])[]>>;
}

export function loadZipTable(): ZipTable {
  try {
    return JSON.parse(readFileSync(ZIP_TABLE_FILE, 'utf8')) as ZipTable;
  } catch (error) {
    throw new Error(`cannot read ${ZIP_TABLE_FILE} (${(error as Error).message}); run npm run build`);
  }
}
