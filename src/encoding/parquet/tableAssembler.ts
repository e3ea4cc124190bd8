// One table file from the shards' Parquet files: `PAR1`, then each shard's row group exactly as its
// worker encoded it (column chunks and their page indexes), then one footer listing every row group at
// the offset where it landed. The coordinator only parses small footers and writes one; the column data
// is never decoded or re-encoded, so the file is the same bytes whatever the worker count.
import { parquetMetadata, type ColumnChunk, type FileMetaData, type RowGroup } from 'hyparquet';
import { ByteWriter } from 'hyparquet-writer';
import { writeMetadata } from 'hyparquet-writer/src/metadata.js';
import { PARQUET_MAGIC } from './parquetLayout.js';
const TAIL_BYTES = 8;

function shifted(value: bigint | undefined, by: bigint): bigint | undefined {
  return value === undefined ? undefined : value + by;
}

function shiftColumn(chunk: ColumnChunk, by: bigint): ColumnChunk {
  const meta = chunk.meta_data;
  return {
    ...chunk,
    // parquet-rs leaves the deprecated file_offset at 0; a 0 stays 0.
    file_offset: chunk.file_offset === 0n ? 0n : chunk.file_offset + by,
    ...(chunk.offset_index_offset !== undefined ? { offset_index_offset: chunk.offset_index_offset + by } : {}),
    ...(chunk.column_index_offset !== undefined ? { column_index_offset: chunk.column_index_offset + by } : {}),
    ...(meta
      ? {
          meta_data: {
            ...meta,
            data_page_offset: meta.data_page_offset + by,
            index_page_offset: shifted(meta.index_page_offset, by),
            dictionary_page_offset: shifted(meta.dictionary_page_offset, by),
            bloom_filter_offset: shifted(meta.bloom_filter_offset, by),
          },
        }
      : {}),
  };
}

function shiftRowGroup(group: RowGroup, by: bigint): RowGroup {
  return { ...group, columns: group.columns.map((chunk) => shiftColumn(chunk, by)), file_offset: shifted(group.file_offset, by) };
}

/** Where a Parquet file's footer starts (its thrift metadata), checked against the file's size. */
export function footerStart(file: Uint8Array): number {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const length = file.byteLength >= TAIL_BYTES ? view.getUint32(file.byteLength - TAIL_BYTES, true) : -1;
  const start = file.byteLength - TAIL_BYTES - length;
  if (length < 0 || start < PARQUET_MAGIC.length) throw new Error(`a shard's Parquet file is truncated (${file.byteLength} bytes)`);
  return start;
}

/** Collects a table's row groups as their shards arrive in order; `footer()` ends the file. */
export class ParquetTableAssembler {
  /** Bytes of the table file so far: the leading magic, then the row groups handed out. */
  private offset = PARQUET_MAGIC.length;
  private readonly rowGroups: RowGroup[] = [];
  private rows = 0n;
  private template: FileMetaData | undefined;

  /** A shard's whole Parquet file in; out, the bytes to append to the table file (the file minus its magic and footer). */
  add(file: Uint8Array): Uint8Array {
    const body = file.subarray(PARQUET_MAGIC.length, footerStart(file));
    this.place(parquetMetadata(file), body.byteLength);
    return body;
  }

  /**
   * Records the row groups of a Parquet file whose body (its bytes between the leading magic and the
   * footer, `bodyBytes` long) the caller appends to the table file next.
   */
  place(metadata: FileMetaData, bodyBytes: number): void {
    this.template ??= metadata;
    const by = BigInt(this.offset - PARQUET_MAGIC.length);
    for (const group of metadata.row_groups) this.rowGroups.push(shiftRowGroup(group, by));
    this.rows += metadata.num_rows;
    this.offset += bodyBytes;
  }

  /**
   * The footer: the first shard's schema and key-value metadata (the same in every shard) with every
   * row group, then the footer's length and the magic. `emptyFile` gives the schema of a table that had
   * no shard at all (an empty slice).
   */
  async footer(emptyFile: () => Promise<Uint8Array>): Promise<Uint8Array> {
    const template = this.template ?? parquetMetadata(await emptyFile());
    const writer = new ByteWriter();
    const metadata: FileMetaData = { ...template, num_rows: this.rows, row_groups: this.rowGroups };
    // hyparquet-writer pins an older hyparquet whose Encoding type lacks ALP (which parquet-rs never
    // writes); the objects are the same shape. No truncation of string statistics: kept as written.
    writeMetadata(writer, metadata as unknown as Parameters<typeof writeMetadata>[1], Infinity);
    writer.appendBytes(PARQUET_MAGIC);
    return writer.getBytes();
  }
}
