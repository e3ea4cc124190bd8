// The streaming CSV reader on bytes in memory, at chunk sizes down to one byte so every quote, line end
// and multi-byte character falls across a chunk boundary somewhere; and the whole-text splitter the JSON
// samples use (the same RecordParser), checked against the tests' independent reader.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { memorySource } from '../../../src/encoding/byteSource.js';
import { CsvFormatError, readCsv, type CsvStats } from '../../../src/encoding/csvReader.js';
import { parseRecords } from '../../../src/encoding/csvRecords.js';
import { csvRows } from '../../../src/encoding/typedJson.js';
import { parseCsv } from '../../helpers/csv.js';
import { memoryDataset } from '../helpers/memoryDataset.js';

const CHUNK_SIZES = [1, 2, 3, 5, 7, 16, 1 << 20];

interface Read {
  readonly records: [string[], number][];
  readonly invalidLines: number[];
  readonly stats: CsvStats;
}

async function read(data: string | Uint8Array, chunkBytes: number): Promise<Read> {
  const records: [string[], number][] = [];
  const invalidLines: number[] = [];
  const stats = await readCsv(memorySource('sample.csv', data), (fields, line) => records.push([[...fields], line]), {
    chunkBytes,
    onInvalidUtf8: (line) => invalidLines.push(line),
  });
  return { records, invalidLines, stats };
}

interface ReaderCase {
  readonly name: string;
  readonly data: string | Uint8Array;
  /** Each record's fields and the line it starts on. */
  readonly records: readonly (readonly [readonly string[], number])[];
  readonly crlf?: number;
  /** Lines of the invalid UTF-8 sequences. */
  readonly invalidLines?: readonly number[];
}

const bytes = (...parts: (string | number[])[]): Uint8Array => Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part))));

const READER_CASES: readonly ReaderCase[] = [
  { name: 'plain LF records', data: 'a,b\n1,2\n3,4\n', records: [[['a', 'b'], 1], [['1', '2'], 2], [['3', '4'], 3]] },
  { name: 'CRLF line ends, counted and stripped', data: 'a,b\r\n1,2\r\n"x",y\r\n', records: [[['a', 'b'], 1], [['1', '2'], 2], [['x', 'y'], 3]], crlf: 3 },
  { name: 'a CR inside a field is kept', data: 'a\rb,c\n', records: [[['a\rb', 'c'], 1]] },
  { name: 'doubled quotes', data: 'id,text\n1,"say ""hi"""\n2,""""\n', records: [[['id', 'text'], 1], [['1', 'say "hi"'], 2], [['2', '"'], 3]] },
  { name: 'commas and newlines in quotes; lines count the quoted newlines', data: 'a,b\n"x, y","two\nlines"\n"three\n\nlines",z\nlast,row\n', records: [[['a', 'b'], 1], [['x, y', 'two\nlines'], 2], [['three\n\nlines', 'z'], 4], [['last', 'row'], 7]] },
  { name: 'a quoted CRLF inside a field, then a CRLF line end', data: '"one\r\ntwo",x\r\nnext,y\n', records: [[['one\r\ntwo', 'x'], 1], [['next', 'y'], 3]], crlf: 1 },
  { name: 'empty quoted and unquoted fields', data: '"",,""\n,\n', records: [[['', '', ''], 1], [['', ''], 2]] },
  { name: 'empty lines are records of one empty field', data: 'a\n\nb\n\n', records: [[['a'], 1], [[''], 2], [['b'], 3], [[''], 4]] },
  { name: 'a header-only file', data: 'id,name\n', records: [[['id', 'name'], 1]] },
  { name: 'an empty file', data: '', records: [] },
  { name: 'no line end after the last record', data: 'a,b\n1,"2"', records: [[['a', 'b'], 1], [['1', '2'], 2]] },
  { name: 'multi-byte text', data: 'n,t\n1,Zoë – ½ € 🎉\n2,"日本, 語"\n', records: [[['n', 't'], 1], [['1', 'Zoë – ½ € 🎉'], 2], [['2', '日本, 語'], 3]] },
  {
    name: 'an invalid byte, read as U+FFFD, reported on its line',
    data: bytes('a,b\n1,x', [0xff], 'y\n2,z\n'),
    records: [[['a', 'b'], 1], [['1', 'x\uFFFDy'], 2], [['2', 'z'], 3]],
    invalidLines: [2],
  },
  {
    name: 'a truncated sequence and a surrogate on later lines (one quoted over two lines)',
    data: bytes('a\n"', [0xe2, 0x82], '\nq"\nb', [0xed, 0xa0, 0x80], '\n'),
    records: [[['a'], 1], [['\uFFFD\nq'], 2], [['b\uFFFD\uFFFD\uFFFD'], 4]],
    invalidLines: [2, 4],
  },
];

