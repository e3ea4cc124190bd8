// One table's changes in one batch, as the bytes of its file: `_op,_changed_at,_seq,<row image>` CSV rows,
// or Debezium-style JSON envelopes. Runs in a worker; a pure function of (seed, config, counts, stream,
// batch), so the same batch gives the same bytes on any worker and in any part.
import { SECONDS_PER_DAY } from '../core/calendar.js';
import { JsonLinesEncoder } from '../encoding/jsonLines.js';
import type { TableEncoding } from '../encoding/outputFormat.js';
import { encodeText, RowSink, TIMESTAMP_BYTES, writeTimestamp } from '../encoding/rowSink.js';
import { CHANGE_OP, customerChanges, productChanges, type ChangeList } from '../model/history/changeIndex.js';
import { CustomerGenerator } from '../model/tables/customers/generator.js';
import { OrderItemGenerator } from '../model/tables/orderItems/generator.js';
import { OrderGenerator } from '../model/tables/orders/generator.js';
import { ProductGenerator } from '../model/tables/products/generator.js';
import { WebEventGenerator } from '../model/tables/webEvents/generator.js';
import type { World } from '../model/world.js';
import type { TableName } from '../schema/tableNames.js';
import type { Batch, ChangeFormat } from './batchPlan.js';
import { changeSeq, MAX_SEQ_BYTES, seqTableIndex, writeChangeSeq, writeChangeSeqAt } from './changeSeq.js';
import { DeliveryFaults, MAX_DELAY_BATCHES, type FaultRates } from './deliveryFaults.js';
import { EventSegments } from './eventSegments.js';
import { OrderWindow } from './orderWindow.js';
import { ChunkedOutput } from './outputChunks.js';


/**
 * An upper bound for a web session's span from its first event to its last, used to find the last event
 * id that can fall in a batch (the walk itself stops at the first session starting after the batch).
 * Browsing sessions stop at 40 events 20 minutes apart at most (13 hours); a purchase session would need
 * some 140 events to pass it.
 */
const SESSION_SPAN_SECONDS = 2 * SECONDS_PER_DAY;

/** What a worker needs to write one table's file of one batch. */
export interface ChangeRequest {
  readonly table: TableName;
  /** The stream's span (T1, T2]: the change index covers it. */
  readonly from: number;
  readonly to: number;
  /** Seconds of _seq count from here (the window's first second). */
  readonly seqBase: number;
  /** The batch to write (its position in the stream) and the batches before it whose late rows it may receive. */
  readonly index: number;
  readonly lastIndex: number;
  readonly batches: readonly Batch[];
  readonly batchOffset: number;
  /** This task writes the rows of sub-window `slice` of `slices` (equal shares of each batch's span). */
  readonly slice: number;
  readonly slices: number;
  readonly faults: FaultRates;
  readonly format: ChangeFormat;
  readonly encoding: TableEncoding;
}

export interface ChangeCounts {
  I: number;
  U: number;
  D: number;
}

/** A task's file bytes as chunks in order, the lent chunks it did not use, and its rows by op. */
export interface ChangeBytes {
  readonly parts: Uint8Array[];
  readonly spare: ArrayBuffer[];
  readonly counts: ChangeCounts;
}

/** One change of one row: where its image is (in a scratch sink) or how to make it (keyed tables). */
interface Change {
  readonly second: number;
  readonly id: number;
  readonly op: number;
  /** The row image's bytes in the source's scratch sink, or -1 when made on demand. */
  readonly start: number;
  readonly end: number;
  readonly source: number;
}

const OP_INSERT = 0;

function bySecondThenId(a: { readonly second: number; readonly id: number }, b: { readonly second: number; readonly id: number }): number {
  return a.second - b.second || a.id - b.id;
}
/** Row indexes 0..count-1 in order. */
function identity(count: number): Uint32Array {
  const order = new Uint32Array(count);
  for (let at = 0; at < count; at++) order[at] = at;
  return order;
}

const ROW_BITS = 2 ** 26;

