// The defect pass over one shard's clean CSV rows: decides each row's defect (a pure function of seed,
// table and id), rewrites the dirty rows, adds duplicates right after their originals and moves late
// rows further down. Only the rows it touches are found and parsed; their new bytes are applied to the
// clean rows where they lie (shardEdits.ts). Placement depends only on ids, never on where a shard or a part starts: a row moved
// from before this shard's first id is regenerated here, so every split writes the same file.
import { Rng } from '../core/random.js';
import { parseRecords } from '../encoding/csvRecords.js';
import { RowSink } from '../encoding/rowSink.js';
import type { TableCounts } from '../schema/tableNames.js';
import { DEFECT_KINDS, type AnswerKeyEntry, type DefectKind } from './defectKinds.js';
import { drawnIds, drawnKind, fallbackKind, type TableDefectPlan } from './defectPlan.js';
import { DirtyRow, type DirtyRowContext, type Injector } from './injectors/dirtyRow.js';
import { KIND_INJECTORS } from './injectors/kindInjectors.js';
import { LATE_ROWS, lateArriving } from './injectors/rowDefects.js';
import { writeEditedLine } from './changedLine.js';
import { CleanLine } from './cleanLine.js';
import { shardLines } from './shardLines.js';
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
function lateDistance(plan: TableDefectPlan, counts: TableCounts, columns: readonly string[], id: number, rng: Rng): number {
  if (drawnKind(plan, id) !== 'late_arriving') return 0;
  rng.reseed(plan.valueKey, id);
  const row = new DirtyRow({ table: plan.table, id, rng, counts, columns, typedColumns: false, previous: () => undefined }, NO_FIELDS);
  return lateArriving(row) ? row.lateBy : 0;
}

const NO_FIELDS = CleanLine.of([]);

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
export function rowsArrivingFromBefore(plan: TableDefectPlan, counts: TableCounts, columns: readonly string[], from: number, to: number): LateArrival[] {
  const rng = new Rng();
  const arrivals: LateArrival[] = [];
  for (let id = Math.max(1, from - LATE_ROWS.max); id < from; id++) {
    const distance = lateDistance(plan, counts, columns, id, rng);
    if (distance === 0) continue;
    const destination = lateDestination(counts[plan.table], id, distance);
    if (destination >= from && destination <= to) arrivals.push({ id, destination });
  }
  return arrivals;
}

/** One edit list per thread, reused shard after shard (its byte buffer and number lists stay allocated). */
let sharedEdits: ShardEdits | undefined;
/**
 * The answer-key lines of the shard in progress, one buffer per thread. Each row's lines are written as it
 * is done: entry objects held to the shard's end (and the clean line's text their strings point into)
 * lived through the pass's scavenges and were promoted, old-space garbage for every dirty row (issue 15).
 */
let sharedKey: RowSink | undefined;

/**
 * Makes the clean CSV rows that fill `sink` from its start (its position is their end) the shard's dirty
 * rows, in place, and returns what changed. The rows the pass touches are found and parsed where they lie;
 * their new bytes are recorded as edits and applied at the end (shardEdits.ts), so the shard is neither
 * copied into a second buffer nor cut into a view per clean stretch.
 */
