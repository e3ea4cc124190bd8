// A small RFC 4180 reader for tests: independent of the generator's own encoder on purpose.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let index = 0;
  while (index < text.length) {
    const char = text[index] as string;
    if (quoted) {
      if (char === '"') {
        if (text[index + 1] === '"') {
          field += '"';
          index += 2;
          continue;
        }
        quoted = false;
        index++;
        continue;
      }
      field += char;
      index++;
      continue;
    }
    if (char === '"' && field.length === 0) {
      quoted = true;
    } else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (char === '\r') {
      throw new Error(`unexpected CR at offset ${index}`);
    } else {
      field += char;
    }
    index++;
  }
  if (field.length > 0 || row.length > 0) throw new Error('file does not end with LF');
  return rows;
}

export interface Table {
  readonly header: readonly string[];
  readonly rows: readonly string[][];
  /** Index of a column by name; throws when missing. */
  col(name: string): number;
}

export function readTable(directory: string, file: string): Table {
  const [header, ...rows] = parseCsv(readFileSync(join(directory, file), 'utf8'));
  if (!header) throw new Error(`${file} is empty`);
  for (const [index, row] of rows.entries()) {
    if (row.length !== header.length) throw new Error(`${file} line ${index + 2} has ${row.length} fields, header has ${header.length}`);
  }
  return {
    header,
    rows,
    col(name: string): number {
      const index = header.indexOf(name);
      if (index < 0) throw new Error(`${file} has no column ${name}`);
      return index;
    },
  };
}
