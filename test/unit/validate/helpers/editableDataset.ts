// The tiny in-memory dataset as rows to corrupt, and the validator run on it: no files, no CLI. Rows are
// parsed with the tests' own CSV reader (test/helpers/csv.ts), not the validator's, and written back with
// the generator's quoting, so a corruption changes exactly the fields a test sets.
import { createHash } from 'node:crypto';
import { csvText } from '../../../../src/encoding/csvText.js';
import { TABLE_NAMES, type TableName } from '../../../../src/schema/tableNames.js';
import type { RuleReport, ValidationReport } from '../../../../src/validate/report.js';
import { validateFiles, type ValidateOptions } from '../../../../src/validate/validateDataset.js';
import { parseCsv } from '../../../helpers/csv.js';
import { memoryDataset } from '../../helpers/memoryDataset.js';

/** The clean table's rows and each one's line as text() writes it (without its line end). */
interface CleanLines {
  readonly rows: readonly (readonly string[])[];
  readonly lines: readonly string[];
}

/** One table's header and rows; row i sits on line i + 2 of its file. */
export class EditableTable {
  constructor(
    readonly header: string[],
    public rows: string[][],
    private readonly clean?: CleanLines,
  ) {}

  col(name: string): number {
    const index = this.header.indexOf(name);
    if (index < 0) throw new Error(`no column ${name}`);
    return index;
  }

  get(row: number, name: string): string {
    const fields = this.rows[row];
    if (!fields) throw new Error(`no row ${row}`);
    return fields[this.col(name)] as string;
  }

  set(row: number, name: string, value: string): void {
    const fields = this.rows[row];
    if (!fields) throw new Error(`no row ${row}`);
    fields[this.col(name)] = value;
  }

  /** Indexes of the rows matching `predicate`. */
  where(predicate: (row: number) => boolean): number[] {
    return this.rows.map((_, row) => row).filter(predicate);
  }

  /**
   * The file's text. A row still equal, field for field, to the clean row at its index is written as
   * that row's line (made once per clean dataset); any other row is quoted afresh.
   */
  text(lineEnd = '\n'): string {
    const { clean } = this;
    const lines = [`${this.header.map(csvText).join(',')}${lineEnd}`];
    this.rows.forEach((fields, index) => {
      const cleanRow = clean?.rows[index];
      const same = cleanRow !== undefined && cleanRow.length === fields.length && fields.every((field, at) => field === cleanRow[at]);
      lines.push(`${same ? (clean?.lines[index] as string) : fields.map(csvText).join(',')}${lineEnd}`);
    });
    return lines.join('');
  }
}

export type Tables = Record<TableName, EditableTable>;

let cleanText: Record<TableName, string> | undefined;

/** The clean tiny dataset's files as text (made once per thread: see memoryDataset). */
export function cleanFiles(): Record<string, string> {
  cleanText ??= memoryDataset();
  const text = cleanText;
  return Object.fromEntries(TABLE_NAMES.map((table) => [`${table}.csv`, text[table]]));
}

let cleanRows: Record<TableName, { header: string[]; rows: string[][]; lines: string[] }> | undefined;

/** A fresh, editable copy of the clean tiny dataset (parsed once, copied for each test). */
export function editableDataset(): Tables {
  const files = cleanFiles();
  cleanRows ??= Object.fromEntries(
    TABLE_NAMES.map((table) => {
      const [header, ...rows] = parseCsv(files[`${table}.csv`] as string);
      if (!header || rows.length === 0) throw new Error(`${table} is empty`);
      return [table, { header, rows, lines: rows.map((fields) => fields.map(csvText).join(',')) }];
    }),
  ) as Record<TableName, { header: string[]; rows: string[][]; lines: string[] }>;
  const parsed = cleanRows;
  return Object.fromEntries(TABLE_NAMES.map((table) => [table, new EditableTable([...parsed[table].header], parsed[table].rows.map((fields) => [...fields]), parsed[table])])) as Tables;
}

export function filesOf(tables: Tables): Record<string, string> {
  return Object.fromEntries(TABLE_NAMES.map((table) => [`${table}.csv`, tables[table].text()]));
}

/** manifest.json as ecomgen writes it for `files`: rows (counted here unless `tables` gives them), bytes and sha256. */
export function manifestOf(files: Readonly<Record<string, string | Uint8Array>>, tables?: Tables): string {
  const entries = TABLE_NAMES.map((table) => {
    const file = `${table}.csv`;
    const data = files[file];
    if (data === undefined) throw new Error(`no ${file}`);
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    const rows = tables ? tables[table].rows.length : parseCsv(Buffer.from(bytes).toString('utf8')).length - 1;
    return { table, file, rows, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
  });
  return JSON.stringify({ files: entries }, null, 2);
}

export function validate(files: Readonly<Record<string, string | Uint8Array>>, options: ValidateOptions & { manifest?: string } = {}): Promise<ValidationReport> {
  const { manifest, ...rest } = options;
  return validateFiles(manifest === undefined ? { files } : { files, manifest }, rest);
}

export function rule(report: ValidationReport, id: string): RuleReport {
  const found = report.rules.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no rule ${id} in the report`);
  return found;
}

export function failedIds(report: ValidationReport): string[] {
  return report.rules.filter((candidate) => candidate.status === 'failed').map((candidate) => candidate.id).sort();
}

/** `YYYY-MM-DD HH:MM:SS` to epoch seconds, and back. */
export function toSeconds(text: string): number {
  return Date.parse(`${text.replace(' ', 'T')}Z`) / 1000;
}

export function formatSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

export function toCents(text: string): number {
  return Math.round(Number(text) * 100);
}

export function formatCents(cents: number): string {
  return (cents / 100).toFixed(2);
}

/** Session id -> row indexes of its events, in file order. */
export function sessionsOf(events: EditableTable): Map<string, number[]> {
  const sessions = new Map<string, number[]>();
  const at = events.col('session_id');
  events.rows.forEach((fields, row) => {
    const id = fields[at] as string;
    const rows = sessions.get(id);
    if (rows) rows.push(row);
    else sessions.set(id, [row]);
  });
  return sessions;
}

/**
 * Sets each order's subtotal to the sum of its items' line totals, moving total_amount by as much, so an
 * edit of order_items breaks only the rule it targets (ORD-02 and ORD-03 still hold).
 */
export function rebalanceOrders(tables: Tables): void {
  const { orders, order_items: items } = tables;
  const sums = new Map<string, number>();
  for (const row of items.rows.keys()) {
    const order = items.get(row, 'order_id');
    sums.set(order, (sums.get(order) ?? 0) + toCents(items.get(row, 'line_total')));
  }
  for (const row of orders.rows.keys()) {
    const sum = sums.get(orders.get(row, 'order_id'));
    if (sum === undefined) continue;
    const delta = sum - toCents(orders.get(row, 'subtotal'));
    if (delta === 0) continue;
    orders.set(row, 'subtotal', formatCents(sum));
    orders.set(row, 'total_amount', formatCents(toCents(orders.get(row, 'total_amount')) + delta));
  }
}

export { shuffle } from '../../../helpers/shuffle.js';
