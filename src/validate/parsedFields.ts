// The numbers of the current record's INTEGER, BIGINT and TIMESTAMP fields, parsed once by the column
// checks (TableScan.checkValues) for the foreign keys, the key columns and the rules that read them
// again: web_events' ids and times were each parsed three times a row before.
import { parseInteger, parseTimestamp } from './valueParsers.js';

const NOT_PARSED = 0;
export const INTEGER_FIELD = 1;
export const TIMESTAMP_FIELD = 2;

export class ParsedFields {
  /** By record index: the field's number (NaN when NULL or not one), valid for the record being checked. */
  readonly values: Float64Array;
  /** By record index: INTEGER_FIELD, TIMESTAMP_FIELD, or 0 for a field not parsed here. */
  readonly kinds: Uint8Array;

  constructor(width: number) {
    this.values = new Float64Array(width);
    this.kinds = new Uint8Array(width).fill(NOT_PARSED);
  }

  /** parseInteger of the field at record index `at`. */
  integer(fields: readonly string[], at: number): number {
    return this.kinds[at] === INTEGER_FIELD ? (this.values[at] as number) : parseInteger(fields[at] as string);
  }

  /** parseTimestamp of the field at record index `at`. */
  timestamp(fields: readonly string[], at: number): number {
    return this.kinds[at] === TIMESTAMP_FIELD ? (this.values[at] as number) : parseTimestamp(fields[at] as string);
  }
}
