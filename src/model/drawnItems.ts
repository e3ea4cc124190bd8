import type { TableCounts } from '../schema/tableNames.js';
import { ORDERS_PER_BLOCK } from './orderBlockCounts.js';

/** Order blocks kept at most: prod's orders shard is 313 blocks, and order_items follows 1-2 shards behind. */
const MAX_BLOCKS = 1024;
/** Lines kept at most, over all blocks (8 bytes each: 2 MB). */
const MAX_LINES = 1 << 18;
/** Words a line: the product id | quantity << 21 | discount percent << 25, and the unit price in cents. */
const LINE_WORDS = 2;
/** Words a block slot before the lines: its state, the block it holds (+1) and how many of its orders are kept. */
const STATE = 0;
const TAG = 1;
const FILLED = 2;
const SLOT_WORDS = 3;
/** A slot's state: bit 0 set while a writer fills it, the bits above count its writes. */
const BUSY = 1;
/** Product ids below 2^21 (a bigger catalog keeps nothing), quantities up to 15, percents up to 127. */
const PRODUCT_MASK = 0x1fffff;
const QUANTITY_SHIFT = 21;
const QUANTITY_MASK = 0xf;
const PERCENT_SHIFT = 25;
const PERCENT_MASK = 0x7f;

/** One order line as the order_items table writes it. */
export interface DrawnLine {
  productId: number;
  quantity: number;
  unitPriceCents: number;
  /** The item discount's percent of the line's gross, 0 for none. */
  discountPercent: number;
}

/**
 * The lines the orders pass drew lately, by order block, for the order_items pass to read instead of
 * drawing them again (the draw was ~0.6 s of prod's ~1 s of order_items CPU). A run submits each
 * order_items shard right after the orders shard that draws its items (plan/shardOrder.ts), so they are
 * still here when it runs. Direct-mapped by block, so newer blocks overwrite older ones and memory stays
 * under 2 MB whatever the size (1.5 MB for prod); an order not found (overwritten, being written, never drawn here) has its
 * items drawn again, with the same answer: what is kept changes no byte, only the CPU spent.
 *
 * One table in shared memory for all workers of a run (an order_items shard often runs on another worker
 * than the one that drew its orders). A writer claims a block's slot with compare-and-swap, writes its
 * orders' lines as it draws them and publishes the slot when it leaves the block; a reader checks the
 * slot's state before and after reading (a seqlock), so it never takes a line being rewritten. Atomics
 * only per block on the writer's side: a locked instruction per line made the orders pass ~10% slower.
 */
export class DrawnItems {
  private words: Int32Array<ArrayBufferLike> = new Int32Array(0);
  /** Block slots (a power of two) and lines a slot: the most any block holds (0: nothing is kept). */
  private readonly blocks: number;
  private readonly linesPerBlock: number;
  // The writer's block: its slot (-1: none), the block and how many of its orders, from its first, are kept.
  private writing = -1;
  private writingBlock = -1;
  private kept = 0;
  private writingState = 0;
  private writingBlockTag = 0;

  constructor(counts: Pick<TableCounts, 'orders' | 'order_items'>, maxLines = MAX_LINES, maxBlocks = MAX_BLOCKS) {
    // Every block holds an exact share of the items: at most ceil(64 x items / orders).
    const linesPerBlock = counts.orders > 0 ? Math.ceil((ORDERS_PER_BLOCK * counts.order_items) / counts.orders) : 0;
    const blockCount = Math.ceil(counts.orders / ORDERS_PER_BLOCK);
    let blocks = 1;
    while (2 * blocks <= maxBlocks && 2 * blocks * linesPerBlock <= maxLines && blocks < blockCount) blocks *= 2;
    const fits = linesPerBlock > 0 && linesPerBlock <= maxLines && blockCount < 2 ** 31;
    this.blocks = fits ? blocks : 0;
    this.linesPerBlock = fits ? linesPerBlock : 0;
  }

  /** The table in shared memory, for the other workers to adopt (allocated now if need be). */
  share(): SharedArrayBuffer {
    this.allocate();
    return this.words.buffer as SharedArrayBuffer;
  }

  /** Reads and writes `buffer`, another worker's table of the same World spec, from now on. */
  adopt(buffer: SharedArrayBuffer): void {
    this.flush();
    this.words = new Int32Array(buffer);
  }

