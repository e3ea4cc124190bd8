// A dirty line written into a shard's output. Most dirty rows change one field of a ~100-byte line, so
// the clean bytes around the changed fields are copied, not split and written again field by field.
import type { RowSink } from '../encoding/rowSink.js';

const COMMA = 44;

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
 * Writes `dirty`, a changed copy of the clean line at `start`..`end` of `bytes` (newline included) whose
 * fields are `clean`: only the fields from the first changed one to the last are written, the bytes around
 * them are copied as they are (the same bytes writeCsvLine would give: a line without a quote holds no
 * field our quoting changes). A line with a quote is written whole: not every comma in it is a separator.
 */
export function writeChangedLine(out: RowSink, bytes: Uint8Array, start: number, end: number, clean: readonly string[], dirty: readonly string[], quoted: boolean): void {
  if (quoted || dirty.length !== clean.length) {
    writeCsvLine(out, dirty);
    return;
  }
  let first = 0;
  while (first < dirty.length && dirty[first] === clean[first]) first++;
  if (first === dirty.length) {
    copyBytes(out, bytes, start, end);
    return;
  }
  let last = dirty.length - 1;
  while (dirty[last] === clean[last]) last--;
  let from = start;
  for (let field = 0; field < first; from++) if (bytes[from] === COMMA) field++;
  let to = from;
  for (let field = first; to < end - 1; to++) {
    if (bytes[to] === COMMA) {
      if (field === last) break;
      field++;
    }
  }
  copyBytes(out, bytes, start, from);
  for (let index = first; index <= last; index++) {
    if (index > first) out.comma();
    out.field(dirty[index] as string);
  }
  copyBytes(out, bytes, to, end);
}
