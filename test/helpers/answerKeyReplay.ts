// Rebuilds a dirty table from the clean run's table and the answer key alone (never from the injectors'
// code), so that comparing the result with the dirty file proves the answer key is the whole diff.
import type { Table } from './csv.js';

export interface AnswerKeyLine {
  readonly table: string;
  readonly key: string;
  readonly column: string;
  readonly kind: string;
  readonly clean: string;
  readonly dirty: string;
}

export function answerKeyLines(rows: readonly (readonly string[])[]): AnswerKeyLine[] {
  return rows.map(([table, key, column, kind, clean, dirty]) => ({ table: table ?? '', key: key ?? '', column: column ?? '', kind: kind ?? '', clean: clean ?? '', dirty: dirty ?? '' }));
}

const ROW_KINDS = new Set(['duplicate_row', 'duplicate_key', 'near_duplicate', 'late_arriving']);

/**
 * The dirty table's rows as the answer key describes them. Throws when a line of the key does not fit
 * the clean data (a clean_value that is not the clean value, a change that changes nothing) or is not
 * used.
 */
export function replayAnswerKey(clean: Table, lines: readonly AnswerKeyLine[]): string[][] {
  const byKey = new Map<string, AnswerKeyLine[]>();
  const secondRegistrations = new Map<string, string[]>();
  for (const line of lines) {
    const list = byKey.get(line.key) ?? [];
    list.push(line);
    byKey.set(line.key, list);
    if (line.kind === 'near_duplicate' && line.column === clean.header[0]) {
      secondRegistrations.set(line.clean, [...(secondRegistrations.get(line.clean) ?? []), line.key]);
    }
  }
  const used = new Set<AnswerKeyLine>();
  const apply = (row: string[], changes: readonly AnswerKeyLine[]): string[] => {
    const copy = [...row];
    for (const change of changes) {
      const at = clean.col(change.column);
      if (copy[at] !== change.clean && !(change.kind === 'near_duplicate' && at === 0)) {
        throw new Error(`${change.table} ${change.key} ${change.column}: the key's clean value ${JSON.stringify(change.clean)} is not the clean file's ${JSON.stringify(copy[at])}`);
      }
      if (change.clean === change.dirty) throw new Error(`${change.table} ${change.key} ${change.column}: a change that changes nothing`);
      copy[at] = change.dirty;
      used.add(change);
    }
    return copy;
  };
  const out: string[][] = [];
  const pending: { destination: string; row: string[] }[] = [];
  for (const row of clean.rows) {
    const key = row[0] as string;
    const entries = byKey.get(key) ?? [];
    const valueChanges = entries.filter((entry) => !ROW_KINDS.has(entry.kind));
    const dirty = apply(row, valueChanges);
    const moved = entries.find((entry) => entry.kind === 'late_arriving');
    if (moved) {
      used.add(moved);
      const destination = moved.dirty.split(' ').pop() as string;
      pending.push({ destination, row: dirty });
    } else {
      out.push(dirty);
    }
    const duplicate = entries.find((entry) => entry.kind === 'duplicate_row');
    if (duplicate) {
      used.add(duplicate);
      out.push([...row]);
    }
    const changedKey = entries.filter((entry) => entry.kind === 'duplicate_key');
    if (changedKey.length > 0) out.push(apply(row, changedKey));
    for (const newKey of secondRegistrations.get(key) ?? []) {
      const changes = (byKey.get(newKey) ?? []).filter((entry) => entry.kind === 'near_duplicate');
      const second = apply(row, changes.filter((entry) => entry.column !== clean.header[0]));
      const idChange = changes.find((entry) => entry.column === clean.header[0]) as AnswerKeyLine;
      used.add(idChange);
      second[0] = newKey;
      out.push(second);
    }
    for (const arrival of pending.filter((entry) => entry.destination === key)) out.push(arrival.row);
    for (let index = pending.length - 1; index >= 0; index--) if ((pending[index] as { destination: string }).destination === key) pending.splice(index, 1);
  }
  if (pending.length > 0) throw new Error(`late rows with no destination row: ${pending.map((entry) => entry.destination).join(', ')}`);
  const unused = lines.filter((line) => !used.has(line));
  if (unused.length > 0) throw new Error(`answer-key lines that match no clean row: ${JSON.stringify(unused.slice(0, 3))}`);
  return out;
}
