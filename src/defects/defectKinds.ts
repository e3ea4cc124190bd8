// The kinds of defect `generate --defects` injects, with the names the answer key (defects.csv) and the
// manifest use. The order is part of the data's definition: a row's kind is drawn over this list.
export const DEFECT_KINDS = [
  'missing_value',
  'orphan_reference',
  'duplicate_row',
  'duplicate_key',
  'near_duplicate',
  'out_of_range',
  'invalid_value',
  'arithmetic_mismatch',
  'time_order',
  'future_timestamp',
  'format_drift',
  'whitespace_case',
  'mojibake',
  'truncated_value',
  'late_arriving',
] as const;

export type DefectKind = (typeof DEFECT_KINDS)[number];

/** One line of the answer key: what one defect changed in one column (or in the row, column empty). */
export interface AnswerKeyEntry {
  /** The row's primary-key value as it appears in the dirty file. */
  readonly key: string;
  readonly column: string;
  readonly kind: DefectKind;
  readonly cleanValue: string;
  readonly dirtyValue: string;
}

export const ANSWER_KEY_FILE = 'defects.csv';
export const ANSWER_KEY_HEADER = 'table,key,column,kind,clean_value,dirty_value\n';

/** Adds a shard's dirty rows per kind to the run's. */
export function addKindCounts(total: Record<DefectKind, number>, shard: Readonly<Partial<Record<DefectKind, number>>>): void {
  for (const kind of DEFECT_KINDS) total[kind] += shard[kind] ?? 0;
}

/** Every kind at 0, in DEFECT_KINDS order (the manifest lists them all). */
export function noKindCounts(): Record<DefectKind, number> {
  return Object.fromEntries(DEFECT_KINDS.map((kind) => [kind, 0])) as Record<DefectKind, number>;
}
