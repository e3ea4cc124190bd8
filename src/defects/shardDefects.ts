// The defect pass over one shard's clean CSV rows: decides each row's defect (a pure function of seed,
// table and id), rewrites the dirty rows, adds duplicates right after their originals and moves late
// rows further down. Placement depends only on ids, never on where a shard or a part starts: a row moved
// from before this shard's first id is regenerated here, so every split writes the same file.
import { Rng } from '../core/random.js';
import { csvText } from '../encoding/csvText.js';
import { parseRecords } from '../encoding/csvRecords.js';
import type { RowSink } from '../encoding/rowSink.js';
import type { TableCounts } from '../schema/tableNames.js';
import { DEFECT_KINDS, type AnswerKeyEntry, type DefectKind } from './defectKinds.js';
import { drawnKind, fallbackKind, type TableDefectPlan } from './defectPlan.js';
import { DirtyRow, type DirtyRowContext } from './injectors/dirtyRow.js';
import { KIND_INJECTORS } from './injectors/kindInjectors.js';
import { LATE_ROWS, lateArriving } from './injectors/rowDefects.js';

const NEWLINE = 10;

export interface ShardDefectInput {
  readonly plan: TableDefectPlan;
  readonly counts: TableCounts;
  readonly columns: readonly string[];
  readonly typedColumns: boolean;
  readonly from: number;
  readonly to: number;
  /** The shard's clean rows, one CSV line per id from `from` to `to`. */
  readonly clean: Uint8Array;
  /** The clean CSV line (without its newline) of any row of the table, computed alone. */
  readonly regenerate: (id: number) => string;
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
  /** The rows whose bytes are not the clean run's, in output order. */
  readonly dirtyLines: readonly DirtyLine[];
  readonly entries: readonly AnswerKeyEntry[];
  /** Dirty rows by kind. */
  readonly kinds: Readonly<Partial<Record<DefectKind, number>>>;
}

function fieldsOf(line: string): string[] {
  return parseRecords(line)[0] ?? [''];
}

function csvLine(fields: readonly string[]): string {
  return `${fields.map(csvText).join(',')}\n`;
}

/** Where each row's line starts in the clean bytes (one more entry: the end). */
function lineStarts(clean: Uint8Array, rows: number): Int32Array {
  const starts = new Int32Array(rows + 1);
  const bytes = Buffer.from(clean.buffer, clean.byteOffset, clean.length);
  let at = 0;
  for (let row = 0; row < rows; row++) {
    starts[row] = at;
    const end = bytes.indexOf(NEWLINE, at);
    if (end < 0) throw new Error(`defects: the shard holds ${row} lines where ${rows} rows were expected`);
    at = end + 1;
  }
  starts[rows] = at;
  if (at !== clean.length) throw new Error('defects: a clean row spans more than one line');
  return starts;
}

interface Injected {
  readonly row: DirtyRow;
  readonly kind: DefectKind;
}

/**
 * The defect a row gets: the drawn kind, or when it cannot apply to this row (time_order on an order that
 * has not shipped) the next kind in the table's list that can. late_arriving is never a fallback: whether a
 * row moves must be known from its id alone, for the shards after it.
 */
function inject(context: DirtyRowContext, plan: TableDefectPlan, clean: readonly string[], drawn: DefectKind): Injected | undefined {
  let kind: DefectKind | undefined = drawn;
  for (let step = 0; kind !== undefined; step++) {
    const injector = KIND_INJECTORS[kind][context.table];
    // Each attempt draws from the start of the row's own sequence: what it does depends on nothing else.
    context.rng.reseed(plan.valueKey, context.id);
    const row = new DirtyRow(context, clean);
    if (injector?.(row)) return { row, kind };
    if (kind === 'late_arriving') return undefined;
    kind = fallbackKind(plan, context.id, step);
  }
  return undefined;
}

/** How many rows later a row is written (late_arriving), or 0: known from the id alone, as inject() finds it. */
function lateDistance(plan: TableDefectPlan, counts: TableCounts, columns: readonly string[], id: number, rng: Rng): number {
  if (drawnKind(plan, id) !== 'late_arriving') return 0;
  rng.reseed(plan.valueKey, id);
  const row = new DirtyRow({ table: plan.table, id, rng, counts, columns, typedColumns: false, previous: () => undefined }, []);
  return lateArriving(row) ? row.lateBy : 0;
}

