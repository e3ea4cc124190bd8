import { forEachRow, type Columns, type RowHandler, type TableSource } from '../profile/tableReader.js';
import type { TableName } from '../schema/tableNames.js';

/** Where the report reads tables from, and which tables the dataset holds (`--tables` writes a subset). */
export interface ReportTables {
  readonly source: TableSource;
  readonly present: ReadonlySet<TableName>;
}

/** The profile's row stream for a table the dataset holds; a table it does not hold has no rows. */
export async function forEachReportRow(tables: ReportTables, table: TableName, setup: (col: Columns) => RowHandler): Promise<void> {
  if (tables.present.has(table)) await forEachRow(tables.source, table, setup);
}