/**
 * Row indexes by (second, id). Rows come in id order, so when every second is a whole second less than
 * 2^26 after `after` and there are fewer than 2^26 rows, (second - after, row) packs exactly into one
 * double and a typed array's own numeric sort (no comparator call per pair) does the work.
 */
function timeOrder(seconds: Float64Array, ids: Float64Array, count: number, after: number): Uint32Array {
  let packable = count < ROW_BITS;
  for (let at = 0; at < count && packable; at++) {
    const offset = (seconds[at] as number) - after;
    if (!(offset >= 0 && offset < ROW_BITS && Number.isInteger(offset)) || (at > 0 && (ids[at] as number) <= (ids[at - 1] as number))) packable = false;
  }
  if (!packable) return identity(count).sort((a, b) => (seconds[a] as number) - (seconds[b] as number) || (ids[a] as number) - (ids[b] as number));
  const keys = new Float64Array(count);
  for (let at = 0; at < count; at++) keys[at] = ((seconds[at] as number) - after) * ROW_BITS + at;
  keys.sort();
  const order = new Uint32Array(count);
  for (let at = 0; at < count; at++) order[at] = (keys[at] as number) % ROW_BITS;
  return order;
}

/** Rows at least this long are copied with set() (see writeCsvInserts). */
const LONG_ROW_BYTES = 96;

/** Copies rows[start, end) into view at `at`; returns where the copy ends. */
function copyRow(rows: Uint8Array, start: number, end: number, view: Uint8Array, at: number): number {
  if (end - start >= LONG_ROW_BYTES) {
    view.set(rows.subarray(start, end), at);
    return at + (end - start);
  }
  let position = at;
  let index = start;
  for (; index + 8 <= end; index += 8, position += 8) {
    view[position] = rows[index] as number;
    view[position + 1] = rows[index + 1] as number;
    view[position + 2] = rows[index + 2] as number;
    view[position + 3] = rows[index + 3] as number;
    view[position + 4] = rows[index + 4] as number;
    view[position + 5] = rows[index + 5] as number;
    view[position + 6] = rows[index + 6] as number;
    view[position + 7] = rows[index + 7] as number;
  }
  for (; index < end; index++) view[position++] = rows[index] as number;
  return position;
}

const OP_TEXT = ['I', 'U', 'D'] as const;
/** OP_TEXT's letters as bytes. */
const OP_LETTER = [73, 85, 68] as const;
const COMMA = 44;
/** The most bytes writeCsvHead writes. */
const CSV_HEAD_BYTES = 2 + TIMESTAMP_BYTES + 1 + MAX_SEQ_BYTES + 1;

/**
 * A CSV change line's `<op>,<changed_at>,<_seq>,` into `view` at `at` (CSV_HEAD_BYTES of room); returns
 * where it ends. The one writer of that head, whichever path writes the row after it.
 */
function writeCsvHead(view: Uint8Array, at: number, op: number, second: number, calendar: World['calendar'], seqBase: number, tableIndex: number, id: number): number {
  let position = at;
  view[position++] = OP_LETTER[op] as number;
  view[position++] = COMMA;
  position = writeTimestamp(view, position, second, calendar);
  view[position++] = COMMA;
  position = writeChangeSeqAt(view, position, second, seqBase, tableIndex, id);
  view[position++] = COMMA;
  return position;
}
const OP_JSON = ['c', 'u', 'd'] as const;

/** The worker's change indexes, for one world and one stream span. */
export class StreamChanges {
  private customers: ChangeList | undefined;
  private products: ChangeList | undefined;
  private readonly orders: OrderWindow;
  private readonly customerRows: CustomerGenerator;
  private readonly productRows: ProductGenerator;
  private readonly orderRows: OrderGenerator;
  private readonly itemRows: OrderItemGenerator;
  private readonly eventRows: WebEventGenerator;
  private readonly scratch: RowSink[] = [];
  private readonly image = new RowSink(64 * 1024);
  private readonly json = new RowSink(64 * 1024);
  private readonly encoders = new Map<string, JsonLinesEncoder>();
  private readonly probe = new RowSink(4 * 1024);
  private faults: DeliveryFaults | undefined;
  private segments: EventSegments | undefined;

