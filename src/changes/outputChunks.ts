// A change task's bytes travel in chunks of one fixed size, lent by the coordinator to the workers and
// handed back once written. A change stream's memory above the snapshot's was its output buffers: one per
// task, sized to it (a web events slice ~10-16 MB), made in a worker and freed by the coordinator. Each
// free of a large buffer raises glibc's mmap threshold to its size, so the next ones came from the worker
// threads' malloc arenas, whose freed holes of every size stayed resident. Chunks of one size never leave
// such holes, and once a stream has as many as it keeps in flight it allocates none.
import { RowSink } from '../encoding/rowSink.js';

/** The size of every output chunk. */
export const CHUNK_BYTES = 1024 * 1024;
/**
 * A row starts in a chunk only with this much room left: every change row (a CSV line or a JSON envelope
 * of one row's images) is shorter, so a chunk's sink never grows. A longer one would still be written
 * whole, into a grown buffer that the pool then does not keep.
 */
const ROW_ROOM = 64 * 1024;
const LAST_ROW_START = CHUNK_BYTES - ROW_ROOM;

/** One task's output, written row by row into a chain of chunks. */
export class ChunkedOutput {
  private readonly parts: Uint8Array[] = [];
  private readonly free: ArrayBuffer[];
  private current: RowSink;

  /** `lent`: chunks from the coordinator, used before any new one is made. */
  constructor(lent: readonly ArrayBuffer[] = []) {
    this.free = lent.filter((buffer) => buffer.byteLength === CHUNK_BYTES);
    this.current = new RowSink(this.take());
  }

  private take(): ArrayBuffer {
    return this.free.pop() ?? new ArrayBuffer(CHUNK_BYTES);
  }

  /** The sink to write the next row into: this chunk, or the next one when this one is nearly full. */
  sink(): RowSink {
    if (this.current.position > LAST_ROW_START) {
      this.parts.push(this.current.bytes());
      this.current = new RowSink(this.take());
    }
    return this.current;
  }

  /** The written chunks in order (none when no row was written), and the lent chunks left unused. */
  finish(): { parts: Uint8Array[]; spare: ArrayBuffer[] } {
    const last = this.current.bytes();
    if (last.length > 0) this.parts.push(last);
    else this.free.push(last.buffer as ArrayBuffer);
    return { parts: this.parts, spare: this.free };
  }
}

/**
 * The coordinator's chunks between tasks. It lends a task one more than the largest output of its kind so
 * far took (unused ones come straight back): lent only as many as the last one took, a slice needing one
 * more made a new chunk while written ones were on their way back. A worker makes a chunk only when the
 * stream has none free, and keeps up to `keep` chunks: one dropped beyond that is freed, and its memory
 * serves the next chunk made (every chunk has the same size, so no hole is left that nothing fits).
 */
export class ChunkPool {
  private readonly free: ArrayBuffer[] = [];
  private readonly needs = new Map<string, number>();

  constructor(private readonly keep: number) {}

  /** Chunks for a task of `kind`, or undefined when none is free. */
  lend(kind: string): ArrayBuffer[] | undefined {
    const count = Math.min(this.free.length, (this.needs.get(kind) ?? 0) + 1);
    return count > 0 ? this.free.splice(this.free.length - count) : undefined;
  }

  /** An output of `kind` took `parts` chunks: the next tasks of that kind are lent at least as many. */
  took(kind: string, parts: number): void {
    this.needs.set(kind, Math.max(parts, this.needs.get(kind) ?? 0));
  }

  /** A chunk back (written out, or lent and unused); a buffer of another size (a grown one) is let go. */
  give(buffer: ArrayBufferLike): void {
    if (buffer instanceof ArrayBuffer && buffer.byteLength === CHUNK_BYTES && this.free.length < this.keep) this.free.push(buffer);
  }

  /** Chunks waiting to be lent. */
  get size(): number {
    return this.free.length;
  }
}
