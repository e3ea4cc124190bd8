// The defect pass over one shard's clean CSV rows: decides each row's defect (a pure function of seed,
// table and id), rewrites the dirty rows, adds duplicates right after their originals and moves late
// rows further down. Only the rows it touches are found and parsed; their new bytes are applied to the
// clean rows where they lie (shardEdits.ts). Placement depends only on ids, never on where a shard or a part starts: a row moved
// from before this shard's first id is regenerated here, so every split writes the same file.
import { Rng } from '../core/random.js';
import { parseRecords } from '../encoding/csvRecords.js';
import { encodeText, RowSink } from '../encoding/rowSink.js';
import type { TableCounts, TableName } from '../schema/tableNames.js';
import { DEFECT_KINDS, type AnswerKeyEntry, type DefectKind } from './defectKinds.js';
import { drawnIds, drawnKind, fallbackKind, type TableDefectPlan } from './defectPlan.js';
import { DirtyRow, type DirtyRowContext, type Injector } from './injectors/dirtyRow.js';
import { KIND_INJECTORS } from './injectors/kindInjectors.js';
import { LATE_ROWS, lateRows } from './injectors/rowDefects.js';
import { writeEditedLine, writeField } from './changedLine.js';
import { CleanLine } from './cleanLine.js';
import { shardLines, type ShardLines } from './shardLines.js';
import { ShardEdits } from './shardEdits.js';

export interface ShardDefectInput {
  readonly plan: TableDefectPlan;
  readonly counts: TableCounts;
  readonly columns: readonly string[];
  readonly typedColumns: boolean;
  readonly from: number;
  readonly to: number;
  /** How many clean rows the sink holds: one CSV line per id from `from` to `to` that exists, in id order. */
  readonly rows: number;
  /** The clean CSV line (without its newline) of any row of the table, computed alone; '' when it does not exist. */
  readonly regenerate: (id: number) => string;
  /** rowsArrivingFromBefore's list when the caller has it already (it made those rows first). */
  readonly arrivals?: readonly LateArrival[];
  /**
   * Keep each dirty line's fields in the result (JSON lines needs them). Only then: held through the
   * pass, the fields of a shard's ~200 dirty lines were promoted to the old space (3x a clean worker's
   * promotion), which cost each worker of a prod run several extra full collections (issue 15).
   */
  readonly keepDirtyLines?: boolean;
}

/** A dirty line of the output: where it is, and its fields (for encoders that cannot read it back). */
export interface DirtyLine {
  readonly start: number;
  readonly end: number;
  readonly fields: readonly string[];
}

export interface ShardDefectResult {
  /** Rows written (clean rows, dirty rows and extra rows). */
  readonly rows: number;
  /** The rows whose bytes are not the clean run's, in output order (empty unless `keepDirtyLines`). */
  readonly dirtyLines: readonly DirtyLine[];
  /**
   * The shard's answer-key lines (`defects.csv` without its header), as bytes: a view of a buffer this
   * thread reuses, valid until its next pass.
   */
  readonly answerKey: Uint8Array;
  readonly answerKeyRows: number;
  /** Dirty rows by kind. */
  readonly kinds: Readonly<Partial<Record<DefectKind, number>>>;
}

/**
 * A clean line's fields. Our writer quotes only a field holding a comma, quote or line break, so a line
 * without a quote splits on its commas (the CSV parser is for the few lines with one).
 */
function fieldsOf(line: string): string[] {
  return line.includes('"') ? (parseRecords(line)[0] ?? ['']) : line.split(',');
}

/** A clean line's key: its first field, an integer id (never quoted). */
function keyOf(line: string): string {
  const comma = line.indexOf(',');
  return comma < 0 ? line : line.slice(0, comma);
}

/** Each kind's place in DEFECT_KINDS. */
const KIND_INDEX = Object.fromEntries(DEFECT_KINDS.map((kind, index) => [kind, index])) as Readonly<Record<DefectKind, number>>;

/**
 * The defect a row gets: the drawn kind, or when it cannot apply to this row (time_order on an order that
 * has not shipped) the next kind in the table's list that can. late_arriving is never a fallback: whether a
 * row moves must be known from its id alone, for the shards after it.
 */
