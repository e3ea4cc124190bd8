// One task of a validation run: the records of one table (its whole input, or a byte range of a large
// CSV file) checked row by row (TableScan and the table's rules), against the read-only facts of the
// tables before it. It returns compact facts (ChunkResult): each rule's counts and first examples,
// and typed columns of what the checks over the whole table need (primary and unique keys, the
// per-row facts later tables use, the items' sums, the purchases and the session events), for the
// coordinator to join in file order (tableJoin). It runs in a worker, or in-process on the same terms.
import { isAscii } from 'node:buffer';
import { FormatError } from '../encoding/formatError.js';
import { readCsv } from '../encoding/csvReader.js';
import { memorySource, type ByteSource } from '../encoding/byteSource.js';
import { fileRangeSource } from '../read/csvRanges.js';
import { readTable, type FileReadStats, type TableInput } from '../read/tableInput.js';
import type { TableName } from '../schema/tableNames.js';
import type { SchemaSet } from '../schema/schemaTypes.js';
import { CustomerRowFacts, OrderRowFacts, ProductRowFacts, factsFromShared, productFingerprint, type SharedFacts } from './facts.js';
import { ensureIndex } from './growable.js';
import type { IdIndex } from './idIndex.js';
import { RuleBook, ViolationLog, type TallyPart, type ViolationExample } from './ruleBook.js';
import { defineRules } from './ruleCatalog.js';
import type { RowData } from './rowColumns.js';
import { customerRules } from './rules/customerRules.js';
import { itemRules } from './rules/itemRules.js';
import { orderRules } from './rules/orderRules.js';
import { productRules } from './rules/productRules.js';
import { bothRules, updatedAtRule } from './rules/updatedAtRules.js';
import { webEventRules } from './rules/webEventRules.js';
import { EventReader } from './sessions/eventReader.js';
import { IdentityTable, type SessionEvent } from './sessions/sessionRules.js';
import { StringTable } from './stringTable.js';
import { STAGE, TableScan, type TableRules } from './tableScan.js';
import type { TableLayout } from './tableLayout.js';
import { parseInteger } from './valueParsers.js';
import { plainLinesReader, type PlainRow } from './plainRows.js';
import { webEventBytes } from './webEventBytes.js';
import { itemBytes } from './itemBytes.js';
import { orderBytes } from './orderBytes.js';
import { customerBytes } from './customerBytes.js';
import { productBytes } from './productBytes.js';

/** Where a task's records are. */
export type ChunkSource =
  /**
   * Bytes [start, end) of a CSV file (on disk, or a source held by this thread for tasks run in-process).
   * A range after the first gets the file's header; lines count from 1 at `start` unless `firstLine` is given.
   */
  | {
      readonly kind: 'range';
      readonly path?: string;
      readonly source?: ByteSource;
      readonly start: number;
      readonly end: number;
      readonly header?: readonly string[];
      readonly firstLine?: number;
    }
  /** A whole table input (any format and layout), read in this thread: its results are handed on in pieces. */
  | { readonly kind: 'input'; readonly input: TableInput };


/** Rows a whole-input task gathers before it hands them on (the coordinator joins them at once). */
const PIECE_ROWS = 1 << 16;

export interface ChunkTask {
  readonly table: TableName;
  /** What reports call the table's data (its file, or its parts' pattern). */
  readonly name: string;
  readonly source: ChunkSource;
  readonly schemaDir: string;
  readonly examples: number;
  /** Keep every violation (validate --violations), not only the first examples. */
  readonly logAll: boolean;
  /** The validation's clock (COL-FUTURE). */
  readonly now: string;
  readonly facts: SharedFacts;
}

/** Why a task's records could not be read: the one-line error of the table. */
export type ChunkFailure = { readonly kind: 'format'; readonly message: string } | { readonly kind: 'system'; readonly code: string };

/** What a range read gave, beyond its records. */
interface RangeStats {
  readonly records: number;
  readonly crlfRecords: number;
  readonly invalidUtf8: number;
  /** The line after the range's last, counted as the range's lines were. */
  readonly nextLine: number;
}

interface ItemData {
  readonly count: number;
  /** The order's slot (in the shared orders' IdIndex), the line total in cents, productFingerprint of the product. */
  readonly slots: Int32Array;
  readonly cents: Float64Array;
  readonly fingerprints: Int32Array;
}

