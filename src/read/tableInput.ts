// One table's data as records, whatever format and layout generate wrote it in: csv, csv.gz, jsonl,
// jsonl.gz or parquet, one whole file or the files of `--part K --parts N` runs read one after another
// as if merged. Every reader gives the same records: a header of column names, then each row's fields
// as the text the CSV holds (so validate, profile and report see the same values in every format).
import type { ByteSource } from '../encoding/byteSource.js';
import { readCsv, readJsonLines, type CsvReadOptions, type CsvStats } from '../encoding/csvReader.js';
import type { RecordHandler } from '../encoding/csvRecords.js';
import { FormatError } from '../encoding/formatError.js';
import { gunzipSource } from '../encoding/gzipSource.js';
import { readParquet } from './parquetRecords.js';

export const FILE_KINDS = ['csv', 'csv.gz', 'jsonl', 'jsonl.gz', 'parquet'] as const;
/** A data file's format, as its extension spells it. */
export type FileKind = (typeof FILE_KINDS)[number];

/** The kind a file name's extension says, if it is one of ours. */
export function fileKind(name: string): FileKind | undefined {
  return FILE_KINDS.find((kind) => name.endsWith(`.${kind}`));
}

interface TableFile {
  /** The file's name in its dataset (customers.jsonl, orders.part-002-of-004.csv). */
  readonly name: string;
  readonly kind: FileKind;
  readonly source: ByteSource;
  /** The file's path, when it is one on disk (another thread can then open it). */
  readonly path?: string;
}

export interface TableInput {
  readonly table: string;
  /** What reports call the table's data: its file, or its parts as `orders.part-*-of-004.csv`. */
  readonly name: string;
  /** One file, or the parts in part order. */
  readonly files: readonly TableFile[];
}

/** What reading one file gave. */
export interface FileReadStats {
  readonly file: string;
  readonly kind: FileKind;
  /** Data rows (the header excluded). */
  readonly rows: number;
  /** The stored bytes (compressed, for gzip) and their sha256. */
  readonly bytes: number;
  readonly sha256: string;
  /** Lines ended by CRLF (0 for Parquet, which has no lines). */
  readonly crlfRecords: number;
  readonly invalidUtf8: number;
}

export type TableReadOptions = CsvReadOptions;

function readFile(file: TableFile, onRecord: RecordHandler, options: TableReadOptions): Promise<CsvStats> {
  switch (file.kind) {
    case 'csv':
      return readCsv(file.source, onRecord, options);
    case 'csv.gz':
      return readCsv(gunzipSource(file.source), onRecord, options);
    case 'jsonl':
      return readJsonLines(file.source, onRecord, options);
    case 'jsonl.gz':
      return readJsonLines(gunzipSource(file.source), onRecord, options);
    case 'parquet':
      return readParquet(file.source, onRecord, options);
  }
}

/**
 * Reads a table's files in order, handing `onRecord` the header once and then every data record (the
 * array is reused: copy what you keep). A part whose header differs from the first part's throws
 * FormatError. Lines count through the parts as in the merged table (a CSV part's header line is not
 * counted again), so they are the lines of the file `ecomgen merge` would write.
 */
export async function readTable(input: TableInput, onRecord: RecordHandler, options: TableReadOptions = {}): Promise<FileReadStats[]> {
  const stats: FileReadStats[] = [];
  let firstHeader: string[] | undefined;
  let offset = 0;
  for (const file of input.files) {
    if (stats.length > 0 && options.shouldStop?.()) break;
    let headerSeen = false;
    const shifted = (line: number): number => line + offset;
    const read = await readFile(
      file,
      (fields, line) => {
        if (headerSeen) {
          onRecord(fields, shifted(line));
          return;
        }
        headerSeen = true;
        if (firstHeader === undefined) {
          firstHeader = [...fields];
          onRecord(fields, shifted(line));
        } else if (fields.length !== firstHeader.length || fields.some((name, index) => name !== firstHeader?.[index])) {
          throw new FormatError(file.name, line, `${file.name} has another header than ${input.files[0]?.name ?? ''}: the parts are not of one table`);
        }
      },
      {
        ...options,
        ...(options.onInvalidUtf8 ? { onInvalidUtf8: (line: number) => options.onInvalidUtf8?.(shifted(line)) } : {}),
        ...(options.onNul ? { onNul: (line: number) => options.onNul?.(shifted(line)) } : {}),
        ...(options.onWideRecord ? { onWideRecord: (line: number, count: number) => options.onWideRecord?.(shifted(line), count) } : {}),
      },
    );
    const headerLines = file.kind === 'csv' || file.kind === 'csv.gz' ? 1 : 0;
    const rows = Math.max(0, read.records - 1);
    stats.push({ file: file.name, kind: file.kind, rows: file.kind.startsWith('jsonl') ? read.records : rows, bytes: read.bytes, sha256: read.sha256, crlfRecords: read.crlfRecords, invalidUtf8: read.invalidUtf8 });
    // The next part's line 1 (its header, for CSV) continues after this part's last line.
    offset += read.nextLine - 1 - headerLines;
  }
  return stats;
}
