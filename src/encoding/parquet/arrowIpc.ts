// A shard's typed columns as an Arrow IPC stream (a Schema message, one RecordBatch message, the
// end-of-stream marker), the input parquet-wasm reads. Written here rather than by apache-arrow: for a
// few flat types the format is two small FlatBuffers and the column buffers, and the library (11 MB
// installed, with @types/node as a runtime dependency) cost a worker ~18 MB of memory and a copy of
// every column. The messages follow format/Message.fbs and format/Schema.fbs of Apache Arrow (metadata
// V5). A validity buffer is given as empty when no value is NULL, as apache-arrow did, so parquet-wasm
// decodes the same arrays as before and writes the same bytes.
import type { ColumnType } from '../../schema/schemaTypes.js';
import type { ColumnBuffers, ColumnMemory } from './columnScratch.js';
import { flatBuffer, flatTable, i16, i32, i64, u8, type FlatTable } from './flatBuffer.js';

const METADATA_V5 = 4;
const HEADER_SCHEMA = 1;
const HEADER_RECORD_BATCH = 3;
const CONTINUATION = 0xffffffff;

// Schema.fbs `union Type` members and enums.
const TYPE_INT = 2;
const TYPE_UTF8 = 5;
const TYPE_BOOL = 6;
const TYPE_DECIMAL = 7;
const TYPE_DATE = 8;
const TYPE_TIMESTAMP = 10;
const DATE_UNIT_DAY = 0;
const TIME_UNIT_MICROSECOND = 2;

/** The Type union's member id and table of a column's Arrow type. */
function arrowType(type: ColumnType): [number, FlatTable] {
  switch (type.kind) {
    case 'INTEGER':
      return [TYPE_INT, flatTable(i32(32), u8(1))];
    case 'BIGINT':
      return [TYPE_INT, flatTable(i32(64), u8(1))];
    case 'DECIMAL':
      return [TYPE_DECIMAL, flatTable(i32(type.precision), i32(type.scale), i32(128))];
    case 'DATE':
      return [TYPE_DATE, flatTable(i16(DATE_UNIT_DAY))];
    case 'TIMESTAMP':
      // No time zone: the CSV's instants are wall-clock UTC without an offset, as DuckDB typed them.
      return [TYPE_TIMESTAMP, flatTable(i16(TIME_UNIT_MICROSECOND))];
    case 'BOOLEAN':
      return [TYPE_BOOL, flatTable()];
    case 'VARCHAR':
      return [TYPE_UTF8, flatTable()];
  }
}

function schemaMessage(names: readonly string[], types: readonly ColumnType[]): Uint8Array {
  const fields = types.map((type, index) => {
    const [typeId, typeTable] = arrowType(type);
    // name, nullable (every column: a dirty run may null any), type_type, type, dictionary, children
    return flatTable({ kind: 'string', text: names[index] as string }, u8(1), u8(typeId), typeTable, undefined, { kind: 'tables', items: [] });
  });
  // endianness Little (the default), fields
  const schema = flatTable(undefined, { kind: 'tables', items: fields });
  return flatBuffer(flatTable(i16(METADATA_V5), u8(HEADER_SCHEMA), schema, i64(0)));
}

const padded = (length: number): number => (length + 7) & ~7;

/** The RecordBatch message of a body whose buffers sit at `regions` (offset, length pairs). */
function batchMessage(rows: number, nodes: readonly number[], regions: readonly number[], bodyLength: number): Uint8Array {
  // length, nodes, buffers
  const batch = flatTable(i64(rows), { kind: 'pairs', values: nodes }, { kind: 'pairs', values: regions });
  return flatBuffer(flatTable(i16(METADATA_V5), u8(HEADER_RECORD_BATCH), batch, i64(bodyLength)));
}

/** Buffers per column in Arrow's layout: validity and values, or validity, offsets and data. */
const bufferCount = (type: ColumnType): number => (type.kind === 'VARCHAR' ? 3 : 2);

/**
 * Writes a shard's columns as an IPC stream in one buffer kept for the next shard: csvColumns copies
 * its per-worker column scratch once into the stream's body (the `memory` handed to it), after room
 * left for the two messages, whose sizes depend only on the column types (every scalar in them has a
 * fixed width). So a shard costs one copy of its columns and no allocation once the buffer has grown
 * to the largest shard. The body is zeroed first so that alignment padding holds no earlier shard's bytes.
 */
export class ArrowStreamBuffer {
  private bytes = new Uint8Array(0);

  /** The stream of the columns `build` makes in the memory it is handed; valid until the next call. */
  stream(names: readonly string[], types: readonly ColumnType[], build: (memory: ColumnMemory) => readonly ColumnBuffers[]): Uint8Array {
    const schema = schemaMessage(names, types);
    const buffers = types.reduce((total, type) => total + bufferCount(type), 0);
    const batchBytes = padded(batchMessage(0, new Array<number>(types.length * 2).fill(0), new Array<number>(buffers * 2).fill(0), 0).length);
    const head = 8 + padded(schema.length) + 8 + batchBytes;
    let body: Uint8Array | undefined;
    const columns = build((bytes) => {
      if (head + bytes + 8 > this.bytes.length) this.bytes = new Uint8Array(Math.max(head + bytes + 8, Math.ceil(this.bytes.length * 1.25)));
      body = this.bytes.subarray(head, head + bytes);
      body.fill(0);
      return body;
    });
    if (body === undefined) throw new Error('the columns were not built in the stream buffer');
    const start = body.byteOffset;
    const nodes: number[] = [];
    const regions: number[] = [];
    for (const column of columns) {
      nodes.push(column.length, column.nullCount);
      // An empty validity buffer says no value is NULL.
      regions.push(column.validity.byteOffset - start, column.nullCount > 0 ? column.validity.byteLength : 0);
      if (column.offsets !== undefined) regions.push(column.offsets.byteOffset - start, (column.length + 1) * 4);
      regions.push(column.values.byteOffset - start, column.values.byteLength);
    }
    if (regions.length !== buffers * 2 || columns.some((column) => column.values.buffer !== this.bytes.buffer)) throw new Error('a column was built outside the stream buffer');
    const batch = batchMessage(columns[0]?.length ?? 0, nodes, regions, body.length);
    if (padded(batch.length) !== batchBytes) throw new Error('the record batch message changed size');
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    let at = 0;
    // Each message: the continuation marker, its metadata's padded length, the metadata (zero padded).
    for (const metadata of [schema, batch]) {
      view.setUint32(at, CONTINUATION, true);
      view.setInt32(at + 4, padded(metadata.length), true);
      this.bytes.fill(0, at + 8, at + 8 + padded(metadata.length));
      this.bytes.set(metadata, at + 8);
      at += 8 + padded(metadata.length);
    }
    // End of stream: the marker and a zero length, after the body.
    const end = head + body.length;
    view.setUint32(end, CONTINUATION, true);
    view.setUint32(end + 4, 0, true);
    return this.bytes.subarray(0, end + 8);
  }
}
