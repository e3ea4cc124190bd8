// The Arrow IPC stream a worker hands parquet-wasm, written without an Arrow library: parquet-wasm
// (arrow-rs, which verifies each FlatBuffer) reads it as the shard's columns, and the buffer it lives
// in, kept from shard to shard, leaves nothing of one shard in the next one's file.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { tableEncodings } from '../../../src/encoding/outputFormat.js';
import { ArrowStreamBuffer } from '../../../src/encoding/parquet/arrowIpc.js';
import { csvColumns } from '../../../src/encoding/parquet/csvColumns.js';
import { encodeParquetShard } from '../../../src/encoding/parquet/shardFile.js';
import { SCHEMAS, tableRows, worldOf } from '../helpers/memoryDataset.js';
import { EVERY_COLUMN_TYPE } from '../../helpers/columnTypes.js';

type ParquetWasm = typeof import('parquet-wasm/node');
const wasm = createRequire(import.meta.url)('parquet-wasm/node') as ParquetWasm;

const types = EVERY_COLUMN_TYPE;
const names = types.map((type) => `${type.kind.toLowerCase()}_column`);
const csv = Buffer.from(['-7,9007199254740991,-1234.50,1969-12-31,1960-02-29 23:59:59,true,"a ""quoted"", text"', ',,,,,,', '3,4,0.05,2024-02-29,2024-12-31 00:00:01,false,plain'].join('\n') + '\n');

describe('ArrowStreamBuffer', () => {
  it('writes a stream parquet-wasm reads as one record batch of the columns, by name and in order', () => {
    const stream = new ArrowStreamBuffer().stream(names, types, (memory) => csvColumns(csv, names, types, memory));
    const table = wasm.Table.fromIPCStream(stream);
    try {
      expect(table.numBatches).toBe(1);
      const batch = table.recordBatch(0);
      expect([batch?.numRows, batch?.numColumns]).toEqual([3, types.length]);
      expect(names.map((name) => table.schema.indexOf(name))).toEqual(names.map((_name, index) => index));
    } finally {
      table.free();
    }
  });

  it("builds the columns in its own buffer, each at a multiple of 64 bytes of the body (decimal128 needs 16), and refuses columns built elsewhere", () => {
    let body: Uint8Array | undefined;
    new ArrowStreamBuffer().stream(names, types, (memory) => {
      const columns = csvColumns(csv, names, types, (bytes) => (body = memory(bytes)));
      const start = (body as Uint8Array).byteOffset;
      expect(columns.flatMap((column) => [column.validity, column.values, ...(column.offsets ? [column.offsets] : [])]).map((buffer) => (buffer.byteOffset - start) % 64)).toEqual(new Array<number>(types.length * 2 + 1).fill(0));
      return columns;
    });
    expect(() => new ArrowStreamBuffer().stream(names, types, () => csvColumns(csv, names, types))).toThrow(/not built in the stream buffer/);
  });

  it("leaves nothing of one shard in the next: a shard's file is the same after larger and other tables' shards", () => {
    const world = worldOf();
    const encodings = tableEncodings(SCHEMAS);
    const small = Buffer.from(tableRows(world, 'orders', 1, 20));
    const first = Buffer.from(encodeParquetShard(small, encodings.orders, 'snappy'));
    // A larger shard grows the buffer; a text-heavy table fills it with other bytes.
    expect(encodeParquetShard(Buffer.from(tableRows(world, 'web_events')), encodings.web_events, 'snappy').length).toBeGreaterThan(first.length);
    encodeParquetShard(Buffer.from(tableRows(world, 'customers')), encodings.customers, 'snappy');
    expect(Buffer.from(encodeParquetShard(small, encodings.orders, 'snappy')).equals(first)).toBe(true);
  });
});