/** Writes the shard's dirty rows into `out` (CSV) and returns what changed. */
export function injectShardDefects(input: ShardDefectInput, out: RowSink): ShardDefectResult {
  const { plan, counts, columns, from, to, clean } = input;
  const total = counts[plan.table];
  const rows = Math.max(0, to - from + 1);
  const starts = lineStarts(clean, rows);
  const cleanBytes = Buffer.from(clean.buffer, clean.byteOffset, clean.length);
  const lineText = (id: number): string => cleanBytes.toString('utf8', starts[id - from] as number, (starts[id - from + 1] as number) - 1);
  const rng = new Rng();
  const dirtyLines: DirtyLine[] = [];
  const entries: AnswerKeyEntry[] = [];
  const kinds: Partial<Record<DefectKind, number>> = {};
  let written = 0;

  // Late rows waiting for the row they are written after, by that row's id.
  const arriving = new Map<number, { id: number; line: string }[]>();
  const arrive = (id: number, destination: number, line: string): void => {
    const list = arriving.get(destination) ?? [];
    list.push({ id, line });
    arriving.set(destination, list);
  };
  const lateDestination = (id: number, distance: number): number => Math.min(total, id + distance);
  // Rows from before this shard that land inside it.
  for (let id = Math.max(1, from - LATE_ROWS.max); id < from; id++) {
    const distance = lateDistance(plan, counts, columns, id, rng);
    if (distance === 0) continue;
    const destination = lateDestination(id, distance);
    if (destination >= from && destination <= to) arrive(id, destination, input.regenerate(id));
  }

  // Clean rows are copied a run at a time (ids runStart..runEnd-1), not row by row.
  let runStart = -1;
  let runEnd = -1;
  const flushRun = (): void => {
    if (runStart >= 0) out.encoded(clean.subarray(starts[runStart - from] as number, starts[runEnd - from] as number));
    runStart = -1;
  };
  const writeClean = (id: number): void => {
    if (runStart < 0 || runEnd !== id) {
      flushRun();
      runStart = id;
    }
    runEnd = id + 1;
    written++;
  };
  const writeDirty = (fields: readonly string[]): void => {
    flushRun();
    const start = out.position;
    out.encoded(Buffer.from(csvLine(fields), 'utf8'));
    dirtyLines.push({ start, end: out.position, fields });
    written++;
  };
  const writeArrivals = (destination: number): void => {
    const list = arriving.get(destination);
    if (!list) return;
    for (const late of list) {
      const fields = fieldsOf(late.line);
      writeDirty(fields);
      entries.push({ key: fields[0] as string, column: '', kind: 'late_arriving', cleanValue: '', dirtyValue: `after ${columns[0] ?? 'key'} ${destination}` });
    }
    arriving.delete(destination);
  };

  for (let id = from; id <= to; id++) {
    const drawn = drawnKind(plan, id);
    if (drawn === undefined) {
      writeClean(id);
      writeArrivals(id);
      continue;
    }
    const fields = fieldsOf(lineText(id));
    const context: DirtyRowContext = {
      table: plan.table,
      id,
      rng,
      counts,
      columns,
      typedColumns: input.typedColumns,
      previous: () => (id - 1 >= from ? fieldsOf(lineText(id - 1)) : id > 1 ? fieldsOf(input.regenerate(id - 1)) : undefined),
    };
    const injected = inject(context, plan, fields, drawn);
    if (!injected) {
      writeClean(id);
      writeArrivals(id);
      continue;
    }
    const { row, kind } = injected;
    kinds[kind] = (kinds[kind] ?? 0) + 1;
    if (row.lateBy > 0) {
      const destination = lateDestination(id, row.lateBy);
      if (destination <= to) arrive(id, destination, lineText(id));
      // else a later shard regenerates the row and writes it.
      writeArrivals(id);
      continue;
    }
    if (row.entries.length > 0 && row.fields.some((value, index) => value !== fields[index])) writeDirty(row.fields);
    else writeClean(id);
    entries.push(...row.entries);
    if (row.extra) writeDirty(row.extra);
    writeArrivals(id);
  }
  flushRun();
  return { rows: written, dirtyLines, entries, kinds };
}

/** Answer-key lines (`table,key,column,kind,clean_value,dirty_value`) of a shard's entries. */
export function answerKeyText(table: string, entries: readonly AnswerKeyEntry[]): string {
  let text = '';
  for (const entry of entries) text += csvLine([table, entry.key, entry.column, entry.kind, entry.cleanValue, entry.dirtyValue]);
  return text;
}

/** Adds a shard's dirty rows per kind to the run's. */
export function addKindCounts(total: Record<DefectKind, number>, shard: Readonly<Partial<Record<DefectKind, number>>>): void {
  for (const kind of DEFECT_KINDS) total[kind] += shard[kind] ?? 0;
}

/** Every kind at 0, in DEFECT_KINDS order (the manifest lists them all). */
export function noKindCounts(): Record<DefectKind, number> {
  return Object.fromEntries(DEFECT_KINDS.map((kind) => [kind, 0])) as Record<DefectKind, number>;
}
