import { UsageError } from '../errors.js';
import { printable } from '../encoding/controlChars.js';
import { memorySource } from '../encoding/byteSource.js';
import { FormatError } from '../encoding/formatError.js';
import { datasetTablesIn, type DatasetTables } from '../read/datasetTables.js';
import { readTable, type TableInput } from '../read/tableInput.js';
import type { TableName } from '../schema/tableNames.js';

/**
 * Where the profile reads a table from: a dataset directory (any format and layout generate writes), or
 * CSV text in memory (the unit tests).
 */
export type TableSource = (table: string) => TableInput | Promise<TableInput>;

/** The tables of the dataset in `dir`, found on first use; a missing table is a usage error. */
export function directoryTables(dir: string): TableSource {
  let found: Promise<DatasetTables> | undefined;
  return async (table) => {
    found ??= datasetTablesIn(dir);
    const tables = await found.catch((error: unknown) => {
      if (error instanceof UsageError) throw new UsageError(`profile: ${error.message}`);
      throw error;
    });
    const input = tables.tables.get(table as TableName);
    if (!input) throw new UsageError(`profile: ${tables.missing(table as TableName)}`);
    return input;
  };
}

/** Tables held as CSV text, by table name. */
export function memoryTables(files: Readonly<Record<string, string>>): TableSource {
  return (table) => {
    const text = files[table];
    if (text === undefined) throw new UsageError(`profile: ${table}.csv is missing`);
    const name = `${table}.csv`;
    return { table, name, files: [{ name, kind: 'csv', source: memorySource(name, text) }] };
  };
}

/** A table's header as name -> field index. Columns are found by name, so added columns never shift a reader. */
export type Columns = Readonly<Record<string, number>>;

/** Handles one record; the array is reused between records (copy what you keep). */
export type RowHandler = (row: readonly string[]) => void;

/**
 * Streams a table: `setup` sees the header once and returns the handler of every data record, so column
 * indexes are resolved once per file rather than once per row. Every format gives the same field texts.
 */
export async function forEachRow(tables: TableSource, table: string, setup: (col: Columns) => RowHandler): Promise<void> {
  const source = await tables(table);
  let handle: RowHandler | undefined;
  try {
    await readTable(source, (row) => {
      if (handle) handle(row);
      else handle = setup(Object.fromEntries(row.map((name, index) => [name, index])));
    });
  } catch (error) {
    // Malformed input (a record with too many fields among it) is bad input: exit 2 with its line.
    if (error instanceof FormatError) throw new UsageError(`profile: ${printable(error.message)}`);
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
