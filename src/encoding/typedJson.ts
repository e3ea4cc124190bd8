import { parseRecords } from './csvRecords.js';
import type { TableEncoding } from './outputFormat.js';

export type JsonValue = string | number | boolean | null;

/** Typed values of one CSV record, for samples built as objects. */
export function typedValues(encoding: TableEncoding, fields: readonly string[]): Record<string, JsonValue> {
  const record: Record<string, JsonValue> = {};
  encoding.names.forEach((name, index) => {
    const value = fields[index] ?? '';
    const kind = encoding.kinds[index];
    record[name] = value === '' ? null : kind === 'number' ? Number(value) : kind === 'boolean' ? value === 'true' : value;
  });
  return record;
}

/** Each record of CSV text without a header (whole records, each ending in LF) as its fields. */
export function* csvRows(text: string): Generator<string[]> {
  yield* parseRecords(text, 'CSV rows');
}
