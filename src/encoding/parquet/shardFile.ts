// One shard's rows as a complete Parquet file of one row group, written by parquet-wasm (the Rust
// `parquet` crate of Apache Arrow, compiled to WebAssembly) from an Arrow record batch built straight
// from the shard's typed columns. The coordinator keeps the row group and drops the file's footer
// (tableAssembler.ts), so every shard's encoding runs in a worker.
import { createRequire } from 'node:module';
import type { ColumnType } from '../../schema/schemaTypes.js';
import { ArrowStreamBuffer } from './arrowIpc.js';
import type { ColumnBuffers, ColumnMemory } from './columnScratch.js';
import { ColumnSink } from './columnSink.js';
import type { ParquetCodec } from './parquetCodec.js';
import { csvColumns } from './csvColumns.js';
import { dictionaryPays } from './textDictionary.js';
import { TypedRows } from './typedRows.js';
import type { Compression } from 'parquet-wasm/node';

type ParquetWasm = typeof import('parquet-wasm/node');

let parquetWasm: ParquetWasm | undefined;

/** The WebAssembly writer, compiled on first use (only Parquet runs pay for it). */
function writerModule(): ParquetWasm {
  parquetWasm ??= createRequire(import.meta.url)('parquet-wasm/node') as ParquetWasm;
  return parquetWasm;
}

/** The worker's stream buffer: one per thread, as the module is. */
const streamBuffer = new ArrowStreamBuffer();

/** The columns of a table as Parquet writes them: every column nullable (a dirty run may null any). */
export interface ParquetColumns {
  readonly names: readonly string[];
  readonly types: readonly ColumnType[];
}

/**
 * A complete Parquet file holding the CSV records `csv` (no header line) as one row group of pages
 * compressed with `codec` (numbers delta-encoded, text dictionary-encoded where its values come back), with min/max statistics; no row group when
 * there are no records.
 */
export function encodeParquetShard(csv: Uint8Array, columns: ParquetColumns, codec: ParquetCodec): Uint8Array {
  return parquetFile(columns, codec, (memory) => csvColumns(csv, columns.names, columns.types, memory));
}

/**
 * The same file for rows a generator writes as typed values (`fill` returns how many), or undefined
 * when `fill` declines (returns a negative count: some value needs the CSV path).
 */
export function encodeTypedShard(columns: ParquetColumns, codec: ParquetCodec, fill: (rows: TypedRows) => number): Uint8Array | undefined {
  const rows = new TypedRows(columns.names, columns.types);
  if (fill(rows) < 0) return undefined;
  return parquetFile(columns, codec, (memory) => rows.buffers(memory));
}

/** parquet-wasm's name of a codec (parquetCodec.ts says why snappy is the default). */
function wasmCompression(wasm: ParquetWasm, codec: ParquetCodec): Compression {
  switch (codec) {
    case 'snappy':
      return wasm.Compression.SNAPPY;
    case 'zstd':
      // parquet-wasm 0.8 takes no zstd level: the writer's own, as every build before the option wrote.
      return wasm.Compression.ZSTD;
    case 'none':
      return wasm.Compression.UNCOMPRESSED;
  }
}

/**
 * The same file for rows a generator writes with its CSV calls (`fill` returns how many), taken as typed
 * values (columnSink.ts), or undefined when the sink declines (some write needs the CSV path).
 */
export function encodeWrittenShard(columns: ParquetColumns, codec: ParquetCodec, fill: (sink: ColumnSink) => number): Uint8Array | undefined {
  const sink = new ColumnSink(columns.names, columns.types);
  fill(sink);
  if (sink.declined) return undefined;
  return parquetFile(columns, codec, (memory) => sink.buffers(memory));
}

/** Whether a column's values are written DELTA_BINARY_PACKED: every type stored as a Parquet integer. */
function deltaEncoded(type: ColumnType): boolean {
  return type.kind !== 'VARCHAR' && type.kind !== 'BOOLEAN';
}

/** The Parquet file of the columns `build` makes in the memory it is handed. */
function parquetFile(columns: ParquetColumns, codec: ParquetCodec, build: (memory: ColumnMemory) => ColumnBuffers[]): Uint8Array {
  const wasm = writerModule();
  let built: ColumnBuffers[] = [];
  const ipc = streamBuffer.stream(columns.names, columns.types, (memory) => (built = build(memory)));
  const rows = built[0]?.length ?? 0;
  let builder = new wasm.WriterPropertiesBuilder()
    .setCompression(wasmCompression(wasm, codec))
    // Min/max per column chunk, as DuckDB writes them; page-level indexes cost time for little here.
    .setStatisticsEnabled(wasm.EnabledStatistics.Chunk)
    // One row group per shard, however many rows it has: the shard is the unit the coordinator assembles.
    .setMaxRowGroupSize(Math.max(1, rows));
  // Numbers (integers, decimals, dates, instants) as differences from their neighbours, without a
  // dictionary: ids and instants rise through a shard and amounts are small, so the deltas pack into
  // a few bits and the codec has less to compress. Against dictionaries (plain values for BIGINT and
  // TIMESTAMP) this took ~25% less of the writer's CPU and made prod's files ~12% smaller.
  // Text keeps a dictionary where its values come back (textDictionary.ts), plain values otherwise.
  columns.types.forEach((type, index) => {
    const name = columns.names[index] as string;
    if (deltaEncoded(type)) builder = builder.setColumnDictionaryEnabled(name, false).setColumnEncoding(name, wasm.Encoding.DELTA_BINARY_PACKED);
    else if (type.kind === 'VARCHAR' && rows > 0 && !dictionaryPays(built[index] as ColumnBuffers)) builder = builder.setColumnDictionaryEnabled(name, false);
  });
  const properties = builder.build();
  // writeParquet takes ownership of the table and the properties (their WebAssembly memory is freed).
  return wasm.writeParquet(wasm.Table.fromIPCStream(ipc), properties);
}
