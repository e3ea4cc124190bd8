// A change's _seq: (seconds since the window's start, table, row id) packed into one BIGINT, so it grows
// with time, is unique per row change, and is computed from the change alone (batches are independent).
import { TABLE_NAMES, type TableName } from '../schema/tableNames.js';

/** Bits of the row id: ids up to 2^29 - 1 (536,870,911) fit. */
export const SEQ_ID_BITS = 29;
export const MAX_SEQ_ID = 2 ** SEQ_ID_BITS - 1;
const TABLE_BITS = 3;

/** The packed _seq as a bigint: (second - base) << 32 | table << 29 | id. */
export function changeSeq(second: number, base: number, table: TableName, id: number): bigint {
  const high = (second - base) * 2 ** TABLE_BITS + TABLE_NAMES.indexOf(table);
  return (BigInt(high) << BigInt(SEQ_ID_BITS)) | BigInt(id);
}
