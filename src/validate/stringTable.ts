// Interns strings (emails, SKUs, session ids, composite unique keys) compactly: their UTF-8 bytes go
// into one growing byte pool, and an open-addressing table of (entry, hash) pairs is probed by a 32-bit
// hash; equal hashes are confirmed byte by byte, so a hash collision can never merge two different
// strings. About (bytes + 20) per distinct string instead of a JS string and a Set entry each.
// A pair keeps an entry's hash next to it, so a probe that misses touches one place in memory.
// The pool is a list of pages that never move: growing it allocates one page, instead of copying the
// whole pool into one twice its size (which held three times the bytes for a moment, and up to twice
// the bytes needed after: prod's session ids made that validate's peak RSS).
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

/** Bytes of a pool page (a power of two); a string longer than a page gets a page of its own size. */
const PAGE_BITS = 20;
const PAGE_BYTES = 1 << PAGE_BITS;

export class StringTable {
  /** Page p holds the bytes at pool offsets [p * PAGE_BYTES, (p + 1) * PAGE_BYTES) (an oversized page more). */
  private pages: Buffer[] = [];
  /** Pool offset of the first free byte; an entry never spans two pages. */
  private used = 0;
  /** Bytes allocated in pages. */
  private allocated = 0;
  /** Entry e's bytes are at pool offsets [starts[e], starts[e] + lengths[e]). */
  private starts = new Uint32Array(1024);
  private lengths = new Uint32Array(1024);
  /** Pairs (entry, hash); entry EMPTY marks a free pair. */
  private slots = new Int32Array(4096).fill(EMPTY);
  private mask = 2047;
  private count = 0;
  /** Whether the last intern() added a new string. */
  added = false;
  /** Set when the pool would exceed `maxBytes`: new strings are then refused (intern returns -1). */
  overflowed = false;
  /** The page and offset an entry's bytes start at (see locate). */
  private page: Buffer = Buffer.alloc(0);
  private offset = 0;
  /** Where the next page starts, when `used` reached the end of the last one (an oversized page ends past it). */
  private pageEnd = 0;
  private readonly pageStarts: number[] = [];

  constructor(private readonly maxBytes = 256 * 1024 * 1024) {}

  get size(): number {
    return this.count;
  }

  /** Sets `page` and `offset` to where pool offset `start` lies. */
  private locate(start: number): void {
    let index = Math.min(this.pages.length - 1, Math.floor(start / PAGE_BYTES));
    while ((this.pageStarts[index] as number) > start) index--;
    this.page = this.pages[index] as Buffer;
    this.offset = start - (this.pageStarts[index] as number);
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
    const { slots, starts, lengths } = this;
    for (let at = hash & this.mask; ; at = (at + 1) & this.mask) {
      const entry = slots[at * 2] as number;
      if (entry === EMPTY) break;
      if (slots[at * 2 + 1] !== hash) continue;
      if (lengths[entry] !== length) continue;
      this.locate(starts[entry] as number);
      const { page, offset } = this;
      let same = true;
      for (let index = 0; index < length && same; index++) same = page[offset + index] === text.charCodeAt(index);
      if (same) {
        this.added = false;
        return entry;
      }
    }
    return this.internBytes(text);
  }