  constructor(
    private readonly world: World,
    private readonly from: number,
    private readonly to: number,
  ) {
    this.customerRows = new CustomerGenerator(world);
    this.productRows = new ProductGenerator(world);
    this.orderRows = new OrderGenerator(world);
    this.orders = new OrderWindow(world, this.orderRows);
    this.itemRows = new OrderItemGenerator(world);
    this.eventRows = new WebEventGenerator(world);
  }

  private index(table: 'customers' | 'products'): ChangeList {
    if (table === 'customers') return (this.customers ??= customerChanges(this.world, this.from, this.to));
    return (this.products ??= productChanges(this.world, this.from, this.to));
  }

  /**
   * The table's file of the batch (without header): its bytes in chunks and its rows by op. `chunks`
   * (the coordinator's, handed back once written) take the bytes before any new chunk is made.
   */
  write(request: ChangeRequest, chunks?: readonly ArrayBuffer[]): ChangeBytes {
    // Rebuilt when a request brings other rates: a worker's cached stream must not keep the first ones.
    if (this.faults === undefined || !this.faults.hasRates(request.faults)) this.faults = new DeliveryFaults(this.world.seed, request.faults);
    const faults = this.faults;
    if (!faults.any && (request.table === 'order_items' || request.table === 'web_events')) return this.writeInserts(request, new ChunkedOutput(chunks));
    const counts: ChangeCounts = { I: 0, U: 0, D: 0 };
    const onTime: Change[] = [];
    const extra: Change[] = [];
    // With faults the batches before this one are made again for the rows they deliver late into it.
    const first = faults.any ? Math.max(request.batchOffset, request.index - MAX_DELAY_BATCHES) : request.index;
    // Every order the batches can insert or change, drawn (once per worker) before any is written.
    if (request.table === 'orders' && this.world.counts.orders > 0) {
      this.orders.hold((request.batches[first - request.batchOffset] as Batch).after, (request.batches[request.index - request.batchOffset] as Batch).until);
    }
    const seqOf = (change: Change): bigint => changeSeq(change.second, request.seqBase, request.table, change.id);
    for (let index = first; index <= request.index; index++) {
      const whole = request.batches[index - request.batchOffset] as Batch;
      const span = whole.until - whole.after;
      const batch = { name: whole.name, after: whole.after + Math.floor((request.slice * span) / request.slices), until: whole.after + Math.floor(((request.slice + 1) * span) / request.slices) };
      const source = index - first;
      const changes = this.collect(request, batch, source);
      if (!faults.any) {
        onTime.push(...changes);
        continue;
      }
      for (const change of changes) {
        const seq = seqOf(change);
        if (faults.deliveredIn(seq, index, request.lastIndex) === request.index) (index === request.index ? onTime : extra).push(change);
        if (faults.repeatedIn(seq, index, request.lastIndex) === request.index) extra.push(change);
      }
    }
    // In _seq order: within one table, (second, id).
    extra.sort(bySecondThenId);
    const name = (request.batches[request.index - request.batchOffset] as Batch).name;
    const output = new ChunkedOutput(chunks);
    const scratch = this.scratch.map((rows) => rows.bytes());
    for (const list of [onTime, extra]) {
      for (const change of list) {
        const after = change.start < 0 ? null : (scratch[change.source] as Uint8Array).subarray(change.start, change.end);
        this.writeChange(request, change.op, change.second, change.id, after, name, output.sink());
        counts[OP_TEXT[change.op] as keyof ChangeCounts]++;
      }
    }
    return { ...output.finish(), counts };
  }

  // The rows of an insert-only table's batch without delivery faults, as written: (second, id, start).
  private rowSeconds: Float64Array = new Float64Array(64 * 1024);
  private rowIds: Float64Array = new Float64Array(64 * 1024);
  /** Row k's bytes are [rowStarts[k], rowStarts[k + 1]) of the scratch sink. */
  private rowStarts: Float64Array = new Float64Array(64 * 1024 + 1);
  private rowCount = 0;
  private readonly addRow = (second: number, id: number, start: number): void => {
    const at = this.rowCount++;
    // rowStarts keeps one more slot (the end of the last row); the columns grow together.
    if (at + 1 >= this.rowSeconds.length) {
      const grow = (column: Float64Array): Float64Array => {
        const next = new Float64Array(column.length * 2);
        next.set(column);
        return next;
      };
      this.rowSeconds = grow(this.rowSeconds);
      this.rowIds = grow(this.rowIds);
      this.rowStarts = grow(this.rowStarts);
    }
    this.rowSeconds[at] = second;
    this.rowIds[at] = id;
    this.rowStarts[at] = start;
  };

