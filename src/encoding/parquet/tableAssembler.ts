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

/** A FileMetaData as Thrift compact bytes, without the length hyparquet-writer appends. */
function thrift(metadata: FileMetaData): Uint8Array {
  const writer = new ByteWriter();
  // hyparquet-writer pins an older hyparquet whose Encoding type lacks ALP (which parquet-rs never
  // writes); the objects are the same shape. No truncation of string statistics: kept as written.
  writeMetadata(writer, metadata as unknown as Parameters<typeof writeMetadata>[1], Infinity);
  const bytes = writer.getBytes();
  return bytes.subarray(0, bytes.length - 4);
}

/** Where the row_groups list's header is: the first byte in which the footer without and with a row group differ. */
function listHeaderAt(without: Uint8Array, withOne: Uint8Array): number {
  let at = 0;
  while (at < without.length && without[at] === withOne[at]) at++;
  return at;
}

const THRIFT_STRUCT = 12;

/** A Thrift compact list header of `count` structs. */
function structListHeader(count: number): Uint8Array {
  if (count < 15) return Uint8Array.of((count << 4) | THRIFT_STRUCT);
  const bytes = [0xf0 | THRIFT_STRUCT];
  for (let rest = count; ; rest = Math.floor(rest / 128)) {
    if (rest < 128) {
      bytes.push(rest);
      break;
    }
    bytes.push((rest % 128) | 128);
  }
  return Uint8Array.from(bytes);
}

/**
 * Collects a table's row groups as their shards arrive in order; `footer()` ends the file. Each row
 * group is kept as its Thrift bytes, not as objects: a list's elements are written one after another
 * with no shared state, so the footer is the metadata without row groups with these bytes spliced into
 * its list (a table of 300 row groups held ~10 MB of objects, and writing them at once grew the heap
 * by another ~20 MB at the end of the run, which was its peak).
 */
export class ParquetTableAssembler {
  /** Bytes of the table file so far: the leading magic, then the row groups handed out. */
  private offset = PARQUET_MAGIC.length;
  private readonly rowGroups: Uint8Array[] = [];
  private firstGroup: RowGroup | undefined;
  private rows = 0n;
  private template: FileMetaData | undefined;
  private groupTemplate: FileMetaData | undefined;
  private withoutGroups: Uint8Array | undefined;

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
    // A row group's struct is written the same whatever surrounds its list, so it is cut from a footer
    // without the key-value metadata (the Arrow schema, kilobytes of text encoded again per group).
    const template = (this.groupTemplate ??= { ...metadata, key_value_metadata: undefined, created_by: undefined });
    const without = (this.withoutGroups ??= thrift({ ...template, num_rows: 0n, row_groups: [] }));
    const by = BigInt(this.offset - PARQUET_MAGIC.length);
    for (const group of metadata.row_groups) {
      const shifted = shiftRowGroup(group, by);
      this.firstGroup ??= shifted;
      const withOne = thrift({ ...template, num_rows: 0n, row_groups: [shifted] });
      const at = listHeaderAt(without, withOne);
      // The group's struct: after the list header, up to the fields that follow the list.
      this.rowGroups.push(withOne.slice(at + 1, withOne.length - (without.length - at - 1)));
    }
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
    const head = thrift({ ...template, num_rows: this.rows, row_groups: [] });
    const pieces: Uint8Array[] = [head];
    if (this.firstGroup !== undefined) {
      const at = listHeaderAt(head, thrift({ ...template, num_rows: this.rows, row_groups: [this.firstGroup] }));
      pieces.splice(0, 1, head.subarray(0, at), structListHeader(this.rowGroups.length), ...this.rowGroups, head.subarray(at + 1));
    }
    const length = pieces.reduce((total, piece) => total + piece.length, 0);
    const tail = new Uint8Array(8);
    new DataView(tail.buffer).setUint32(0, length, true);
    tail.set(PARQUET_MAGIC, 4);
    return Buffer.concat([...pieces, tail]);
  }
}
