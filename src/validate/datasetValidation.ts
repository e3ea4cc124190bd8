// One validation run over a dataset's five tables, in dependency order (customers, products, orders,
// order_items, web_events), so every cross-table rule finds the facts it needs already gathered, whatever
// order the rows are in. Each table is read as tasks (chunkScan: the whole table, or byte ranges of a
// large CSV file) that run at the same time on worker threads against the earlier tables' facts, and
// whose results are joined in file order (tableJoin): the report is the one a single pass gives.
// Memory is a few typed-array bytes per row of the tables others refer to, the distinct values of
// unique columns, the session ids, and the columns of the few tasks in flight.
import type { TableName } from '../schema/tableNames.js';
import { TABLE_NAMES } from '../schema/tableNames.js';
import type { SchemaSet } from '../schema/schemaTypes.js';
import { csvRanges, hashSource, type CsvRanges } from '../read/csvRanges.js';
import type { FileReadStats, TableInput } from '../read/tableInput.js';
import type { ByteSource } from '../encoding/byteSource.js';
import type { ChunkRunner } from './chunkRunner.js';
import type { ChunkFailure, ChunkResult, ChunkSource, ChunkTask } from './chunkScan.js';
import { DatasetUnreadable } from './datasetUnreadable.js';
import { shareFacts, type DatasetFacts, type SharedFacts } from './facts.js';
import type { IdIndex } from './idIndex.js';
import type { FileReport } from './report.js';
import { RuleBook, type ViolationLog } from './ruleBook.js';
import { defineRules, type RuleCatalog } from './ruleCatalog.js';
import { checkOrdersAfterItems } from './rules/orderRules.js';
import { EVENT_STORE_BUDGET_BYTES } from './sessions/eventStore.js';
import { judgeStoredSessions, storeRowsBefore } from './sessions/sessionReplay.js';
import { SessionRules } from './sessions/sessionRules.js';
import { sessionTallies } from './sessions/streamedSessions.js';
import { TableJoin, type WebState } from './tableJoin.js';

/** Bytes of a CSV file one task reads: small enough to spread a table over the workers and keep few columns in flight. */
export const DEFAULT_RANGE_BYTES = 4 << 20;

/** The log's phases: each table's rows in file order, then what is judged after it (see ViolationLog). */
function tablePhase(table: TableName): number {
  return TABLE_NAMES.indexOf(table) * 2;
}
export const MANIFEST_PHASE = TABLE_NAMES.length * 2;

export interface RunSettings {
  readonly schemaDir: string;
  readonly examples: number;
  /** The validation's clock, `YYYY-MM-DD HH:MM:SS`. */
  readonly now: string;
  /** Bytes per task of a large CSV file. */
  readonly rangeBytes: number;
  /** Runs tasks on files; `local` runs those of tables held in memory. */
  readonly runner: ChunkRunner;
  readonly local: ChunkRunner;
}

/** A table's tasks, and for a range-split file what the coordinator adds (its size and sha256). */
interface TablePlan {
  readonly sources: readonly ChunkSource[];
  readonly split?: { readonly name: string; readonly ranges: CsvRanges; readonly at: { readonly path?: string; readonly source?: ByteSource }; readonly hash: Promise<{ sha256: string; bytes: number }> };
  readonly runner: ChunkRunner;
}

