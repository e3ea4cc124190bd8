// One validation run over a dataset's five tables, read once each in dependency order (customers,
// products, orders, order_items, web_events), so every cross-table rule finds the facts it needs already
// gathered, whatever order the rows are in. Memory is a few typed-array bytes per row of the tables
// others refer to, the distinct values of unique columns, and the session ids.
import type { TableName } from '../schema/tableNames.js';
import type { SchemaSet } from '../schema/schemaTypes.js';
import { FormatError } from '../encoding/formatError.js';
import { readTable, type FileReadStats, type TableInput } from '../read/tableInput.js';
import { DatasetUnreadable } from './datasetUnreadable.js';
import { CustomerRowFacts, OrderRowFacts, ProductRowFacts, type DatasetFacts } from './facts.js';
import { IdSet } from './idSet.js';
import { ID_DUPLICATE, ID_OVERFLOW, type IdIndex } from './idIndex.js';
import type { FileReport } from './report.js';
import { RuleBook, type ViolationLog } from './ruleBook.js';
import { defineRules, type RuleCatalog } from './ruleCatalog.js';
import { customerRules } from './rules/customerRules.js';
import { itemRules } from './rules/itemRules.js';
import { checkOrdersAfterItems, orderRules } from './rules/orderRules.js';
import { productRules } from './rules/productRules.js';
import { bothRules, updatedAtRule } from './rules/updatedAtRules.js';
import { webEventRules } from './rules/webEventRules.js';
import { EventReader } from './sessions/eventReader.js';
import { EVENT_STORE_BUDGET_BYTES, EventStore } from './sessions/eventStore.js';
import { judgeStoredSessions, storeRowsBefore } from './sessions/sessionReplay.js';
import { IdentityTable, SessionRules } from './sessions/sessionRules.js';
import { sessionTallies, StreamedSessions } from './sessions/streamedSessions.js';
import { StringTable } from './stringTable.js';
import { TableScan, type PrimaryKeyStore, type TableRules } from './tableScan.js';
import type { TableLayout } from './tableLayout.js';

interface WebState {
  readonly layout: TableLayout;
  readonly reader: EventReader;
  readonly streamed: StreamedSessions;
  readonly store: EventStore;
}

function idSetStore(set: IdSet): PrimaryKeyStore {
  return { add: (id) => (!set.add(id) ? ID_DUPLICATE : set.overflowed ? ID_OVERFLOW : 0) };
}

/** One validation run: the rule book, the facts gathered so far, and what each file read gave. */
export class DatasetValidation {
  readonly book: RuleBook;
  private readonly catalog: RuleCatalog;
  private readonly facts: DatasetFacts = {};
  private readonly targets: Partial<Record<TableName, IdIndex>> = {};
  private readonly unusable = new Map<TableName, string>();
  readonly files: FileReport[] = [];
  private web: WebState | undefined;
  sessions = 'not read';

  constructor(
    private readonly tables: ReadonlyMap<TableName, TableInput>,
    private readonly schemas: SchemaSet,
    examples: number,
    log?: ViolationLog,
  ) {
    this.book = new RuleBook(examples, log);
    this.catalog = defineRules(this.book, schemas);
  }

  private startTable(table: TableName, layout: TableLayout, scan: TableScan): { keys: PrimaryKeyStore; rules: TableRules } {
    const { book, facts } = this;
    const keyOf = (fields: readonly string[]): string => scan.keyOf(fields);
    switch (table) {
      case 'customers': {
        const customers = new CustomerRowFacts();
        facts.customers = customers;
        this.targets.customers = customers.ids;
        return { keys: customers.ids, rules: bothRules(customerRules(layout, book, customers, keyOf), updatedAtRule(layout, book, 'CUS-05', ['created_at'], keyOf)) };
      }
      case 'products': {
        const products = new ProductRowFacts();
        facts.products = products;
        this.targets.products = products.ids;
        return { keys: products.ids, rules: bothRules(productRules(layout, book, products, keyOf), updatedAtRule(layout, book, 'PRD-06', ['created_at', 'discontinued_at'], keyOf)) };
      }
      case 'orders': {
        const orders = new OrderRowFacts();
        const rules = bothRules(orderRules(layout, book, facts, orders, keyOf), updatedAtRule(layout, book, 'ORD-13', ['order_date', 'shipped_at', 'delivered_at', 'returned_at'], keyOf));
        facts.orders = orders;
        this.targets.orders = orders.ids;
        return { keys: orders.ids, rules };
      }
      case 'order_items':
        return { keys: idSetStore(new IdSet()), rules: itemRules(layout, book, facts, keyOf) };
      case 'web_events': {
        const sessions = new StringTable();
        const identities = new IdentityTable();
        const reader = new EventReader(layout, sessions, identities);
        const streamed = new StreamedSessions(layout.file, sessions, identities, () => book.newTally(), facts.orders);
        const web = { layout, reader, streamed, store: new EventStore() };
        this.web = web;
        return { keys: idSetStore(new IdSet()), rules: webEventRules(layout, book, facts, web, keyOf) };
      }
    }
  }

