// Where a row's line lies in a shard's clean CSV. The defect pass touches about one row in a hundred, so
// it finds only those lines, not every line of the shard: when the shard holds a line for every id of its
// range (all tables but customers, whose erased accounts leave gaps), line k - from is id k's, and a jump
// by the average line length lands a line or two from it. A shard with gaps is indexed line by line
// (parsing each line's leading id), as every shard was before.

const NEWLINE = 10;

export interface ShardLines {
  /** Byte offset where id's line starts, or -1 when the shard has no row with that id. */
  start(id: number): number;
  /** Byte offset just after the newline of id's line (an id that start() found). */
  end(id: number): number;
  /** Byte offset just after every line whose id is at most `id`. */
  after(id: number): number;
}

/**
 * The lines of a shard of ids `from`..`to` holding `rows` lines, asked for in any order (fastest
 * when each id is near the one asked before).
 */
export function shardLines(clean: Uint8Array, from: number, to: number, rows: number): ShardLines {
  const bytes = Buffer.from(clean.buffer, clean.byteOffset, clean.length);
  return rows === to - from + 1 ? new CompleteLines(bytes, from, to) : new IndexedLines(bytes, from, to);
}

// The line searches below are loops by hand: a line is a few dozen to a few hundred bytes, and Buffer's
// indexOf and lastIndexOf check their arguments in JavaScript before their search in C++, which cost more
// than the bytes they search (a tenth of the defect pass's time in a profile of prod web_events).

/** Offset of the last newline at or before `at`, or -1. */
function newlineAtOrBefore(bytes: Buffer, at: number): number {
  for (let index = at; index >= 0; index--) if (bytes[index] === NEWLINE) return index;
  return -1;
}

/** Offset of the first newline at or after `at`, or -1. */
function newlineFrom(bytes: Buffer, at: number): number {
  for (let index = at; index < bytes.length; index++) if (bytes[index] === NEWLINE) return index;
  return -1;
}

function unexpected(at: number, from: number, to: number): Error {
  return new Error(`defects: unexpected line at byte ${at} of the shard holding ids ${from}-${to}`);
}

/**
 * One line per id, so lines are found by interpolation: from the last line found, jump the average line
 * length times the ids between, then step a line at a time (a step or two) to the id asked for.
 */
class CompleteLines implements ShardLines {
  private lastId: number;
  private lastStart = 0;
  private readonly lineBytes: number;

  constructor(
    private readonly bytes: Buffer,
    private readonly from: number,
    private readonly to: number,
  ) {
    this.lastId = from;
    this.lineBytes = bytes.length / Math.max(1, to - from + 1);
  }

  /** The id leading the line at `start`. */
  private idAt(start: number): number {
    const bytes = this.bytes;
    let id = 0;
    let cursor = start;
    for (let byte = bytes[cursor] as number; byte >= 48 && byte <= 57; byte = bytes[++cursor] as number) id = id * 10 + (byte - 48);
    if (cursor === start) throw unexpected(start, this.from, this.to);
    return id;
  }

  start(id: number): number {
    if (id < this.from || id > this.to) return -1;
    if (id === this.lastId) return this.lastStart;
    const bytes = this.bytes;
    const guess = Math.min(bytes.length - 1, Math.max(0, Math.round(this.lastStart + (id - this.lastId) * this.lineBytes)));
    let start = guess === 0 ? 0 : newlineAtOrBefore(bytes, guess - 1) + 1;
    let lineId = this.idAt(start);
    while (lineId < id) {
      start = newlineFrom(bytes, start) + 1;
      if (start === 0 || start >= bytes.length) throw unexpected(start, this.from, this.to);
      lineId = this.idAt(start);
    }
    while (lineId > id) {
      start = start < 2 ? 0 : newlineAtOrBefore(bytes, start - 2) + 1;
      const previous = lineId;
      lineId = this.idAt(start);
      if (lineId >= previous) throw unexpected(start, this.from, this.to);
    }
    if (lineId !== id) throw unexpected(start, this.from, this.to);
    this.lastId = id;
    this.lastStart = start;
    return start;
  }

  end(id: number): number {
    const start = this.start(id);
    if (start < 0) throw unexpected(start, this.from, this.to);
    const end = newlineFrom(this.bytes, start);
    if (end < 0) throw unexpected(start, this.from, this.to);
    return end + 1;
  }

  after(id: number): number {
    if (id < this.from) return 0;
    if (id >= this.to) return this.bytes.length;
    return this.end(id);
  }
}

/** Every line's start, by id (-1 for an id without a row), read from each line's leading id. */
class IndexedLines implements ShardLines {
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;

  constructor(
    bytes: Buffer,
    private readonly from: number,
    to: number,
  ) {
    const count = Math.max(0, to - from + 1);
    this.starts = new Int32Array(count).fill(-1);
    this.ends = new Int32Array(count);
    let at = 0;
    let previous = from - 1;
    while (at < bytes.length) {
      let id = 0;
      let cursor = at;
      for (let byte = bytes[cursor] as number; byte >= 48 && byte <= 57; byte = bytes[++cursor] as number) id = id * 10 + (byte - 48);
      const end = bytes.indexOf(NEWLINE, at);
      if (cursor === at || id <= previous || id > to || end < 0) throw unexpected(at, from, to);
      this.starts[id - from] = at;
      this.ends[id - from] = end + 1;
      previous = id;
      at = end + 1;
    }
  }

  start(id: number): number {
    const index = id - this.from;
    return index < 0 || index >= this.starts.length ? -1 : (this.starts[index] as number);
  }

  end(id: number): number {
    return this.ends[id - this.from] as number;
  }

  after(id: number): number {
    for (let index = Math.min(id - this.from, this.starts.length - 1); index >= 0; index--) {
      if ((this.starts[index] as number) >= 0) return this.ends[index] as number;
    }
    return 0;
  }
}
