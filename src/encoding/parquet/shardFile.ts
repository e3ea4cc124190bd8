// One shard's rows as a complete Parquet file of one row group, written by parquet-wasm (the Rust
// `parquet` crate of Apache Arrow, compiled to WebAssembly) from an Arrow record batch built straight
// from the shard's typed columns. The coordinator keeps the row group and drops the file's footer
// (tableAssembler.ts), so every shard's encoding runs in a worker.
import { createRequire } from 'node:module';
import { Bool, DateDay, Decimal, Field, Int32, Int64, makeData, RecordBatch, Schema, Struct, Table, TimestampMicrosecond, Utf8, tableToIPC, type Data, type DataType } from 'apache-arrow';
import type { ColumnType } from '../../schema/schemaTypes.js';
import { csvColumns, type ColumnBuffers } from './csvColumns.js';

type ParquetWasm = typeof import('parquet-wasm/node');

let parquetWasm: ParquetWasm | undefined;

/** The WebAssembly writer, compiled on first use (only Parquet runs pay for it). */
function writerModule(): ParquetWasm {
  parquetWasm ??= createRequire(import.meta.url)('parquet-wasm/node') as ParquetWasm;
  return parquetWasm;
}

function arrowType(type: ColumnType): DataType {
  switch (type.kind) {
    case 'INTEGER':
      return new Int32();
    case 'BIGINT':
      return new Int64();
    case 'DECIMAL':
      return new Decimal(type.scale, type.precision, 128);
    case 'DATE':
      return new DateDay();
    case 'TIMESTAMP':
      return new TimestampMicrosecond();
    case 'BOOLEAN':
      return new Bool();
    case 'VARCHAR':
      return new Utf8();
  }
}

function wordsAs64(words: Int32Array): BigInt64Array {
  return new BigInt64Array(words.buffer, words.byteOffset, words.length / 2);
}

function columnData(type: DataType, column: ColumnBuffers): Data {
  const base = { length: column.length, nullCount: column.nullCount, nullBitmap: column.validity };
  const values = column.values;
  switch (column.type.kind) {
    case 'INTEGER':
      return makeData({ ...base, type: type as Int32, data: values as Int32Array });
    case 'BIGINT':
      return makeData({ ...base, type: type as Int64, data: wordsAs64(values as Int32Array) });
    case 'DECIMAL':
      return makeData({ ...base, type: type as Decimal, data: new Uint32Array(values.buffer, values.byteOffset, values.length) });
    case 'DATE':
      return makeData({ ...base, type: type as DateDay, data: values as Int32Array });
    case 'TIMESTAMP':
      return makeData({ ...base, type: type as TimestampMicrosecond, data: wordsAs64(values as Int32Array) });
    case 'BOOLEAN':
      return makeData({ ...base, type: type as Bool, data: values as Uint8Array });
    case 'VARCHAR':
      return makeData({ ...base, type: type as Utf8, data: values as Uint8Array, valueOffsets: column.offsets as Int32Array });
  }
}

/** The columns of a table as Parquet writes them: every column nullable (a dirty run may null any). */
export interface ParquetColumns {
  readonly names: readonly string[];
  readonly types: readonly ColumnType[];
}

/**
 * A complete Parquet file holding the CSV records `csv` (no header line) as one row group of zstd
 * pages (dictionary-encoded where values repeat), with min/max statistics; no row group when there are
 * no records.
 */
export function encodeParquetShard(csv: Uint8Array, columns: ParquetColumns): Uint8Array {
  const wasm = writerModule();
  const buffers = csvColumns(csv, columns.names, columns.types);
  const fields = columns.types.map((type, index) => new Field(columns.names[index] as string, arrowType(type), true));
  const children = buffers.map((column, index) => columnData((fields[index] as Field).type as DataType, column));
  const rows = buffers[0]?.length ?? 0;
  const batch = new RecordBatch(new Schema(fields), makeData({ type: new Struct(fields), length: rows, nullCount: 0, children }));
  const ipc = tableToIPC(new Table([batch]), 'stream');
  let builder = new wasm.WriterPropertiesBuilder()
    // zstd: files a third smaller than snappy's for about the same time in this writer (PROFILE.md).
    .setCompression(wasm.Compression.ZSTD)
    // Min/max per column chunk, as DuckDB writes them; page-level indexes cost time for little here.
    .setStatisticsEnabled(wasm.EnabledStatistics.Chunk)
    // One row group per shard, however many rows it has: the shard is the unit the coordinator assembles.
    .setMaxRowGroupSize(Math.max(1, rows));
  // Ids and instants are nearly all distinct: a dictionary would be built only to be dropped.
  columns.types.forEach((type, index) => {
    if (type.kind === 'BIGINT' || type.kind === 'TIMESTAMP') builder = builder.setColumnDictionaryEnabled(columns.names[index] as string, false);
  });
  const properties = builder.build();
  // writeParquet takes ownership of the table and the properties (their WebAssembly memory is freed).
  return wasm.writeParquet(wasm.Table.fromIPCStream(ipc), properties);
}
