// The CSV reader on hostile input, from memory: time linear in the input (the old splitter rescanned the
// rest of its chunk for every line without a comma, and re-read a record spanning chunks from its start on
// every chunk), memory bounded by the field cap (a record of a million commas, a header of seven million
// fields), and NUL bytes reported by line.
import { describe, expect, it } from 'vitest';
import { memorySource } from '../../../src/encoding/byteSource.js';
import { CsvFormatError, readCsv } from '../../../src/encoding/csvReader.js';
import { MAX_RECORD_FIELDS } from '../../../src/encoding/csvRecords.js';

const MB = 1 << 20;

async function countRecords(data: Uint8Array, chunkBytes?: number): Promise<{ records: number; lastLine: number; fields: number }> {
  let records = 0;
  let lastLine = 0;
  let fields = 0;
  await readCsv(
    memorySource('big.csv', data),
    (record, line) => {
      records++;
      lastLine = line;
      fields += record.length;
    },
    chunkBytes === undefined ? {} : { chunkBytes },
  );
  return { records, lastLine, fields };
}

async function thrown(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

// No test here measures time: the quadratic reader fails them by the unit tier's 180 s timeout
// (vitest.config.ts: a loaded machine must not fail a test). Its cost grew with the chunk as much as with
// the input, so each input is read in chunks that make it slowest: the old splitter rescanned the rest of
// its chunk for every line without a comma (input x chunk), and re-read a record spanning chunks from its
// start on every chunk (field^2 / chunk). The old reader (2d0df10^, CPU seconds on a loaded 2-core
// machine) took 27 s on 2 MB of empty lines in 2 MB chunks, 14 s on 2 MB of one-field lines in 2 MB
// chunks and 27 s on a 1 MB field in 128-byte chunks; the 10 MB inputs in 10 MB chunks below are 25 times
// the work (~675 s and ~350 s) and the 6 MB field 36 times (~970 s), where the 20 MB inputs in its 1 MB
// chunks took 90 to 190 s and failed only on a quiet machine. The linear reader reads each in under a second.
describe('reading is linear in the input', () => {
  it('10 MB of empty lines in 10 MB chunks: 10,485,760 records of one empty field', async () => {
    const data = new Uint8Array(10 * MB).fill(10);
    const result = await countRecords(data, 10 * MB);
    expect(result).toEqual({ records: 10 * MB, lastLine: 10 * MB, fields: 10 * MB });
  });

  it('10 MB of one-field lines in 10 MB chunks', async () => {
    const lines = 5 * MB;
    const result = await countRecords(Buffer.from('x\n'.repeat(lines), 'latin1'), 10 * MB);
    expect(result).toEqual({ records: lines, lastLine: lines, fields: lines });
  });

  it('a 6 MB quoted field read in 128-byte chunks, then more records', async () => {
    const field = 'x'.repeat(6 * MB);
    const records: [string, number][] = [];
    const stats = await readCsv(memorySource('long.csv', `a,b\n"${field}",1\nc,2\n`), (fields, line) => records.push([`${(fields[0] as string).length}:${fields[1] ?? ''}`, line]), { chunkBytes: 128 });
    expect(records).toEqual([
      ['1:b', 1],
      [`${field.length}:1`, 2],
      ['1:2', 3],
    ]);
    expect(stats.records).toBe(3);
  });

  it('a quoted field, then a million commas on its line: one record of 1,000,001 fields, handed on as too wide', async () => {
    const data = Buffer.from(`"a"${','.repeat(1_000_000)}\nnext,line\n`, 'latin1');
    const wide: [number, number][] = [];
    const records: [string[], number][] = [];
    await readCsv(memorySource('commas.csv', data), (fields, line) => records.push([[...fields], line]), { onWideRecord: (line, count) => wide.push([line, count]) });
    expect(wide).toEqual([[1, 1_000_001]]);
    expect(records).toEqual([[['next', 'line'], 2]]);
  });
});

describe('a record keeps at most maxFields fields; a wider one is counted and handed to onWideRecord', () => {
  it(`a header of 7,000,000 fields (an unquoted line of commas) is one wide record, not a RangeError`, async () => {
    // 6,999,999 commas, then a data line.
    const data = new Uint8Array(7_000_002).fill(44);
    data.set(Buffer.from('\nx\n'), 6_999_999);
    const wide: [number, number][] = [];
    const records: [string[], number][] = [];
    const stats = await readCsv(memorySource('header.csv', data), (fields, line) => records.push([[...fields], line]), { onWideRecord: (line, count) => wide.push([line, count]) });
    expect(wide).toEqual([[1, 7_000_000]]);
    expect(records).toEqual([[['x'], 2]]);
    expect(stats.records).toBe(2);
  });

  it('without onWideRecord a record wider than the cap throws CsvFormatError with its line', async () => {
    const data = Buffer.from(`a,b\n${','.repeat(MAX_RECORD_FIELDS)}\n`, 'latin1');
    const error = await thrown(readCsv(memorySource('wide.csv', data), () => undefined));
    expect(error).toBeInstanceOf(CsvFormatError);
    expect((error as CsvFormatError).message).toBe(`wide.csv line 2: malformed CSV: a record of ${MAX_RECORD_FIELDS + 1} fields (at most ${MAX_RECORD_FIELDS} are read)`);
  });

  it('a record of exactly the cap is read whole; maxFields lowers the cap, quoted or not, at every chunk size', async () => {
    const atCap = await countRecords(Buffer.from(`${','.repeat(MAX_RECORD_FIELDS - 1)}\n`, 'latin1'));
    expect(atCap).toEqual({ records: 1, lastLine: 1, fields: MAX_RECORD_FIELDS });
    const text = 'a,b,c\n1,2,3,4\n"x\ny",2,3,"4"\n5,6,7\n';
    for (const chunkBytes of [1, 2, 3, 7, 64]) {
      const wide: [number, number][] = [];
      const records: [string[], number][] = [];
      await readCsv(memorySource('narrow.csv', text), (fields, line) => records.push([[...fields], line]), { chunkBytes, maxFields: 3, onWideRecord: (line, count) => wide.push([line, count]) });
      expect(wide, `chunk ${chunkBytes}`).toEqual([
        [2, 4],
        [3, 4],
      ]);
      expect(records, `chunk ${chunkBytes}`).toEqual([
        [['a', 'b', 'c'], 1],
        [['5', '6', '7'], 5],
      ]);
    }
  });
});

describe('NUL bytes', () => {
  it('onNul hears each line holding one, once, at every chunk size', async () => {
    const text = 'a,b\n1,x\u0000y\u0000z\n2,ok\n"q\u0000\n\u0000",3\n\u0000\n';
    for (const chunkBytes of [1, 2, 3, 5, 16, MB]) {
      const nulLines: number[] = [];
      const records: [string[], number][] = [];
      await readCsv(memorySource('nul.csv', text), (fields, line) => records.push([[...fields], line]), { chunkBytes, onNul: (line) => nulLines.push(line) });
      expect(nulLines, `chunk ${chunkBytes}`).toEqual([2, 4, 5, 6]);
      expect(records.map(([, line]) => line)).toEqual([1, 2, 3, 4, 6]);
      expect(records[1]?.[0]).toEqual(['1', 'x\u0000y\u0000z']);
    }
  });
});