function inject(row: DirtyRow, plan: TableDefectPlan, injectors: readonly (Injector | undefined)[], clean: CleanLine, drawn: DefectKind): DefectKind | undefined {
  const context = row.context;
  let kind: DefectKind | undefined = drawn;
  for (let step = 0; kind !== undefined; step++) {
    const injector = injectors[KIND_INDEX[kind]];
    // Each attempt draws from the start of the row's own sequence: what it does depends on nothing else.
    context.rng.reseed(plan.valueKey, context.id);
    if (injector?.(row.reset(clean))) return kind;
    if (kind === 'late_arriving') return undefined;
    kind = fallbackKind(plan, context.id, step);
  }
  return undefined;
}

/** How many rows later a row is written (late_arriving), or 0: known from the id alone, as inject() finds it. */
function lateDistance(plan: TableDefectPlan, total: number, id: number, rng: Rng): number {
  if (drawnKind(plan, id) !== 'late_arriving') return 0;
  rng.reseed(plan.valueKey, id);
  return lateRows(rng, id, total);
}

/** A late row from before a shard, and the id of the row it is written after. */
export interface LateArrival {
  readonly id: number;
  readonly destination: number;
}

/** Where a late row is written: after the row `distance` ids on, or after the table's last. */
function lateDestination(total: number, id: number, distance: number): number {
  return Math.min(total, id + distance);
}

/**
 * The rows from before the shard `from`..`to` that move into it (late_arriving), in rising id order,
 * with the id they are written after: known from the ids alone, so the worker can make them with the
 * shard's own generator before the shard's rows (for web_events the same session segment, laid out once).
 */
export function rowsArrivingFromBefore(plan: TableDefectPlan, counts: TableCounts, from: number, to: number): LateArrival[] {
  const rng = new Rng();
  const arrivals: LateArrival[] = [];
  const total = counts[plan.table];
  for (let id = Math.max(1, from - LATE_ROWS.max); id < from; id++) {
    const distance = lateDistance(plan, total, id, rng);
    if (distance === 0) continue;
    const destination = lateDestination(total, id, distance);
    if (destination >= from && destination <= to) arrivals.push({ id, destination });
  }
  return arrivals;
}

/** A late row waiting for the row it is written after. */
interface WaitingRow {
  readonly id: number;
  readonly line: string;
}

/**
 * The context injectors see, one per thread: the pass sets the shard's table facts and each row's id
 * (an object and a closure per shard or per dirty row were garbage, and each new closure was code the
 * pass's callers saw for the first time).
 */
class PassContext implements DirtyRowContext {
  table: TableName = 'customers';
  id = 0;
  readonly rng = new Rng();
  counts: TableCounts = {} as TableCounts;
  columns: readonly string[] = [];
  typedColumns = false;

  constructor(private readonly pass: DefectPass) {}

  previous(column: number): string | undefined {
    return this.pass.previousField(column);
  }
}

/**
 * The defect pass of one thread, made once and run shard after shard: its edit list, answer-key buffer,
 * row and lines are reused, and its steps are methods of one object rather than closures made per shard
 * (issue 15: the pass's functions were each optimised again by every worker; closures and their contexts
 * per shard were more shapes for the same code to see).
 */
class DefectPass {
  /** The dirty bytes of the shard in progress (shardEdits.ts applies them at its end). */
  private readonly edits = new ShardEdits();
  /**
   * The answer-key lines of the shard in progress. Each row's lines are written as it is done: entry
   * objects held to the shard's end (and the clean line's text their strings point into) lived through
   * the pass's scavenges and were promoted, old-space garbage for every dirty row (issue 15).
   */
  private readonly key = new RowSink(64 * 1024);
  private readonly context = new PassContext(this);
  /** The dirty row's clean line, and the line before it when an injector reads one of its fields. */
  private readonly line = new CleanLine();
  private readonly previousLine = new CleanLine();
  private readonly row = new DirtyRow(this.context, this.line);
  /**
   * Dirty rows by kind, counted by the kind's place in DEFECT_KINDS: `kinds[kind] += 1` on an object
   * whose keys arrive in a different order in every shard was the hottest line of the row loop's own time.
   */
  private readonly kindCounts = new Uint32Array(DEFECT_KINDS.length);
  /** Late rows waiting for the row they are written after, by that row's id, and those ids in rising order. */
  private readonly arriving = new Map<number, WaitingRow[]>();
  private readonly destinations: number[] = [];

  // The shard in progress.
  private input: ShardDefectInput | undefined;
  private plan: TableDefectPlan | undefined;
  private injectors: readonly (Injector | undefined)[] = [];
  private lines: ShardLines | undefined;
  private cleanBytes: Buffer = Buffer.alloc(0);
  private dirtyLines: DirtyLine[] = [];
  private written = 0;
  private keyRows = 0;

