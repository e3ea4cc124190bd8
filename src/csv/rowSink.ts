/**
 * Collects a shard's CSV rows as UTF-8 bytes in one buffer. Encoding each row as it is made keeps the
 * garbage per row to one short string that dies young (building the shard as one big string kept
 * megabytes of rope alive per shard and pushed workers' heaps past 150 MB). The buffer itself comes
 * from the coordinator and goes back to it, so a run recycles a handful of buffers instead of leaving
 * a trail of dead ones for the garbage collector.
 */
const PENDING_CHARS = 8192;

export class RowSink {
  private buffer: Buffer;
  private used = 0;
  // Rows are gathered into a short string and copied into the buffer ~8 KB at a time: one call into
  // C++ per row was 16% of a worker's time.
  private pending = '';

  constructor(initial: ArrayBuffer | number = 4 * 1024 * 1024) {
    this.buffer = typeof initial === 'number' ? Buffer.from(new ArrayBuffer(initial)) : Buffer.from(initial);
  }

  push(row: string): void {
    this.pending += row;
    if (this.pending.length >= PENDING_CHARS) this.flush();
  }

  private flush(): void {
    const text = this.pending;
    if (text.length === 0) return;
    this.pending = '';
    // A UTF-16 code unit never takes more than 3 UTF-8 bytes.
    if (this.used + text.length * 3 > this.buffer.length) this.grow(text.length * 3);
    this.used += this.buffer.write(text, this.used, 'utf8');
  }

  private grow(atLeast: number): void {
    const next = Buffer.from(new ArrayBuffer(Math.max(this.buffer.length * 2, this.used + atLeast)));
    this.buffer.copy(next, 0, 0, this.used);
    this.buffer = next;
  }

  get byteLength(): number {
    this.flush();
    return this.used;
  }

  /** The rows as a view of length `byteLength` over the whole (transferable) ArrayBuffer. */
  bytes(): Uint8Array {
    this.flush();
    return new Uint8Array(this.buffer.buffer, this.buffer.byteOffset, this.used);
  }

  text(): string {
    this.flush();
    return this.buffer.toString('utf8', 0, this.used);
  }
}
