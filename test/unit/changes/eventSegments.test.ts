// Which web event ids a change batch reads: every event stamped inside the batch must fall in the range
// EventSegments gives (checked against the whole clickstream, made here), and the range must stay near
// the batch instead of covering the clickstream. Then a batch's web events file as a worker writes it
// (sorted by second then id, _seq's digits written without a bigint) against the events filtered from
// the whole table.
import { describe, expect, it } from 'vitest';
import { RowSink } from '../../../src/encoding/rowSink.js';
import { tableEncodings } from '../../../src/encoding/outputFormat.js';
import { planBatches } from '../../../src/changes/batchPlan.js';
import { StreamChanges } from '../../../src/changes/batchChanges.js';
import { changeSeq, MAX_SEQ_ID, seqTableIndex, writeChangeSeq } from '../../../src/changes/changeSeq.js';
import { EventSegments, firstEventSecondBound } from '../../../src/changes/eventSegments.js';
import { ClickstreamPlan } from '../../../src/model/tables/webEvents/clickstreamPlan.js';
import { WebEventGenerator } from '../../../src/model/tables/webEvents/generator.js';
import { parseInstant, windowSeconds } from '../../../src/plan/instant.js';
import { TABLE_NAMES } from '../../../src/schema/tableNames.js';
import { SCHEMAS, tableRows, worldOf } from '../helpers/memoryDataset.js';

const world = worldOf({ customers: 2000, products: 300, orders: 20000, order_items: 60000, web_events: 60000 });
const at = (text: string): number => parseInstant(text) as number;

/** Every event's second, by id (index id - 1), from the whole table. */
const eventSeconds: number[] = (() => {
  const seconds: number[] = new Array<number>(world.counts.web_events);
  new WebEventGenerator(world).rowsBetween(1, world.counts.web_events, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, new RowSink(1024 * 1024), (second, id) => {
    seconds[id - 1] = second;
  });
  return seconds;
})();

function segmentsOf(): EventSegments {
  const probe = new WebEventGenerator(world);
  const sink = new RowSink(4096);
  return new EventSegments(world, (id) => {
    let second = Number.NaN;
    sink.reset();
    probe.rowsBetween(id, id, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, sink, (at) => {
      second = at;
    });
    return second;
  });
}

describe('EventSegments', () => {
  it('holds every event stamped in a span inside its id range, and reads a narrow range for a short span', () => {
    const segments = segmentsOf();
    const plan = new ClickstreamPlan(world);
    expect(segments.segmented).toBe(true);
    expect(plan.segmentCount).toBe(4);
    const first = Math.min(...eventSeconds);
    const last = Math.max(...eventSeconds);
    // Spans of an hour, six hours, a day and a week across the clickstream, and its two ends.
    const spans: [number, number][] = [[first - 86400, first - 1], [last - 1, last + 86400]];
    for (const length of [3600, 6 * 3600, 86400, 7 * 86400]) {
      for (let start = first - length; start < last; start += Math.max(length, Math.floor((last - first) / 23))) spans.push([start, start + length]);
    }
    let narrow = 0;
    for (const [after, until] of spans) {
      const [low, high] = segments.range(after, until);
      // The lowest and highest id stamped inside the span: every id lies in [low, high] exactly when both do
      // (one expect per span, not two per event: 60,000 events over ~100 spans made this test take seconds).
      let lowest = Number.POSITIVE_INFINITY;
      let highest = Number.NEGATIVE_INFINITY;
      for (let index = 0; index < eventSeconds.length; index++) {
        const second = eventSeconds[index] as number;
        if (second <= after || second > until) continue;
        lowest = Math.min(lowest, index + 1);
        highest = Math.max(highest, index + 1);
      }
      if (highest >= lowest) {
        expect(lowest).toBeGreaterThanOrEqual(low);
        expect(highest).toBeLessThanOrEqual(high);
      }
      // Segments hold ~17,000 events here (64 orders' worth): a short span reads at most two of the four.
      if (until - after <= 6 * 3600 && low <= high) {
        expect(plan.segmentOf(high) - plan.segmentOf(low)).toBeLessThanOrEqual(1);
        narrow++;
      }
    }
    expect(narrow).toBeGreaterThan(40);
  });

  it('bounds the clickstream from below, and says there is none without events', () => {
    expect(firstEventSecondBound(world)).toBeLessThanOrEqual(Math.min(...eventSeconds));
    expect(firstEventSecondBound(worldOf({ customers: 50, products: 20, orders: 100, order_items: 300, web_events: 0 }))).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('writeChangeSeq', () => {
  it('writes the digits of changeSeq for any second, table and id, fallback included', () => {
    const base = at('2022-01-01') + 1;
    const sink = new RowSink(1024);
    const cases: [number, number][] = [[base, 0], [base, 1], [base, MAX_SEQ_ID], [base + 3 * 366 * 86400, MAX_SEQ_ID], [base + 2 ** 28 - 1, 123456789], [base - 5, 7]];
    for (let index = 0; index < 2000; index++) cases.push([base + Math.floor(Math.random() * 4 * 366 * 86400), Math.floor(Math.random() * (MAX_SEQ_ID + 1))]);
    // Differences collected and asserted once: 10,000 expect calls cost more than the writes.
    const wrong: string[] = [];
    for (const [second, id] of cases) {
      for (const table of TABLE_NAMES) {
        sink.reset();
        writeChangeSeq(sink, second, base, seqTableIndex(table), id);
        const expected = changeSeq(second, base, table, id).toString();
        if (sink.text() !== expected) wrong.push(`${table} ${id} at ${second}: ${sink.text()}, changeSeq ${expected}`);
      }
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });
});

describe('StreamChanges web events', () => {
  it("writes a batch's events in (second, id) order, each with its _seq, as the whole table has them", () => {
    const timeOf = (line: string): string => line.split(',')[6] as string;
    // Each line's second, parsed once rather than once per batch.
    const rows = tableRows(world, 'web_events')
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => ({ line, second: at(timeOf(line)), id: Number(line.split(',')[0]) }));
    const seqBase = windowSeconds(world.config).first;
    const last = Math.max(...eventSeconds);
    // Three days ending at the clickstream's last day, in six-hour slices and in hourly ones: one stream,
    // so later slices pass over the segments earlier ones saw end (and must lose no event by it).
    const to = Math.ceil(last / 86400) * 86400 - 1;
    const from = to - 3 * 86400;
    const batches = planBatches(from, to, 'day');
    const stream = new StreamChanges(world, from, to);
    const encoding = tableEncodings(SCHEMAS).web_events;
    for (const [index, slices] of [...batches.keys()].flatMap((day) => [4, 24].map((count) => [day, count] as const))) {
      const batch = batches[index]!;
      let text = '';
      for (let slice = 0; slice < slices; slice++) {
        const { parts, counts } = stream.write({ table: 'web_events', from, to, seqBase, index, lastIndex: batches.length - 1, batches: batches.slice(0, index + 1), batchOffset: 0, slice, slices, faults: { late: 0, duplicates: 0 }, format: 'csv', encoding });
        for (const part of parts) text += Buffer.from(part).toString('utf8');
        expect(counts.U + counts.D).toBe(0);
      }
      const expected = rows
        .filter(({ second }) => second > batch.after && second <= batch.until)
        .sort((a, b) => a.second - b.second || a.id - b.id)
        .map(({ line, second, id }) => `I,${timeOf(line)},${changeSeq(second, seqBase, 'web_events', id).toString()},${line}\n`)
        .join('');
      expect(expected.length).toBeGreaterThan(0);
      expect(text).toBe(expected);
    }
  });
});
