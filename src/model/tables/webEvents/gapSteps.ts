/**
 * The seconds one browsing gap adds, `max(1, min(round(median * e^x), max))` for the log-normal's
 * exponent x (`sigma * z`), read from a table over x instead of calling Math.exp: a web event costs
 * one gap, and `Math.exp` was ~5% of a web_events shard. The answer is always the formula's own:
 *
 * The table splits x's useful range into cells; a cell holds a step only when the formula gives that
 * step at both its edges widened by MARGIN, otherwise 0 (a step boundary falls inside: ask the formula).
 * The formula only grows with x (exp, the product, rounding and the clamps all do), and MARGIN (1e-9
 * in x, a relative 1e-9 in e^x) is millions of times wider than Math.exp's error and the index
 * arithmetic's rounding (a few units in the last place), so every x mapped into a filled cell lies
 * strictly between two points that gave the same step, and gets that step too. Outside the range, and
 * for NaN, the formula answers.
 */
const CELLS = 16384;
const MARGIN = 1e-9;

export class GapSteps {
  /** Per cell, the step every x in it gives, or 0: a step boundary is near, the formula answers. */
  private readonly steps = new Int32Array(CELLS);
  /** x at cell 0's start. */
  private readonly low: number;
  /** Cells per unit of x. */
  private readonly scale: number;

  constructor(
    private readonly median: number,
    private readonly max: number,
  ) {
    // Below ln(0.5 / median) every x gives 1 and above ln((max + 0.5) / median) every x gives max; the
    // table spans both with a unit of x to spare.
    this.low = Math.log(0.5 / median) - 1;
    const high = Math.log((max + 0.5) / median) + 1;
    this.scale = CELLS / (high - this.low);
    for (let cell = 0; cell < CELLS; cell++) {
      const start = this.low + cell / this.scale;
      const end = this.low + (cell + 1) / this.scale;
      const first = this.formula(start - MARGIN);
      if (first === this.formula(end + MARGIN)) this.steps[cell] = first;
    }
  }

  /** The gap's step for exponent `x`: exactly `formula(x)`. */
  step(x: number): number {
    const cell = Math.floor((x - this.low) * this.scale);
    if (cell >= 0 && cell < CELLS) {
      const step = this.steps[cell] as number;
      if (step > 0) return step;
    }
    return this.formula(x);
  }

  /** The gap's step as the generators computed it before this table (and still do where it declines). */
  formula(x: number): number {
    return Math.max(1, Math.min(Math.round(this.median * Math.exp(x)), this.max));
  }
}

const tables = new Map<string, GapSteps>();

/** The table for a config's gap law, built once per thread (~33k exp calls, ~1 ms) and shared by its generators. */
export function gapSteps(median: number, max: number): GapSteps {
  const key = `${median}|${max}`;
  let table = tables.get(key);
  if (table === undefined) {
    table = new GapSteps(median, max);
    tables.set(key, table);
  }
  return table;
}
