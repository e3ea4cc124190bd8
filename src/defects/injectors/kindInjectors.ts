// Which injector makes each kind of defect in each table; a table without one cannot carry that kind.
import { TABLE_NAMES, type TableName } from '../../schema/tableNames.js';
import { DEFECT_KINDS, type DefectKind } from '../defectKinds.js';
import type { Injector } from './dirtyRow.js';
import { duplicateKey, duplicateRow, lateArriving, nearDuplicate } from './rowDefects.js';
import { mojibake, truncatedValue, whitespaceCase } from './textDefects.js';
import { arithmeticMismatch, formatDrift, futureTimestamp, invalidValue, missingValue, orphanReference, outOfRange, timeOrder } from './valueDefects.js';

type PerTable = Partial<Record<TableName, Injector>>;

function everyTable(injector: Injector): PerTable {
  return Object.fromEntries(TABLE_NAMES.map((table) => [table, injector])) as PerTable;
}

const NO_TEXT: readonly TableName[] = ['order_items'];

function tablesExcept(injector: Injector, excluded: readonly TableName[]): PerTable {
  return Object.fromEntries(TABLE_NAMES.filter((table) => !excluded.includes(table)).map((table) => [table, injector])) as PerTable;
}

export const KIND_INJECTORS: Readonly<Record<DefectKind, PerTable>> = {
  missing_value: everyTable(missingValue),
  orphan_reference: tablesExcept(orphanReference, ['customers', 'products']),
  duplicate_row: everyTable(duplicateRow),
  duplicate_key: everyTable(duplicateKey),
  near_duplicate: { customers: nearDuplicate },
  out_of_range: outOfRange,
  invalid_value: tablesExcept(invalidValue, ['order_items']),
  arithmetic_mismatch: arithmeticMismatch,
  time_order: timeOrder,
  future_timestamp: tablesExcept(futureTimestamp, ['order_items']),
  format_drift: everyTable(formatDrift),
  whitespace_case: tablesExcept(whitespaceCase, NO_TEXT),
  mojibake: tablesExcept(mojibake, NO_TEXT),
  truncated_value: tablesExcept(truncatedValue, NO_TEXT),
  late_arriving: everyTable(lateArriving),
};

/** The kinds a table can carry, in DEFECT_KINDS order. */
export function kindsOf(table: TableName): DefectKind[] {
  return DEFECT_KINDS.filter((kind) => KIND_INJECTORS[kind][table] !== undefined);
}
