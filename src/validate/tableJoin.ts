// The coordinator's side of one table's scan: the results of its tasks (chunkScan), taken in file order,
// are joined into the run's rule book and facts. What each task could judge alone comes as counts and
// examples; what needs every row of the table is judged here from the tasks' columns: the primary key
// (PK-UNIQUE), the unique keys, the facts later tables look up (slots in key arrival order, as one
// pass gives), the items' sums per order, one purchase per order (WEB-16), and the session events.
import type { TableName } from '../schema/tableNames.js';
import type { TableSchema } from '../schema/schemaTypes.js';
import type { FileReadStats } from '../read/tableInput.js';
import type { ChunkResult, WebData } from './chunkScan.js';
import { CustomerRowFacts, OrderRowFacts, ProductRowFacts, type DatasetFacts } from './facts.js';
import { IdSet } from './idSet.js';
import { ID_DUPLICATE, ID_OVERFLOW, type IdIndex } from './idIndex.js';
import { IntTupleSet } from './intTupleSet.js';
import type { KeyPlan } from './keyPlan.js';
import { RowTexts, type RowData } from './rowColumns.js';
import type { RuleBook, RuleTally } from './ruleBook.js';
import { EventReader } from './sessions/eventReader.js';
import { EventStore } from './sessions/eventStore.js';
import { IdentityTable, SessionEvent } from './sessions/sessionRules.js';
import { StreamedSessions } from './sessions/streamedSessions.js';
import { StringTable } from './stringTable.js';
import { STAGE } from './tableScan.js';
import { readHeader, type TableLayout } from './tableLayout.js';

/** Where a table's primary keys go: an IdIndex slot (>= 0), ID_DUPLICATE or ID_OVERFLOW. */
interface PrimaryKeyStore {
  add(id: number): number;
}

function idSetStore(set: IdSet): PrimaryKeyStore {
  return { add: (id) => (!set.add(id) ? ID_DUPLICATE : set.overflowed ? ID_OVERFLOW : 0) };
}

/** The session rules' state over web_events, for judgeSessions. */
export interface WebState {
  readonly layout: TableLayout;
  readonly reader: EventReader;
  readonly streamed: StreamedSessions;
  readonly store: EventStore;
}

/** What the run shares with each table's join. */
export interface JoinContext {
  readonly book: RuleBook;
  readonly plan: KeyPlan;
  readonly facts: DatasetFacts;
  readonly targets: Partial<Record<TableName, IdIndex>>;
}

export class TableJoin {
  /** Why the rows were not checked, as the first task found (undefined when they were). */
  unusable: string | undefined = 'the file is empty (no header)';
  layout: TableLayout | undefined;
  web: WebState | undefined;
  private seen = false;
  private keys: PrimaryKeyStore | undefined;
  private readonly primary: RuleTally;
  private readonly onePurchase: RuleTally;
  /** A range-split file's counts, summed over its ranges. */
  private records = 0;
  private crlfRecords = 0;
  private invalidUtf8 = 0;
  private readonly files: FileReadStats[] = [];
  private readonly event = new SessionEvent();

  constructor(
    private readonly table: TableName,
    private readonly file: string,
    private readonly schema: TableSchema,
    private readonly context: JoinContext,
  ) {
    this.primary = context.book.tally('PK-UNIQUE');
    this.onePurchase = context.book.tally('WEB-16');
  }

  /** Joins the next task's result; `lineBase` turns its lines into the table's. */
  apply(result: ChunkResult, lineBase: number): void {
    if (!this.seen) {
      this.seen = true;
      this.unusable = result.unusable;
      if (result.unusable === undefined && result.header) this.start(readHeader(this.schema, this.file, result.header).layout);
    }
    const { book } = this.context;
    for (const { index, part } of result.tallies) book.tallyAt(index).addPart(part, lineBase);
    const log = book.log;
    if (log) {
      for (const { tally, example, stage } of result.logged) {
        log.add(book.tallyAt(tally), lineBase === 0 || example.line === 0 ? example : { ...example, line: example.line + lineBase }, stage);
      }
    }
    if (result.files) this.files.push(...result.files);
    if (result.range) {
      this.records += result.range.records;
      this.crlfRecords += result.range.crlfRecords;
      this.invalidUtf8 += result.range.invalidUtf8;
    }
    const rows = result.rows;
    if (!rows || !this.layout) return;
    const texts = new RowTexts(rows, this.layout.width);
    const keyOf = (row: number): string => (result.primaryAt >= 0 ? `${result.primaryName}=${texts.text(row, result.primaryAt, rows.keys[row] as number)}` : '');
    const slots = this.primaryKeys(result, rows, texts, keyOf, lineBase);
    this.uniqueKeys(rows, texts, keyOf, lineBase);
    this.recordFacts(result, slots, lineBase);
    if (result.web) this.webRows(result.web, rows, texts, keyOf, lineBase);
  }

