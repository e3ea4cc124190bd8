// The input layer gives every format the same records: JSON lines (as generate encodes them from the
// CSV) and gzip read back to the CSV's own field texts, parts read as one table with the merged file's
// line numbers, and each malformed input throws FormatError with its line.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { Rng } from '../../../src/core/random.js';
import { memorySource } from '../../../src/encoding/byteSource.js';
import { readCsv, readJsonLines } from '../../../src/encoding/csvReader.js';
import { parseRecords } from '../../../src/encoding/csvRecords.js';
import { csvText } from '../../../src/encoding/csvText.js';
import { FormatError } from '../../../src/encoding/formatError.js';
import { JsonLinesEncoder } from '../../../src/encoding/jsonLines.js';
import { tableEncodings, type TableEncoding } from '../../../src/encoding/outputFormat.js';
import { RowSink } from '../../../src/encoding/rowSink.js';
import { UsageError } from '../../../src/errors.js';
import { memoryDatasetTables } from '../../../src/read/datasetTables.js';
import { readTable, type FileKind, type TableInput } from '../../../src/read/tableInput.js';
import { TABLE_NAMES } from '../../../src/schema/tableNames.js';
import { validateFiles } from '../../../src/validate/validateDataset.js';
import { shuffle } from '../../helpers/shuffle.js';
import { adversarialText } from '../encoding/adversarialText.js';
import { memoryDataset, SCHEMAS } from '../helpers/memoryDataset.js';

type Record_ = [string[], number];

/** The JSON lines generate writes for a CSV text (header line dropped, as the encoder takes rows). */
function jsonLinesOf(encoding: TableEncoding, csvWithHeader: string): string {
  const rows = csvWithHeader.slice(csvWithHeader.indexOf('\n') + 1);
  const sink = new RowSink(64 * 1024);
  new JsonLinesEncoder(encoding).encode(new Uint8Array(Buffer.from(rows, 'utf8')), sink);
  return sink.text();
}

function input(name: string, kind: FileKind, data: Uint8Array | string): TableInput {
  return { table: 'test', name, files: [{ name, kind, source: memorySource(name, data) }] };
}

async function records(table: TableInput, chunkBytes?: number): Promise<Record_[]> {
  const seen: Record_[] = [];
  await readTable(table, (fields, line) => seen.push([[...fields], line]), chunkBytes === undefined ? {} : { chunkBytes });
  return seen;
}