interface EventData {
  readonly count: number;
  /** The event's row (see RowData); its session and identity are numbers in `sessionTexts` and `identities`. */
  readonly rows: Int32Array;
  readonly eventIds: Float64Array;
  readonly sessions: Int32Array;
  readonly customers: Int32Array;
  readonly products: Int32Array;
  readonly orders: Int32Array;
  readonly kinds: Uint8Array;
  readonly timestamps: Float64Array;
  readonly identities: Int32Array;
}

export interface WebData {
  /** Purchase events of known orders: their rows, the orders' slots and order_id values. */
  readonly purchases: { readonly count: number; readonly rows: Int32Array; readonly slots: Int32Array; readonly orders: Float64Array };
  readonly events: EventData;
  /** The session ids' UTF-8 bytes, by their numbers in `sessions`: id s ends at `ends[s]` and starts where s - 1 ends. */
  readonly sessionIds: { readonly bytes: Uint8Array; readonly ends: Uint32Array; readonly ascii: boolean };
  readonly identities: readonly (readonly [string, string, string, string])[];
}

export interface ChunkResult {
  readonly failure?: ChunkFailure;
  /** The header as read (or adopted); undefined when the input had none. */
  readonly header?: readonly string[];
  readonly primaryName: string;
  /** Record index of the primary key; -1 without one. */
  readonly primaryAt: number;
  /** Why the rows were not checked (see TableScan.unusable). */
  readonly unusable?: string;
  /** Per file, for a whole input. */
  readonly files?: readonly FileReadStats[];
  /** For a range. */
  readonly range?: RangeStats;
  /** The tallies (by RuleBook number) that counted something or were skipped. */
  readonly tallies: readonly { readonly index: number; readonly part: TallyPart }[];
  /** Every violation, when logged: its tally's number and its stage. */
  readonly logged: readonly { readonly tally: number; readonly example: ViolationExample; readonly stage: number }[];
  readonly rows?: RowData;
  readonly customers?: { readonly createdAt: Float64Array };
  readonly products?: { readonly priceCents: Float64Array; readonly createdAt: Float64Array; readonly discontinuedAt: Float64Array; readonly updatedAt: Float64Array };
  readonly orders?: { readonly orderDate: Float64Array; readonly subtotalCents: Float64Array; readonly lines: Uint32Array; readonly customers: Int32Array };
  readonly items?: ItemData;
  readonly web?: WebData;
}

/** Growing typed columns of the items' sums. */
class ItemColumns {
  count = 0;
  slots = new Int32Array(1024);
  cents = new Float64Array(1024);
  fingerprints = new Int32Array(1024);

  add(slot: number, cents: number, productId: number): void {
    const at = this.count++;
    this.slots = ensureIndex(this.slots, at);
    this.cents = ensureIndex(this.cents, at);
    this.fingerprints = ensureIndex(this.fingerprints, at);
    this.slots[at] = slot;
    this.cents[at] = cents;
    this.fingerprints[at] = productFingerprint(productId);
  }

  /** What was gathered, copied out: the columns stay with the thread for its next task (see spareItems). */
  data(): ItemData {
    const count = this.count;
    return { count, slots: this.slots.slice(0, count), cents: this.cents.slice(0, count), fingerprints: this.fingerprints.slice(0, count) };
  }
}

/** Growing typed columns of the purchases and session events. */
class WebColumns {
  purchaseCount = 0;
  purchaseRows = new Int32Array(1024);
  purchaseSlots = new Int32Array(1024);
  purchaseOrders = new Float64Array(1024);
  count = 0;
  rows = new Int32Array(1024);
  eventIds = new Float64Array(1024);
  sessions = new Int32Array(1024);
  customers = new Int32Array(1024);
  products = new Int32Array(1024);
  orders = new Int32Array(1024);
  kinds = new Uint8Array(1024);
  timestamps = new Float64Array(1024);
  identities = new Int32Array(1024);

  purchase(row: number, slot: number, order: number): void {
    const at = this.purchaseCount++;
    this.purchaseRows = ensureIndex(this.purchaseRows, at);
    this.purchaseSlots = ensureIndex(this.purchaseSlots, at);
    this.purchaseOrders = ensureIndex(this.purchaseOrders, at);
    this.purchaseRows[at] = row;
    this.purchaseSlots[at] = slot;
    this.purchaseOrders[at] = order;
  }

