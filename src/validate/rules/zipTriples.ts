// CUS-03's reference: the real (city, state, ZIP) triples of the ZIP table, held with few heap objects.
// validate's workers keep it for the whole run, and every full collection of a worker marks it again:
// as a Set of `city|state|zip` strings over the parsed table it was ~190k objects, about two thirds of
// a worker's heap, and the workers' collections cost a quarter of prod's validate CPU (bench/PROFILE.md).
// Here a five-digit ZIP indexes a typed array, and only the distinct city names stay as strings.
import type { ZipTable } from '../../vocab/zipTable.js';

/** ZIP codes as five decimal digits: 00000-99999. */
const ZIP_CODES = 100_000;
const NONE = -1;

/** The ZIP `text` as a number when it is exactly five ASCII digits, else -1. */
function zipNumber(text: string): number {
  if (text.length !== 5) return NONE;
  let value = 0;
  for (let index = 0; index < 5; index++) {
    const digit = text.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return NONE;
    value = value * 10 + digit;
  }
  return value;
}

export class ZipTriples {
  /** The first entry of each five-digit ZIP; an entry's next one of the same ZIP is `next[entry]`. */
  private readonly first = new Int32Array(ZIP_CODES).fill(NONE);
  private readonly next: Int32Array;
  private readonly cities: string[] = [];
  private readonly stateOf: Uint8Array;
  private readonly states: string[];
  /** `city|state|zip` of entries whose ZIP is not five digits (none in the shipped table). */
  private readonly others = new Set<string>();

  constructor(table: ZipTable) {
    this.states = Object.keys(table.states);
    let total = 0;
    for (const entries of Object.values(table.states)) total += entries.length;
    this.next = new Int32Array(total).fill(NONE);
    this.stateOf = new Uint8Array(total);
    // One string per distinct city name, not one per entry.
    const cityNames = new Map<string, string>();
    let entry = 0;
    this.states.forEach((state, stateIndex) => {
      for (const [zip, city] of table.states[state] ?? []) {
        const code = zipNumber(zip);
        if (code === NONE || stateIndex > 255) {
          this.others.add(`${city}|${state}|${zip}`);
          continue;
        }
        let name = cityNames.get(city);
        if (name === undefined) {
          name = city;
          cityNames.set(city, name);
        }
        this.cities[entry] = name;
        this.stateOf[entry] = stateIndex;
        this.next[entry] = this.first[code] as number;
        this.first[code] = entry;
        entry++;
      }
    });
  }

  /** Whether (city, state, zip) is one of the table's triples: the Set of `city|state|zip` it replaces, exactly. */
  has(city: string, state: string, zip: string): boolean {
    const code = zipNumber(zip);
    if (code === NONE) return this.others.size > 0 && this.others.has(`${city}|${state}|${zip}`);
    for (let entry = this.first[code] as number; entry !== NONE; entry = this.next[entry] as number) {
      if (this.cities[entry] === city && this.states[this.stateOf[entry] as number] === state) return true;
    }
    return false;
  }
}
