// drawnIds writes hashId out in its loop (it runs for every row of a dirty run): it must pick exactly the
// ids drawnKind gives a kind, at any rate and for ids past 2^32 (where the id's high word enters the hash).
import { describe, expect, it } from 'vitest';
import { DEFECT_KINDS } from '../../../src/defects/defectKinds.js';
import { drawnIds, drawnKind, tableDefectPlan } from '../../../src/defects/defectPlan.js';
import { TABLE_NAMES } from '../../../src/schema/tableNames.js';

const WEIGHTS = Object.fromEntries(DEFECT_KINDS.map((kind) => [kind, 1])) as Record<(typeof DEFECT_KINDS)[number], number>;

function planAt(rate: number, seed: number): ReturnType<typeof tableDefectPlan> {
  const rates = Object.fromEntries(TABLE_NAMES.map((name) => [name, rate])) as Record<(typeof TABLE_NAMES)[number], number>;
  return tableDefectPlan({ rates, weights: WEIGHTS }, 'web_events', seed);
}

function idsWithAKind(plan: ReturnType<typeof tableDefectPlan>, from: number, to: number): number[] {
  const ids: number[] = [];
  for (let id = from; id <= to; id++) if (drawnKind(plan, id) !== undefined) ids.push(id);
  return ids;
}

describe('drawnIds', () => {
  it.each([
    [0.01, 42, 1, 50_000],
    [0.3, 7, 1, 20_000],
    [0.5, 123_456_789, 2 ** 32 - 5_000, 2 ** 32 + 5_000],
    [0.05, 99, 3 * 2 ** 32 + 17, 3 * 2 ** 32 + 20_017],
  ])('rate %s, seed %s, ids %s-%s: the ids drawnKind gives a kind', (rate, seed, from, to) => {
    const plan = planAt(rate, seed);
    const ids = drawnIds(plan, from, to);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids).toEqual(idsWithAKind(plan, from, to));
  });

  it('draws nothing at rate 0', () => {
    expect(drawnIds(planAt(0, 1), 1, 1000)).toEqual([]);
  });
});
