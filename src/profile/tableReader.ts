import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { printable } from '../encoding/controlChars.js';
import { fileSource, memorySource, type ByteSource } from '../encoding/byteSource.js';
import { CsvFormatError, readCsv } from '../encoding/csvReader.js';

/** Where the profile reads a table's CSV from: a file of a directory, or text in memory (the unit tests). */
export type TableSource = (table: string) => ByteSource;

/** `<dir>/<table>.csv`; a missing file is a usage error. */
export function directoryTables(dir: string): TableSource {
  return (table) => {
    const file = join(dir, `${table}.csv`);
    if (!existsSync(file)) throw new UsageError(`profile: ${file} is missing`);
    return fileSource(file);
  };
}

/** Tables held as CSV text, by table name. */
export function memoryTables(files: Readonly<Record<string, string>>): TableSource {
  return (table) => {
    const text = files[table];
    if (text === undefined) throw new UsageError(`profile: ${table}.csv is missing`);
    return memorySource(`${table}.csv`, text);
  };
}

/** A table's header as name -> field index. Columns are found by name, so added columns never shift a reader. */
export type Columns = Readonly<Record<string, number>>;

/** Handles one record; the array is reused between records (copy what you keep). */
export type RowHandler = (row: readonly string[]) => void;

/**
 * Streams a table's CSV: `setup` sees the header once and returns the handler of every data record,
 * so column indexes are resolved once per file rather than once per row.
 */
export async function forEachRow(tables: TableSource, table: string, setup: (col: Columns) => RowHandler): Promise<void> {
  const source = tables(table);
  let handle: RowHandler | undefined;
  try {
    await readCsv(source, (row) => {
      if (handle) handle(row);
      else handle = setup(Object.fromEntries(row.map((name, index) => [name, index])));
    });
  } catch (error) {
    // Malformed CSV (a record with too many fields among it) is bad input: exit 2 with its line.
    if (error instanceof CsvFormatError) throw new UsageError(`profile: ${printable(error.message)}`);
    throw error;
  }
}

/** Index of a column the profile cannot do without. */
export function required(col: Columns, table: string, name: string): number {
  const index = col[name];
  if (index === undefined) throw new UsageError(`profile: ${table}.${name} column is missing`);
  return index;
}

/** The text of field `index` (an empty string past the record's end). */
export function at(row: readonly string[], index: number): string {
  return row[index] ?? '';
}
