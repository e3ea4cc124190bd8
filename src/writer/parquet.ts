import { importDuckdb } from '../duckdbModule.js';
import type { ColumnSchema } from '../schema/schemaTypes.js';

/** What the error names when DuckDB is absent. */
export const PARQUET_PURPOSE = "Parquet output (--format parquet, format: 'parquet')";

function quoteLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/**
 * Converts a complete CSV table file to Parquet with DuckDB's writer (typed columns from the schema:
 * INTEGER/BIGINT as int32/int64, DECIMAL as decimal, DATE and TIMESTAMP as such, BOOLEAN). DuckDB reads
 * the CSV with the declared types rather than sniffing, and keeps the rows in file order.
 */
export async function convertCsvToParquet(csvPath: string, parquetPath: string, columns: readonly ColumnSchema[], threads: number): Promise<void> {
  // Loaded on demand: importing DuckDB costs ~0.4 s at start-up, which only Parquet runs should pay.
  const { DuckDBInstance } = await importDuckdb(PARQUET_PURPOSE);
  const instance = await DuckDBInstance.create(':memory:', { threads: String(threads), memory_limit: '256MB', preserve_insertion_order: 'true' });
  const connection = await instance.connect();
  try {
    const types = columns.map((column) => `${quoteLiteral(column.name)}: ${quoteLiteral(column.type.kind === 'VARCHAR' ? 'VARCHAR' : column.typeText)}`).join(', ');
    await connection.run(
      `COPY (SELECT * FROM read_csv(${quoteLiteral(csvPath)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', ` +
        `timestampformat = '%Y-%m-%d %H:%M:%S', dateformat = '%Y-%m-%d', columns = {${types}})) ` +
        `TO ${quoteLiteral(parquetPath)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880)`,
    );
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
