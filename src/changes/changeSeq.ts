// A change's _seq: (seconds since the window's start, table, row id) packed into one BIGINT, so it grows
// with time, is unique per row change, and is computed from the change alone (batches are independent).
import { writeDigits, type RowSink } from '../encoding/rowSink.js';
import { TABLE_NAMES, type TableName } from '../schema/tableNames.js';

/** Bits of the row id: ids up to 2^29 - 1 (536,870,911) fit. */
export const SEQ_ID_BITS = 29;
export const MAX_SEQ_ID = 2 ** SEQ_ID_BITS - 1;
const TABLE_BITS = 3;

/** The packed _seq as a bigint: (second - base) << 32 | table << 29 | id. */
export function changeSeq(second: number, base: number, table: TableName, id: number): bigint {
  const high = (second - base) * 2 ** TABLE_BITS + seqTableIndex(table);
  return (BigInt(high) << BigInt(SEQ_ID_BITS)) | BigInt(id);
}

const BILLION = 1e9;
const ZERO = 48;

/** The most bytes changeSeq's digits take (a signed BIGINT). */
export const MAX_SEQ_BYTES = 20;

/**
 * Writes changeSeq's decimal digits into the sink without making a bigint: the packed value passes 2^53,
 * so it is split exactly into two base-10^9 halves, every intermediate an integer below 2^53. The same
 * text as `changeSeq(...).toString()` (a BigInt's digits cost a string per row).
 */
export function writeChangeSeq(sink: RowSink, second: number, base: number, tableIndex: number, id: number): void {
  const view = sink.reserve(MAX_SEQ_BYTES);
  sink.advanceTo(writeChangeSeqAt(view, sink.position, second, base, tableIndex, id));
}

/** writeChangeSeq into `view` at `at` (MAX_SEQ_BYTES of room); returns where the digits end. */
export function writeChangeSeqAt(view: Uint8Array, at: number, second: number, base: number, tableIndex: number, id: number): number {
  const high = (second - base) * 2 ** TABLE_BITS + tableIndex;
  if (!(high >= 0 && high < 2 ** 31 && Number.isInteger(high) && Number.isInteger(id) && id >= 0 && id <= MAX_SEQ_ID)) {
    const text = ((BigInt(high) << BigInt(SEQ_ID_BITS)) | BigInt(id)).toString();
    for (let index = 0; index < text.length; index++) view[at + index] = text.charCodeAt(index);
    return at + text.length;
  }
  // high * 2^29 + id = high * 536 * 10^6 + (high * 870,912 + id); high * 536 = u * 1000 + v.
  const scaled = high * 536;
  const u = Math.floor(scaled / 1000);
  const w = (scaled - u * 1000) * 1e6 + high * 870_912 + id;
  const carry = Math.floor(w / BILLION);
  const upper = u + carry;
  const lower = w - carry * BILLION;
  if (upper === 0) return writeDigits(view, at, lower);
  const end = writeDigits(view, at, upper) + 9;
  // The lower half with its leading zeros: nine digits.
  let rest = lower;
  for (let position = end - 1; position >= end - 9; position--) {
    const next = Math.floor(rest / 10);
    view[position] = ZERO + rest - next * 10;
    rest = next;
  }
  return end;
}

/** A table's position in TABLE_NAMES, the part of _seq that tells tables apart. */
export function seqTableIndex(table: TableName): number {
  return TABLE_NAMES.indexOf(table);
}