  /**
   * The batch of order items or web events when no row is late or repeated: only inserts, made into the
   * scratch sink and written in (second, id) order, without a Change per row (a prod day has ~200,000).
   */
  private writeInserts(request: ChangeRequest, output: ChunkedOutput): ChangeBytes {
    const whole = request.batches[request.index - request.batchOffset] as Batch;
    const span = whole.until - whole.after;
    const batch = { name: whole.name, after: whole.after + Math.floor((request.slice * span) / request.slices), until: whole.after + Math.floor(((request.slice + 1) * span) / request.slices) };
    const scratch = (this.scratch[0] ??= new RowSink(1024 * 1024));
    scratch.reset();
    this.rowCount = 0;
    if (request.table === 'order_items') {
      if (this.world.counts.orders > 0) this.itemRows.itemsOfOrders(this.world.orderTimeline.countBy(batch.after) + 1, this.world.orderTimeline.countBy(batch.until), scratch, this.addRow);
    } else if (this.world.counts.web_events > 0) {
      const [low, high] = this.eventRange(batch);
      if (low <= high) this.eventRows.rowsBetween(low, high, batch.after, batch.until, scratch, this.addRow);
    }
    const count = this.rowCount;
    const { rowSeconds: seconds, rowIds: ids, rowStarts: starts } = this;
    starts[count] = scratch.position;
    // Web events are written session by session; a file is in time order.
    const order = request.table === 'web_events' ? timeOrder(seconds, ids, count, batch.after) : identity(count);
    const rows = scratch.bytes();
    if (request.format === 'csv') this.writeCsvInserts(request, order, count, rows, output);
    else {
      for (let at = 0; at < count; at++) {
        const row = order[at] as number;
        this.writeChange(request, OP_INSERT, seconds[row] as number, ids[row] as number, rows.subarray(starts[row] as number, starts[row + 1] as number), whole.name, output.sink());
      }
    }
    return { ...output.finish(), counts: { I: count, U: 0, D: 0 } };
  }

  /**
   * writeChange's CSV inserts, row by row in `order`: `I,<changed_at>,<_seq>,` then the row's bytes, all
   * in one reservation per row. A row of LONG_ROW_BYTES or more (a web event's ~160) is copied by set()
   * over a view, ~3x faster than a byte loop at that length; a shorter one (order items' ~50) by a loop
   * eight bytes a step, where the view and the call into C++ cost more than the copy.
   */
  private writeCsvInserts(request: ChangeRequest, order: Uint32Array, count: number, rows: Uint8Array, output: ChunkedOutput): void {
    const { rowSeconds: seconds, rowIds: ids, rowStarts: starts } = this;
    const calendar = this.world.calendar;
    const tableIndex = seqTableIndex(request.table);
    const base = request.seqBase;
    for (let at = 0; at < count; at++) {
      const row = order[at] as number;
      const start = starts[row] as number;
      const end = starts[row + 1] as number;
      const second = seconds[row] as number;
      const sink = output.sink();
      const view = sink.reserve(CSV_HEAD_BYTES + (end - start));
      const position = writeCsvHead(view, sink.position, OP_INSERT, second, calendar, base, tableIndex, ids[row] as number);
      sink.advanceTo(copyRow(rows, start, end, view, position));
    }
  }

