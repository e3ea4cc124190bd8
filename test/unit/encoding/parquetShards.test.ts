// Parquet written the way generate writes it: each shard's CSV rows encoded alone (as a worker does),
// the row groups joined under one footer (as the coordinator does). Read back with hyparquet (the
// reader validate, profile and report use), every table gives the CSV's own field texts, whatever the
// shard edges; the footer keeps each row group's metadata as its writer made it.
import { describe, expect, it } from 'vitest';
import { parquetMetadata, type FileMetaData } from 'hyparquet';
import { memorySource } from '../../../src/encoding/byteSource.js';
import { parseRecords } from '../../../src/encoding/csvRecords.js';
import { tableEncodings, type TableEncoding } from '../../../src/encoding/outputFormat.js';
import type { ColumnBuffers } from '../../../src/encoding/parquet/columnScratch.js';
import { csvColumns, ParquetValueError } from '../../../src/encoding/parquet/csvColumns.js';
import { PARQUET_MAGIC } from '../../../src/encoding/parquet/parquetLayout.js';
import { encodeParquetShard } from '../../../src/encoding/parquet/shardFile.js';
import { DEFAULT_PARQUET_CODEC, PARQUET_CODECS, type ParquetCodec } from '../../../src/encoding/parquet/parquetCodec.js';
import { footerStart, ParquetTableAssembler } from '../../../src/encoding/parquet/tableAssembler.js';
import { ByteWriter } from 'hyparquet-writer';
import { writeMetadata } from 'hyparquet-writer/src/metadata.js';
import { readParquet } from '../../../src/read/parquetRecords.js';
import type { ColumnType } from '../../../src/schema/schemaTypes.js';
import { TABLE_NAMES, type TableName } from '../../../src/schema/tableNames.js';
import { headerOf, madeTableRows, SCHEMAS, TINY_COUNTS } from '../helpers/memoryDataset.js';
import { EVERY_COLUMN_TYPE } from '../../helpers/columnTypes.js';

const encodings = tableEncodings(SCHEMAS);

/** A table file from shards' CSV rows, put together as generate does. */
async function assembled(shards: readonly string[], encoding: TableEncoding, codec: ParquetCodec = DEFAULT_PARQUET_CODEC): Promise<Buffer> {
  const assembler = new ParquetTableAssembler();
  const pieces: Uint8Array[] = [PARQUET_MAGIC];
  for (const csv of shards) pieces.push(assembler.add(encodeParquetShard(Buffer.from(csv, 'utf8'), encoding, codec)));
  pieces.push(await assembler.footer(() => Promise.resolve(encodeParquetShard(new Uint8Array(0), encoding, codec))));
  return Buffer.concat(pieces);
}

async function records(file: Uint8Array): Promise<string[][]> {
  const seen: string[][] = [];
  await readParquet(memorySource('table.parquet', file), (fields) => seen.push([...fields]));
  return seen;
}

/** A table's rows, one CSV line each (no generated field holds a line break: the count proves it). */
function linesOf(table: TableName): string[] {
  const lines = madeTableRows(table).split('\n').slice(0, -1);
  expect(lines).toHaveLength(TINY_COUNTS[table]);
  return lines;
}

/**
 * Shard edges that cut each table into uneven pieces (the last one reaching the table's end), cut from
 * the whole table's lines: a shard's rows are the whole table's (test/unit/tables/generators.test.ts).
 */
function shardsOf(table: TableName, edges: readonly number[]): string[] {
  const lines = linesOf(table);
  const last = lines.length;
  const bounds = [...edges.filter((edge) => edge < last), last];
  return bounds.map((to, index) => `${lines.slice(index === 0 ? 0 : (bounds[index - 1] as number), to).join('\n')}\n`);
}

function withoutOrdinals(metadata: FileMetaData): unknown {
  return { ...metadata, metadata_length: 0, row_groups: metadata.row_groups.map(({ ordinal: _ordinal, ...group }) => group) };
}