  /**
   * intern() of the ASCII text `bytes[start, end)` (the caller knows it is ASCII), without making a
   * string of it: same hash, same entry numbers.
   */
  internAscii(bytes: Uint8Array, start: number, end: number): number {
    const length = end - start;
    let hash = FNV_OFFSET;
    for (let at = start; at < end; at++) hash = Math.imul(hash ^ (bytes[at] as number), FNV_PRIME);
    hash = finish(hash);
    const { slots, starts, lengths } = this;
    let at = hash & this.mask;
    for (; ; at = (at + 1) & this.mask) {
      const entry = slots[at * 2] as number;
      if (entry === EMPTY) break;
      if (slots[at * 2 + 1] !== hash || lengths[entry] !== length) continue;
      this.locate(starts[entry] as number);
      const { page, offset } = this;
      let same = true;
      for (let index = 0; index < length && same; index++) same = page[offset + index] === bytes[start + index];
      if (same) {
        this.added = false;
        return entry;
      }
    }
    // As much room as intern() asks for (three bytes a character), so both fill the pool alike.
    if (!this.room(length * 3)) {
      this.added = false;
      return EMPTY;
    }
    const poolStart = this.used;
    this.locate(poolStart);
    // Copied byte by byte: a subarray to set() from was an object per new string (a million session ids
    // in the coordinator and as many again in the workers).
    const { page, offset } = this;
    for (let index = 0; index < length; index++) page[offset + index] = bytes[start + index] as number;
    const entry = this.count++;
    this.starts = ensureIndex(this.starts, entry);
    this.lengths = ensureIndex(this.lengths, entry);
    this.starts[entry] = poolStart;
    this.lengths[entry] = length;
    this.slots[at * 2] = entry;
    this.slots[at * 2 + 1] = hash;
    this.used = poolStart + length;
    this.added = true;
    if (this.count * 2 > this.mask + 1) this.rehash();
    return entry;
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
      if (this.slots[at * 2 + 1] === hash && this.lengths[entry] === bytes.length && bytes.equals(this.bytesOf(entry))) return entry;
    }
  }

  private bytesOf(entry: number): Buffer {
    this.locate(this.starts[entry] as number);
    return this.page.subarray(this.offset, this.offset + (this.lengths[entry] as number));
  }

  /** Every entry's bytes, one after another: entry e ends at `ends[e]` (and starts where e - 1 ends). */
  entryBytes(): { readonly bytes: Uint8Array; readonly ends: Uint32Array } {
    const ends = new Uint32Array(this.count);
    let total = 0;
    for (let entry = 0; entry < this.count; entry++) {
      total += this.lengths[entry] as number;
      ends[entry] = total;
    }
    const bytes = new Uint8Array(total);
    // Copied byte by byte, not set() from a subarray of each entry: an object per session id and task.
    for (let entry = 0; entry < this.count; entry++) {
      const length = this.lengths[entry] as number;
      const to = (ends[entry] as number) - length;
      this.locate(this.starts[entry] as number);
      const { page, offset } = this;
      for (let index = 0; index < length; index++) bytes[to + index] = page[offset + index] as number;
    }
    return { bytes, ends };
  }

  text(entry: number): string {
    return this.bytesOf(entry).toString('utf8');
  }

  /** Empties the table for reuse, keeping its first page and the capacity of its arrays. */
  clear(): void {
    const first = this.pages[0];
    this.pages = first ? [first] : [];
    this.pageStarts.length = first ? 1 : 0;
    this.page = first ?? Buffer.alloc(0);
    this.offset = 0;
    this.used = 0;
    this.allocated = first?.length ?? 0;
    this.pageEnd = this.allocated;
    this.slots.fill(EMPTY);
    this.count = 0;
    this.added = false;
    this.overflowed = false;
  }

  /** Frees the memory once the strings are no longer needed; the table is then empty. */
  release(): void {
    this.pages = [];
    this.pageStarts.length = 0;
    this.page = Buffer.alloc(0);
    this.used = 0;
    this.allocated = 0;
    this.pageEnd = 0;
    this.starts = new Uint32Array(1);
    this.lengths = new Uint32Array(1);
    this.slots = new Int32Array(4).fill(EMPTY);
    this.mask = 1;
    this.count = 0;
  }

  /** intern() through the UTF-8 bytes: written at the pool's end, kept only when new. */
  private internBytes(text: string): number {
    if (!this.room(text.length * 3)) {
      this.added = false;
      return this.find(text);
    }
    const start = this.used;
    this.locate(start);
    const { page, offset } = this;
    const written = page.write(text, offset, 'utf8');
    const end = offset + written;
    let hash = FNV_OFFSET;
    for (let at = offset; at < end; at++) hash = Math.imul(hash ^ (page[at] as number), FNV_PRIME);
    hash = finish(hash);
    let at = hash & this.mask;
    for (; ; at = (at + 1) & this.mask) {
      const entry = this.slots[at * 2] as number;
      if (entry === EMPTY) break;
      if (this.slots[at * 2 + 1] === hash && this.lengths[entry] === written && page.compare(this.bytesOf(entry), 0, written, offset, end) === 0) {
        this.added = false;
        return entry;
      }
    }
    const entry = this.count++;
    this.starts = ensureIndex(this.starts, entry);
    this.lengths = ensureIndex(this.lengths, entry);
    this.starts[entry] = start;
    this.lengths[entry] = written;
    this.slots[at * 2] = entry;
    this.slots[at * 2 + 1] = hash;
    this.used = start + written;
    this.added = true;
    if (this.count * 2 > this.mask + 1) this.rehash();
    return entry;
  }

  /** Makes room for `bytes` at the pool's end, in the last page or a new one; false when over maxBytes. */
  private room(bytes: number): boolean {
    if (this.pages.length > 0 && this.used + bytes <= this.pageEnd) return true;
    const size = Math.max(PAGE_BYTES, bytes);
    if (this.allocated + size > this.maxBytes) {
      this.overflowed = true;
      return false;
    }
    // A new page starts at the next page boundary, so most entries are found from their offset alone.
    const start = Math.ceil(Math.max(this.pageEnd, this.used) / PAGE_BYTES) * PAGE_BYTES;
    // Not zero-filled: only the bytes of entries, written before they are read, are ever read; zeroing a
    // page cost a validated range of a few hundred bytes more than its rows (a megabyte per key table).
    this.pages.push(Buffer.allocUnsafe(size));
    this.pageStarts.push(start);
    this.allocated += size;
    this.used = start;
    this.pageEnd = start + size;
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