  /** The changes of one batch (source slot `source`), in (second, id) order. */
  private collect(request: ChangeRequest, batch: Batch, source: number): Change[] {
    const { table } = request;
    const changes: Change[] = [];
    if (table === 'customers' || table === 'products' || table === 'orders') {
      const timeline = table === 'customers' ? this.world.customerTimeline : table === 'products' ? this.world.productTimeline : this.world.orderTimeline;
      const inserts: Change[] = [];
      if (this.world.counts[table] > 0) {
        for (let id = timeline.countBy(batch.after) + 1, last = timeline.countBy(batch.until); id <= last; id++) {
          const second = timeline.secondOf(id);
          inserts.push({ second, id, op: OP_INSERT, start: -1, end: -1, source });
        }
      }
      const updates: Change[] = [];
      if (table === 'orders') {
        if (this.world.counts.orders > 0) this.orders.visit(batch.after, batch.until, (second, id) => updates.push({ second, id, op: 1, start: -1, end: -1, source }));
      } else {
        this.index(table).visit(batch.after, batch.until, (second, id, op) => {
          updates.push({ second, id, op: op === CHANGE_OP.delete ? 2 : 1, start: -1, end: -1, source });
        });
      }
      // Merge the two runs, both in (second, id) order.
      let u = 0;
      for (const insert of inserts) {
        while (u < updates.length && bySecondThenId(updates[u] as Change, insert) < 0) changes.push(updates[u++] as Change);
        changes.push(insert);
      }
      while (u < updates.length) changes.push(updates[u++] as Change);
      return changes;
    }
    const scratch = (this.scratch[source] ??= new RowSink(1024 * 1024));
    scratch.reset();
    // Rows in the order written: each ends where the next one starts.
    const rows: { second: number; id: number; op: number; start: number; end: number; source: number }[] = [];
    const onRow = (second: number, id: number, start: number): void => {
      const previous = rows[rows.length - 1];
      if (previous) previous.end = start;
      rows.push({ second, id, op: OP_INSERT, start, end: -1, source });
    };
    if (table === 'order_items') {
      if (this.world.counts.orders > 0) this.itemRows.itemsOfOrders(this.world.orderTimeline.countBy(batch.after) + 1, this.world.orderTimeline.countBy(batch.until), scratch, onRow);
    } else if (this.world.counts.web_events > 0) {
      const [low, high] = this.eventRange(batch);
      if (low <= high) this.eventRows.rowsBetween(low, high, batch.after, batch.until, scratch, onRow);
    }
    const last = rows[rows.length - 1];
    if (last) last.end = scratch.position;
    // Web events are written session by session; a file is in time order.
    if (table === 'web_events') rows.sort(bySecondThenId);
    for (const row of rows) changes.push(row);
    return changes;
  }

  /** Seconds of the events probed so far: bisections of nearby batches probe the same ids. */
  private readonly probed = new Map<number, number>();

  /** The event of id `id`'s second (events are written in id order; their seconds nearly so). */
  private eventSecond(id: number): number {
    const known = this.probed.get(id);
    if (known !== undefined) return known;
    let second = 0;
    this.probe.reset();
    this.eventRows.rowsBetween(id, id, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, this.probe, (at) => {
      second = at;
    });
    if (this.probed.size < 1 << 16) this.probed.set(id, second);
    return second;
  }

  /** Event ids that can hold events stamped in the batch (sessions start in id order). */
  private eventRange(batch: Batch): [number, number] {
    const segments = (this.segments ??= new EventSegments(this.world, (id) => this.eventSecond(id)));
    if (segments.segmented) return segments.range(batch.after, batch.until);
    const count = this.world.counts.web_events;
    // No event comes before the first session starts (event 1), nor a span after the last one starts.
    if (batch.until < this.eventSecond(1) || batch.after >= this.eventSecond(count) + SESSION_SPAN_SECONDS) return [1, 0];
    // The last id stamped at or before `limit`'s boundary: bisect with virtual ends 0 (-inf) and count + 1 (+inf).
    const boundary = (limit: number): number => {
      let low = 0;
      let high = count + 1;
      while (high - low > 1) {
        const mid = Math.floor((low + high) / 2);
        if (this.eventSecond(mid) > limit) high = mid;
        else low = mid;
      }
      return low;
    };
    // Before the batch: browsing sessions that started a browsing span before it have ended, and purchase
    // sessions end at their order's second, so only those of orders placed in or after the batch reach in.
    const config = this.world.config.webEvents;
    const browseSpan = (config.maxSessionEvents - 1) * config.gapSeconds.max;
    const firstOrder = this.world.counts.orders > 0 ? this.world.orderTimeline.countBy(batch.after) + 1 : 1;
    const low = Math.min(boundary(batch.after - browseSpan) + 1, this.eventRows.firstEventOfOrdersFrom(firstOrder));
    return [low, boundary(batch.until + SESSION_SPAN_SECONDS)];
  }