  /** See patchShardDefects. */
  run(input: ShardDefectInput, sink: RowSink): ShardDefectResult {
    const { plan, from, to } = input;
    const clean = sink.bytes();
    this.input = input;
    this.plan = plan;
    // The table's injectors by the kind's place in DEFECT_KINDS: one array read per attempt, not two lookups by name.
    this.injectors = DEFECT_KINDS.map((kind) => KIND_INJECTORS[kind][plan.table]);
    this.lines = shardLines(clean, from, to, input.rows);
    this.cleanBytes = Buffer.from(clean.buffer, clean.byteOffset, clean.length);
    this.dirtyLines = [];
    this.written = input.rows;
    this.keyRows = 0;
    this.kindCounts.fill(0);
    this.key.reset();
    this.edits.reset();
    const context = this.context;
    context.table = plan.table;
    context.counts = input.counts;
    context.columns = input.columns;
    context.typedColumns = input.typedColumns;

    // Rows from before this shard that land inside it.
    for (const { id, destination } of input.arrivals ?? rowsArrivingFromBefore(plan, input.counts, from, to)) {
      const line = input.regenerate(id);
      if (line !== '') this.arrive(id, destination, line);
    }
    const destinations = this.destinations;
    for (const id of drawnIds(plan, from, to)) {
      while (destinations.length > 0 && (destinations[0] as number) < id) this.writeArrivals(destinations.shift() as number);
      this.dirtyRow(id, drawnKind(plan, id) as DefectKind);
    }
    while (destinations.length > 0) this.writeArrivals(destinations.shift() as number);
    this.edits.apply(sink);
    const kinds: Partial<Record<DefectKind, number>> = {};
    DEFECT_KINDS.forEach((kind, index) => {
      if ((this.kindCounts[index] as number) > 0) kinds[kind] = this.kindCounts[index] as number;
    });
    const result = { rows: this.written, dirtyLines: this.dirtyLines, answerKey: this.key.bytes(), answerKeyRows: this.keyRows, kinds };
    // Nothing of the shard is held past its pass.
    this.input = undefined;
    this.lines = undefined;
    this.cleanBytes = Buffer.alloc(0);
    this.dirtyLines = [];
    return result;
  }

  /** Field `column` of the row before the dirty row (DirtyRowContext.previous). */
  previousField(column: number): string | undefined {
    const input = this.input as ShardDefectInput;
    const id = this.context.id - 1;
    if (id >= input.from) {
      const lines = this.lines as ShardLines;
      const start = lines.start(id);
      return start < 0 ? undefined : this.previousLine.read(this.cleanBytes, start).field(column);
    }
    const line = id >= 1 ? input.regenerate(id) : '';
    return line === '' ? undefined : fieldsOf(line)[column];
  }

  /** The defect pass over one row whose kind was drawn: it stays, changes, gains a copy or moves. */
  private dirtyRow(id: number, drawn: DefectKind): void {
    const lines = this.lines as ShardLines;
    const start = lines.start(id);
    if (start < 0) return;
    const line = this.line.read(this.cleanBytes, start);
    const end = line.end + 1;
    this.context.id = id;
    const plan = this.plan as TableDefectPlan;
    const row = this.row;
    const kind = inject(row, plan, this.injectors, line, drawn);
    if (kind === undefined) return;
    const kindIndex = KIND_INDEX[kind];
    this.kindCounts[kindIndex] = (this.kindCounts[kindIndex] as number) + 1;
    if (row.lateBy > 0) {
      // The row leaves its place.
      this.edits.begin(start, end);
      this.edits.finish();
      this.written--;
      const destination = lateDestination((this.input as ShardDefectInput).counts[plan.table], id, row.lateBy);
      // A destination past this shard: the shard holding it regenerates the row and writes it.
      if (destination <= (this.input as ShardDefectInput).to) this.arrive(id, destination, this.cleanBytes.toString('utf8', start, end - 1));
      return;
    }
    // set() records only values that differ from the clean ones, so a change recorded is a change made.
    if (row.changedColumns.length > 0) {
      this.writeLine(line, row.changedColumns, row.changedValues, true);
      if ((this.input as ShardDefectInput).keepDirtyLines) this.keepLine(row.fields);
    }
    const entries = row.entries;
    for (let index = 0; index < entries.length; index++) {
      const entry = entries[index] as AnswerKeyEntry;
      writeAnswerKeyLine(this.key, plan.table, entry.key, entry.column, entry.kind, entry.cleanValue, entry.dirtyValue);
    }
    this.keyRows += entries.length;
    if (row.hasExtra) {
      this.writeLine(line, row.extraColumns, row.extraValues, false);
      if ((this.input as ShardDefectInput).keepDirtyLines) this.keepLine(row.extra as readonly string[]);
      this.written++;
    }
  }

