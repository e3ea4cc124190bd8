// A Debezium-style envelope of `changes --format jsonl` becomes the record the .csv file would hold.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { envelopeToCsvRecord } from '../../../src/load/debeziumBatch.js';

const columns = ['order_id', 'status', 'total_amount', 'is_gift', 'note'];
const line = (envelope: Record<string, unknown>): string => JSON.stringify(envelope);
const source = (seq: number): Record<string, unknown> => ({ name: 'ecomgen', table: 'orders', seq, batch: '2024-03-15' });
// 2024-03-15 13:45:07 UTC
const TS = Date.UTC(2024, 2, 15, 13, 45, 7);

describe('envelopeToCsvRecord', () => {
  it('c, u and d become I, U and D with _changed_at from ts_ms and _seq from source.seq', () => {
    const after = { order_id: 7, status: 'shipped', total_amount: 19.9, is_gift: false, note: 'a "quoted", text' };
    expect(envelopeToCsvRecord(line({ before: null, after, op: 'c', ts_ms: TS, source: source(12_000_000_001) }), columns, 'order_id', 'x'))
      .toBe('I,2024-03-15 13:45:07,12000000001,7,shipped,19.9,false,"a ""quoted"", text"\n');
    expect(envelopeToCsvRecord(line({ before: null, after: { ...after, note: null }, op: 'u', ts_ms: TS, source: source(5) }), columns, 'order_id', 'x'))
      .toBe('U,2024-03-15 13:45:07,5,7,shipped,19.9,false,\n');
    expect(envelopeToCsvRecord(line({ before: { order_id: 7 }, after: null, op: 'd', ts_ms: TS, source: source(6) }), columns, 'order_id', 'x'))
      .toBe('D,2024-03-15 13:45:07,6,7,,,,\n');
  });

  it('keeps every digit of a _seq past 2^53, which a JS number cannot hold', () => {
    const seq = '1152921504606846977'; // 2^60 + 1
    // A text column holding `"seq":5` must not be taken for the source's seq.
    const after = { order_id: 1, status: 'x', total_amount: 1, is_gift: true, note: '"seq":5' };
    const text = `{"before":null,"after":${JSON.stringify(after)},"op":"c","ts_ms":${TS},"source":{"name":"ecomgen","table":"orders","seq":${seq},"batch":"2024-03-15"}}`;
    expect(envelopeToCsvRecord(text, columns, 'order_id', 'x')).toBe(`I,2024-03-15 13:45:07,${seq},1,x,1,true,"""seq"":5"\n`);
  });

  it('refuses what is not an envelope, naming the line', () => {
    const refused = (text: string): string => {
      try {
        envelopeToCsvRecord(text, columns, 'order_id', 'b/orders.jsonl line 3');
      } catch (error) {
        expect(error).toBeInstanceOf(UsageError);
        return (error as Error).message;
      }
      throw new Error('expected a UsageError');
    };
    expect(refused('{"op":')).toBe('--apply: b/orders.jsonl line 3 is not valid JSON');
    expect(refused(line({ op: 'r', ts_ms: TS, source: source(1), after: {} }))).toBe('--apply: b/orders.jsonl line 3: "op" must be c, u or d');
    expect(refused(line({ op: 'c', ts_ms: TS, source: {}, after: {} }))).toMatch(/"source\.seq" must be an integer$/);
    expect(refused(line({ op: 'c', ts_ms: TS, source: source(1), after: { order_id: 1 } }))).toBe('--apply: b/orders.jsonl line 3: "after" must hold the columns order_id,status,total_amount,is_gift,note');
    expect(refused(line({ op: 'd', ts_ms: TS, source: source(1), before: { status: 'x' }, after: null }))).toBe('--apply: b/orders.jsonl line 3: "before" has no order_id');
  });
});
