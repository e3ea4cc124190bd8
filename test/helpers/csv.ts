// A small RFC 4180 reader for tests: independent of the generator's own encoder on purpose.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const QUOTE = 34;
/** What ends an unquoted stretch of a field. */
const DELIMITER = /[,\n\r]/g;

/**
 * Records of a whole CSV text. A field that starts with `"` is quoted (doubled quotes are one quote; it
 * may hold commas, LF and CR); elsewhere `"` is an ordinary character. CR outside quotes and a last
 * record without LF throw. A line without `"` or CR (most lines) is split on its commas; any other
 * record is scanned field by field with indexOf and a regex search from lastIndex: the unit tier parses
 * datasets of half a million rows.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let index = 0;
  while (index < text.length) {
    const lineEnd = text.indexOf('\n', index);
    if (lineEnd >= 0) {
      const line = text.slice(index, lineEnd);
      if (!line.includes('"') && !line.includes('\r')) {
        rows.push(line.split(','));
        index = lineEnd + 1;
        continue;
      }
    }
    index = parseRecord(text, index, rows);
  }
  return rows;
}

/** Reads the record that starts at `index` into `rows`, field by field; returns where the next one starts. */
function parseRecord(text: string, index: number, rows: string[][]): number {
  const row: string[] = [];
  for (;;) {
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
    index = match.index + 1;
    if (match[0] === '\n') {
      rows.push(row);
      return index;
    }
  }
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
