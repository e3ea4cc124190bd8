import type { TableEncoding } from './outputFormat.js';

/** Splits one of our CSV records (quotes only where needed) into fields. */
export function splitRecord(record: string): string[] {
  if (!record.includes('"')) return record.split(',');
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < record.length; index++) {
    const char = record[index] as string;
    if (quoted) {
      if (char === '"' && record[index + 1] === '"') {
        field += '"';
        index++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      fields.push(field);
      field = '';
    } else field += char;
  }
  fields.push(field);
  return fields;
}

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

/** Each line of our CSV text (no header; records never span lines) as its fields. */
export function* csvLines(text: string): Generator<string[]> {
  let start = 0;
  for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
    yield splitRecord(text.slice(start, end));
    start = end + 1;
  }
}
