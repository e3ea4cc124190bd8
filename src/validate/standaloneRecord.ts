// The byte reader of a table that refers to no other (customers, products): its primary key and integer
// unique keys read as integers (RowColumns.addRead takes them), its text unique keys and the texts its
// rules read as strings. customerBytes and productBytes then ask for the kinds their rules need.
import { ByteRecord, type FieldKind } from './byteRecord.js';
import type { PlainRowSetup } from './plainRows.js';

export interface StandaloneRecord {
  readonly record: ByteRecord;
  /** Whether every field at `ats` is read as one of `kinds`. */
  reads(ats: readonly number[], kinds: readonly FieldKind[]): boolean;
}

/**
 * The reader of `setup`'s records with the fields at `ruleTextAts` read as strings, or undefined when
 * the table is not one the byte path can take (every record then takes the string checks): no
 * single-column primary key, a foreign key, or a key column not read as an integer.
 */
export function standaloneRecord(setup: PlainRowSetup, ruleTextAts: readonly number[]): StandaloneRecord | undefined {
  const { schema, layout, now, columns } = setup;
  if (!columns.keyed) return undefined;
  // A table that refers to another is not one these rules know: its keys take the string checks.
  if (setup.foreignKeys.some((foreignKey) => foreignKey.ids !== undefined)) return undefined;
  const textAts = new Set([...ruleTextAts, ...columns.uniqueTextAts]);
  const strings = new Set(schema.columns.filter((column) => textAts.has(layout.at(column.name))).map((column) => column.name));
  const record = ByteRecord.of(schema, layout, now, strings);
  if (!record) return undefined;
  const reads = (ats: readonly number[], kinds: readonly FieldKind[]): boolean => ats.every((at) => kinds.includes(record.kindAt(at) as FieldKind));
  // The primary key and any integer unique key travel as the numbers read (addRead).
  const integerAts = schema.columns.filter((column) => column.primaryKey || column.type.kind === 'INTEGER' || column.type.kind === 'BIGINT').map((column) => layout.at(column.name));
  return reads(integerAts, ['integer']) ? { record, reads } : undefined;
}
