import { US_STATES } from '../vocab/usStates.js';
import { loadZipTable } from '../vocab/zipTable.js';
import { WeightedChoice } from '../core/weighted.js';

/** Real ZIP codes and their cities, grouped by state, with the state's tax rate and area codes. */
export interface StateGeography {
  readonly code: string;
  readonly salesTaxBp: number;
  readonly areaCodes: readonly number[];
  readonly zips: readonly string[];
  readonly cities: readonly string[];
}

export class Geography {
  readonly states: readonly StateGeography[];
  readonly stateChoice: WeightedChoice<number>;

  constructor() {
    const table = loadZipTable();
    this.states = US_STATES.map((state) => {
      const records = table.states[state.code] ?? [];
      if (records.length === 0) throw new Error(`the ZIP table (${table.source}) has no ZIP code for ${state.code}`);
      return {
        code: state.code,
        salesTaxBp: state.salesTaxBp,
        areaCodes: state.areaCodes,
        zips: records.map((record) => record[0]),
        cities: records.map((record) => record[1]),
      };
    });
    this.stateChoice = new WeightedChoice(
      US_STATES.map((_, index) => index),
      US_STATES.map((state) => state.population2020),
    );
  }
}