describe('readCsv on a memory source, at every chunk size', () => {
  it.each(READER_CASES.map((entry) => [entry.name, entry] as const))('%s', async (_, entry) => {
    const data = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : entry.data;
    for (const chunkBytes of CHUNK_SIZES) {
      const result = await read(entry.data, chunkBytes);
      expect(result.records, `chunk ${chunkBytes}`).toEqual(entry.records);
      expect(result.stats.records).toBe(entry.records.length);
      expect(result.stats.crlfRecords).toBe(entry.crlf ?? 0);
      expect(result.invalidLines, `chunk ${chunkBytes}`).toEqual(entry.invalidLines ?? []);
      expect(result.stats.invalidUtf8).toBe((entry.invalidLines ?? []).length);
      expect(result.stats.bytes).toBe(data.length);
      expect(result.stats.sha256).toBe(createHash('sha256').update(data).digest('hex'));
    }
  });
});

interface MalformedCase {
  readonly name: string;
  readonly data: string;
  readonly line: number;
  readonly reason: RegExp;
}

const MALFORMED: readonly MalformedCase[] = [
  { name: 'an unterminated quote', data: 'a,b\n1,2\n3,"open\n4,5\n', line: 3, reason: /unterminated quoted field$/ },
  { name: 'an unterminated quote at the very end', data: 'a\n"', line: 2, reason: /unterminated quoted field$/ },
  { name: 'text after a closing quote', data: 'a,b\n"x"y,2\n', line: 2, reason: /text after a closing quote/ },
  { name: 'text after a closing quote, after a quoted newline', data: 'a\n"x\ny"z\n', line: 3, reason: /text after a closing quote/ },
  { name: 'a quote inside an unquoted field', data: 'a,b\n"ok",x"y\n', line: 2, reason: /a quote inside an unquoted field/ },
];

describe('malformed CSV throws CsvFormatError with the line, at every chunk size', () => {
  it.each(MALFORMED.map((entry) => [entry.name, entry] as const))('%s', async (_, entry) => {
    for (const chunkBytes of CHUNK_SIZES) {
      const error = await read(entry.data, chunkBytes).then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(error, `chunk ${chunkBytes}`).toBeInstanceOf(CsvFormatError);
      const format = error as CsvFormatError;
      expect(format.file).toBe('sample.csv');
      expect(format.line, `chunk ${chunkBytes}`).toBe(entry.line);
      expect(format.message).toMatch(new RegExp(`^sample\\.csv line ${entry.line}: malformed CSV: `));
      expect(format.message).toMatch(entry.reason);
    }
  });
});

describe('reading a source', () => {
  it('shouldStop ends the read after the chunk that asked, with stats of what was read', async () => {
    const text = `${Array.from({ length: 100 }, (_, index) => `row${index}`).join('\n')}\n`;
    const seen: string[] = [];
    const stats = await readCsv(memorySource('rows.csv', text), (fields) => seen.push(fields[0] as string), { chunkBytes: 64, shouldStop: () => seen.length >= 10 });
    expect(seen.length).toBeGreaterThanOrEqual(10);
    expect(seen.length).toBeLessThan(30);
    expect(seen).toEqual(Array.from({ length: seen.length }, (_, index) => `row${index}`));
    expect(stats.bytes).toBeLessThan(text.length);
    expect(stats.records).toBe(seen.length);
  });

  it('a memory source can be read again from the start, and reads a Uint8Array view in place', async () => {
    const backing = Buffer.from('xxid,v\n1,2\nyy', 'utf8');
    const view = backing.subarray(2, backing.length - 2);
    const source = memorySource('view.csv', view);
    for (let pass = 0; pass < 2; pass++) {
      const records: string[][] = [];
      const stats = await readCsv(source, (fields) => records.push([...fields]), { chunkBytes: 3 });
      expect(records).toEqual([['id', 'v'], ['1', '2']]);
      expect(stats.bytes).toBe(view.length);
    }
  });
});

