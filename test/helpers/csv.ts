// A small RFC 4180 reader for tests: independent of the generator's own encoder on purpose.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const QUOTE = 34;
/** What ends an unquoted stretch of a field. */
const DELIMITER = /[,\n\r]/g;

/**
 * Records of a whole CSV text. A field that starts with `"` is quoted (doubled quotes are one quote; it
 * may hold commas, LF and CR); elsewhere `"` is an ordinary character. CR outside quotes and a last
 * record without LF throw. Scans with indexOf and a regex search from lastIndex rather than char by char: the unit
 * tier parses datasets of half a million rows.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let index = 0;
  while (index < text.length) {
    let field = '';
    if (text.charCodeAt(index) === QUOTE) {
      let from = index + 1;
      for (;;) {
        const close = text.indexOf('"', from);
        if (close < 0) throw new Error(`unterminated quote from offset ${index}`);
        field += text.slice(from, close);
        if (text.charCodeAt(close + 1) !== QUOTE) {
          index = close + 1;
          break;
        }
        field += '"';
        from = close + 2;
      }
    }
    DELIMITER.lastIndex = index;
    const match = DELIMITER.exec(text);
    if (!match) throw new Error('file does not end with LF');
    field += text.slice(index, match.index);
    if (match[0] === '\r') throw new Error(`unexpected CR at offset ${match.index}`);
    row.push(field);
    if (match[0] === '\n') {
      rows.push(row);
      row = [];
    }
    index = match.index + 1;
  }
  if (row.length > 0) throw new Error('file does not end with LF');
  return rows;
}

export interface Table {
  readonly header: readonly string[];
  readonly rows: readonly string[][];
  /** Index of a column by name; throws when missing. */
  col(name: string): number;
}

/** A whole CSV file's text (header + rows) as a Table; `name` only labels errors. */
export function tableFromText(text: string, name: string): Table {
  const [header, ...rows] = parseCsv(text);
  if (!header) throw new Error(`${name} is empty`);
  for (const [index, row] of rows.entries()) {
    if (row.length !== header.length) throw new Error(`${name} line ${index + 2} has ${row.length} fields, header has ${header.length}`);
  }
  return {
    header,
    rows,
    col(column: string): number {
      const index = header.indexOf(column);
      if (index < 0) throw new Error(`${name} has no column ${column}`);
      return index;
    },
  };
}

export function readTable(directory: string, file: string): Table {
  return tableFromText(readFileSync(join(directory, file), 'utf8'), file);
}
