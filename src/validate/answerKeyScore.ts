// `validate --answer-key <defects.csv>`: how many of the injected defects of each kind the rules caught,
// and which violations no injected defect explains. A defect is caught when a violation names its row
// (table and key). A violation is explained by a defect in its own row, in a row it refers to (an order's
// customer, an item's order or product, an event's customer, product or order), in an item of its order,
// or in an event of its session: a changed product price is seen by every item sold at that price.
import { readFileSync } from 'node:fs';
import { printableLines } from '../encoding/controlChars.js';
import { parseRecords } from '../encoding/csvRecords.js';
import { FormatError } from '../encoding/formatError.js';
import { readTable } from '../read/tableInput.js';
import { UsageError } from '../errors.js';
import { TABLE_NAMES, type TableName } from '../schema/tableNames.js';
import { ANSWER_KEY_HEADER, DEFECT_KINDS, type DefectKind } from '../defects/defectKinds.js';
import type { DatasetSource } from './datasetSource.js';
import type { Violation } from './violations.js';

/** Why validate's rules cannot see a kind (or see only some of its defects). */
const UNSEEN_KINDS: Readonly<Partial<Record<DefectKind, string>>> = {
  near_duplicate: 'a second registration with typos is a valid row on its own; finding it takes fuzzy matching across rows (same phone and address, names a typo apart), which no rule does',
  whitespace_case: 'COL-SPACE and COL-CASE see stray spaces and capitals in emails; a name or city in capitals is still a valid value',
  truncated_value: 'a value cut short is mostly still a valid value (a shorter street or name); only some cuts break a rule (an email losing its domain: COL-FORMAT)',
  late_arriving: 'validate judges rows whatever their order in the file (a shuffled export passes), so a row written late breaks no rule; a loader sees it by its timestamp against its watermark',
};

interface KindScore {
  readonly kind: DefectKind;
  /** Dirty rows of this kind in the answer key. */
  readonly injected: number;
  /** Of those, rows a violation names. */
  readonly caught: number;
  /** caught / injected, or null when none was injected. */
  readonly recall: number | null;
  /** Whether validate's rules are meant to catch every defect of this kind. */
  readonly seenByRules: boolean;
  readonly reason?: string;
}

export interface AnswerKeyScore {
  readonly kinds: readonly KindScore[];
  /** Violations no injected defect explains (a rule's false alarm, or a defect the key does not list). */
  readonly unexplained: number;
  readonly unexplainedByRule: Readonly<Record<string, number>>;
  /** The first few of them. */
  readonly unexplainedExamples: readonly Violation[];
  /** True when every kind the rules see has recall 1 and every violation is explained. */
  readonly complete: boolean;
}

interface Defect {
  readonly table: TableName;
  readonly key: string;
  readonly kind: DefectKind;
}

export interface AnswerKey {
  readonly defects: readonly Defect[];
  /** Parent rows a defect's clean values named (an orphaned order_id's real order, a blanked session). */
  readonly cleanReferences: readonly { readonly column: string; readonly value: string }[];
}

export function parseAnswerKey(text: string, name: string): AnswerKey {
  if (!text.startsWith(ANSWER_KEY_HEADER.trimEnd())) {
    throw new UsageError(`--answer-key: ${name} is not an answer key: its header is not ${ANSWER_KEY_HEADER.trimEnd()}`);
  }
  const seen = new Set<string>();
  const defects: Defect[] = [];
  const cleanReferences: { column: string; value: string }[] = [];
  let parsed: string[][];
  try {
    parsed = parseRecords(text, name);
  } catch (error) {
    // A malformed file (an unclosed quote) is bad input: one line naming the option, exit 2.
    if (error instanceof FormatError) throw new UsageError(`--answer-key: ${error.message}`);
    throw error;
  }
  const records = parsed.slice(1);
  for (const [index, record] of records.entries()) {
    const [table, key, column, kind, clean] = record;
    if (record.length !== 6 || !(TABLE_NAMES as readonly string[]).includes(table ?? '') || !(DEFECT_KINDS as readonly string[]).includes(kind ?? '')) {
      throw new UsageError(`--answer-key: ${name} line ${index + 2} is not table,key,column,kind,clean_value,dirty_value with a known table and kind`);
    }
    const id = `${table}\u0000${key}\u0000${kind}`;
    if (!seen.has(id)) {
      seen.add(id);
      defects.push({ table: table as TableName, key: key as string, kind: kind as DefectKind });
    }
    if (clean && REFERENCE_COLUMNS.has(column as string)) cleanReferences.push({ column: column as string, value: clean });
  }
  return { defects, cleanReferences };
}

export function readAnswerKey(file: string): AnswerKey {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--answer-key: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  return parseAnswerKey(text, file);
}

/** Columns that name another row, and the table of that row (the session is a group of events). */
const REFERENCES: Readonly<Record<string, TableName | 'sessions'>> = {
  customer_id: 'customers',
  product_id: 'products',
  order_id: 'orders',
  session_id: 'sessions',
};
const REFERENCE_COLUMNS = new Set(Object.keys(REFERENCES));
const REFERENCING_TABLES: readonly TableName[] = ['orders', 'order_items', 'web_events'];

type Touched = Record<TableName | 'sessions', Set<string>>;

