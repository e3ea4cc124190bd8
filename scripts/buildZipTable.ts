// Build step (run by `npm run build`): extracts a compact ZIP -> city table per state from the
// `zipcodes` package's database into dist/data/us-zip-codes.json. Loading the package itself costs
// ~80 MB of RSS per worker thread that is never returned; the compact table costs a few MB.
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import { ZIP_TABLE_FILE } from '../src/paths.js';
import type { ZipTable } from '../src/vocab/zipTable.js';
import { dirname } from 'node:path';

interface ZipRecord {
  readonly zip: string;
  readonly city: string;
  readonly state: string;
}

// Unique ZIPs of companies and bases ("At&t", "Shell Oil Box 150") are not places people live.
const PLACE_NAME = /^[A-Za-z][A-Za-z .'-]*$/;

const require = createRequire(import.meta.url);
const { codes } = require('zipcodes/lib/codes.js') as { codes: Record<string, ZipRecord> };
const packageVersion = (require('zipcodes/package.json') as { version: string }).version;

const states: Record<string, [string, string][]> = {};
for (const record of Object.values(codes)) {
  if (!/^\d{5}$/.test(record.zip) || !PLACE_NAME.test(record.city)) continue;
  (states[record.state] ??= []).push([record.zip, record.city]);
}
for (const list of Object.values(states)) list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
const table: ZipTable = { source: `zipcodes@${packageVersion}`, states };
mkdirSync(dirname(ZIP_TABLE_FILE), { recursive: true });
writeFileSync(ZIP_TABLE_FILE, JSON.stringify(table));
