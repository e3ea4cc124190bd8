// Every violation of a validation run, one per line (`validate --violations <file>`): the rule, the table,
// the row's primary-key value, the column, the line, the value.
import { csvText } from '../encoding/csvText.js';
import { TABLE_NAMES, type TableName } from '../schema/tableNames.js';
import type { RuleBook, RuleTally } from './ruleBook.js';

export interface Violation {
  readonly rule: string;
  /** The table of the file the row is in; empty for dataset-level rules (manifest.json). */
  readonly table: TableName | '';
  /** The primary-key value (without the column's name); empty for file-level rules. */
  readonly key: string;
  readonly column: string;
  readonly line: number;
  readonly value: string;
}

export const VIOLATIONS_HEADER = 'rule,table,key,column,line,value\n';

/** The table a file holds in any format or layout generate writes (`orders.csv`, `orders.jsonl.gz`, `orders.part-001-of-004.csv`, ...). */
function tableOfFile(file: string): TableName | '' {
  return TABLE_NAMES.find((table) => file.startsWith(`${table}.`)) ?? '';
}

/** The logged violations under the rule each is reported as (provisional verdicts that were dropped are left out). */
export function collectViolations(book: RuleBook): Violation[] {
  const log = book.log;
  if (!log) return [];
  const rules = new Map<RuleTally, string | undefined>();
  const violations: Violation[] = [];
  for (const { tally, example } of log.entries) {
    if (!rules.has(tally)) rules.set(tally, book.ruleOf(tally));
    const rule = rules.get(tally);
    if (rule === undefined) continue;
    const [column, value] = Object.entries(example.values)[0] ?? ['', ''];
    const key = example.key.includes('=') ? example.key.slice(example.key.indexOf('=') + 1) : example.key;
    violations.push({ rule, table: tableOfFile(example.file), key, column, line: example.line, value });
  }
  return violations;
}

export function violationsText(violations: readonly Violation[]): string {
  let text = VIOLATIONS_HEADER;
  for (const violation of violations) {
    text += `${[violation.rule, violation.table, violation.key, violation.column, String(violation.line), violation.value].map(csvText).join(',')}\n`;
  }
  return text;
}
