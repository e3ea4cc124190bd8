// A dirty line written by splicing its changed fields into the clean bytes must be byte for byte the line
// written whole from its fields, whatever changed: first, last or middle fields, several, none, values
// that need quotes or are not ASCII, lines that hold quotes or non-ASCII text themselves.
import { describe, expect, it } from 'vitest';
import { writeCsvLine, writeEditedLine, writeField } from '../../../src/defects/changedLine.js';
import { CleanLine } from '../../../src/defects/cleanLine.js';
import { Rng } from '../../../src/core/random.js';
import { parseRecords } from '../../../src/encoding/csvRecords.js';
import { RowSink } from '../../../src/encoding/rowSink.js';
import { TABLE_NAMES } from '../../../src/schema/tableNames.js';
import { madeTableRows } from '../helpers/memoryDataset.js';

const encoder = new TextEncoder();
const REPLACEMENTS = ['', 'x', '  padded ', 'a,b', 'say "hi"', 'line\nbreak', 'Müller', '日本', '-1', '2099-01-01 00:00:00'];

function whole(fields: readonly string[]): string {
  const out = new RowSink(256);
  writeCsvLine(out, fields);
  return out.text();
}

/**
 * The line at `start`..`end` (with its newline) of `bytes`, with the fields of `dirty` that differ from
 * `clean` spliced in after a prefix, as the defect pass records them (changed columns in rising order).
 */
function spliced(bytes: Uint8Array, start: number, end: number, clean: readonly string[], dirty: readonly string[]): string {
  const line = new CleanLine().read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), start);
  expect(line.end).toBe(end - 1);
  const columns: number[] = [];
  const values: string[] = [];
  dirty.forEach((value, column) => {
    if (value !== clean[column]) {
      columns.push(column);
      values.push(value);
    }
  });
  const out = new RowSink(256);
  out.plain('prefix,');
  writeEditedLine(out, line, columns, values);
  return out.text().slice('prefix,'.length);
}

describe('a changed line spliced into the clean bytes', () => {
  it.each(TABLE_NAMES)('%s: equals the line written whole, for changes anywhere in any line', (table) => {
    const text = madeTableRows(table);
    const bytes = encoder.encode(text);
    const rng = new Rng().reseed(7, TABLE_NAMES.indexOf(table));
    let start = 0;
    let lines = 0;
    let changedLines = 0;
    while (start < bytes.length) {
      const end = bytes.indexOf(10, start) + 1;
      const line = new TextDecoder().decode(bytes.subarray(start, end - 1));
      const quoted = line.includes('"');
      const clean = quoted ? (parseRecords(line)[0] as string[]) : line.split(',');
      expect(whole(clean)).toBe(`${line}\n`);
      // Unchanged, then the first, the last, one in the middle, and two fields changed.
      const picks = [[], [0], [clean.length - 1], [rng.below(clean.length)], [rng.below(clean.length), rng.below(clean.length)]];
      for (const columns of picks) {
        const dirty = [...clean];
        for (const column of columns) dirty[column] = rng.pick(REPLACEMENTS);
        if (columns.some((column) => dirty[column] !== clean[column])) changedLines++;
        expect(spliced(bytes, start, end, clean, dirty), `${table} line ${lines + 1}, columns ${columns.join(' ')}`).toBe(whole(dirty));
      }
      lines++;
      start = end;
    }
    expect(lines).toBeGreaterThan(30);
    expect(changedLines).toBeGreaterThan(lines);
  });

  it('equals the line written whole for lines that hold quotes, commas and non-ASCII text', () => {
    const rng = new Rng().reseed(11, 1);
    let quotedLines = 0;
    for (let count = 0; count < 400; count++) {
      const clean = Array.from({ length: 2 + rng.below(6) }, () => rng.pick(REPLACEMENTS));
      const line = whole(clean);
      // The line is followed by another, as in a shard: the splice must stop at its own newline.
      const bytes = encoder.encode(`${line}tail\n`);
      const end = encoder.encode(line).length;
      const quoted = line.includes('"');
      if (quoted) quotedLines++;
      const dirty = [...clean];
      dirty[rng.below(clean.length)] = rng.pick(REPLACEMENTS);
      expect(spliced(bytes, 0, end, clean, dirty), JSON.stringify({ clean, dirty })).toBe(whole(dirty));
    }
    expect(quotedLines).toBeGreaterThan(50);
  });
});

describe('the pass\'s own field writer', () => {
  it('writes the bytes RowSink.field writes, for every kind of string, after other bytes and growing its sink', () => {
    const texts = [...REPLACEMENTS, '', '"', ',', '\r', 'tab\there', 'ok'.repeat(200), 'Ã¼ mojibake', 'x\uD800y', 'a'.padEnd(40, 'é'), `${'joined '.repeat(3)}${Math.PI}`, 'line,with,commas'.slice(5)];
    for (const text of texts) {
      const ours = new RowSink(4);
      const theirs = new RowSink(4);
      for (const out of [ours, theirs]) out.plain('id,');
      writeField(ours, text);
      theirs.field(text);
      expect(Buffer.from(ours.bytes()).equals(Buffer.from(theirs.bytes())), JSON.stringify(text)).toBe(true);
    }
  });
});