  /** The clean line with the changes `columns` -> `values`, replacing it (`replace`) or written after it. */
  private writeLine(line: CleanLine, columns: readonly number[], values: readonly string[], replace: boolean): void {
    const edits = this.edits;
    edits.begin(replace ? line.start : line.end + 1, line.end + 1);
    writeEditedLine(edits.bytes, line, columns, values);
    edits.finish();
  }

  /** Records the dirty line the edit just closed holds (JSON lines re-encodes it from its fields). */
  private keepLine(fields: readonly string[]): void {
    const edits = this.edits;
    this.dirtyLines.push({ start: edits.lastStart, end: edits.lastStart + edits.lastLength, fields });
  }

  private arrive(id: number, destination: number, line: string): void {
    const list = this.arriving.get(destination);
    if (list) list.push({ id, line });
    else {
      this.arriving.set(destination, [{ id, line }]);
      const destinations = this.destinations;
      let at = destinations.length;
      while (at > 0 && (destinations[at - 1] as number) > destination) at--;
      destinations.splice(at, 0, destination);
    }
  }

  private writeArrivals(destination: number): void {
    const input = this.input as ShardDefectInput;
    const list = this.arriving.get(destination) as WaitingRow[];
    const at = (this.lines as ShardLines).after(destination);
    const edits = this.edits;
    for (const late of list) {
      // A moved row is its clean line, written as it is (its text is what writeCsvLine of its fields gives).
      edits.begin(at, at);
      // Its UTF-8 bytes, not through RowSink.plain (see writeField: the pass keeps its strings to its own code).
      edits.bytes.encoded(encodeText(late.line));
      edits.bytes.newline();
      edits.finish();
      if (input.keepDirtyLines) this.keepLine(fieldsOf(late.line));
      this.written++;
      writeAnswerKeyLine(this.key, input.plan.table, keyOf(late.line), '', 'late_arriving', '', `after ${input.columns[0] ?? 'key'} ${destination}`);
      this.keyRows++;
    }
    this.arriving.delete(destination);
  }
}

/** The pass of this thread, made by its first dirty shard. */
let threadPass: DefectPass | undefined;

/**
 * Makes the clean CSV rows that fill `sink` from its start (its position is their end) the shard's dirty
 * rows, in place, and returns what changed. The rows the pass touches are found and parsed where they lie;
 * their new bytes are recorded as edits and applied at the end (shardEdits.ts), so the shard is neither
 * copied into a second buffer nor cut into a view per clean stretch. The result's answer key is a view of
 * a buffer the thread reuses, valid until its next pass.
 */
export function patchShardDefects(input: ShardDefectInput, sink: RowSink): ShardDefectResult {
  return (threadPass ??= new DefectPass()).run(input, sink);
}

/**
 * Writes the answer-key lines (`table,key,column,kind,clean_value,dirty_value`) of a shard's entries into
 * `out` as bytes, with the CSV quoting every file of the run uses (no string per line).
 */
function writeAnswerKey(out: RowSink, table: string, entries: readonly AnswerKeyEntry[]): void {
  for (const entry of entries) writeAnswerKeyLine(out, table, entry.key, entry.column, entry.kind, entry.cleanValue, entry.dirtyValue);
}

/** One answer-key line, from its values (a moved row's needs no entry object). */
function writeAnswerKeyLine(out: RowSink, table: string, key: string, column: string, kind: DefectKind, cleanValue: string, dirtyValue: string): void {
  writeField(out, table);
  out.comma();
  writeField(out, key);
  out.comma();
  writeField(out, column);
  out.comma();
  writeField(out, kind);
  out.comma();
  writeField(out, cleanValue);
  out.comma();
  writeField(out, dirtyValue);
  out.newline();
}

/** The answer-key lines of a shard's entries as text (what writeAnswerKey writes). */
export function answerKeyText(table: string, entries: readonly AnswerKeyEntry[]): string {
  const out = new RowSink(1024);
  writeAnswerKey(out, table, entries);
  return out.text();
}