  private input(table: TableName): TableInput {
    const input = this.tables.get(table);
    if (!input) throw new DatasetUnreadable(`${table}: missing`);
    return input;
  }

  async readTable(table: TableName): Promise<void> {
    const input = this.input(table);
    const file = input.name;
    const scan: TableScan = new TableScan({
      schema: this.schemas[table],
      file,
      book: this.book,
      plan: this.catalog.plan,
      targets: this.targets,
      start: (layout) => this.startTable(table, layout, scan),
    });
    const utf8 = this.book.tally('FILE-UTF8');
    const nul = this.book.tally('FILE-NUL');
    let stats: FileReadStats[];
    try {
      stats = await readTable(input, scan.onRecord, {
        onInvalidUtf8: (line) => utf8.add(file, line, () => ({ key: '', values: {}, problem: 'invalid UTF-8 byte sequence (read as U+FFFD)' })),
        onNul: (line) => nul.add(file, line, () => ({ key: '', values: {}, problem: "a NUL byte (PostgreSQL's COPY rejects it)" })),
        onWideRecord: scan.onWideRecord,
      });
    } catch (error) {
      if (error instanceof FormatError) throw new DatasetUnreadable(error.message);
      const code = (error as NodeJS.ErrnoException).code;
      // A system error (EISDIR, EIO...) is the input's; anything else is a bug and stays one.
      if (typeof code === 'string') throw new DatasetUnreadable(`${input.files.length === 1 ? (input.files[0]?.source.name ?? file) : file}: cannot read it (${code})`);
      throw error;
    }
    scan.finish();
    if (scan.unusable !== undefined) this.unusable.set(table, scan.unusable);
    // No later table adds to this table's unique keys: free them before the next (larger) table.
    for (const unique of this.catalog.plan.uniques) if (unique.table === table) unique.keys.release();
    for (const read of stats) {
      this.files.push({
        table,
        file: read.file,
        rows: read.rows,
        bytes: read.bytes,
        sha256: read.sha256,
        lineEnding: read.kind === 'parquet' ? 'none' : read.crlfRecords === 0 ? 'LF' : read.crlfRecords >= read.rows + (read.kind.startsWith('csv') ? 1 : 0) ? 'CRLF' : 'mixed',
        checked: scan.unusable === undefined,
        ...(scan.unusable !== undefined ? { note: scan.unusable } : {}),
      });
    }
  }

  /** ORD-02, -04 and -09, once order_items has been read. */
  afterItems(): void {
    const orders = this.facts.orders;
    if (orders) checkOrdersAfterItems(this.book, 'orders.csv', orders, !this.unusable.has('order_items'));
    if (!this.catalog.plan.foreignKeys.some((foreignKey) => foreignKey.table === 'web_events' && foreignKey.target === 'orders')) {
      delete this.facts.orders;
      delete this.targets.orders;
    }
  }

  /** The session rules: the streamed verdicts when the file allowed them, else the stored events sorted. */
  async judgeSessions(): Promise<void> {
    const web = this.web;
    if (!web) return;
    const tallies = sessionTallies(this.book);
    const skip = (reason: string): void => {
      this.sessions = `not checked: ${reason}`;
      for (const tally of Object.values(tallies)) tally.skip(reason);
    };
    const { reader, streamed, store, layout } = web;
    const fallback = streamed.fallback;
    if (fallback === undefined && !reader.full) {
      this.sessions = 'judged in file order (the file is in event_id order)';
      tallies.contiguous.absorb(streamed.tallies.contiguous);
      tallies.time.absorb(streamed.tallies.time);
      tallies.identity.absorb(streamed.tallies.identity);
      tallies.addToCart.absorb(streamed.tallies.addToCart);
      tallies.checkout.absorb(streamed.tallies.checkout);
      tallies.cart.absorb(streamed.tallies.cart);
      return;
    }
    // The other tables' facts are no longer needed (but the orders', for WEB-15): let them go before
    // more events are stored.
    const orders = this.facts.orders;
    delete this.facts.customers;
    delete this.facts.products;
    delete this.facts.orders;
    if (!reader.full && !store.full) await storeRowsBefore(this.input('web_events'), layout, reader, store, streamed.fallbackLine);
    if (reader.full) return skip(`${layout.file} has more sessions than fit in memory`);
    if (store.full) return skip(`${layout.file} is not in event_id order, and it has more events than can be sorted in ${EVENT_STORE_BUDGET_BYTES / 2 ** 20} MB`);
    judgeStoredSessions(store, reader.sessions.size, new SessionRules(layout.file, tallies, reader.sessions, reader.identities, orders));
    this.sessions = `sorted in memory by session and event_id (not in file order: ${fallback ?? ''})`;
  }

  /** Rules whose tables could not be checked are not checked either, whatever partial counts they have. */
  markUnchecked(): void {
    for (const [tally, tables] of this.catalog.needs) {
      for (const table of tables) {
        const reason = this.unusable.get(table);
        if (reason !== undefined) tally.skip(`${table}.csv rows were not checked: ${reason}`);
      }
    }
  }
}