  /**
   * Keeps the `count` lines of order `orderIndex` of block `block`, whose first line is the block's
   * `lineOffset`-th. A block is kept from its first order on, its orders in turn; the first order of
   * another block publishes the one before (as `flush` does).
   */
  keep(block: number, orderIndex: number, lineOffset: number, lines: readonly DrawnLine[], count: number): void {
    if (block !== this.writingBlock) {
      this.flush();
      this.writingBlock = block;
      if (orderIndex === 0) this.claim(block);
    }
    if (this.writing < 0) return;
    if (orderIndex !== this.kept || lineOffset + count > this.linesPerBlock) {
      this.flush();
      return;
    }
    const words = this.words;
    let at = this.lineAt(this.writing, lineOffset);
    for (let index = 0; index < count; index++, at += LINE_WORDS) {
      const line = lines[index] as DrawnLine;
      const { productId, quantity, discountPercent, unitPriceCents } = line;
      if ((productId & PRODUCT_MASK) !== productId || (quantity & QUANTITY_MASK) !== quantity || (discountPercent & PERCENT_MASK) !== discountPercent || (unitPriceCents | 0) !== unitPriceCents) {
        this.flush();
        return;
      }
      words[at] = productId | (quantity << QUANTITY_SHIFT) | (discountPercent << PERCENT_SHIFT);
      words[at + 1] = unitPriceCents;
    }
    this.kept++;
  }

  /** Publishes the block being kept (its orders kept so far): call when a pass of orders ends. */
  flush(): void {
    const slot = this.writing;
    this.writing = -1;
    this.writingBlock = -1;
    if (slot < 0) return;
    const words = this.words;
    const at = SLOT_WORDS * slot;
    Atomics.store(words, at + FILLED, this.kept);
    Atomics.store(words, at + TAG, this.kept > 0 ? this.writingBlockTag : 0);
    // The release: a reader that sees this state sees every line written before it.
    Atomics.store(words, at + STATE, (this.writingState + 2) & 0x7ffffffe);
  }

  /**
   * Fills `into` with the `count` lines of order `orderIndex` of block `block` (its first line the
   * block's `lineOffset`-th) and returns true when they are kept; false (`into` partly filled) when not.
   */
  read(block: number, orderIndex: number, lineOffset: number, count: number, into: DrawnLine[]): boolean {
    if (this.blocks === 0 || this.words.length === 0) return false;
    const words = this.words;
    const slot = block & (this.blocks - 1);
    const at = SLOT_WORDS * slot;
    const state = Atomics.load(words, at + STATE);
    if ((state & BUSY) !== 0 || Atomics.load(words, at + TAG) !== block + 1 || orderIndex >= Atomics.load(words, at + FILLED)) return false;
    let line = this.lineAt(slot, lineOffset);
    for (let index = 0; index < count; index++, line += LINE_WORDS) {
      const item = into[index] as DrawnLine;
      const packed = Atomics.load(words, line);
      item.productId = packed & PRODUCT_MASK;
      item.quantity = (packed >>> QUANTITY_SHIFT) & QUANTITY_MASK;
      item.discountPercent = packed >>> PERCENT_SHIFT;
      item.unitPriceCents = Atomics.load(words, line + 1);
    }
    // Unchanged since the first look: no writer touched the slot in between.
    return Atomics.load(words, at + STATE) === state;
  }

  /** Takes block `block`'s slot for writing unless another writer holds it. */
  private claim(block: number): void {
    if (this.blocks === 0) return;
    this.allocate();
    const slot = block & (this.blocks - 1);
    const at = SLOT_WORDS * slot;
    const state = Atomics.load(this.words, at + STATE);
    if ((state & BUSY) !== 0 || Atomics.compareExchange(this.words, at + STATE, state, state | BUSY) !== state) return;
    this.writing = slot;
    this.writingState = state;
    this.writingBlockTag = block + 1;
    this.kept = 0;
  }

  private lineAt(slot: number, lineOffset: number): number {
    return SLOT_WORDS * this.blocks + LINE_WORDS * (slot * this.linesPerBlock + lineOffset);
  }

  private allocate(): void {
    if (this.words.length === 0) this.words = new Int32Array(new SharedArrayBuffer(4 * (SLOT_WORDS * this.blocks + LINE_WORDS * this.blocks * this.linesPerBlock)));
  }
}