  /** The row image of a keyed table's row as of `second`, in `this.image`. */
  private keyedImage(table: TableName, id: number, second: number): boolean {
    const image = this.image;
    image.reset();
    if (table === 'customers') return this.customerRows.row(id, second, image);
    if (table === 'products') return this.productRows.row(id, second, image);
    const life = this.orders.life(id);
    if (life.orderSecond > second) return false;
    this.orderRows.write(life, second, image);
    return true;
  }

  /** One change: its row image is `image` (an insert-only table's row) or, when null, made here (keyed tables). */
  private writeChange(request: ChangeRequest, op: number, second: number, id: number, image: Uint8Array | null, batchName: string, sink: RowSink): void {
    const { table } = request;
    const tableIndex = seqTableIndex(table);
    // The image after the change; a delete shows the row as it was just before.
    let after: Uint8Array;
    if (image === null) {
      const imageAt = op === 2 ? second - 1 : second;
      if (!this.keyedImage(table, id, imageAt)) throw new Error(`${table} ${id} has no row at ${imageAt}`);
      after = this.image.bytes();
    } else {
      after = image;
    }
    if (request.format === 'csv') {
      const view = sink.reserve(CSV_HEAD_BYTES);
      sink.advanceTo(writeCsvHead(view, sink.position, op, second, this.world.calendar, request.seqBase, tableIndex, id));
      sink.encoded(after);
      return;
    }
    const encoder = this.encoder(request.encoding);
    sink.encoded(BEFORE);
    if (op === OP_INSERT) sink.encoded(NULL);
    else {
      // The row as it was before the change (a second earlier).
      const copy = Uint8Array.from(after);
      if (!this.keyedImage(table, id, second - 1)) throw new Error(`${table} ${id} has no row before ${second}`);
      this.writeJson(encoder, this.image.bytes(), sink);
      after = copy;
    }
    sink.encoded(AFTER);
    if (op === 2) sink.encoded(NULL);
    else this.writeJson(encoder, after, sink);
    sink.encoded(OP_FIELD);
    sink.plain(OP_JSON[op] as string);
    sink.encoded(TS_FIELD);
    sink.plain(String(second * 1000));
    sink.encoded(SOURCE_FIELD);
    sink.plain(table);
    sink.encoded(SEQ_FIELD);
    writeChangeSeq(sink, second, request.seqBase, tableIndex, id);
    sink.encoded(BATCH_FIELD);
    sink.plain(batchName);
    sink.encoded(END);
  }

  private encoder(encoding: TableEncoding): JsonLinesEncoder {
    const key = encoding.names.join(',');
    let encoder = this.encoders.get(key);
    if (!encoder) {
      encoder = new JsonLinesEncoder(encoding);
      this.encoders.set(key, encoder);
    }
    return encoder;
  }

  /** One CSV row as a JSON object (without its line end). */
  private writeJson(encoder: JsonLinesEncoder, csv: Uint8Array, sink: RowSink): void {
    this.json.reset();
    encoder.encode(csv, this.json);
    const bytes = this.json.bytes();
    sink.encoded(bytes.subarray(0, bytes[bytes.length - 1] === 10 ? bytes.length - 1 : bytes.length));
  }
}

const BEFORE = encodeText('{"before":');
const AFTER = encodeText(',"after":');
const NULL = encodeText('null');
const OP_FIELD = encodeText(',"op":"');
const TS_FIELD = encodeText('","ts_ms":');
const SOURCE_FIELD = encodeText(',"source":{"name":"ecomgen","table":"');
const SEQ_FIELD = encodeText('","seq":');
const BATCH_FIELD = encodeText(',"batch":"');
const END = encodeText('"}}\n');
