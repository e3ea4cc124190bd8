import { createRequire } from 'node:module';
import { US_STATES } from '../vocab/usStates.js';
import { WeightedChoice } from '../core/weighted.js';

interface ZipRecord {
  readonly zip: string;
  readonly city: string;
  readonly state: string;
}

/** Real ZIP codes and their cities, grouped by state, from the `zipcodes` package's database. */
export interface StateGeography {
  readonly code: string;
  readonly salesTaxBp: number;
  readonly areaCodes: readonly number[];
  readonly zips: readonly string[];
  readonly cities: readonly string[];
}

// Unique ZIPs of companies and bases ("At&t", "Shell Oil Box 150") are not places people live.
const PLACE_NAME = /^[A-Za-z][A-Za-z .'-]*$/;

function loadZipRecords(): ZipRecord[] {
  const require = createRequire(import.meta.url);
  const modulePath = require.resolve('zipcodes/lib/codes.js');
  const { codes } = require(modulePath) as { codes: Record<string, ZipRecord> };
  const records = Object.values(codes);
  // The module holds ~40k objects; once the compact arrays exist it is dropped so the GC can free it.
  delete require.cache[modulePath];
  return records;
}

export class Geography {
  readonly states: readonly StateGeography[];
  readonly stateChoice: WeightedChoice<number>;

  constructor() {
    const byState = new Map<string, ZipRecord[]>();
    for (const record of loadZipRecords()) {
      if (!/^\d{5}$/.test(record.zip) || !PLACE_NAME.test(record.city)) continue;
      const list = byState.get(record.state) ?? [];
      list.push(record);
      byState.set(record.state, list);
    }
    this.states = US_STATES.map((state) => {
      const records = (byState.get(state.code) ?? []).sort((a, b) => (a.zip < b.zip ? -1 : 1));
      if (records.length === 0) throw new Error(`the ZIP database has no ZIP code for ${state.code}`);
      return {
        code: state.code,
        salesTaxBp: state.salesTaxBp,
        areaCodes: state.areaCodes,
        zips: records.map((record) => record.zip),
        cities: records.map((record) => record.city),
      };
    });
    this.stateChoice = new WeightedChoice(
      US_STATES.map((_, index) => index),
      US_STATES.map((state) => state.population2020),
    );
  }
}