  /** The file stats of the tasks' whole files, or of the one range-split file (`bytes` and `sha256` given). */
  stats(whole?: { readonly file: string; readonly bytes: number; readonly sha256: string }): FileReadStats[] {
    if (!whole) return this.files;
    return [{ file: whole.file, kind: 'csv', rows: Math.max(0, this.records - 1), bytes: whole.bytes, sha256: whole.sha256, crlfRecords: this.crlfRecords, invalidUtf8: this.invalidUtf8 }];
  }

  private start(layout: TableLayout | undefined): void {
    if (!layout) return;
    this.layout = layout;
    const { facts, targets, book } = this.context;
    switch (this.table) {
      case 'customers':
        facts.customers = new CustomerRowFacts();
        targets.customers = facts.customers.ids;
        this.keys = facts.customers.ids;
        break;
      case 'products':
        facts.products = new ProductRowFacts();
        targets.products = facts.products.ids;
        this.keys = facts.products.ids;
        break;
      case 'orders':
        facts.orders = new OrderRowFacts();
        targets.orders = facts.orders.ids;
        this.keys = facts.orders.ids;
        break;
      case 'order_items':
        this.keys = idSetStore(new IdSet());
        break;
      case 'web_events': {
        this.keys = idSetStore(new IdSet());
        const reader = new EventReader(layout, new StringTable(), new IdentityTable());
        const streamed = new StreamedSessions(layout.file, reader.sessions, reader.identities, () => book.newTally(), facts.orders);
        this.web = { layout, reader, streamed, store: new EventStore() };
        break;
      }
    }
  }

  /** PK-UNIQUE over the rows in file order; returns each row's slot (-1 when its key is invalid or repeated). */
  private primaryKeys(result: ChunkResult, rows: RowData, texts: RowTexts, keyOf: (row: number) => string, lineBase: number): Int32Array {
    const slots = new Int32Array(rows.count).fill(-1);
    const keys = this.keys;
    const name = result.primaryName;
    if (result.primaryAt < 0 || !keys) return slots;
    const log = this.context.book.log;
    if (log) log.stage = STAGE.primaryKey;
    for (let row = 0; row < rows.count; row++) {
      const id = rows.keys[row] as number;
      const line = (rows.lines[row] as number) + lineBase;
      if (Number.isNaN(id)) {
        const text = texts.text(row, result.primaryAt, id);
        this.primary.add(this.file, line, () => ({ key: keyOf(row), values: { [name]: text }, problem: `${name} is ${text === '' ? 'NULL' : 'not an integer key'}` }));
        continue;
      }
      const slot = keys.add(id);
      if (slot === ID_DUPLICATE) {
        const text = texts.text(row, result.primaryAt, id);
        this.primary.add(this.file, line, () => ({ key: keyOf(row), values: { [name]: text }, problem: `${name} ${text} appears on an earlier line too` }));
      } else if (slot === ID_OVERFLOW) {
        this.primary.skip(`${this.file} has more keys than fit in memory`);
      } else {
        slots[row] = slot;
      }
    }
    return slots;
  }

  /** The unique-key checks of keyPlan, over the rows in file order. */
  private uniqueKeys(rows: RowData, texts: RowTexts, keyOf: (row: number) => string, lineBase: number): void {
    const layout = this.layout as TableLayout;
    const log = this.context.book.log;
    if (log) log.stage = STAGE.uniqueKeys;
    const uniques = this.context.plan.uniques.filter((unique) => unique.table === this.table);
    uniques.forEach((unique, index) => {
      const values = rows.uniques[index];
      if (!values) return;
      const ats = unique.columns.map((column) => layout.at(column));
      const width = ats.length;
      const { keys, tally } = unique;
      const shown = (row: number): Record<string, string> =>
        Object.fromEntries(
          unique.columns.map((column, position) => [
            column,
            values.integers ? texts.text(row, ats[position] as number, values.values[row * width + position] as number) : ((values.texts[position] as string[])[row] as string),
          ]),
        );
      const tuples = values.integers && keys instanceof IntTupleSet ? keys : undefined;
      for (let row = 0; row < rows.count; row++) {
        let added: boolean;
        if (values.integers) {
          if (values.take[row] !== 1 || !tuples) continue;
          added = tuples.add(values.values, row * width) || tuples.overflowed;
        } else {
          if (keys instanceof IntTupleSet) continue;
          let key = '';
          let skip = false;
          for (let column = 0; column < width; column++) {
            const value = (values.texts[column] as string[])[row] as string;
            if (value === '') {
              skip = true;
              break;
            }
            key = column === 0 ? value : `${key}\u0000${value}`;
          }
          if (skip) continue;
          added = keys.intern(key) < 0 || keys.added;
        }
        if (keys.overflowed) {
          tally.skip(`${this.file} has more distinct (${unique.columns.join(', ')}) values than fit in memory`);
          continue;
        }
        if (added) continue;
        tally.add(this.file, (rows.lines[row] as number) + lineBase, () => ({ key: keyOf(row), values: shown(row), problem: `(${unique.columns.join(', ')}) repeats an earlier row's` }));
      }
    });
  }

