// The reference data behind addresses and tax: residential ZIP codes weighted by population, and the
// combined state + average local sales tax rates of the Tax Foundation's 2024 table.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/random.js';
import { drawAddress } from '../../src/model/addresses.js';
import { loadZipTable } from '../../src/vocab/zipTable.js';
import { US_STATES } from '../../src/vocab/usStates.js';
import { worldOf } from './helpers/memoryDataset.js';

const table = loadZipTable();

describe('ZIP table', () => {
  it('has residential ZIP codes for every state and DC, each with residents', () => {
    const problems: string[] = [];
    for (const state of US_STATES) {
      const entries = table.states[state.code] ?? [];
      // The smallest (DC, Delaware, Rhode Island) still have dozens of populated ZIP codes.
      if (entries.length < 20) problems.push(`${state.code}: ${entries.length} ZIP codes`);
      for (const [zip, city, population] of entries) {
        if (!/^\d{5}$/.test(zip) || !/^[A-Za-z][A-Za-z .'-]*$/.test(city) || !(population > 0)) problems.push(`${state.code}: ${zip} ${city} ${population}`);
      }
    }
    expect(problems).toEqual([]);
    // Residents add up to the US population (ACS, 50 states and DC: about 330 million).
    const residents = Object.values(table.states).reduce((sum, entries) => sum + entries.reduce((total, entry) => total + entry[2], 0), 0);
    expect(residents).toBeGreaterThan(320e6);
    expect(residents).toBeLessThan(345e6);
  });

  it("leaves out organisations' unique ZIP codes and PO-box-only ZIP codes", () => {
    const zips = new Set(Object.entries(table.states).flatMap(([state, entries]) => entries.map(([zip]) => `${state} ${zip}`)));
    // Unique ZIPs of organisations, PO-box-only ZIPs and a ZCTA without residents (USPS headquarters).
    for (const notResidential of ['DC 56920', 'FL 33651', 'TX 78279', 'KY 40598', 'CA 94295', 'DC 20260']) {
      expect(zips.has(notResidential), notResidential).toBe(false);
    }
    for (const residential of ['NY 10001', 'CA 90210', 'IL 60614', 'TX 78201', 'DC 20001', 'AK 99501']) {
      expect(zips.has(residential), residential).toBe(true);
    }
  });

  it('places addresses in a ZIP code in proportion to its residents', () => {
    const world = worldOf();
    const rng = new Rng();
    const residentsOf = new Map(Object.values(table.states).flatMap((entries) => entries.map((entry) => [entry[0], entry[2]] as const)));
    const draws = 20_000;
    let inSmallZips = 0;
    for (let id = 1; id <= draws; id++) {
      const address = drawAddress(world, rng.reseed(7, id));
      if ((residentsOf.get(address.zip) ?? 0) < 1000) inSmallZips++;
    }
    // ZIP codes under 1,000 residents hold about 1.3% of Americans (a third of all ZIP codes).
    expect(inSmallZips / draws).toBeLessThan(0.03);
  });
});

describe('sales tax rates', () => {
  const byCode = new Map(US_STATES.map((state) => [state.code, state]));

  it('are the combined state + average local rates of the Tax Foundation table as of January 1, 2024', () => {
    const published: Record<string, number> = { NY: 853, CA: 885, TN: 955, LA: 956, TX: 820, WA: 938, AL: 929, NJ: 660, AK: 182, HI: 450 };
    for (const [code, bp] of Object.entries(published)) expect(byCode.get(code)?.salesTaxBp, code).toBe(bp);
    for (const code of ['OR', 'MT', 'NH', 'DE']) expect(byCode.get(code)?.salesTaxBp, code).toBe(0);
  });

  it('add up: the combined rate is the state rate plus the average local rate, to the half basis point', () => {
    for (const state of US_STATES) {
      expect(Number.isInteger(state.salesTaxBp), state.code).toBe(true);
      expect(Math.abs(state.stateSalesTaxBp + state.localSalesTaxBp - state.salesTaxBp), state.code).toBeLessThanOrEqual(0.5);
    }
  });
});