/** One streaming pass over a table: each row's key and the values of its reference columns. */
async function eachRow(source: DatasetSource, table: TableName, onRow: (key: string, refs: Readonly<Record<string, string>>) => void): Promise<void> {
  let columns: { name: string; at: number }[] | undefined;
  const input = (await source.tables([table])).get(table);
  if (!input) return;
  await readTable(input, (fields) => {
    if (!columns) {
      columns = fields.map((name, at) => ({ name, at })).filter(({ name }) => REFERENCE_COLUMNS.has(name));
      return;
    }
    const refs: Record<string, string> = {};
    for (const { name, at } of columns) refs[name] = fields[at] ?? '';
    onRow(fields[0] ?? '', refs);
  });
}

export async function scoreAnswerKey(source: DatasetSource, answerKey: AnswerKey, violations: readonly Violation[]): Promise<AnswerKeyScore> {
  const defective: Touched = { customers: new Set(), products: new Set(), orders: new Set(), order_items: new Set(), web_events: new Set(), sessions: new Set() };
  for (const defect of answerKey.defects) defective[defect.table].add(defect.key);
  const violated = new Set<string>();
  for (const violation of violations) violated.add(`${violation.table}\u0000${violation.key}`);

  // Rows touched by a defect: the defective rows, the parents a defect's clean values named, the orders
  // of defective items (or of items of defective products) and the sessions of defective events.
  const touched: Touched = { customers: new Set(), products: new Set(), orders: new Set(), order_items: new Set(), web_events: new Set(), sessions: new Set() };
  for (const { column, value } of answerKey.cleanReferences) touched[REFERENCES[column] as TableName | 'sessions'].add(value);
  const refsOfViolated = new Map<string, Readonly<Record<string, string>>>();
  const refersToDefect = (refs: Readonly<Record<string, string>>): boolean =>
    Object.entries(refs).some(([column, value]) => value !== '' && column !== 'session_id' && defective[REFERENCES[column] as TableName].has(value));
  for (const table of REFERENCING_TABLES) {
    await eachRow(source, table, (key, refs) => {
      const own = defective[table].has(key);
      if (violated.has(`${table}\u0000${key}`)) refsOfViolated.set(`${table}\u0000${key}`, refs);
      if (!own && !refersToDefect(refs)) return;
      if (table === 'order_items' && refs['order_id']) touched.orders.add(refs['order_id']);
      if (table === 'web_events') {
        if (refs['session_id']) touched.sessions.add(refs['session_id']);
        if (own && refs['order_id']) touched.orders.add(refs['order_id']);
      }
    });
  }
  const explained = (violation: Violation): boolean => {
    if (violation.table === '' || violation.key === '') return false;
    if (defective[violation.table].has(violation.key) || touched[violation.table].has(violation.key)) return true;
    const refs = refsOfViolated.get(`${violation.table}\u0000${violation.key}`);
    if (!refs) return false;
    if (refersToDefect(refs)) return true;
    return Object.entries(refs).some(([column, value]) => value !== '' && touched[REFERENCES[column] as TableName | 'sessions'].has(value));
  };
  const unexplainedList = violations.filter((violation) => !explained(violation));
  const unexplainedByRule: Record<string, number> = {};
  for (const violation of unexplainedList) unexplainedByRule[violation.rule] = (unexplainedByRule[violation.rule] ?? 0) + 1;

  const kinds = DEFECT_KINDS.map((kind): KindScore => {
    const ofKind = answerKey.defects.filter((defect) => defect.kind === kind);
    const caught = ofKind.filter((defect) => violated.has(`${defect.table}\u0000${defect.key}`)).length;
    const reason = UNSEEN_KINDS[kind];
    return { kind, injected: ofKind.length, caught, recall: ofKind.length === 0 ? null : caught / ofKind.length, seenByRules: reason === undefined, ...(reason ? { reason } : {}) };
  });
  const complete = unexplainedList.length === 0 && kinds.every((score) => !score.seenByRules || score.recall === null || score.recall === 1);
  return { kinds, unexplained: unexplainedList.length, unexplainedByRule, unexplainedExamples: unexplainedList.slice(0, 20), complete };
}

function percent(recall: number | null): string {
  return recall === null ? '-' : `${(recall * 100).toFixed(1)}%`;
}

/** The score as `validate --answer-key` prints it. */
export function formatAnswerKeyScore(score: AnswerKeyScore, file: string): string {
  const lines = [`answer key ${file}: recall per kind`, '', `  ${'kind'.padEnd(20)} ${'injected'.padStart(8)} ${'caught'.padStart(8)} ${'recall'.padStart(7)}`];
  for (const kind of score.kinds) {
    const note = kind.seenByRules ? '' : `  not seen by rule: ${kind.reason ?? ''}`;
    lines.push(`  ${kind.kind.padEnd(20)} ${String(kind.injected).padStart(8)} ${String(kind.caught).padStart(8)} ${percent(kind.recall).padStart(7)}${note}`);
  }
  lines.push('', `violations no injected defect explains: ${score.unexplained}`);
  for (const [rule, count] of Object.entries(score.unexplainedByRule)) lines.push(`  ${rule}: ${count}`);
  for (const example of score.unexplainedExamples.slice(0, 5)) lines.push(`  e.g. ${example.rule} ${example.table} ${example.key} ${example.column}=${JSON.stringify(example.value)} (line ${example.line})`);
  return printableLines(`${lines.join('\n')}\n`);
}