describe('Parquet tables assembled from shards', () => {
  it.each([...TABLE_NAMES])('%s reads back as the CSV records, for two different shard layouts', async (table) => {
    const expected = parseRecords(headerOf(table) + madeTableRows(table));
    expect(expected.length).toBeGreaterThan(10);
    const split = await assembled(shardsOf(table, [7, 30, 31, 100]), encodings[table]);
    const whole = await assembled(shardsOf(table, []), encodings[table]);
    expect(await records(split)).toEqual(expected);
    expect(await records(whole)).toEqual(expected);
    expect(parquetMetadata(split).row_groups.length).toBeGreaterThan(parquetMetadata(whole).row_groups.length);
  });

  it('compresses every column chunk with the codec asked for, each reading back as the CSV records; none > snappy > zstd in size', async () => {
    const expected = parseRecords(headerOf('web_events') + madeTableRows('web_events'));
    const shards = shardsOf('web_events', [500, 1200]);
    const names: Record<ParquetCodec, string> = { snappy: 'SNAPPY', zstd: 'ZSTD', none: 'UNCOMPRESSED' };
    const sizes: Partial<Record<ParquetCodec, number>> = {};
    for (const codec of PARQUET_CODECS) {
      const file = await assembled(shards, encodings.web_events, codec);
      const codecs = new Set(parquetMetadata(file).row_groups.flatMap((group) => group.columns.map((chunk) => chunk.meta_data?.codec)));
      expect([...codecs], codec).toEqual([names[codec]]);
      expect(await records(file), codec).toEqual(expected);
      sizes[codec] = file.length;
    }
    expect(sizes.none).toBeGreaterThan(sizes.snappy as number);
    expect(sizes.snappy).toBeGreaterThan(sizes.zstd as number);
  });

  it('is the same bytes each time (the footer depends only on the shards)', async () => {
    const shards = shardsOf('orders', [50, 120]);
    expect((await assembled(shards, encodings.orders)).equals(await assembled(shards, encodings.orders))).toBe(true);
  });

  it("keeps a shard's own metadata: one shard's footer re-written is the shard file's footer", async () => {
    for (const table of TABLE_NAMES) {
      const rows = madeTableRows(table);
      const shard = encodeParquetShard(Buffer.from(rows, 'utf8'), encodings[table], DEFAULT_PARQUET_CODEC);
      expect(withoutOrdinals(parquetMetadata(await assembled([rows], encodings[table]))), table).toEqual(withoutOrdinals(parquetMetadata(shard)));
    }
  });

  it('moves each later row group to where it lands: row groups follow each other, each past the one before', async () => {
    const file = await assembled(shardsOf('web_events', [500, 1200]), encodings.web_events);
    const groups = parquetMetadata(file).row_groups;
    expect(groups.map((group) => group.num_rows)).toEqual([500n, 700n, BigInt(TINY_COUNTS.web_events - 1200)]);
    let previousEnd = BigInt(PARQUET_MAGIC.length);
    for (const group of groups) {
      for (const chunk of group.columns) {
        const meta = chunk.meta_data;
        const start = meta?.dictionary_page_offset ?? meta?.data_page_offset ?? 0n;
        // A shard's page indexes sit after its row group, so a gap may separate two groups.
        expect(start).toBeGreaterThanOrEqual(previousEnd);
        previousEnd = start + (meta?.total_compressed_size ?? 0n);
      }
    }
    expect(previousEnd).toBeLessThan(BigInt(file.length));
  });

  it('writes the footer hyparquet-writer writes for the same metadata, for up to 14 row groups and for 15 and 130 (longer list headers)', async () => {
    for (const count of [1, 14, 15, 130]) {
      const file = await assembled(shardsOf('orders', Array.from({ length: count - 1 }, (_unused, index) => index + 1)), encodings.orders);
      const metadata = parquetMetadata(file);
      expect(metadata.row_groups.length).toBe(count);
      const writer = new ByteWriter();
      writeMetadata(writer, metadata as unknown as Parameters<typeof writeMetadata>[1], Infinity);
      writer.appendBytes(PARQUET_MAGIC);
      expect(Buffer.from(file.subarray(footerStart(file))).equals(Buffer.from(writer.getBytes())), `${count} row groups`).toBe(true);
    }
  });

  it('writes every number DELTA_BINARY_PACKED with no dictionary page, and text and booleans as before', () => {
    const types = EVERY_COLUMN_TYPE;
    const names = types.map((type) => type.kind.toLowerCase());
    const rows = Array.from({ length: 200 }, (_unused, row) => `${row},${row * 1_000},${row}.25,2024-01-0${(row % 9) + 1},2024-12-31 00:00:0${row % 10},${row % 3 === 0},text ${row % 4}`).join('\n');
    const shard = encodeParquetShard(Buffer.from(`${rows}\n`, 'utf8'), { names, types }, DEFAULT_PARQUET_CODEC);
    const chunks = parquetMetadata(shard).row_groups[0]?.columns.map((chunk) => chunk.meta_data) ?? [];
    expect(chunks).toHaveLength(types.length);
    types.forEach((type, index) => {
      const meta = chunks[index];
      if (type.kind === 'VARCHAR') {
        expect(meta?.encodings, type.kind).toContain('RLE_DICTIONARY');
      } else if (type.kind === 'BOOLEAN') {
        expect(meta?.encodings, type.kind).not.toContain('DELTA_BINARY_PACKED');
      } else {
        expect(meta?.encodings, type.kind).toContain('DELTA_BINARY_PACKED');
        expect(meta?.dictionary_page_offset, type.kind).toBeUndefined();
      }
    });
  });

  it('a table with no rows is a valid file of the columns and no row group, with or without empty shards', async () => {
    const header = parseRecords(headerOf('customers'))[0];
    for (const shards of [[], [''], ['', '']]) {
      const file = await assembled(shards, encodings.customers);
      expect(parquetMetadata(file).row_groups).toEqual([]);
      expect(await records(file)).toEqual([header]);
    }
  });
});

