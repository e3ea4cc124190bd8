// How a dirty shard travels from its worker: one buffer holding the shard's bytes, then its answer-key
// lines, then a little JSON (rows written, dirty rows per kind), then three 32-bit lengths. One buffer is
// moved, not copied, and goes back to the pool for reuse, as a clean shard's does (a separate object
// was cloned on every hand-off and its buffer never reused: +70 MB peak on prod).
import { encodeText, type RowSink } from '../encoding/rowSink.js';
import type { DefectKind } from './defectKinds.js';

export interface DirtyShardFacts {
  /** Rows written (clean, dirty and extra). */
  readonly rows: number;
  /** `defects.csv` lines (no header) for this shard, as bytes. */
  readonly answerKey: Uint8Array;
  readonly answerKeyRows: number;
  readonly kinds: Readonly<Partial<Record<DefectKind, number>>>;
}

/** What the defect pass found in a shard, for its trailer. */
export interface DirtyShardResult {
  readonly rows: number;
  /** Its answer-key lines as bytes (no header). */
  readonly answerKey: Uint8Array;
  readonly answerKeyRows: number;
  readonly kinds: Readonly<Partial<Record<DefectKind, number>>>;
}

const TRAILER_BYTES = 12;

/**
 * Appends the facts after the shard's bytes, which fill `sink` from its start. The answer-key lines come
 * as the pass wrote them, bytes copied after the shard's.
 */
export function appendDirtyTrailer(sink: RowSink, result: DirtyShardResult): void {
  const dataLength = sink.position;
  sink.encoded(result.answerKey);
  const keyLength = sink.position - dataLength;
  // A plain Uint8Array, as the generators hand `encoded`: a Buffer there made its optimised code (and the
  // generators' that inline it) see a second kind of array, thrown away and compiled again in every worker.
  const meta = encodeText(JSON.stringify({ rows: result.rows, answerKeyRows: result.answerKeyRows, kinds: result.kinds }));
  sink.encoded(meta);
  const view = sink.reserve(TRAILER_BYTES);
  const at = sink.position;
  const lengths = new DataView(view.buffer, view.byteOffset + at, TRAILER_BYTES);
  lengths.setUint32(0, dataLength, true);
  lengths.setUint32(4, keyLength, true);
  lengths.setUint32(8, meta.length, true);
  sink.advanceTo(at + TRAILER_BYTES);
}

/**
 * The shard's bytes (a view of the same buffer) and its facts. The answer key is a copy: the buffer goes
 * back to the pool once the table's file has its bytes, which may be before the answer key's has.
 */
export function readDirtyTrailer(buffer: Uint8Array): { bytes: Uint8Array; facts: DirtyShardFacts } {
  const end = buffer.length - TRAILER_BYTES;
  const lengths = new DataView(buffer.buffer, buffer.byteOffset + end, TRAILER_BYTES);
  const dataLength = lengths.getUint32(0, true);
  const keyLength = lengths.getUint32(4, true);
  const metaLength = lengths.getUint32(8, true);
  const text = (from: number, length: number): string => Buffer.from(buffer.buffer, buffer.byteOffset + from, length).toString('utf8');
  const meta = JSON.parse(text(dataLength + keyLength, metaLength)) as Omit<DirtyShardFacts, 'answerKey'>;
  return { bytes: buffer.subarray(0, dataLength), facts: { ...meta, answerKey: new Uint8Array(buffer.subarray(dataLength, dataLength + keyLength)) } };
}