  event(row: number, event: SessionEvent): void {
    const at = this.count++;
    if (at >= this.rows.length) {
      this.rows = ensureIndex(this.rows, at);
      this.eventIds = ensureIndex(this.eventIds, at);
      this.sessions = ensureIndex(this.sessions, at);
      this.customers = ensureIndex(this.customers, at);
      this.products = ensureIndex(this.products, at);
      this.orders = ensureIndex(this.orders, at);
      this.kinds = ensureIndex(this.kinds, at);
      this.timestamps = ensureIndex(this.timestamps, at);
      this.identities = ensureIndex(this.identities, at);
    }
    this.rows[at] = row;
    this.eventIds[at] = event.eventId;
    this.sessions[at] = event.session;
    this.customers[at] = event.customer;
    this.products[at] = event.product;
    this.orders[at] = event.order;
    this.kinds[at] = event.kind;
    this.timestamps[at] = event.timestamp;
    this.identities[at] = event.identity;
  }

  /** What was gathered, copied out: the columns stay with the thread for its next task (see spareWeb). */
  data(sessions: StringTable, identities: IdentityTable): WebData {
    const count = this.count;
    const ids = sessions.entryBytes();
    return {
      purchases: {
        count: this.purchaseCount,
        rows: this.purchaseRows.slice(0, this.purchaseCount),
        slots: this.purchaseSlots.slice(0, this.purchaseCount),
        orders: this.purchaseOrders.slice(0, this.purchaseCount),
      },
      events: {
        count,
        rows: this.rows.slice(0, count),
        eventIds: this.eventIds.slice(0, count),
        sessions: this.sessions.slice(0, count),
        customers: this.customers.slice(0, count),
        products: this.products.slice(0, count),
        orders: this.orders.slice(0, count),
        kinds: this.kinds.slice(0, count),
        timestamps: this.timestamps.slice(0, count),
        identities: this.identities.slice(0, count),
      },
      sessionIds: { ...ids, ascii: isAscii(ids.bytes) },
      identities: identities.combinations,
    };
  }
}

/** The table's rules in this task, how to pack what they gathered, and how to start a new piece. */
interface StartedRules {
  readonly rules: TableRules;
  /** Checks and takes the plain lines of a range from their bytes, for a table that has such a checker. */
  readonly plain?: PlainRow;
  pack(rows: number): Partial<ChunkResult>;
  restart(): void;
  /** Hands what the thread reuses back, once the task's result is packed. */
  recycle(): void;
}

/**
 * web_events' growing columns and session table, kept by the thread from one task to the next: a
 * range's columns (~1.5 MB grown by doubling) and session page (1 MB), made afresh per task, were freed
 * only by full collections, so the C heap held many at once (peak RSS) when those were rare.
 */
let spareWeb: { readonly columns: WebColumns; readonly sessions: StringTable } | undefined;
/** order_items' growing columns, kept likewise. */
let spareItems: ItemColumns | undefined;

/** The bytes of a range: streamed from its file, or a view of the bytes held in memory. */
async function rangeSource(range: { readonly path?: string; readonly source?: ByteSource; readonly start: number; readonly end: number }): Promise<ByteSource> {
  if (range.path !== undefined) return fileRangeSource(range.path, range.start, range.end);
  if (!range.source) throw new Error('a range task names neither a file nor a source');
  const reader = await range.source.openRanges();
  try {
    return memorySource(range.source.name, await reader.slice(range.start, range.end));
  } finally {
    await reader.close();
  }
}

/**
 * Runs one task; never rejects for the input's faults (they come back as `failure`). With `onPiece`, a
 * whole-input task hands its results on every PIECE_ROWS rows (each piece counted from zero, its rows
 * from row 0), so memory stays bounded whatever the table's size; the returned result is the last piece.
 */
