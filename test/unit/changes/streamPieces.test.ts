// The pieces of a change stream that need no data: how (T1, T2] is cut into batches, how _seq packs a
// change, and which rows the delivery faults pick.
import { describe, expect, it } from 'vitest';
import { checkEvery, planBatches } from '../../../src/changes/batchPlan.js';
import { changeSeq, MAX_SEQ_ID } from '../../../src/changes/changeSeq.js';
import { DeliveryFaults, MAX_DELAY_BATCHES } from '../../../src/changes/deliveryFaults.js';
import { parseInstant } from '../../../src/plan/instant.js';
import { UsageError } from '../../../src/errors.js';

const at = (text: string): number => parseInstant(text) as number;

describe('planBatches', () => {
  it('cuts (T1, T2] into calendar days named after their first second, the first and last partial', () => {
    const batches = planBatches(at('2024-03-14 10:00:00'), at('2024-03-16 06:00:00'), 'day');
    expect(batches.map((batch) => batch.name)).toEqual(['2024-03-14', '2024-03-15', '2024-03-16']);
    expect(batches[0]).toEqual({ name: '2024-03-14', after: at('2024-03-14 10:00:00'), until: at('2024-03-14') });
    expect(batches[1]).toEqual({ name: '2024-03-15', after: at('2024-03-14'), until: at('2024-03-15') });
    expect(batches[2]?.until).toBe(at('2024-03-16 06:00:00'));
  });

  it('a date as T1 (the end of that day) starts at the next midnight; weeks run Monday to Sunday; hours sort as text', () => {
    expect(planBatches(at('2024-03-14'), at('2024-03-15'), 'day').map((batch) => batch.name)).toEqual(['2024-03-15']);
    const weeks = planBatches(at('2024-03-01'), at('2024-03-31'), 'week');
    // 2024-03-02 is a Saturday: a partial first week, then Mondays.
    expect(weeks.map((batch) => batch.name)).toEqual(['2024-03-02', '2024-03-04', '2024-03-11', '2024-03-18', '2024-03-25']);
    const hours = planBatches(at('2024-03-14 21:30:00'), at('2024-03-15 01:00:00'), 'hour');
    // T2 01:00:00 is the first second of hour 01: a batch of one second.
    expect(hours.map((batch) => batch.name)).toEqual(['2024-03-14T21', '2024-03-14T22', '2024-03-14T23', '2024-03-15T00', '2024-03-15T01']);
    expect(hours[4]).toEqual({ name: '2024-03-15T01', after: at('2024-03-15 00:59:59'), until: at('2024-03-15 01:00:00') });
    expect([...hours.map((batch) => batch.name)].sort()).toEqual(hours.map((batch) => batch.name));
    // Batches tile the span: each starts where the one before ends.
    for (let index = 1; index < weeks.length; index++) expect(weeks[index]?.after).toBe(weeks[index - 1]?.until);
  });

  it('refuses an unknown batch size, naming the flag', () => {
    expect(() => checkEvery('month')).toThrow(UsageError);
    expect(() => checkEvery('month')).toThrow(/^--every: unknown batch size "month"/);
  });
});

describe('changeSeq', () => {
  it('grows with time first, then table order, then id, and fits a signed BIGINT', () => {
    const base = at('2022-01-01') + 1;
    const seqs = [
      changeSeq(base + 10, base, 'customers', MAX_SEQ_ID),
      changeSeq(base + 10, base, 'orders', 1),
      changeSeq(base + 10, base, 'orders', 2),
      changeSeq(base + 11, base, 'customers', 1),
    ];
    expect([...seqs].sort((a, b) => (a < b ? -1 : 1))).toEqual(seqs);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(changeSeq(base + 50 * 366 * 86400, base, 'web_events', MAX_SEQ_ID) < 2n ** 63n).toBe(true);
  });
});

describe('DeliveryFaults', () => {
  it('delays about the asked share of rows by 1..3 batches, repeats about the asked share, and is a function of (seed, _seq)', () => {
    const faults = new DeliveryFaults(42, { late: 0.2, duplicates: 0.1 });
    const again = new DeliveryFaults(42, { late: 0.2, duplicates: 0.1 });
    let late = 0;
    let repeated = 0;
    const total = 8000;
    // Wrong answers collected and asserted once: 33,000 expect calls cost more than the answers.
    const wrong: string[] = [];
    for (let id = 1; id <= total; id++) {
      const seq = changeSeq(1000 + id, 0, 'orders', id);
      const delivered = faults.deliveredIn(seq, 10, 100);
      if (delivered !== again.deliveredIn(seq, 10, 100)) wrong.push(`id ${id}: delivered in ${delivered}, then in ${again.deliveredIn(seq, 10, 100)}`);
      if (delivered < 10 || delivered - 10 > MAX_DELAY_BATCHES) wrong.push(`id ${id}: a row of batch 10 delivered in ${delivered}`);
      if (delivered > 10) late++;
      const repeat = faults.repeatedIn(seq, 10, 100);
      if (repeat >= 0) {
        repeated++;
        if (repeat < 10) wrong.push(`id ${id}: a row of batch 10 repeated in ${repeat}`);
      }
      // The last batch delivers its own rows.
      const last = faults.deliveredIn(seq, 100, 100);
      if (last !== 100) wrong.push(`id ${id}: a row of the last batch (100) delivered in ${last}`);
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(late / total).toBeGreaterThan(0.18);
    expect(late / total).toBeLessThan(0.22);
    expect(repeated / total).toBeGreaterThan(0.08);
    expect(repeated / total).toBeLessThan(0.12);
    const none = new DeliveryFaults(42, { late: 0, duplicates: 0 });
    expect(none.any).toBe(false);
    expect(none.deliveredIn(changeSeq(5, 0, 'orders', 5), 3, 9)).toBe(3);
  });
});