describe('csvColumns', () => {
  const types = EVERY_COLUMN_TYPE;
  const names = types.map((type) => type.kind.toLowerCase());
  const encoding: TableEncoding = { names, kinds: types.map(() => 'string'), types };

  it('reads every type, NULLs, negative and large values and quoted text back as written', async () => {
    const csv = [
      '-7,9007199254740991,-1234.50,1969-12-31,1960-02-29 23:59:59,true,"a ""quoted"", text"',
      ',,,,,,',
      '2147483647,4294967296,0.05,2024-02-29,2024-12-31 00:00:01,false,"line\nbreak, café"',
      '1,2',
    ].join('\n');
    const expected = parseRecords(`${names.join(',')}\n${csv}\n`);
    const file = await assembled([`${csv}\n`], encoding);
    expect(await records(file)).toEqual(expected.map((fields) => [...fields, ...new Array<string>(types.length - fields.length).fill('')]));
  });

  it('reads more records than its first room and text longer than it copies while scanning, as written', async () => {
    // 3,000 records outgrow the 1,024 rows the column memory starts with; some text runs to 10,000
    // bytes (past the 4,096 copied as they are scanned), some is quoted, some not ASCII.
    const texts = ['x'.repeat(10_000), 'short', '"with ""quotes"", and a comma"', 'é'.repeat(3_000), '', 'y'.repeat(4_096), 'z'.repeat(4_095)];
    const csv = Array.from({ length: 3_000 }, (_unused, row) => `${row - 1_500},${row * 1_000_003},${(row % 2_000) - 1_000}.25,2024-0${(row % 9) + 1}-1${row % 10},2024-12-31 ${String(row % 24).padStart(2, '0')}:00:0${row % 10},${row % 3 === 0},${texts[row % texts.length] as string}`).join('\n');
    const expected = parseRecords(`${names.join(',')}\n${csv}\n`);
    expect(expected.length).toBe(3_001); // the header and the records
    expect(await records(await assembled([`${csv}\n`], encoding))).toEqual(expected);
  });

  it('counts NULLs per column and keeps the Arrow buffers as long as the rows', () => {
    const columns = csvColumns(Buffer.from('1,,x\n,5,\n'), ['a', 'b', 'c'], [{ kind: 'INTEGER' }, { kind: 'BIGINT' }, { kind: 'VARCHAR', length: 1 }]);
    expect(columns.map((column) => [column.length, column.nullCount])).toEqual([
      [2, 1],
      [2, 1],
      [2, 1],
    ]);
    expect([...(columns[2]?.offsets ?? [])]).toEqual([0, 1, 1]);
  });

  it('cuts unquoted text at the first comma or line end wherever it falls in a four-byte word, and at the end of the records', () => {
    // Every length from 0 to 13 (a delimiter at each place of a word read four bytes at a time), not
    // ASCII too, a last record without its line end, and a record with more fields than columns.
    const texts = Array.from({ length: 14 }, (_unused, length) => 'abcdefghijklmn'.slice(0, length)).concat(['é', 'ñandú', 'café au lait']);
    const csv = `${texts.map((text, row) => `${text},${row}`).join('\n')}\n12345678,1,extra\nlast1234`;
    const columns = csvColumns(Buffer.from(csv, 'utf8'), ['text', 'row'], [{ kind: 'VARCHAR', length: 20 }, { kind: 'INTEGER' }]);
    const [text, row] = columns as [ColumnBuffers, ColumnBuffers];
    const offsets = [...(text.offsets ?? [])];
    const values = offsets.slice(1).map((end, index) => Buffer.from(text.values.subarray(offsets[index], end)).toString('utf8'));
    expect(values).toEqual([...texts, '12345678', 'last1234']);
    expect([...(row.values as Int32Array)]).toEqual([...texts.map((_unused, index) => index), 1, 0]);
    expect(row.nullCount).toBe(1);
  });

  it('sets the validity bit of each present value only, and none past the last row', () => {
    // 11 rows: the second byte of the bitmap holds 3 rows; the column is NULL in rows 1, 8 and 10.
    const csv = Array.from({ length: 11 }, (_unused, row) => ([1, 8, 10].includes(row) ? ',x' : `${row},x`)).join('\n');
    const [column] = csvColumns(Buffer.from(`${csv}\n`), ['n', 'x'], [{ kind: 'INTEGER' }, { kind: 'VARCHAR', length: 1 }]);
    expect([...(column as ColumnBuffers).validity]).toEqual([0b11111101, 0b010]);
    expect((column as ColumnBuffers).nullCount).toBe(3);
  });

  it.each<[string, number]>([
    ['12', 1200],
    ['5.', 500],
    ['.5', 50],
    ['-0.5', -50],
    ['-1234.56', -123456],
    ['90071992547409.91', 9007199254740991],
  ])('reads the DECIMAL(18,2) %s as the scaled whole number %d', (text, scaled) => {
    const [column] = csvColumns(Buffer.from(`${text},1\n`), ['amount', 'n'], [{ kind: 'DECIMAL', precision: 18, scale: 2 }, { kind: 'INTEGER' }]);
    const words = (column as ColumnBuffers).values as Int32Array;
    expect(((words[1] as number) * 2 ** 32 + ((words[0] as number) >>> 0))).toBe(scaled);
    expect([words[2], words[3]]).toEqual(scaled < 0 ? [-1, -1] : [0, 0]);
  });

  it.each<[ColumnType, string, string]>([
    // Fixed-width values followed by more than a delimiter, or shorter ones whose fixed width ends on a later comma.
    [{ kind: 'TIMESTAMP' }, '2024-01-01 00:00:00x,1', '2024-01-01 00:00:00x'],
    [{ kind: 'TIMESTAMP' }, '2024-01-01,abcdefgh,1', '2024-01-01'],
    [{ kind: 'DATE' }, '2024-01-011,1', '2024-01-011'],
    [{ kind: 'DATE' }, '2024-1-1,a,1', '2024-1-1'],
    [{ kind: 'DECIMAL', precision: 10, scale: 2 }, '1.2.3,1', '1.2.3'],
    [{ kind: 'DECIMAL', precision: 10, scale: 2 }, '12a,1', '12a'],
    [{ kind: 'DECIMAL', precision: 10, scale: 2 }, '-,1', '-'],
  ])('names the whole field of a %j value it cannot hold (%s)', (type, csv, field) => {
    expect(() => csvColumns(Buffer.from(`${csv}\n`), ['amount', 'b', 'c'], [type, { kind: 'VARCHAR', length: 9 }, { kind: 'INTEGER' }])).toThrow(`column amount: "${field}" is not a`);
  });

  it.each<[ColumnType, string]>([
    [{ kind: 'INTEGER' }, '12x'],
    [{ kind: 'INTEGER' }, '2147483648'],
    [{ kind: 'INTEGER' }, '-'],
    [{ kind: 'INTEGER' }, '"7"'],
    [{ kind: 'BIGINT' }, '99999999999999999'],
    [{ kind: 'BIGINT' }, '1.5'],
    [{ kind: 'DECIMAL', precision: 10, scale: 2 }, '1.234'],
    [{ kind: 'DATE' }, '2024-13-01'],
    [{ kind: 'TIMESTAMP' }, '2024-01-01T00:00:00'],
    [{ kind: 'TIMESTAMP' }, '2024-01-01 24:00:00'],
    [{ kind: 'DATE' }, '2024-1x-01'],
    [{ kind: 'BOOLEAN' }, 'yes'],
  ])('refuses a %j value it cannot hold (%s), naming the column', (type, text) => {
    expect(() => csvColumns(Buffer.from(`${text}\n`), ['amount'], [type])).toThrow(ParquetValueError);
    expect(() => csvColumns(Buffer.from(`${text}\n`), ['amount'], [type])).toThrow(/^column amount: ".*" is not a/);
  });
});
