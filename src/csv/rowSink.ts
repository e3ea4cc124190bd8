/**
 * Collects a shard's CSV rows as UTF-8 bytes in one buffer. Encoding each row as it is made keeps the
 * garbage per row to one short string that dies young (building the shard as one big string kept
 * megabytes of rope alive per shard and pushed workers' heaps past 150 MB). The buffer itself comes
 * from the coordinator and goes back to it, so a run recycles a handful of buffers instead of leaving
 * a trail of dead ones for the garbage collector.
 */
export class RowSink {
  private buffer: Buffer;
  private used = 0;

  constructor(initial: ArrayBuffer | number = 4 * 1024 * 1024) {
    this.buffer = typeof initial === 'number' ? Buffer.from(new ArrayBuffer(initial)) : Buffer.from(initial);
  }

  push(row: string): void {
    // A UTF-16 code unit never takes more than 3 UTF-8 bytes.
    if (this.used + row.length * 3 > this.buffer.length) this.grow(row.length * 3);
    this.used += this.buffer.write(row, this.used, 'utf8');
  }

  private grow(atLeast: number): void {
    const next = Buffer.from(new ArrayBuffer(Math.max(this.buffer.length * 2, this.used + atLeast)));
    this.buffer.copy(next, 0, 0, this.used);
    this.buffer = next;
  }

  get byteLength(): number {
    return this.used;
  }

  /** The rows as a view of length `byteLength` over the whole (transferable) ArrayBuffer. */
  bytes(): Uint8Array {
    return new Uint8Array(this.buffer.buffer, this.buffer.byteOffset, this.used);
  }

  text(): string {
    return this.buffer.toString('utf8', 0, this.used);
  }
}
