// Parquet as the same records the CSV reader gives: a header of the column names, then each row's
// values as the text the CSV holds. ecomgen's Parquet files type the CSV's columns (src/encoding/parquet;
// older ones were DuckDB's conversion of the CSV, typed alike), so the text is rebuilt from the types:
// DECIMAL with its scale's digits (12.50, not 12.5), TIMESTAMP as `YYYY-MM-DD HH:MM:SS`, DATE as
// `YYYY-MM-DD`, NULL as the empty field. Read with hyparquet (pure JavaScript, no DuckDB needed) one row
// group at a time, so memory is bounded by a row group (ecomgen writes 16,384 ids per group, DuckDB
// 122,880 rows), whatever the file's size. Line numbers are row numbers.
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import type { ByteSource, RangeReader } from '../encoding/byteSource.js';
import type { RecordHandler } from '../encoding/csvRecords.js';
import { FormatError } from '../encoding/formatError.js';
import type { CsvStats } from '../encoding/csvReader.js';

export interface ParquetReadOptions {
  readonly shouldStop?: () => boolean;
}

const MICROS_PER_SECOND = 1_000_000n;

/** `YYYY-MM-DD HH:MM:SS` (and `.ffffff` when there is a fraction) of a count of `unit`s since 1970. */
function timestampText(count: bigint, perSecond: bigint): string {
  let seconds = count / perSecond;
  let fraction = count % perSecond;
  if (fraction < 0n) {
    fraction += perSecond;
    seconds -= 1n;
  }
  const text = new Date(Number(seconds) * 1000).toISOString().slice(0, 19).replace('T', ' ');
  if (fraction === 0n) return text;
  const digits = String(perSecond).length - 1;
  return `${text}.${String(fraction).padStart(digits, '0').replace(/0+$/, '')}`;
}

/** The text of a value hyparquet decoded (the parsers below have already made dates text). */
function valueText(value: unknown, scale: number | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return scale === undefined ? String(value) : value.toFixed(scale);
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('hex');
  return JSON.stringify(value, (_, inner: unknown) => (typeof inner === 'bigint' ? String(inner) : inner));
}

const PARSERS = {
  timestampFromMilliseconds: (millis: bigint): string => timestampText(millis, 1000n),
  timestampFromMicroseconds: (micros: bigint): string => timestampText(micros, MICROS_PER_SECOND),
  timestampFromNanoseconds: (nanos: bigint): string => timestampText(nanos, 1_000_000_000n),
  dateFromDays: (days: number): string => new Date(days * 86_400_000).toISOString().slice(0, 10),
};

function arrayBuffer(bytes: Uint8Array): ArrayBuffer {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer) return bytes.buffer;
  // A copy: Buffer's slice() is a view (of a pooled buffer, for small ones), so copy as a Uint8Array.
  return Uint8Array.prototype.slice.call(bytes).buffer as ArrayBuffer;
}

async function sha256Of(source: ByteSource): Promise<string> {
  const hash = createHash('sha256');
  const reader = await source.open();
  try {
    const chunk = new Uint8Array(1 << 20);
    for (let count = await reader.read(chunk, 0, chunk.length); count > 0; count = await reader.read(chunk, 0, chunk.length)) hash.update(chunk.subarray(0, count));
  } finally {
    await reader.close();
  }
  return hash.digest('hex');
}

/** Reads a Parquet file of flat columns record by record; resolves with its size, row count (as records, the header included) and sha256. */
export async function readParquet(source: ByteSource, onRecord: RecordHandler, options: ParquetReadOptions = {}): Promise<CsvStats> {
  // Loaded on demand, as the other formats do not need it.
  const { parquetMetadataAsync, parquetRead } = await import('hyparquet');
  const { decompress } = await import('fzstd');
  const ranges: RangeReader = await source.openRanges();
  const fail = (reason: string): never => {
    throw new FormatError(source.name, 0, `${source.name}: not a Parquet file ecomgen can read (${reason})`);
  };
  try {
    const file = { byteLength: ranges.byteLength, slice: async (start: number, end?: number) => arrayBuffer(await ranges.slice(start, end ?? ranges.byteLength)) };
    const metadata = await parquetMetadataAsync(file).catch((error: unknown) => fail((error as Error).message));
    const [root, ...elements] = metadata.schema;
    const columns = elements.slice(0, root?.num_children ?? 0);
    if (columns.length !== elements.length) fail('it has nested columns; ecomgen writes flat tables');
    const scales = columns.map((column) => (column.converted_type === 'DECIMAL' || column.logical_type?.type === 'DECIMAL' ? (column.scale ?? 0) : undefined));
    const header = columns.map((column) => column.name);
    onRecord(header, 0);
    const fields: string[] = new Array<string>(columns.length).fill('');
    let row = 0;
    for (const group of metadata.row_groups) {
      if (options.shouldStop?.()) break;
      const rowStart = row;
      const rowEnd = row + Number(group.num_rows);
      let rows: unknown[][] = [];
      await parquetRead({
        file,
        metadata,
        rowStart,
        rowEnd,
        parsers: PARSERS,
        compressors: {
          ZSTD: (input: Uint8Array, outputLength: number) => decompress(input, new Uint8Array(outputLength)),
          GZIP: (input: Uint8Array) => new Uint8Array(gunzipSync(input)),
        },
        onComplete: (decoded: unknown[][]) => {
          rows = decoded;
        },
      }).catch((error: unknown) => fail((error as Error).message));
      for (const values of rows) {
        row++;
        for (let index = 0; index < fields.length; index++) fields[index] = valueText(values[index], scales[index]);
        onRecord(fields, row);
        if (options.shouldStop?.()) break;
      }
      if (options.shouldStop?.()) break;
      row = rowEnd;
    }
    return { bytes: ranges.byteLength, records: Number(metadata.num_rows) + 1, sha256: await sha256Of(source), crlfRecords: 0, invalidUtf8: 0, nextLine: row + 1 };
  } finally {
    await ranges.close();
  }
}
