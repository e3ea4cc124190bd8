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
  /** The shard's clean rows: one CSV line per id from `from` to `to` that exists, in id order. */
  readonly clean: Uint8Array;
  /** The clean CSV line (without its newline) of any row of the table, computed alone; '' when it does not exist. */
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

/**
 * Where each id's line starts and ends in the clean bytes (start -1: no such row, e.g. an erased account
 * or a row that did not exist yet at the run's instant). Ids are read from each line's first field, the
 * primary key, since a shard may hold fewer rows than its id range.
 */
function lineIndex(clean: Uint8Array, from: number, to: number): { starts: Int32Array; ends: Int32Array } {
  const rows = Math.max(0, to - from + 1);
  const starts = new Int32Array(rows).fill(-1);
  const ends = new Int32Array(rows);
  const bytes = Buffer.from(clean.buffer, clean.byteOffset, clean.length);
  let at = 0;
  let previous = from - 1;
  while (at < bytes.length) {
    let id = 0;
    let cursor = at;
    for (let byte = bytes[cursor] as number; byte >= 48 && byte <= 57; byte = bytes[++cursor] as number) id = id * 10 + (byte - 48);
    const end = bytes.indexOf(NEWLINE, at);
    if (cursor === at || id <= previous || id > to || end < 0) throw new Error(`defects: unexpected line at byte ${at} of the shard holding ids ${from}-${to}`);
    starts[id - from] = at;
    ends[id - from] = end + 1;
    previous = id;
    at = end + 1;
  }
  return { starts, ends };
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
  const { starts, ends } = lineIndex(clean, from, to);
  const cleanBytes = Buffer.from(clean.buffer, clean.byteOffset, clean.length);
  const exists = (id: number): boolean => (starts[id - from] as number) >= 0;
  /** The clean line of an id of this shard without its newline, '' when the row does not exist. */
  const lineText = (id: number): string => (exists(id) ? cleanBytes.toString('utf8', starts[id - from] as number, (ends[id - from] as number) - 1) : '');
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
    if (destination < from || destination > to) continue;
    const line = input.regenerate(id);
    if (line !== '') arrive(id, destination, line);
  }

  // Clean rows are copied a run of adjacent lines at a time (bytes runStart..runEnd-1), not row by row.
  let runStart = -1;
  let runEnd = -1;
  const flushRun = (): void => {
    if (runStart >= 0) out.encoded(clean.subarray(runStart, runEnd));
    runStart = -1;
  };
  const writeClean = (id: number): void => {
    const start = starts[id - from] as number;
    if (runStart < 0 || runEnd !== start) {
      flushRun();
      runStart = start;
    }
    runEnd = ends[id - from] as number;
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
    if (!exists(id)) {
      writeArrivals(id);
      continue;
    }
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
      previous: () => {
        const line = id - 1 >= from ? lineText(id - 1) : id > 1 ? input.regenerate(id - 1) : '';
        return line === '' ? undefined : fieldsOf(line);
      },
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
