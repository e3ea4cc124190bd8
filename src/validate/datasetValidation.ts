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
import { shareFacts, type DatasetFacts } from './facts.js';
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
    const input = this.input(table);
    const file = input.name;
    this.book.log?.startPhase(tablePhase(table), true);
    const join = new TableJoin(table, file, this.schemas[table], { book: this.book, plan: this.catalog.plan, facts: this.facts, targets: this.targets });
    const plan = await this.plan(input);
    const { schemaDir, examples, now } = this.settings;
    const facts = shareFacts(this.facts, (array) => plan.runner.share(array));
    const task = (source: ChunkSource): ChunkTask => ({ table, name: file, source, schemaDir, examples, logAll: this.book.log !== undefined, now, facts });
    let lineBase = 0;
    let done = 0;
    let failure: ChunkFailure | undefined;
    await plan.runner.run(plan.sources.map(task), (result) => {
      if (result.failure) {
        failure = result.failure;
        return false;
      }
      join.apply(result, lineBase);
      if (result.range) {
        lineBase += result.range.nextLine - 1;
        done++;
      }
      return true;
    });
    if (failure) {
      const split = plan.split;
      // A range that does not parse may have been cut inside a quoted field: the rest of the file, read
      // as one range from the last boundary proven, says whether the file itself is at fault.
      if (!split || failure.kind !== 'format') throw this.unreadable(input, failure);
      const [start] = split.ranges.ranges[done] as readonly [number, number];
      const end = (split.ranges.ranges[split.ranges.ranges.length - 1] as readonly [number, number])[1];
      const rest: ChunkSource = { kind: 'range', ...split.at, start, end, ...(done > 0 ? { header: split.ranges.header, firstLine: lineBase + 1 } : {}) };
      let last: ChunkResult | undefined;
      await plan.runner.run([task(rest)], (result) => {
        last = result;
        return true;
      });
      const read = last as ChunkResult | undefined;
      if (!read || read.failure) throw this.unreadable(input, read?.failure ?? failure);
      join.apply(read, 0);
    }
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
    if (join.unusable !== undefined) this.unusable.set(table, join.unusable);
    if (join.web) this.web = join.web;
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
        checked: join.unusable === undefined,
        ...(join.unusable !== undefined ? { note: join.unusable } : {}),
      });
    }
  }

  /** ORD-02, -04 and -09, once order_items has been read. */
  afterItems(): void {
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
