// A dirty line written into a shard's output. Most dirty rows change one field of a ~100-byte line, so
// the clean bytes around the changed fields are copied, not split and written again field by field.
import type { RowSink } from '../encoding/rowSink.js';
import type { CleanLine } from './cleanLine.js';

/** A CSV line of `fields` (our quoting), written straight into the sink. */
export function writeCsvLine(out: RowSink, fields: readonly string[]): void {
  for (let index = 0; index < fields.length; index++) {
    if (index > 0) out.comma();
    out.field(fields[index] as string);
  }
  out.newline();
}

/** Copies bytes `from`..`to` of `bytes` into the sink: a line's few dozen bytes by hand, without a view per copy. */
function copyBytes(out: RowSink, bytes: Uint8Array, from: number, to: number): void {
  const view = out.reserve(to - from);
  let at = out.position;
  for (let index = from; index < to; index++) view[at++] = bytes[index] as number;
  out.advanceTo(at);
}

/**
 * Writes the clean `line` with the changes `columns` (rising) -> `values` made: the bytes around the changed
 * fields are copied as they are (the same bytes writeCsvLine gives: a line without a quote holds no field
 * our quoting changes), each changed field is written with our quoting. A line that is not spliceable (it
 * holds a quote, so not every comma in it is a separator) is written whole from its fields.
 */
export function writeEditedLine(out: RowSink, line: CleanLine, columns: readonly number[], values: readonly string[]): void {
  if (!line.spliceable) {
    writeCsvLine(out, line.fieldsWith(columns, values));
    return;
  }
  const bytes = line.source;
  let from = line.start;
  for (let index = 0; index < columns.length; index++) {
    const column = columns[index] as number;
    copyBytes(out, bytes, from, line.fieldStart(column));
    out.field(values[index] as string);
    from = line.fieldEnd(column);
  }
  // The rest of the line and its newline.
  copyBytes(out, bytes, from, line.end + 1);
}
