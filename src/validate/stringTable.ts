// Interns strings (emails, SKUs, session ids, composite unique keys) compactly: their UTF-8 bytes go
// into one growing byte pool, and an open-addressing table of (entry, hash) pairs is probed by a 32-bit
// hash; equal hashes are confirmed byte by byte, so a hash collision can never merge two different
// strings. About (bytes + 20) per distinct string instead of a JS string and a Set entry each.
// A pair keeps an entry's hash next to it, so a probe that misses touches one place in memory.
import { ensureIndex } from './growable.js';

const EMPTY = -1;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a spreads poorly in its low bits for short keys; a final avalanche fixes that. */
function finish(hash: number): number {
  let mixed = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  mixed = Math.imul(mixed ^ (mixed >>> 13), 0xc2b2ae35);
  return mixed ^ (mixed >>> 16);
}

export class StringTable {
  private pool = Buffer.alloc(1 << 16);
  private used = 0;
  /** Entry e's bytes are pool[starts[e], starts[e + 1]); the pool stays below 4 GB. */
  private starts = new Uint32Array(1024);
  /** Pairs (entry, hash); entry EMPTY marks a free pair. */
  private slots = new Int32Array(4096).fill(EMPTY);
  private mask = 2047;
  private count = 0;
  /** Whether the last intern() added a new string. */
  added = false;
  /** Set when the pool would exceed `maxBytes`: new strings are then refused (intern returns -1). */
  overflowed = false;

  constructor(private readonly maxBytes = 256 * 1024 * 1024) {}

  get size(): number {
    return this.count;
  }

  /** The entry number of `text`, adding it when new (see `added`); -1 when full. */
  intern(text: string): number {
    // ASCII text (the usual keys) is hashed and compared as char codes, which equal its UTF-8 bytes,
    // so a string already present costs no copy; other text goes through its UTF-8 bytes.
    const length = text.length;
    let hash = FNV_OFFSET;
    for (let index = 0; index < length; index++) {
      const code = text.charCodeAt(index);
      if (code > 127) return this.internBytes(text);
      hash = Math.imul(hash ^ code, FNV_PRIME);
    }
    hash = finish(hash);
    const { pool, slots, starts } = this;
    for (let at = hash & this.mask; ; at = (at + 1) & this.mask) {
      const entry = slots[at * 2] as number;
      if (entry === EMPTY) break;
      if (slots[at * 2 + 1] !== hash) continue;
      const from = starts[entry] as number;
      if ((starts[entry + 1] as number) - from !== length) continue;
      let same = true;
      for (let index = 0; index < length && same; index++) same = pool[from + index] === text.charCodeAt(index);
      if (same) {
        this.added = false;
        return entry;
      }
    }
    return this.internBytes(text);
  }

  /** The entry number of `text`, or -1 when absent. */
  find(text: string): number {
    const bytes = Buffer.from(text, 'utf8');
    let hash = FNV_OFFSET;
    for (const byte of bytes) hash = Math.imul(hash ^ byte, FNV_PRIME);
    hash = finish(hash);
    for (let at = hash & this.mask; ; at = (at + 1) & this.mask) {
      const entry = this.slots[at * 2] as number;
      if (entry === EMPTY) return EMPTY;
      if (this.slots[at * 2 + 1] === hash && bytes.equals(this.pool.subarray(this.starts[entry], this.starts[entry + 1]))) return entry;
    }
  }

  text(entry: number): string {
    return this.pool.toString('utf8', this.starts[entry], this.starts[entry + 1]);
  }

  /** Frees the memory once the strings are no longer needed; the table is then empty. */
  release(): void {
    this.pool = Buffer.alloc(0);
    this.used = 0;
    this.starts = new Uint32Array(1);
    this.slots = new Int32Array(4).fill(EMPTY);
    this.mask = 1;
    this.count = 0;
  }

  /** intern() through the UTF-8 bytes: written at the pool's end, kept only when new. */
  private internBytes(text: string): number {
    const start = this.used;
    if (start + text.length * 3 > this.pool.length && !this.growPool(start + text.length * 3)) {
      this.added = false;
      return this.find(text);
    }
    const pool = this.pool;
    const end = start + pool.write(text, start, 'utf8');
    let hash = FNV_OFFSET;
    for (let at = start; at < end; at++) hash = Math.imul(hash ^ (pool[at] as number), FNV_PRIME);
    hash = finish(hash);
    let at = hash & this.mask;
    for (; ; at = (at + 1) & this.mask) {
      const entry = this.slots[at * 2] as number;
      if (entry === EMPTY) break;
      if (this.slots[at * 2 + 1] === hash && this.sameBytes(entry, start, end)) {
        this.added = false;
        return entry;
      }
    }
    const entry = this.count++;
    this.starts = ensureIndex(this.starts, entry + 1);
    this.starts[entry] = start;
    this.starts[entry + 1] = end;
    this.slots[at * 2] = entry;
    this.slots[at * 2 + 1] = hash;
    this.used = end;
    this.added = true;
    if (this.count * 2 > this.mask + 1) this.rehash();
    return entry;
  }

  private sameBytes(entry: number, start: number, end: number): boolean {
    const from = this.starts[entry] as number;
    if ((this.starts[entry + 1] as number) - from !== end - start) return false;
    const pool = this.pool;
    for (let offset = 0; offset < end - start; offset++) if (pool[from + offset] !== pool[start + offset]) return false;
    return true;
  }

  private growPool(needed: number): boolean {
    let length = this.pool.length * 2;
    while (length < needed) length *= 2;
    if (length > this.maxBytes) {
      if (needed > this.maxBytes) {
        this.overflowed = true;
        return false;
      }
      length = this.maxBytes;
    }
    const grown = Buffer.alloc(length);
    this.pool.copy(grown, 0, 0, this.used);
    this.pool = grown;
    return true;
  }

  private rehash(): void {
    const old = this.slots;
    const capacity = (this.mask + 1) * 2;
    this.slots = new Int32Array(capacity * 2).fill(EMPTY);
    this.mask = capacity - 1;
    for (let pair = 0; pair < old.length; pair += 2) {
      const entry = old[pair] as number;
      if (entry === EMPTY) continue;
      const hash = old[pair + 1] as number;
      let at = hash & this.mask;
      while (this.slots[at * 2] !== EMPTY) at = (at + 1) & this.mask;
      this.slots[at * 2] = entry;
      this.slots[at * 2 + 1] = hash;
    }
  }
}
