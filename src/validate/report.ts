// What `ecomgen validate` and validateDataset() return: per file what was read, per rule its verdict.
import type { TableName } from '../schema/tableNames.js';
import type { RuleBook, RuleStatus, ViolationExample } from './ruleBook.js';

export interface FileReport {
  readonly table: TableName;
  readonly file: string;
  /** Data records (the header excluded). */
  readonly rows: number;
  readonly bytes: number;
  readonly sha256: string;
  /** LF as written by ecomgen; CRLF is read correctly and only noted here; none for Parquet, which has no lines. */
  readonly lineEnding: 'LF' | 'CRLF' | 'mixed' | 'none';
  /** Whether the rows were checked (false when the header lacks schema columns). */
  readonly checked: boolean;
  readonly note?: string;
}

export interface RuleReport {
  readonly id: string;
  readonly table: TableName | null;
  readonly name: string;
  readonly description: string;
  readonly status: RuleStatus;
  readonly violations: number;
  readonly violationsByFile: Readonly<Record<string, number>>;
  readonly examples: readonly ViolationExample[];
  /** Why the rule was not checked. */
  readonly reason?: string;
}

export interface ValidationReport {
  readonly directory: string;
  /** True when no rule failed (rules not checked are listed with their reason). */
  readonly valid: boolean;
  readonly summary: {
    readonly rules: number;
    readonly passed: number;
    readonly failed: number;
    readonly notChecked: number;
    readonly violations: number;
  };
  readonly files: readonly FileReport[];
  /** How the session rules (WEB-04..07, WEB-10) saw the events. */
  readonly sessions: string;
  readonly rules: readonly RuleReport[];
  readonly elapsedMs: number;
}

export function buildReport(directory: string, book: RuleBook, files: readonly FileReport[], sessions: string, elapsedMs: number): ValidationReport {
  const rules: RuleReport[] = book.entries().map(({ definition, tally }) => {
    const status = tally.status;
    return {
      ...definition,
      status,
      violations: tally.count,
      violationsByFile: Object.fromEntries(tally.byFile),
      examples: tally.examples,
      ...(status === 'not_checked' ? { reason: tally.notChecked } : {}),
    };
  });
  const count = (status: RuleStatus): number => rules.filter((rule) => rule.status === status).length;
  const failed = count('failed');
  // Shared checks (ORD-01 and FK-orders.customer_id) count their violations once.
  const violations = [...new Set(book.entries().map((entry) => entry.tally))].reduce((sum, tally) => sum + tally.count, 0);
  return {
    directory,
    valid: failed === 0,
    summary: { rules: rules.length, passed: count('passed'), failed, notChecked: count('not_checked'), violations },
    files,
    sessions,
    rules,
    elapsedMs: Math.round(elapsedMs),
  };
}