/** One table's read in progress: its tasks, and how far its results have been joined. */
interface TableRead {
  readonly table: TableName;
  readonly input: TableInput;
  readonly plan: TablePlan;
  readonly split: TablePlan['split'];
  readonly facts: SharedFacts;
  readonly task: (source: ChunkSource) => ChunkTask;
  readonly tasks: readonly ChunkTask[];
  join: TableJoin | undefined;
  /** Lines of the ranges joined so far, and how many ranges. */
  lineBase: number;
  done: number;
  failure: ChunkFailure | undefined;
  closed: boolean;
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
    private readonly settings: RunSettings,
    log?: ViolationLog,
  ) {
    this.book = new RuleBook(settings.examples, log);
    this.catalog = defineRules(this.book, schemas);
  }

  private input(table: TableName): TableInput {
    const input = this.tables.get(table);
    if (!input) throw new DatasetUnreadable(`${table}: missing`);
    return input;
  }

  private async plan(input: TableInput): Promise<TablePlan> {
    const { runner, local, rangeBytes } = this.settings;
    const onDisk = input.files.every((file) => file.path !== undefined);
    const only = input.files[0];
    if (input.files.length === 1 && only && only.kind === 'csv') {
      // An unreadable file is not cut: the whole-file task reports it as it always has.
      const ranges = await csvRanges(only.source, rangeBytes).catch(() => undefined);
      if (ranges) {
        const at = only.path !== undefined ? { path: only.path } : { source: only.source };
        const sources = ranges.ranges.map(([start, end], index): ChunkSource => ({ kind: 'range', ...at, start, end, ...(index > 0 ? { header: ranges.header } : {}) }));
        const hash = hashSource(only.source);
        hash.catch(() => undefined);
        return { sources, split: { name: only.name, ranges, at, hash }, runner: onDisk ? runner : local };
      }
    }
    // Other formats and layouts are read in this thread, their rows joined in pieces as they come.
    return { sources: [{ kind: 'input', input }], runner: local };
  }

  private unreadable(input: TableInput, failure: ChunkFailure): DatasetUnreadable {
    if (failure.kind === 'format') return new DatasetUnreadable(failure.message);
    return new DatasetUnreadable(`${input.files.length === 1 ? (input.files[0]?.source.name ?? input.name) : input.name}: cannot read it (${failure.code})`);
  }

  async readTable(table: TableName): Promise<void> {
    const read = await this.startRead(table);
    await read.plan.runner.run(read.tasks, (result) => this.take(read, result));
    await this.endRead(read);
  }

  /**
   * order_items, ORD-02/-04/-09 (afterItems), then web_events. When both files are range-split on the
   * same runner, web_events' ranges queue right after order_items' (they read the same facts: order_items adds
   * only the items' sums), so the workers scan them while the coordinator joins order_items' last
   * results instead of waiting at the table boundary. Results are still joined in table and file order.
   */
  async readItemsAndEvents(): Promise<void> {
    const items = await this.startRead('order_items');
    // Without a foreign key to orders, afterItems drops orders' facts: web_events' tasks must not see them.
    const keepsOrders = this.catalog.plan.foreignKeys.some((foreignKey) => foreignKey.table === 'web_events' && foreignKey.target === 'orders');
    const events = items.split !== undefined && keepsOrders ? await this.startRead('web_events', items.facts) : undefined;
    const together = events !== undefined && events.split !== undefined && events.plan.runner === items.plan.runner;
    let consumed = 0;
    await items.plan.runner.run(together ? [...items.tasks, ...events.tasks] : items.tasks, (result) => {
      // A whole-input task hands its results in pieces: only range tasks are counted (and queued together).
      if (!together) return this.take(items, result);
      if (consumed === items.tasks.length) return this.take(events, result);
      if (!this.take(items, result)) return false;
      consumed++;
      // order_items' last range joined: what follows it runs before web_events' first result is joined.
      if (consumed === items.tasks.length) {
        this.closeRead(items);
        this.afterItems();
      }
      return true;
    });
    const joined = together && consumed === items.tasks.length;
    if (joined) {
      await this.recordFiles(items);
    } else {
      // Read alone, or stopped on a range that did not parse: order_items ends as readTable ends it.
      await this.endRead(items);
      this.afterItems();
    }
    if (!events) return this.readTable('web_events');
    // None of web_events' results was joined unless both ran together to the end of order_items.
    if (!joined) await events.plan.runner.run(events.tasks, (result) => this.take(events, result));
    await this.endRead(events);
  }

  /** A table's plan and tasks; `facts` reuses the shared facts of a table read from the same state. */
  private async startRead(table: TableName, facts?: SharedFacts): Promise<TableRead> {
    const input = this.input(table);
    const plan = await this.plan(input);
    const { schemaDir, examples, now } = this.settings;
    const shared = facts ?? shareFacts(this.facts, (array) => plan.runner.share(array));
    const task = (source: ChunkSource): ChunkTask => ({ table, name: input.name, source, schemaDir, examples, logAll: this.book.log !== undefined, now, facts: shared });
    return { table, input, plan, split: plan.split, facts: shared, task, tasks: plan.sources.map(task), join: undefined, lineBase: 0, done: 0, failure: undefined, closed: false };
  }

  /** The table's join, begun (with its log phase) at its first result: after the tables before it are joined. */
  private joinOf(read: TableRead): TableJoin {
    if (read.join) return read.join;
    this.book.log?.startPhase(tablePhase(read.table), true);
    read.join = new TableJoin(read.table, read.input.name, this.schemas[read.table], { book: this.book, plan: this.catalog.plan, facts: this.facts, targets: this.targets });
    return read.join;
  }

  /** Joins a task's result; false (stop) on a failure. */
  private take(read: TableRead, result: ChunkResult): boolean {
    const join = this.joinOf(read);
    if (result.failure) {
      read.failure = result.failure;
      return false;
    }
    join.apply(result, read.lineBase);
    if (result.range) {
      read.lineBase += result.range.nextLine - 1;
      read.done++;
    }
    return true;
  }

  /** After the tasks ran: a failed range read again to its end, the table closed, its files recorded. */
  private async endRead(read: TableRead): Promise<void> {
    const join = this.joinOf(read);
    const { input, plan } = read;
    const failure = read.failure;
    if (failure) {
      const split = plan.split;
      // A range that does not parse may have been cut inside a quoted field: the rest of the file, read
      // as one range from the last boundary proven, says whether the file itself is at fault.
      if (!split || failure.kind !== 'format') throw this.unreadable(input, failure);
      const [start] = split.ranges.ranges[read.done] as readonly [number, number];
      const end = (split.ranges.ranges[split.ranges.ranges.length - 1] as readonly [number, number])[1];
      const rest: ChunkSource = { kind: 'range', ...split.at, start, end, ...(read.done > 0 ? { header: split.ranges.header, firstLine: read.lineBase + 1 } : {}) };
      let last: ChunkResult | undefined;
      await plan.runner.run([read.task(rest)], (result) => {
        last = result;
        return true;
      });
      const again = last as ChunkResult | undefined;
      if (!again || again.failure) throw this.unreadable(input, again?.failure ?? failure);
      join.apply(again, 0);
    }
    this.closeRead(read);
    await this.recordFiles(read);
  }

  /** Once every row is joined: the table's verdicts kept, and its unique keys freed before the next (larger) table. */
  private closeRead(read: TableRead): void {
    if (read.closed) return;
    read.closed = true;
    const join = this.joinOf(read);
    if (join.unusable !== undefined) this.unusable.set(read.table, join.unusable);
    if (join.web) this.web = join.web;
    for (const unique of this.catalog.plan.uniques) if (unique.table === read.table) unique.keys.release();
  }

  /** The table's file reports (a range-split file's sha256 and size as its hash pass found them). */
  private async recordFiles(read: TableRead): Promise<void> {
    const join = this.joinOf(read);
    const { input, plan } = read;
    let stats: FileReadStats[];
    if (plan.split) {
      let whole: { sha256: string; bytes: number };
      try {
        whole = await plan.split.hash;
      } catch (error) {
        throw this.unreadable(input, { kind: 'system', code: (error as NodeJS.ErrnoException).code ?? 'unknown error' });
      }
      stats = join.stats({ file: plan.split.name, ...whole });
    } else {
      stats = join.stats();
    }
    for (const file of stats) {
      this.files.push({
        table: read.table,
        file: file.file,
        rows: file.rows,
        bytes: file.bytes,
        sha256: file.sha256,
        lineEnding: file.kind === 'parquet' ? 'none' : file.crlfRecords === 0 ? 'LF' : file.crlfRecords >= file.rows + (file.kind.startsWith('csv') ? 1 : 0) ? 'CRLF' : 'mixed',
        checked: join.unusable === undefined,
        ...(join.unusable !== undefined ? { note: join.unusable } : {}),
      });
    }
  }

  /** ORD-02, -04 and -09, once order_items has been read. */
  private afterItems(): void {
    this.book.log?.startPhase(tablePhase('order_items') + 1, false);
    const orders = this.facts.orders;
    if (orders) {
      checkOrdersAfterItems(this.book, 'orders.csv', orders, !this.unusable.has('order_items'));
      orders.releaseItemSums();
    }
    if (!this.catalog.plan.foreignKeys.some((foreignKey) => foreignKey.table === 'web_events' && foreignKey.target === 'orders')) {
      delete this.facts.orders;
      delete this.targets.orders;
    }
  }

  /** The session rules: the streamed verdicts when the file allowed them, else the stored events sorted. */
  async judgeSessions(): Promise<void> {
    const web = this.web;
    if (!web) return;
    this.book.log?.startPhase(tablePhase('web_events') + 1, false);
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
