// ByteRecord, orders' field reader: a record it reads has every value pass its column's checks (the
// string path's compileFieldCheck and compileQualityCheck), with the numbers the rules parse from the
// texts (integers, cents, epoch seconds); a value those checks would report, or one it is not sure of,
// makes it decline the record. Edits here are one field of a clean orders line at a time.
import { describe, expect, it } from 'vitest';
import { ByteRecord } from '../../../src/validate/byteRecord.js';
import { compileFieldCheck } from '../../../src/validate/columnCheck.js';
import { readHeader } from '../../../src/validate/tableLayout.js';
import { compileQualityCheck } from '../../../src/validate/valueQuality.js';
import { parseCents, parseInteger, parseTimestamp } from '../../../src/validate/valueParsers.js';
import { SCHEMAS } from '../helpers/memoryDataset.js';

const NOW = '2025-01-01 00:00:00';
const schema = SCHEMAS.orders;
const header = schema.columns.map((column) => column.name);
const CLEAN = [
  '17', '42', '2024-03-01 10:00:00', 'delivered', 'paypal', 'express', '12 Elm Street', 'Springfield', 'IL', '62701',
  '100.50', '0.00', '8.04', '5', '113.54', '2024-03-02 09:00:00', '2024-03-04 12:00:00', '', '2024-03-04 12:00:00',
];

function reader(): ByteRecord {
  const layout = readHeader(schema, 'orders.csv', header).layout;
  if (!layout) throw new Error('no layout');
  const record = ByteRecord.of(schema, layout, NOW);
  if (!record) throw new Error('orders have no byte reader');
  return record;
}

/** Reads `fields` as one line (with an LF, then another line); the record's end, or -1. */
function read(record: ByteRecord, fields: readonly string[]): number {
  const bytes = Buffer.from(`${fields.join(',')}\n1,2\n`, 'latin1');
  record.chunk(bytes, 0, bytes.length);
  return record.read(bytes, 0, bytes.length);
}

/** Whether the string path passes every value of `fields` (no COL-TYPE nor quality problem). */
function stringsPass(fields: readonly string[]): boolean {
  return schema.columns.every((column, at) => {
    const value = fields[at] as string;
    if (compileFieldCheck(column)(value) !== undefined) return false;
    return value === '' || compileQualityCheck(column, NOW)?.(value) === undefined;
  });
}

describe('ByteRecord over orders', () => {
  it('reads a clean line to its LF, with the numbers the rules parse from its texts', () => {
    const record = reader();
    const line = CLEAN.join(',');
    expect(read(record, CLEAN)).toBe(line.length);
    expect(record.numbers[0]).toBe(parseInteger('17'));
    expect(record.numbers[2]).toBe(parseTimestamp('2024-03-01 10:00:00'));
    expect(record.texts[3]).toBe('delivered');
    expect(record.numbers[10]).toBe(parseCents('100.50'));
    expect(record.numbers[13]).toBe(parseCents('5'));
    expect(record.numbers[17]).toBeNaN();
    expect(record.kindAt(9)).toBe('zip');
    expect(record.kindAt(10)).toBe('decimal');
  });

  it('declines every line whose values the string checks report (and some they pass: a leading zero), reads the others', () => {
    const edits: [number, string][] = [
      [0, '0'], [0, '017'], [0, '-1'], [0, '2147483648'], [0, ''], [1, '0'], [1, '2147483647'], [1, 'x'],
      [2, '2024-02-30 10:00:00'], [2, '2099-01-01 00:00:00'], [2, '2024-03-01T10:00:00'], [2, ''],
      [3, 'shipped'], [3, 'Shipped'], [3, 'shipped '], [3, ''], [5, 'next_day'], [8, 'ZZ'], [8, 'CA'],
      [6, ' 12 Elm Street'], [6, '12  Elm Street'], [6, '12 Elm Street '], [6, 'x'.repeat(100)], [6, 'x'.repeat(101)], [6, ''],
      [7, 'San Jose'], [9, '1234'], [9, '123456'], [9, '12a45'], [9, '00501'], [9, ''],
      [10, '0'], [10, '0.5'], [10, '1.999'], [10, '1.'], [10, '.5'], [10, '01.50'], [10, '-1.00'], [10, '9999999999.99'], [10, '10000000000.00'],
      [13, '99999999.99'], [13, '100000000.00'], [11, ''], [15, ''], [16, ''], [17, '2024-03-10 00:00:00'], [17, '2024-13-10 00:00:00'], [18, ''],
    ];
    const readOnes: string[] = [];
    for (const [at, value] of edits) {
      const fields = [...CLEAN];
      fields[at] = value;
      const name = `${header[at] ?? ''}=${value}`;
      const end = read(reader(), fields);
      if (end < 0) continue;
      // Never looser than the string checks.
      expect(stringsPass(fields), name).toBe(true);
      expect(end).toBe(fields.join(',').length);
      readOnes.push(name);
    }
    expect(readOnes).toEqual([
      'customer_id=0', 'customer_id=2147483647', 'status=shipped', 'shipping_method=next_day', 'shipping_state=CA', `shipping_address_line1=${'x'.repeat(100)}`,
      'shipping_city=San Jose', 'shipping_zip=00501', 'subtotal=0', 'subtotal=0.5', 'subtotal=9999999999.99', 'shipping_cost=99999999.99',
      'shipped_at=', 'delivered_at=', 'returned_at=2024-03-10 00:00:00',
    ]);
  });

  it('declines a line with a field too many or too few', () => {
    expect(read(reader(), [...CLEAN, 'x'])).toBe(-1);
    expect(read(reader(), CLEAN.slice(0, -1))).toBe(-1);
  });
});