export async function scanChunk(task: ChunkTask, schemas: SchemaSet, onPiece?: (piece: ChunkResult) => void): Promise<ChunkResult> {
  const book = new RuleBook(task.examples, task.logAll ? new ViolationLog() : undefined);
  const catalog = defineRules(book, schemas);
  const defined = book.tallies.length;
  const facts = factsFromShared(task.facts);
  const targets: Partial<Record<TableName, IdIndex>> = {};
  if (facts.customers) targets.customers = facts.customers.ids;
  if (facts.products) targets.products = facts.products.ids;
  if (facts.orders) targets.orders = facts.orders.ids;
  const file = task.name;
  let started: StartedRules | undefined;
  const scan: TableScan = new TableScan({
    schema: schemas[task.table],
    file,
    book,
    plan: catalog.plan,
    targets,
    now: task.now,
    start: (layout) => {
      started = startRules(task, schemas, layout, book, facts, scan);
      return started.rules;
    },
  });
  const log = book.log;
  const utf8 = book.tally('FILE-UTF8');
  const nul = book.tally('FILE-NUL');
  const options = {
    onInvalidUtf8: (line: number): void => {
      if (log) log.stage = STAGE.bytes;
      utf8.add(file, line, () => ({ key: '', values: {}, problem: 'invalid UTF-8 byte sequence (read as U+FFFD)' }));
    },
    onNul: (line: number): void => {
      if (log) log.stage = STAGE.bytes;
      nul.add(file, line, () => ({ key: '', values: {}, problem: "a NUL byte (PostgreSQL's COPY rejects it)" }));
    },
    onWideRecord: (line: number, count: number): void => {
      if (log) log.stage = STAGE.values;
      scan.onWideRecord(line, count);
    },
  };
  const numbers = new Map(book.tallies.map((tally, index) => [tally, index]));
  /** What was gathered since the last piece. */
  const pack = (): ChunkResult => {
    const tallies: { index: number; part: TallyPart }[] = [];
    for (let index = 0; index < defined; index++) {
      const tally = book.tallyAt(index);
      if (tally.count > 0 || tally.notChecked !== undefined) tallies.push({ index, part: tally.part() });
    }
    const logged = (log?.unsorted ?? []).flatMap(({ tally, example, stage }) => {
      const index = numbers.get(tally);
      return index === undefined || index >= defined ? [] : [{ tally: index, example, stage }];
    });
    const rows = scan.columns?.data();
    return {
      ...(scan.headerFields ? { header: scan.headerFields } : {}),
      primaryName: scan.primaryName,
      primaryAt: scan.primaryAt,
      ...(scan.unusable !== undefined ? { unusable: scan.unusable } : {}),
      tallies,
      logged,
      ...(rows ? { rows } : {}),
      ...(started ? started.pack(rows?.count ?? 0) : {}),
    };
  };
  const handOn = (): void => {
    onPiece?.(pack());
    for (let index = 0; index < defined; index++) book.tallyAt(index).clear();
    if (log) log.unsorted.length = 0;
    scan.columns?.clear();
    started?.restart();
  };
  const onRecord = onPiece ? (fields: readonly string[], line: number): void => {
    scan.onRecord(fields, line);
    if ((scan.columns?.count ?? 0) >= PIECE_ROWS) handOn();
  } : scan.onRecord;
  let files: FileReadStats[] | undefined;
  let range: RangeStats | undefined;
  try {
    if (task.source.kind === 'input') {
      files = await readTable(task.source.input, onRecord, options);
    } else {
      const { header, firstLine } = task.source;
      if (header) scan.adoptHeader(header);
      // Every table has a byte checker (plain lines checked from their bytes).
      const plainLines = { plainLines: plainLinesReader(() => started?.plain, scan.onRecord, options.onWideRecord) };
      const read = await readCsv(await rangeSource(task.source), scan.onRecord, { ...options, ...plainLines, hash: false, ...(firstLine !== undefined ? { firstLine } : {}) });
      range = { records: read.records, crlfRecords: read.crlfRecords, invalidUtf8: read.invalidUtf8, nextLine: read.nextLine };
    }
  } catch (error) {
    if (error instanceof FormatError) return failed({ kind: 'format', message: error.message });
    const code = (error as NodeJS.ErrnoException).code;
    // A system error (EISDIR, EIO...) is the input's; anything else is a bug and stays one.
    if (typeof code === 'string') return failed({ kind: 'system', code });
    throw error;
  }
  scan.finish();
  const result: ChunkResult = { ...pack(), ...(files ? { files } : {}), ...(range ? { range } : {}) };
  started?.recycle();
  scan.columns?.recycle();
  return result;
}

function failed(failure: ChunkFailure): ChunkResult {
  return { failure, primaryName: '', primaryAt: -1, tallies: [], logged: [] };
}

