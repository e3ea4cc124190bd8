// Whether a shard's text column is worth a Parquet dictionary, judged from the column itself so the
// choice (and so the bytes) depends only on the shard's rows, never on the worker count. A dictionary
// pays when values come back after other values (statuses, cities, names, URLs); it is wasted on
// columns whose values never come back once the column has moved on (emails, SKUs, a session's id
// repeated in one run), which the page codec packs as well from plain values (measured with zstd): there the WebAssembly writer
// hashed every value for nothing (web_events' session_id: ~7% of the table's writer CPU, files 2% larger).
import type { ColumnBuffers } from './columnScratch.js';

/** Values read from the column's start: enough to tell the two kinds apart, cheap enough per shard. */
const SAMPLE = 1024;
/** Slots of the open-addressing set of sampled values (a power of two, at least twice SAMPLE). */
const SLOTS = 2048;
/** Below this many changes of value a column is near constant: one entry's dictionary is the cheapest. */
const FEW_CHANGES = 16;

/** Per thread: value index + 1 per slot, 0 for empty. */
const slots = new Int32Array(SLOTS);

function sameBytes(bytes: Uint8Array, a: number, aEnd: number, b: number, bEnd: number): boolean {
  if (aEnd - a !== bEnd - b) return false;
  for (let at = 0; at < aEnd - a; at++) if (bytes[a + at] !== bytes[b + at]) return false;
  return true;
}

/**
 * True when a text column's first values show a dictionary would pay: the column is near constant, or
 * more than one change of value in twenty goes back to a value seen before (not the one just left).
 * NULLs read as the empty text: they are runs like any other value.
 */
export function dictionaryPays(column: ColumnBuffers): boolean {
  const offsets = column.offsets;
  if (offsets === undefined) throw new Error('dictionaryPays reads text columns only');
  const bytes = column.values as Uint8Array;
  const count = Math.min(column.length, SAMPLE);
  slots.fill(0);
  let changes = 0;
  let returns = 0;
  for (let index = 0; index < count; index++) {
    const start = offsets[index] as number;
    const end = offsets[index + 1] as number;
    if (index > 0 && sameBytes(bytes, start, end, offsets[index - 1] as number, start)) continue;
    if (index > 0) changes++;
    // FNV-1a over the value's bytes.
    let hash = 0x811c9dc5;
    for (let at = start; at < end; at++) hash = Math.imul(hash ^ (bytes[at] as number), 0x01000193);
    let slot = hash & (SLOTS - 1);
    for (;;) {
      const held = slots[slot] as number;
      if (held === 0) {
        slots[slot] = index + 1;
        break;
      }
      if (sameBytes(bytes, start, end, offsets[held - 1] as number, offsets[held] as number)) {
        returns++;
        // Past SAMPLE / 20 returns the answer cannot change (changes stay under SAMPLE).
        if (returns * 20 > SAMPLE) return true;
        break;
      }
      slot = (slot + 1) & (SLOTS - 1);
    }
  }
  return changes < FEW_CHANGES || returns * 20 > changes;
}
