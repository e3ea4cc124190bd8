// A clean line read from its bytes gives the fields the old decode-and-split gave (the CSV parser for a
// line with a quote), field by field in any order: real generated lines of every table, quoted fields,
// empty fields, the last field, non-ASCII text, and a line followed by others in the same buffer.
import { describe, expect, it } from 'vitest';
import { CleanLine } from '../../../src/defects/cleanLine.js';
import { writeCsvLine } from '../../../src/defects/changedLine.js';
import { Rng } from '../../../src/core/random.js';
import { parseRecords } from '../../../src/encoding/csvRecords.js';
import { RowSink } from '../../../src/encoding/rowSink.js';
import { TABLE_NAMES } from '../../../src/schema/tableNames.js';
import { madeTableRows } from '../helpers/memoryDataset.js';

const VALUES = ['', 'x', '  padded ', 'a,b', 'say "hi"', 'line\nbreak', 'Müller', '日本', '-1', '2099-01-01 00:00:00'];

/** What the defect pass did before: decode the line, split it on commas, or parse it when it holds a quote. */
function oldFields(text: string): string[] {
  return text.includes('"') ? (parseRecords(text)[0] ?? ['']) : text.split(',');
}

/** Each line of `text` (without its newline) and where it lies in the text's bytes. */
function linesOf(bytes: Buffer): { start: number; end: number }[] {
  const lines: { start: number; end: number }[] = [];
  for (let start = 0; start < bytes.length; ) {
    const end = bytes.indexOf(10, start);
    lines.push({ start, end });
    start = end + 1;
  }
  return lines;
}

describe('a clean line read from its bytes', () => {
  it.each(TABLE_NAMES)('%s: every field of every line, read in a random order, is the old split\'s', (table) => {
    const bytes = Buffer.from(madeTableRows(table), 'utf8');
    const rng = new Rng().reseed(3, TABLE_NAMES.indexOf(table));
    const line = new CleanLine();
    const lines = linesOf(bytes);
    for (const { start, end } of lines) {
      const expected = oldFields(bytes.toString('utf8', start, end));
      line.read(bytes, start);
      expect(line.end).toBe(end);
      expect(line.count).toBe(expected.length);
      // Fields asked for out of order first (the decode fills what it skipped), then all of them.
      const picked = rng.below(expected.length);
      expect(line.field(picked)).toBe(expected[picked]);
      expect(line.fields()).toEqual(expected);
      expect(line.field(expected.length)).toBeUndefined();
      expect(line.field(-1)).toBeUndefined();
    }
    expect(lines.length).toBeGreaterThan(30);
  });

  it('gives the fields of lines with quotes, commas, line breaks, empty and non-ASCII fields', () => {
    const rng = new Rng().reseed(5, 1);
    let quoted = 0;
    let spliceable = 0;
    const line = new CleanLine();
    for (let count = 0; count < 400; count++) {
      const fields = Array.from({ length: 1 + rng.below(7) }, () => rng.pick(VALUES));
      const out = new RowSink(256);
      out.plain('before\n');
      writeCsvLine(out, fields);
      out.plain('after,1\n');
      const bytes = Buffer.from(out.bytes());
      const end = bytes.length - 'after,1\n'.length - 1;
      line.read(bytes, 'before\n'.length);
      // Its end is the line break after it, not one inside a quoted field.
      expect(line.end).toBe(end);
      expect(line.fields(), JSON.stringify(fields)).toEqual(fields);
      expect(line.field(fields.length - 1)).toBe(fields[fields.length - 1]);
      if (line.spliceable) {
        spliceable++;
        // A spliceable line's field offsets hold exactly the field's bytes.
        fields.forEach((field, index) => expect(bytes.toString('utf8', line.fieldStart(index), line.fieldEnd(index))).toBe(field));
      } else quoted++;
    }
    expect(quoted).toBeGreaterThan(50);
    expect(spliceable).toBeGreaterThan(50);
  });

  it('reads a line of many fields (past its first offset table), an empty line and a last line without a line break', () => {
    const fields = Array.from({ length: 200 }, (_, index) => String(index));
    const bytes = Buffer.from(`${fields.join(',')}\n\n`, 'utf8');
    const line = new CleanLine().read(bytes, 0);
    expect(line.fields()).toEqual(fields);
    expect(line.end).toBe(bytes.length - 2);
    line.read(bytes, bytes.length - 1);
    expect(line.fields()).toEqual(['']);
    expect(line.end).toBe(bytes.length - 1);
    const unterminated = Buffer.from('7,a,', 'utf8');
    expect(line.read(unterminated, 0).fields()).toEqual(['7', 'a', '']);
    expect(line.end).toBe(unterminated.length);
  });

  it('made from fields gives them back and is not spliced', () => {
    const line = CleanLine.of(['1', 'a,b', '']);
    expect(line.fields()).toEqual(['1', 'a,b', '']);
    expect(line.field(1)).toBe('a,b');
    expect(line.spliceable).toBe(false);
  });
});