function startRules(task: ChunkTask, schemas: SchemaSet, layout: TableLayout, book: RuleBook, facts: ReturnType<typeof factsFromShared>, scan: TableScan): StartedRules {
  const keyOf = (fields: readonly string[]): string => scan.keyOf(fields);
  switch (task.table) {
    case 'customers': {
      const customers = new CustomerRowFacts();
      const rules = bothRules(customerRules(layout, book, customers, keyOf), updatedAtRule(layout, book, 'CUS-05', ['created_at'], keyOf));
      const plain = scan.columns ? customerBytes({ schema: schemas.customers, layout, now: task.now, foreignKeys: scan.foreignKeyIds, columns: scan.columns, facts, customers }) : undefined;
      return {
        rules,
        ...(plain ? { plain } : {}),
        pack: (rows) => ({ customers: { createdAt: customers.createdAt.subarray(0, rows) } }),
        restart: () => undefined,
        recycle: () => undefined,
      };
    }
    case 'products': {
      const products = new ProductRowFacts();
      const plain = scan.columns ? productBytes({ schema: schemas.products, layout, now: task.now, foreignKeys: scan.foreignKeyIds, columns: scan.columns, facts, products }) : undefined;
      return {
        rules: bothRules(productRules(layout, book, products, keyOf), updatedAtRule(layout, book, 'PRD-06', ['created_at', 'discontinued_at'], keyOf)),
        ...(plain ? { plain } : {}),
        pack: (rows) => ({
          products: {
            priceCents: products.priceCents.subarray(0, rows),
            createdAt: products.createdAt.subarray(0, rows),
            discontinuedAt: products.discontinuedAt.subarray(0, rows),
            updatedAt: products.updatedAt.subarray(0, rows),
          },
        }),
        restart: () => undefined,
        recycle: () => undefined,
      };
    }
    case 'orders': {
      const orders = new OrderRowFacts();
      const plain = scan.columns ? orderBytes({ schema: schemas.orders, layout, now: task.now, foreignKeys: scan.foreignKeyIds, columns: scan.columns, facts, orders }) : undefined;
      return {
        rules: bothRules(orderRules(layout, book, facts, orders, keyOf), updatedAtRule(layout, book, 'ORD-13', ['order_date', 'shipped_at', 'delivered_at', 'returned_at'], keyOf)),
        ...(plain ? { plain } : {}),
        pack: (rows) => ({
          orders: { orderDate: orders.orderDate.subarray(0, rows), subtotalCents: orders.subtotalCents.subarray(0, rows), lines: orders.line.subarray(0, rows), customers: orders.customer.subarray(0, rows) },
        }),
        restart: () => undefined,
        recycle: () => undefined,
      };
    }
    case 'order_items': {
      const items = spareItems ?? new ItemColumns();
      spareItems = undefined;
      items.count = 0;
      const onItem = (slot: number, cents: number, productId: number): void => items.add(slot, cents, productId);
      const plain = scan.columns ? itemBytes({ schema: schemas.order_items, layout, now: task.now, foreignKeys: scan.foreignKeyIds, columns: scan.columns, facts, onItem }) : undefined;
      return {
        rules: itemRules(layout, book, facts, onItem, keyOf),
        ...(plain ? { plain } : {}),
        pack: () => ({ items: items.data() }),
        restart: () => {
          items.count = 0;
        },
        recycle: () => {
          spareItems = items;
        },
      };
    }
    case 'web_events': {
      const spare = spareWeb;
      spareWeb = undefined;
      const web = spare?.columns ?? new WebColumns();
      web.count = 0;
      web.purchaseCount = 0;
      const sessions = spare?.sessions ?? new StringTable();
      sessions.clear();
      const reader = new EventReader(layout, sessions, new IdentityTable());
      reader.parsed = scan.parsed;
      const orderAt = layout.at('order_id');
      const sink = {
        purchase: (row: number, slot: number, orderText: string): void => {
          const order = parseInteger(orderText);
          web.purchase(row, slot, order);
          scan.columns?.keepText(row, orderAt, orderText, order);
        },
        event: (row: number, event: SessionEvent): void => web.event(row, event),
      };
      const plain = scan.columns
        ? webEventBytes({
            schema: schemas.web_events,
            layout,
            now: task.now,
            foreignKeys: scan.foreignKeyIds,
            columns: scan.columns,
            facts,
            reader,
            sink: { purchase: (row, slot, order) => web.purchase(row, slot, order), event: (row, event) => web.event(row, event) },
          })
        : undefined;
      return {
        rules: webEventRules(layout, book, facts, reader, sink, keyOf),
        ...(plain ? { plain } : {}),
        pack: () => ({ web: web.data(reader.sessions, reader.identities) }),
        restart: () => {
          web.count = 0;
          web.purchaseCount = 0;
          reader.restart(new StringTable(), new IdentityTable());
        },
        recycle: () => {
          spareWeb = { columns: web, sessions };
        },
      };
    }
  }
}