  /** The rows' facts, at their keys' slots; the items' sums, at their orders'. */
  private recordFacts(result: ChunkResult, slots: Int32Array, lineBase: number): void {
    const { facts } = this.context;
    const { customers, products, orders, items } = result;
    for (let row = 0; row < slots.length; row++) {
      const slot = slots[row] as number;
      if (slot < 0) continue;
      if (customers) facts.customers?.record(slot, customers.createdAt[row] as number);
      if (products) facts.products?.record(slot, products.priceCents[row] as number, products.createdAt[row] as number, products.discontinuedAt[row] as number, products.updatedAt[row] as number);
      if (orders) facts.orders?.record(slot, orders.orderDate[row] as number, orders.subtotalCents[row] as number, (orders.lines[row] as number) + lineBase, orders.customers[row] as number);
    }
    const target = facts.orders;
    if (items && target) for (let item = 0; item < items.count; item++) target.addItem(items.slots[item] as number, items.cents[item] as number, items.fingerprints[item] as number);
  }

  /** WEB-16 over the purchases, then the session events into the streamed rules (and the store once they give up). */
  private webRows(data: WebData, rows: RowData, texts: RowTexts, keyOf: (row: number) => string, lineBase: number): void {
    const web = this.web;
    const orders = this.context.facts.orders;
    const log = this.context.book.log;
    const layout = this.layout as TableLayout;
    if (orders) {
      if (log) log.stage = STAGE.earlierRows;
      const orderAt = layout.at('order_id');
      const { purchases } = data;
      for (let at = 0; at < purchases.count; at++) {
        const slot = purchases.slots[at] as number;
        const row = purchases.rows[at] as number;
        if (orders.purchased[slot] === 1) {
          const orderText = texts.text(row, orderAt, purchases.orders[at] as number);
          this.onePurchase.add(this.file, (rows.lines[row] as number) + lineBase, () => ({ key: keyOf(row), values: { order_id: orderText }, problem: `order ${orderText} is placed by an earlier purchase event too` }));
        }
        orders.purchased[slot] = 1;
      }
    }
    if (!web) return;
    if (log) log.stage = STAGE.sessions;
    const { reader, streamed, store } = web;
    const { events } = data;
    const ids = data.sessionIds;
    const sessions = new Int32Array(ids.ends.length).fill(-1);
    const identities = new Int32Array(data.identities.length).fill(-1);
    const event = this.event;
    for (let at = 0; at < events.count; at++) {
      const local = events.sessions[at] as number;
      let session = sessions[local] as number;
      if (session < 0) {
        const start = local > 0 ? (ids.ends[local - 1] as number) : 0;
        const end = ids.ends[local] as number;
        // intern() of the text: non-ASCII ids go through their text, as they always have.
        session = ids.ascii ? reader.sessions.internAscii(ids.bytes, start, end) : reader.sessions.intern(Buffer.from(ids.bytes.buffer, ids.bytes.byteOffset + start, end - start).toString('utf8'));
        if (session < 0) {
          reader.full = true;
          continue;
        }
        sessions[local] = session;
      }
      const localIdentity = events.identities[at] as number;
      let identity = identities[localIdentity] as number;
      if (identity < 0) {
        const [device, browser, system, source] = data.identities[localIdentity] as readonly [string, string, string, string];
        identity = reader.identities.number(device, browser, system, source);
        identities[localIdentity] = identity;
      }
      event.line = (rows.lines[events.rows[at] as number] as number) + lineBase;
      event.eventId = events.eventIds[at] as number;
      event.session = session;
      event.customer = events.customers[at] as number;
      event.product = events.products[at] as number;
      event.order = events.orders[at] as number;
      event.kind = events.kinds[at] as number;
      event.timestamp = events.timestamps[at] as number;
      event.identity = identity;
      streamed.feed(event);
      if (streamed.fallback !== undefined) store.push(event);
    }
  }
}
