// ZipTriples stands in for the Set of `city|state|zip` strings CUS-03 used to build: over the shipped ZIP
// table and a small hand-made one it must answer exactly as that Set does, for every real triple and for
// near misses (another city of the same ZIP, another state, a neighbouring ZIP, malformed ZIPs).
import { describe, expect, it } from 'vitest';
import { ZipTriples } from '../../../src/validate/rules/zipTriples.js';
import { loadZipTable, type ZipEntry, type ZipTable } from '../../../src/vocab/zipTable.js';

function setOf(table: ZipTable): Set<string> {
  const triples = new Set<string>();
  for (const [state, entries] of Object.entries(table.states)) for (const [zip, city] of entries) triples.add(`${city}|${state}|${zip}`);
  return triples;
}

/** Probes around every entry: the entry itself and near misses an analyst's dirty data would hold. */
function probes(table: ZipTable): Array<[string, string, string]> {
  const states = Object.keys(table.states);
  const made: Array<[string, string, string]> = [];
  states.forEach((state, stateIndex) => {
    const entries = table.states[state] ?? [];
    entries.forEach(([zip, city], index) => {
      const otherState = states[(stateIndex + 1) % states.length] as string;
      const otherCity = (entries[(index + 1) % entries.length] as ZipEntry)[1];
      const nextZip = String((Number(zip) + 1) % 100_000).padStart(5, '0');
      made.push([city, state, zip], [city, otherState, zip], [otherCity, state, zip], [city, state, nextZip]);
      made.push([city.toUpperCase(), state, zip], [city, state, ` ${zip}`], [city, state, zip.slice(0, 4)], [city, state, `${zip}-0001`]);
    });
  });
  return made;
}

describe('ZipTriples', () => {
  it('answers as the Set of city|state|zip strings over the shipped ZIP table', () => {
    const table = loadZipTable();
    const triples = new ZipTriples(table);
    const expected = setOf(table);
    const all = probes(table);
    expect(all.length).toBeGreaterThan(100_000);
    let found = 0;
    for (const [city, state, zip] of all) {
      const want = expected.has(`${city}|${state}|${zip}`);
      if (triples.has(city, state, zip) !== want) throw new Error(`differs for ${city}|${state}|${zip}: Set says ${want}`);
      if (want) found++;
    }
    // Every real triple is among the probes and found.
    expect(found).toBeGreaterThanOrEqual(expected.size);
  });

  it('keeps entries whose ZIP is not five digits, and shared ZIPs across states and cities', () => {
    const table: ZipTable = {
      source: 'test',
      states: {
        NY: [['10001', 'New York', 100], ['10001', 'Manhattan', 100], ['ABCDE', 'Nowhere', 1], ['123', 'Short', 1]],
        NJ: [['10001', 'Hoboken', 10], ['07030', 'Hoboken', 50_000]],
      },
    };
    const triples = new ZipTriples(table);
    const expected = setOf(table);
    const cases: Array<[string, string, string]> = [
      ['New York', 'NY', '10001'], ['Manhattan', 'NY', '10001'], ['Hoboken', 'NJ', '10001'], ['Hoboken', 'NJ', '07030'],
      ['Hoboken', 'NY', '10001'], ['New York', 'NJ', '10001'], ['Nowhere', 'NY', 'ABCDE'], ['Short', 'NY', '123'],
      ['Nowhere', 'NJ', 'ABCDE'], ['Short', 'NY', '00123'], ['New York', 'NY', '10002'], ['', '', ''],
    ];
    for (const [city, state, zip] of cases) expect(triples.has(city, state, zip), `${city}|${state}|${zip}`).toBe(expected.has(`${city}|${state}|${zip}`));
    expect(cases.filter(([city, state, zip]) => triples.has(city, state, zip))).toHaveLength(6);
  });
});