describe('one splitter: parseRecords and csvRows', () => {
  it('parseRecords gives what readCsv gives, for every reader case', async () => {
    const textCases = READER_CASES.filter((entry) => typeof entry.data === 'string');
    expect(textCases.length).toBeGreaterThan(8);
    for (const entry of textCases) {
      const streamed = await read(entry.data, 1 << 20);
      expect(parseRecords(entry.data as string), entry.name).toEqual(streamed.records.map(([fields]) => fields));
    }
  });

  it('csvRows of every generated table equals the independent test reader', () => {
    const dataset = memoryDataset();
    const tables = Object.values(dataset);
    expect(tables).toHaveLength(5);
    for (const text of tables) {
      const rows = text.slice(text.indexOf('\n') + 1);
      const expected = parseCsv(rows);
      expect(expected.length).toBeGreaterThan(10);
      expect([...csvRows(rows)]).toEqual(expected);
    }
  });
});

describe('readCsv with plainLines', () => {
  /** Records as a plainLines receiver splits its lines, and the others as RecordParser hands them on. */
  async function readPlain(data: string | Uint8Array, chunkBytes: number): Promise<{ records: [string[], number][]; plain: number; invalidLines: number[]; stats: CsvStats }> {
    const records: [string[], number][] = [];
    const invalidLines: number[] = [];
    let plain = 0;
    const stats = await readCsv(memorySource('sample.csv', data), (fields, line) => records.push([[...fields], line]), {
      chunkBytes,
      onInvalidUtf8: (line) => invalidLines.push(line),
      plainLines: (bytes, start, end, firstLine) => {
        const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1', start, end);
        const lines = text.split('\n');
        if (lines[lines.length - 1] === '') lines.pop();
        lines.forEach((line, index) => records.push([line.split(','), firstLine + index]));
        plain += lines.length;
        return lines.length;
      },
    });
    return { records, plain, invalidLines, stats };
  }

  it('hands plain chunks over as lines and reads the rest as text: the same records, lines and stats as without', async () => {
    const rows = Array.from({ length: 400 }, (_, index) => `${index},name ${index},${index % 7 === 0 ? '"quoted, text"' : 'plain'},${index % 11 === 0 ? 'café' : 'x'}`);
    rows[150] = `150,"two\nlines",x,y`;
    rows[260] = `260,crlf,x,y\r`;
    // Longer than the smaller chunks, and plain.
    rows[300] = `300,${'long '.repeat(80)},x,y`;
    // The last line without its line end.
    const text = `id,name,note,other\n${rows.join('\n')}`;
    const bytes = Buffer.from(text, 'utf8');
    for (const chunkBytes of [64, 200, 1 << 10, 1 << 20]) {
      const expected = await read(bytes, chunkBytes);
      const got = await readPlain(bytes, chunkBytes);
      expect(got.records, String(chunkBytes)).toEqual(expected.records);
      expect(got.stats).toEqual(expected.stats);
      expect(got.invalidLines).toEqual(expected.invalidLines);
      // Small chunks hold plain runs between the quoted and non-ASCII lines; a 1 MB chunk holds them all.
      if (chunkBytes === 200) expect(got.plain).toBeGreaterThan(0);
    }
    const clean = Buffer.from(`a,b\n${'1,2\n'.repeat(1000)}3,4`);
    const whole = await readPlain(clean, 256);
    expect(whole.plain).toBe(1002);
    expect(whole.records).toEqual((await read(clean, 256)).records);
  });
});