async function thrown(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('JSON lines read back to the CSV field texts', () => {
  const dataset = memoryDataset();
  const encodings = tableEncodings(SCHEMAS);

  it.each([...TABLE_NAMES])('%s: the same records as the CSV, at several chunk sizes', async (table) => {
    const csv = dataset[table];
    const expected = parseRecords(csv);
    expect(expected.length).toBeGreaterThan(10);
    const jsonl = jsonLinesOf(encodings[table], csv);
    for (const chunkBytes of [7, 4096, 1 << 20]) {
      const read = await records(input(`${table}.jsonl`, 'jsonl', jsonl), chunkBytes);
      expect(read.map(([fields]) => fields)).toEqual(expected);
      // The header shares line 1 with the first object; each row is its own line.
      expect(read.map(([, line]) => line)).toEqual([1, ...expected.slice(1).map((_, index) => index + 1)]);
    }
  });

  it('adversarial text (quotes, backslashes, control characters, non-ASCII, surrogate pairs) round-trips', async () => {
    const rng = new Rng();
    const encoding: TableEncoding = { names: ['id', 'text', 'amount', 'flag'], kinds: ['number', 'string', 'number', 'boolean'], types: [{ kind: 'INTEGER' }, { kind: 'VARCHAR', length: 200 }, { kind: 'DECIMAL', precision: 10, scale: 2 }, { kind: 'BOOLEAN' }] };
    const rows: string[][] = [];
    for (let row = 0; row < 1000; row++) {
      rng.reseed(5, row);
      rows.push([String(row + 1), rng.chance(0.1) ? '' : `${adversarialText(rng)}${rng.pick(['', '\u0001', '\t', '\\', '"', '😀', '\u2028'])}`, (rng.below(100_000) / 100).toFixed(2), rng.chance(0.5) ? 'true' : 'false']);
    }
    const csv = `id,text,amount,flag\n${rows.map((fields) => `${fields.map(csvText).join(',')}\n`).join('')}`;
    const read = await records(input('t.jsonl', 'jsonl', jsonLinesOf(encoding, csv)), 1000);
    expect(read.map(([fields]) => fields)).toEqual([encoding.names, ...rows]);
    // 2 decimals kept as written: 12.50 stays 12.50 (JSON.parse would give 12.5).
    expect(rows.some((fields) => (fields[2] as string).endsWith('0'))).toBe(true);
  });

  it('keys in another order go to their column; an absent key is empty, an unknown one widens the record', async () => {
    const text = '{"a":1,"b":"x","c":true}\r\n\n{"c":false,"a":2.50}\n{"a":3,"b":null,"c":true,"d":"extra"}\n  {"b":"\\u00e9\\ud83d\\ude00\\"\\\\\\n","a":-4e2,"c":true}';
    const read = await records(input('t.jsonl', 'jsonl', text));
    expect(read).toEqual([
      [['a', 'b', 'c'], 1],
      [['1', 'x', 'true'], 1],
      [['2.50', '', 'false'], 3],
      [['3', '', 'true', 'extra'], 4],
      [['-4e2', 'é😀"\\\n', 'true'], 5],
    ]);
  });

  it('reports a \\u0000 in a string once per line, and counts CRLF lines', async () => {
    const nuls: number[] = [];
    const stats = await readJsonLines(memorySource('n.jsonl', '{"a":"x"}\r\n{"a":"\\u0000\\u0000"}\r\n{"a":"y\\u0000"}\n'), () => undefined, { onNul: (line) => nuls.push(line) });
    expect(nuls).toEqual([2, 3]);
    expect(stats.crlfRecords).toBe(2);
    expect(stats.records).toBe(3);
  });

  it.each([
    ['not an object', '{"a":1}\n[1]\n', 2, 'a line must hold one JSON object'],
    ['a nested value', '{"a":1}\n{"a":{"b":1}}\n', 2, 'a nested object or array'],
    ['text after the object', '{"a":1} x\n', 1, 'text after the object'],
    ['an unterminated string', '{"a":1}\n{"a":1}\n{"a":"x}\n', 3, 'unterminated string'],
    ['a missing colon', '{"a" 1}\n', 1, 'expected a colon'],
    ['a bad escape', '{"a":"\\q"}\n', 1, 'a bad escape \\q'],
  ])('%s throws FormatError with its line', async (_, text, line, reason) => {
    const error = await thrown(records(input('bad.jsonl', 'jsonl', text)));
    expect(error).toBeInstanceOf(FormatError);
    expect((error as FormatError).line).toBe(line);
    expect(error.message).toContain(`bad.jsonl line ${line}: malformed JSON lines: ${reason}`);
  });
});

describe('gzip', () => {
  it('reads a file of several gzip members as the CSV it holds; size and sha256 are of the stored bytes', async () => {
    const csv = memoryDataset().orders;
    const cut = csv.indexOf('\n', Math.floor(csv.length / 2)) + 1;
    // generate compresses each shard on its own: the file is members one after another.
    const stored = Buffer.concat([gzipSync(csv.slice(0, cut)), gzipSync(csv.slice(cut))]);
    const read: string[][] = [];
    const [stats] = await readTable(input('orders.csv.gz', 'csv.gz', stored), (fields) => read.push([...fields]), { chunkBytes: 999 });
    expect(read).toEqual(parseRecords(csv));
    expect(stats).toMatchObject({ file: 'orders.csv.gz', rows: read.length - 1, bytes: stored.length, sha256: createHash('sha256').update(stored).digest('hex') });
  });

  it('a file that is not gzip throws FormatError naming it', async () => {
    const error = await thrown(records(input('orders.csv.gz', 'csv.gz', 'order_id\n1\n')));
    expect(error).toBeInstanceOf(FormatError);
    expect(error.message).toMatch(/^orders\.csv\.gz: not valid gzip data/);
  });
});

describe('parts read as one table', () => {
  const csv = 'id,text\n1,a\n2,"two\nlines"\n3,c\n4,d\n5,e\n';
  const [header, ...rows] = parseRecords(csv) as [string[], ...string[][]];
  const part = (from: number, to: number): string => `id,text\n${rows.slice(from, to).map((fields) => `${fields.map(csvText).join(',')}\n`).join('')}`;

  it('gives the header once and the merged file line numbers', async () => {
    const parts = [part(0, 2), part(2, 4), part(4, 5)];
    const table: TableInput = { table: 't', name: 't.part-*-of-003.csv', files: parts.map((text, index) => ({ name: `t.part-00${index + 1}-of-003.csv`, kind: 'csv', source: memorySource(`p${index}`, text) })) };
    const merged: Record_[] = [];
    await readCsv(memorySource('t.csv', csv), (fields, line) => merged.push([[...fields], line]));
    const seen: Record_[] = [];
    const stats = await readTable(table, (fields, line) => seen.push([[...fields], line]));
    expect(seen).toEqual(merged);
    expect(seen[0]).toEqual([header, 1]);
    expect(stats.map((file) => [file.file, file.rows])).toEqual([['t.part-001-of-003.csv', 2], ['t.part-002-of-003.csv', 2], ['t.part-003-of-003.csv', 1]]);
  });

  it('a part with another header throws FormatError', async () => {
    const table: TableInput = { table: 't', name: 't', files: [{ name: 'p1.csv', kind: 'csv', source: memorySource('p1.csv', part(0, 2)) }, { name: 'p2.csv', kind: 'csv', source: memorySource('p2.csv', 'id,other\n3,c\n') }] };
    const error = await thrown(records(table));
    expect(error).toBeInstanceOf(FormatError);
    expect(error.message).toBe('p2.csv has another header than p1.csv: the parts are not of one table');
  });
});

describe('a dataset in memory, in any format', () => {
  it('validateFiles gives the same verdicts on JSON lines as on the CSV', async () => {
    const dataset = memoryDataset();
    const encodings = tableEncodings(SCHEMAS);
    const csvFiles = Object.fromEntries(TABLE_NAMES.map((table) => [`${table}.csv`, dataset[table]]));
    const jsonFiles = Object.fromEntries(TABLE_NAMES.map((table) => [`${table}.jsonl`, jsonLinesOf(encodings[table], dataset[table])]));
    const verdicts = async (files: Record<string, string>): Promise<[string, string, number][]> => (await validateFiles({ files })).rules.map((rule) => [rule.id, rule.status, rule.violations]);
    const csv = await verdicts(csvFiles);
    expect(csv.filter(([, status]) => status === 'passed').length).toBeGreaterThan(50);
    expect(await verdicts(jsonFiles)).toEqual(csv);
  });

  it('validateFiles gives the same verdicts on shuffled JSON lines as on the shuffled CSV (sessions sorted in memory)', async () => {
    const dataset = memoryDataset();
    const encodings = tableEncodings(SCHEMAS);
    const [header, ...rows] = parseRecords(dataset.web_events) as [string[], ...string[][]];
    shuffle(rows, 3);
    const shuffled = [header, ...rows].map((fields) => `${fields.map(csvText).join(',')}\n`).join('');
    const csvFiles = { ...Object.fromEntries(TABLE_NAMES.map((table) => [`${table}.csv`, dataset[table]])), 'web_events.csv': shuffled };
    const jsonFiles = { ...Object.fromEntries(TABLE_NAMES.map((table) => [`${table}.jsonl`, jsonLinesOf(encodings[table], dataset[table])])), 'web_events.jsonl': jsonLinesOf(encodings.web_events, shuffled) };
    const csv = await validateFiles({ files: csvFiles });
    const json = await validateFiles({ files: jsonFiles });
    expect(csv.sessions).toMatch(/^sorted in memory/);
    expect(json.sessions).toMatch(/^sorted in memory/);
    expect(json.rules.map((rule) => [rule.id, rule.status, rule.violations])).toEqual(csv.rules.map((rule) => [rule.id, rule.status, rule.violations]));
    expect(csv.rules.filter((rule) => rule.status === 'failed')).toEqual([]);
  });

  it('a table in two formats is refused rather than guessed', () => {
    expect(() => memoryDatasetTables({ 'orders.csv': 'a\n', 'orders.jsonl': '{}\n' }, 'mem')).toThrow(new UsageError('mem holds orders in more than one format (orders.csv, orders.jsonl): keep one'));
  });
});
