// The few FlatBuffers shapes an Arrow IPC message needs (tables of scalars, strings, vectors of tables
// and of 16-byte structs), written front to back: a table's children follow it, so every offset points
// forward as the format requires, and each scalar sits at a multiple of its size from the buffer's
// start (arrow-rs verifies both). The messages are a few hundred bytes; no general builder is needed.

/** A scalar field: its width in bytes (1 for u8 and bool, 2, 4 or 8, little-endian signed). */
export interface FlatScalar {
  readonly bytes: 1 | 2 | 4 | 8;
  readonly value: number;
}

export interface FlatTable {
  readonly kind: 'table';
  /** By field id; undefined leaves the field out (its default). */
  readonly fields: ReadonlyArray<FlatScalar | FlatChild | undefined>;
}

interface FlatString {
  readonly kind: 'string';
  readonly text: string;
}

interface FlatTables {
  readonly kind: 'tables';
  readonly items: readonly FlatTable[];
}

/** Structs of two int64 each (Arrow's FieldNode and Buffer), flattened: [a0, b0, a1, b1, ...]. */
interface FlatPairs {
  readonly kind: 'pairs';
  readonly values: readonly number[];
}

export type FlatChild = FlatTable | FlatString | FlatTables | FlatPairs;

export const flatTable = (...fields: ReadonlyArray<FlatScalar | FlatChild | undefined>): FlatTable => ({ kind: 'table', fields });
export const u8 = (value: number): FlatScalar => ({ bytes: 1, value });
export const i16 = (value: number): FlatScalar => ({ bytes: 2, value });
export const i32 = (value: number): FlatScalar => ({ bytes: 4, value });
export const i64 = (value: number): FlatScalar => ({ bytes: 8, value });

function isScalar(field: FlatScalar | FlatChild): field is FlatScalar {
  return 'bytes' in field;
}

class FlatWriter {
  private bytes = new Uint8Array(512);
  private view = new DataView(this.bytes.buffer);
  length = 0;

  private reserve(count: number): number {
    if (this.length + count > this.bytes.length) {
      const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + count));
      grown.set(this.bytes);
      this.bytes = grown;
      this.view = new DataView(grown.buffer);
    }
    const at = this.length;
    this.length += count;
    return at;
  }

  /** Zero bytes until the length is `remainder` past a multiple of `alignment`. */
  pad(alignment: number, remainder = 0): void {
    while (this.length % alignment !== remainder) this.view.setUint8(this.reserve(1), 0);
  }

  scalar(bytes: 1 | 2 | 4 | 8, value: number): number {
    this.pad(bytes);
    const at = this.reserve(bytes);
    this.put(at, bytes, value);
    return at;
  }

  put(at: number, bytes: 1 | 2 | 4 | 8, value: number): void {
    if (bytes === 1) this.view.setUint8(at, value);
    else if (bytes === 2) this.view.setInt16(at, value, true);
    else if (bytes === 4) this.view.setInt32(at, value, true);
    else this.view.setBigInt64(at, BigInt(value), true);
  }

  raw(data: Uint8Array): void {
    this.bytes.set(data, this.reserve(data.length));
  }

  result(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

/** Writes `child` at the end and points the uoffset at `slot` to it. */
function writeChild(writer: FlatWriter, slot: number, child: FlatChild): void {
  let at: number;
  switch (child.kind) {
    case 'table':
      at = writeTable(writer, child);
      break;
    case 'string': {
      const text = Buffer.from(child.text, 'utf8');
      at = writer.scalar(4, text.length);
      writer.raw(text);
      writer.raw(new Uint8Array(1));
      break;
    }
    case 'tables': {
      at = writer.scalar(4, child.items.length);
      const slots = child.items.map(() => writer.scalar(4, 0));
      child.items.forEach((item, index) => writeChild(writer, slots[index] as number, item));
      break;
    }
    case 'pairs':
      // The count's 4 bytes end at a multiple of 8, where the int64 structs start.
      writer.pad(8, 4);
      at = writer.scalar(4, child.values.length / 2);
      for (const value of child.values) writer.scalar(8, value);
      break;
  }
  writer.put(slot, 4, at - slot);
}

/** A table: its vtable, then its inline fields after the soffset, then its children; returns where it starts. */
function writeTable(writer: FlatWriter, table: FlatTable): number {
  const count = table.fields.length;
  writer.pad(2);
  const vtable = writer.length;
  for (let index = 0; index < 2 + count; index++) writer.scalar(2, 0);
  writer.pad(table.fields.some((field) => field !== undefined && isScalar(field) && field.bytes === 8) ? 8 : 4);
  const start = writer.scalar(4, 0);
  writer.put(start, 4, start - vtable);
  const children: Array<[number, FlatChild]> = [];
  table.fields.forEach((field, index) => {
    if (field === undefined) return;
    const at = isScalar(field) ? writer.scalar(field.bytes, field.value) : writer.scalar(4, 0);
    if (!isScalar(field)) children.push([at, field]);
    writer.put(vtable + 4 + index * 2, 2, at - start);
  });
  writer.put(vtable, 2, 4 + count * 2);
  writer.put(vtable + 2, 2, writer.length - start);
  for (const [slot, child] of children) writeChild(writer, slot, child);
  return start;
}

/** A FlatBuffer whose root is `root`. */
export function flatBuffer(root: FlatTable): Uint8Array {
  const writer = new FlatWriter();
  const slot = writer.scalar(4, 0);
  writeChild(writer, slot, root);
  return writer.result();
}
