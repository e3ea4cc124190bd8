// The calls a table generator writes its rows with: CSV fields and records, as RowSink puts them into
// bytes. Kept apart from RowSink so that a Parquet shard can take the same calls as typed values
// (parquet/columnSink.ts) without the generators knowing which one they write to.

/** A day's `YYYY-MM-DD` as bytes (CalendarText keeps them per day). */
export interface DayBytes {
  dateBytes(day: number): Uint8Array;
}

export interface RowWriter {
  /** One ASCII character, by code. */
  byte(code: number): void;
  /** Ends a field. */
  comma(): void;
  /** Ends a record. */
  newline(): void;
  /** A whole number (|value| < 2^53) in decimal, as String(value) writes it. */
  int(value: number): void;
  /** Money from integer cents with exactly two decimals, as centsText writes it. */
  cents(cents: number): void;
  /** Text that needs no CSV quoting (the caller knows it holds no comma, quote, CR or LF). */
  plain(text: string): void;
  /** Free text with our CSV quoting (csvText.ts). */
  field(text: string): void;
  /** `${number} ${text}`, or `${number} ${text} ${more}` when `more` is not empty, as one field. */
  numberedField(number: number, text: string, more: string): void;
  /** Bytes already encoded, delimiters included (a value written once and repeated). */
  encoded(source: Uint8Array): void;
  /** `YYYY-MM-DD HH:MM:SS` of a whole number of epoch seconds. */
  timestamp(seconds: number, days: DayBytes): void;
  /**
   * For writers that write byte by byte: room for `bytes` more in the returned array, from `position`;
   * `advanceTo` then records how far they wrote. The array may change at every call.
   */
  reserve(bytes: number): Uint8Array;
  readonly position: number;
  advanceTo(position: number): void;
}
