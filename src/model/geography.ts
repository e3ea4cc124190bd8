import { US_STATES } from '../vocab/usStates.js';
import { loadZipTable } from '../vocab/zipTable.js';
import { WeightedChoice } from '../core/weighted.js';

/** Residential ZIP codes and their cities, grouped by state, with the state's tax rate and area codes. */
export interface StateGeography {
  readonly code: string;
  /** Combined state + average local sales tax rate in basis points (see vocab/usStates.ts). */
  readonly salesTaxBp: number;
  readonly areaCodes: readonly number[];
  readonly zips: readonly string[];
  readonly cities: readonly string[];
  /** Picks an index into `zips` / `cities` in proportion to the ZIP's residents. */
  readonly zipChoice: WeightedChoice<number>;
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
        zipChoice: new WeightedChoice(
          records.map((_, index) => index),
          records.map((record) => record[2]),
        ),
      };
    });
    // States by 2020 Census population, then ZIPs within the state by their own population.
    this.stateChoice = new WeightedChoice(
      US_STATES.map((_, index) => index),
      US_STATES.map((state) => state.population2020),
    );
  }
}