export function patchShardDefects(input: ShardDefectInput, sink: RowSink): ShardDefectResult {
  const { plan, counts, columns, from, to } = input;
  const clean = sink.bytes();
  const total = counts[plan.table];
  const lines = shardLines(clean, from, to, input.rows);
  const cleanBytes = Buffer.from(clean.buffer, clean.byteOffset, clean.length);
  /** The line of the row before a dirty row, read when an injector asks for one of its fields. */
  const previousLine = new CleanLine();
  /** Field `column` of the clean line of an id of this shard, undefined when the row or the field does not exist. */
  const cleanField = (id: number, column: number): string | undefined => {
    const start = lines.start(id);
    return start < 0 ? undefined : previousLine.read(cleanBytes, start, lines.end(id) - 1).field(column);
  };
  const rng = new Rng();
  const dirtyLines: DirtyLine[] = [];
  const key = (sharedKey ??= new RowSink(64 * 1024));
  key.reset();
  let keyRows = 0;
  // Dirty rows by kind, counted by the kind's place in DEFECT_KINDS: `kinds[kind] += 1` on an object
  // whose keys arrive in a different order in every shard was the hottest line of the row loop's own time.
  const kindCounts = new Uint32Array(DEFECT_KINDS.length);
  let written = input.rows;
  const edits = (sharedEdits ??= new ShardEdits());
  edits.reset();
  const out = edits.bytes;
  /** Records the dirty line the edit just closed holds (JSON lines re-encodes it from its fields). */
  const keepLine = (fields: readonly string[]): void => {
    dirtyLines.push({ start: edits.lastStart, end: edits.lastStart + edits.lastLength, fields });
  };

  // Late rows waiting for the row they are written after, by that row's id, and those ids in rising order.
  const arriving = new Map<number, { id: number; line: string }[]>();
  const destinations: number[] = [];
  const arrive = (id: number, destination: number, line: string): void => {
    const list = arriving.get(destination);
    if (list) list.push({ id, line });
    else {
      arriving.set(destination, [{ id, line }]);
      let at = destinations.length;
      while (at > 0 && (destinations[at - 1] as number) > destination) at--;
      destinations.splice(at, 0, destination);
    }
  };
  // Rows from before this shard that land inside it.
  for (const { id, destination } of input.arrivals ?? rowsArrivingFromBefore(plan, counts, columns, from, to)) {
    const line = input.regenerate(id);
    if (line !== '') arrive(id, destination, line);
  }

  /** The clean line with the changes `columns` -> `values`, replacing it (`replace`) or written after it. */
  const writeLine = (line: CleanLine, columns: readonly number[], values: readonly string[], replace: boolean): void => {
    edits.begin(replace ? line.start : line.end + 1, line.end + 1);
    writeEditedLine(out, line, columns, values);
    edits.finish();
  };
  const writeArrivals = (destination: number): void => {
    const list = arriving.get(destination) as { id: number; line: string }[];
    const at = lines.after(destination);
    for (const late of list) {
      // A moved row is its clean line, written as it is (its text is what writeCsvLine of its fields gives).
      edits.begin(at, at);
      out.plain(late.line);
      out.newline();
      edits.finish();
      if (input.keepDirtyLines) keepLine(fieldsOf(late.line));
      written++;
      writeAnswerKeyLine(key, plan.table, keyOf(late.line), '', 'late_arriving', '', `after ${columns[0] ?? 'key'} ${destination}`);
      keyRows++;
    }
    arriving.delete(destination);
  };

  // One context for every row of the shard, its id set per row (an object and a closure per dirty row
  // were most of the pass's own garbage).
  const context = {
    table: plan.table,
    id: 0,
    rng,
    counts,
    columns,
    typedColumns: input.typedColumns,
    previous: (column: number): string | undefined => {
      const id = context.id;
      if (id - 1 >= from) return cleanField(id - 1, column);
      const line = id > 1 ? input.regenerate(id - 1) : '';
      return line === '' ? undefined : fieldsOf(line)[column];
    },
  } satisfies DirtyRowContext;
  // One row for every dirty row of the shard, made again for each (inject resets it); its changed
  // fields too, unless the dirty lines keep them.
  const line = new CleanLine();
  const row = new DirtyRow(context, line);
  // The table's injectors by the kind's place in DEFECT_KINDS: one array read per attempt, not two lookups by name.
  const injectors = DEFECT_KINDS.map((kind) => KIND_INJECTORS[kind][plan.table]);

  /** The defect pass over one row whose kind was drawn: it stays, changes, gains a copy or moves. */
  const dirtyRow = (id: number, drawn: DefectKind): void => {
    const start = lines.start(id);
    if (start < 0) return;
    const end = lines.end(id);
    line.read(cleanBytes, start, end - 1);
    context.id = id;
    const kind = inject(row, plan, injectors, line, drawn);
    if (kind === undefined) return;
    const kindIndex = KIND_INDEX[kind];
    kindCounts[kindIndex] = (kindCounts[kindIndex] as number) + 1;
    if (row.lateBy > 0) {
      // The row leaves its place.
      edits.begin(start, end);
      edits.finish();
      written--;
      const destination = lateDestination(total, id, row.lateBy);
      // A destination past this shard: the shard holding it regenerates the row and writes it.
      if (destination <= to) arrive(id, destination, cleanBytes.toString('utf8', start, end - 1));
      return;
    }
    // set() records only values that differ from the clean ones, so a change recorded is a change made.
    if (row.changedColumns.length > 0) {
      writeLine(line, row.changedColumns, row.changedValues, true);
      if (input.keepDirtyLines) keepLine(row.fields);
    }
    writeAnswerKey(key, plan.table, row.entries);
    keyRows += row.entries.length;
    if (row.hasExtra) {
      writeLine(line, row.extraColumns, row.extraValues, false);
      if (input.keepDirtyLines) keepLine(row.extra as readonly string[]);
      written++;
    }
  };

  for (const id of drawnIds(plan, from, to)) {
    while (destinations.length > 0 && (destinations[0] as number) < id) writeArrivals(destinations.shift() as number);
    dirtyRow(id, drawnKind(plan, id) as DefectKind);
  }
  while (destinations.length > 0) writeArrivals(destinations.shift() as number);
  edits.apply(sink);
  const kinds: Partial<Record<DefectKind, number>> = {};
  DEFECT_KINDS.forEach((kind, index) => {
    if ((kindCounts[index] as number) > 0) kinds[kind] = kindCounts[index] as number;
  });
  return { rows: written, dirtyLines, answerKey: key.bytes(), answerKeyRows: keyRows, kinds };
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
  out.field(table);
  out.comma();
  out.field(key);
  out.comma();
  out.field(column);
  out.comma();
  out.field(kind);
  out.comma();
  out.field(cleanValue);
  out.comma();
  out.field(dirtyValue);
  out.newline();
}

/** The answer-key lines of a shard's entries as text (what writeAnswerKey writes). */
export function answerKeyText(table: string, entries: readonly AnswerKeyEntry[]): string {
  const out = new RowSink(1024);
  writeAnswerKey(out, table, entries);
  return out.text();
}
