// Where a row's line lies in a shard's clean CSV. The defect pass touches about one row in a hundred, so
// it finds only those lines, not every line of the shard: when the shard holds a line for every id of its
// range (all tables but customers, whose erased accounts leave gaps), line k - from is id k's, and a jump
// by the average line length lands a line or two from it. A shard with gaps is indexed line by line
// (parsing each line's leading id), as every shard was before.

const NEWLINE = 10;

/**
 * The lines of a shard of ids `from`..`to` holding `rows` lines, asked for in any order (fastest when
 * each id is near the one asked before).
 */
export function shardLines(clean: Uint8Array, from: number, to: number, rows: number): ShardLines {
  return new ShardLines(Buffer.from(clean.buffer, clean.byteOffset, clean.length), from, to, rows === to - from + 1);
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

const NO_INDEX = new Int32Array(0);

/**
 * Where each id's line lies. A shard with one line per id finds lines by interpolation: from the last
 * line found, jump the average line length times the ids between, then step a line at a time (a step or
 * two) to the id asked for. A shard with gaps indexes every line's start and end by id first.
 *
 * One class for both (a flag, not two classes behind an interface): the pass's row loop calling two
 * classes' methods was optimised for the first table's and thrown away when a table of the other kind
 * came, in every worker (issue 15).
 */
export class ShardLines {
  private lastId: number;
  private lastStart = 0;
  private readonly lineBytes: number;
  /** A shard with gaps: each id's line start (-1 for an id without a row) and end, by id - from; empty otherwise. */
  private readonly starts: Int32Array = NO_INDEX;
  private readonly ends: Int32Array = NO_INDEX;

  constructor(
    private readonly bytes: Buffer,
    private readonly from: number,
    private readonly to: number,
    private readonly complete: boolean,
  ) {
    this.lastId = from;
    this.lineBytes = bytes.length / Math.max(1, to - from + 1);
    if (!complete) {
      const count = Math.max(0, to - from + 1);
      this.starts = new Int32Array(count).fill(-1);
      this.ends = new Int32Array(count);
      this.index();
    }
  }

  /** Reads every line's leading id (a shard with gaps). */
  private index(): void {
    const { bytes, from, to } = this;
    let at = 0;
    let previous = from - 1;
    while (at < bytes.length) {
      const id = this.idAt(at);
      // Every line is searched here, so Buffer's search in C++ pays for its argument checks.
      const end = bytes.indexOf(NEWLINE, at);
      if (id <= previous || id > to || end < 0) throw unexpected(at, from, to);
      this.starts[id - from] = at;
      this.ends[id - from] = end + 1;
      previous = id;
      at = end + 1;
    }
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

  /** Byte offset where id's line starts, or -1 when the shard has no row with that id. */
  start(id: number): number {
    if (id < this.from || id > this.to) return -1;
    if (!this.complete) return this.starts[id - this.from] as number;
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

  /** Byte offset just after the newline of id's line (an id that start() found). */
  end(id: number): number {
    if (!this.complete) return this.ends[id - this.from] as number;
    const start = this.start(id);
    if (start < 0) throw unexpected(start, this.from, this.to);
    const end = newlineFrom(this.bytes, start);
    if (end < 0) throw unexpected(start, this.from, this.to);
    return end + 1;
  }

  /** Byte offset just after every line whose id is at most `id`. */
  after(id: number): number {
    if (this.complete) {
      if (id < this.from) return 0;
      if (id >= this.to) return this.bytes.length;
      return this.end(id);
    }
    for (let index = Math.min(id - this.from, this.starts.length - 1); index >= 0; index--) {
      if ((this.starts[index] as number) >= 0) return this.ends[index] as number;
    }
    return 0;
  }
}
