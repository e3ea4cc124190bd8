/**
 * A data file that cannot be read as its format (malformed CSV, a line that is not a JSON object, a
 * Parquet file without a footer): nothing after the fault can be trusted, so reading stops. Its message
 * names the file and, where the format has lines, the line.
 */
export class FormatError extends Error {
  constructor(
    readonly file: string,
    /** The physical line (row, for Parquet) of the fault; 0 when it is not at a line. */
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}
