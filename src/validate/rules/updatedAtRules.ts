// CUS-05, PRD-06 and ORD-13: a row's updated_at (its latest change) is never before the row's own times.
import type { RuleBook } from '../ruleBook.js';
import type { TableRules } from '../tableScan.js';
import type { TableLayout } from '../tableLayout.js';
import { parseTimestamp } from '../valueParsers.js';

/** The rule checking `updated_at` against the row's other timestamps (`columns`, NULLs skipped). */
export function updatedAtRule(layout: TableLayout, book: RuleBook, ruleId: string, columns: readonly string[], keyOf: (fields: readonly string[]) => string): TableRules {
  const file = layout.file;
  const tally = book.tally(ruleId);
  const updatedAt = layout.at('updated_at');
  const positions = columns.map((column) => layout.at(column));
  return {
    row(fields, line) {
      const updatedText = fields[updatedAt] as string;
      const updated = parseTimestamp(updatedText);
      for (const [index, position] of positions.entries()) {
        const text = fields[position] as string;
        // NaN (NULL or unreadable) compares false: COL-TYPE reports an unreadable time.
        if (text !== '' && parseTimestamp(text) > updated) {
          const column = columns[index] as string;
          tally.add(file, line, () => ({ key: keyOf(fields), values: { updated_at: updatedText, [column]: text }, problem: `updated_at is before ${column}` }));
          return;
        }
      }
    },
  };
}

/** Both rule sets on each row. */
export function bothRules(first: TableRules, second: TableRules): TableRules {
  return {
    row(fields, line, slot) {
      first.row(fields, line, slot);
      second.row(fields, line, slot);
    },
  };
}
