// JSON lines for a dirty shard: clean stretches go through the fast byte encoder, dirty rows are written
// from their fields, so a value that no longer fits its column (`$12.50` where a number belongs) becomes a
// JSON string instead of breaking the line: what a feed's drifted number looks like in JSON.
import type { TableEncoding } from '../encoding/outputFormat.js';
import type { JsonLinesEncoder } from '../encoding/jsonLines.js';
import { encodeText, type RowSink } from '../encoding/rowSink.js';
import type { DirtyLine } from './shardDefects.js';

const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;

/** One record as a JSON line: typed where the text fits its column's kind, a string where it does not. */
export function lenientJsonLine(fields: readonly string[], encoding: TableEncoding): string {
  const parts = encoding.names.map((name, index) => {
    const text = fields[index] ?? '';
    const kind = encoding.kinds[index];
    let value: string;
    if (text === '') value = 'null';
    else if (kind === 'number' && JSON_NUMBER.test(text)) value = text;
    else if (kind === 'boolean' && (text === 'true' || text === 'false')) value = text;
    else value = JSON.stringify(text);
    return `${JSON.stringify(name)}:${value}`;
  });
  return `{${parts.join(',')}}\n`;
}

/** Appends the JSON lines of a dirty shard's CSV to `sink`. */
export function encodeDirtyJson(csv: Uint8Array, dirtyLines: readonly DirtyLine[], encoder: JsonLinesEncoder, encoding: TableEncoding, sink: RowSink): void {
  let at = 0;
  for (const line of dirtyLines) {
    if (line.start > at) encoder.encode(csv.subarray(at, line.start), sink);
    // A plain Uint8Array, as the generators hand `encoded` (a Buffer there deoptimised it and its inliners).
    sink.encoded(encodeText(lenientJsonLine(line.fields, encoding)));
    at = line.end;
  }
  if (at < csv.length) encoder.encode(csv.subarray(at), sink);
}
