import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/** Splits one CSV record (RFC 4180) into fields. */
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

function quoteCount(line: string): number {
  let count = 0;
  for (let index = line.indexOf('"'); index !== -1; index = line.indexOf('"', index + 1)) count++;
  return count;
}

/**
 * Streams a CSV file's records as field arrays (header first), a line at a time: a record spans lines
 * only while a quoted field holds a newline, which an odd count of quotes on the line reveals.
 */
export async function* csvRecords(file: string): AsyncGenerator<string[]> {
  const lines = createInterface({ input: createReadStream(file, { highWaterMark: 1 << 20 }), crlfDelay: Infinity });
  let pending = '';
  let open = false;
  for await (const line of lines) {
    const record = open ? `${pending}\n${line}` : line;
    if (quoteCount(line) % 2 === 1) open = !open;
    if (open) {
      pending = record;
      continue;
    }
    pending = '';
    yield splitRecord(record);
  }
  if (open) throw new Error(`${file}: a quoted field is not closed at the end of the file`);
}
