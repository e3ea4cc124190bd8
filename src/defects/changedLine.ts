// A dirty line written into a shard's output. Most dirty rows change one field of a ~100-byte line, so
// the clean bytes around the changed fields are copied, not split and written again field by field.
import { csvText, forcesQuotes } from '../encoding/csvText.js';
import { encodeText, type RowSink } from '../encoding/rowSink.js';
import type { CleanLine } from './cleanLine.js';

/**
 * Free text with our CSV quoting: the bytes RowSink.field writes, by the defect pass's own code. The
 * pass's values are strings of every kind V8 has (slices of a line, joined texts, two-byte mojibake):
 * through RowSink.field they made the text's length a megamorphic load there, and so in every generator
 * that inlines it (the orders, customers and products rows of a dirty run, ~1% of its CPU).
 */
export function writeField(out: RowSink, text: string): void {
  const length = text.length;
  const view = out.reserve(length);
  let at = out.position;
  for (let index = 0; index < length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0x80 || forcesQuotes(code)) {
      // Nothing is kept of the bytes copied so far: the position has not moved.
      out.encoded(encodeText(csvText(text)));
      return;
    }
    view[at++] = code;
  }
  out.advanceTo(at);
}

/** A CSV line of `fields` (our quoting), written straight into the sink. */
export function writeCsvLine(out: RowSink, fields: readonly string[]): void {
  for (let index = 0; index < fields.length; index++) {
    if (index > 0) out.comma();
    writeField(out, fields[index] as string);
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
    writeField(out, values[index] as string);
    from = line.fieldEnd(column);
  }
  // The rest of the line and its newline.
  copyBytes(out, bytes, from, line.end + 1);
}
