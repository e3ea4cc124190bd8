// Each kind's injector on real rows made in memory: the answer-key lines it writes are exactly what
// changed, and the change is the kind it claims, judged by an oracle that is not the injector (the
// schema's column checks, the rule's own arithmetic, the clean value).
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/random.js';
import { DEFECT_KINDS, type DefectKind } from '../../../src/defects/defectKinds.js';
import { DirtyRow } from '../../../src/defects/injectors/dirtyRow.js';
import { CleanLine } from '../../../src/defects/cleanLine.js';
import { KIND_INJECTORS, kindsOf } from '../../../src/defects/injectors/kindInjectors.js';
import { LATE_ROWS, lateRows, NEAR_DUPLICATE_ID_OFFSET, ORPHAN_ID_SPAN } from '../../../src/defects/injectors/rowDefects.js';
import { keyboardTypo, mojibake, utf8AsLatin1 } from '../../../src/defects/injectors/textDamage.js';
import { TABLE_NAMES, type TableName } from '../../../src/schema/tableNames.js';
import { compileFieldCheck } from '../../../src/validate/columnCheck.js';
import { compileQualityCheck } from '../../../src/validate/valueQuality.js';
import { parseCsv } from '../../helpers/csv.js';
import { madeTableRows, SCHEMAS, TINY_COUNTS } from '../helpers/memoryDataset.js';

const ROWS: Record<TableName, string[][]> = Object.fromEntries(TABLE_NAMES.map((table) => [table, parseCsv(madeTableRows(table))])) as Record<TableName, string[][]>;
const COLUMNS = (table: TableName): string[] => SCHEMAS[table].columns.map((column) => column.name);
const NOW = '2026-12-01 00:00:00';

/** The first rows (up to `wanted`) the kind's injector applies to, each injected with its own generator. */
function injected(table: TableName, kind: DefectKind, wanted = 25, typedColumns = false): DirtyRow[] {
  const injector = KIND_INJECTORS[kind][table];
  if (!injector) throw new Error(`${kind} does not apply to ${table}`);
  const rows: DirtyRow[] = [];
  ROWS[table].forEach((fields, index) => {
    if (rows.length >= wanted) return;
    const id = index + 1;
    const context = {
      table,
      id,
      rng: new Rng().reseed(12345, id),
      counts: TINY_COUNTS,
      columns: COLUMNS(table),
      typedColumns,
      previous: (column: number) => (index > 0 ? ROWS[table][index - 1]?.[column] : undefined),
    };
    const row = new DirtyRow(context, CleanLine.of(fields));
    if (injector(row)) rows.push(row);
  });
  return rows;
}

function changedColumns(row: DirtyRow, fields: readonly string[]): string[] {
  return COLUMNS(row.context.table).filter((_, index) => fields[index] !== row.clean[index]);
}

/** Every in-place kind: the answer-key lines are exactly the changed values, clean and dirty. */
const IN_PLACE: readonly DefectKind[] = ['missing_value', 'orphan_reference', 'out_of_range', 'invalid_value', 'arithmetic_mismatch', 'time_order', 'future_timestamp', 'format_drift', 'whitespace_case', 'mojibake', 'truncated_value'];

describe('every kind applies to some table and has rows it applies to', () => {
  it('covers the fifteen kinds', () => {
    const applied = new Set(TABLE_NAMES.flatMap((table) => kindsOf(table)));
    expect([...applied].sort()).toEqual([...DEFECT_KINDS].sort());
  });

  const cases = TABLE_NAMES.flatMap((table) => kindsOf(table).filter((kind) => IN_PLACE.includes(kind)).map((kind) => [table, kind] as const));
  it.each(cases)('%s %s: the answer key lists exactly the changed values', (table, kind) => {
    const rows = injected(table, kind);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const changed = changedColumns(row, row.fields);
      expect(changed.length).toBeGreaterThan(0);
      expect(row.entries.map((entry) => entry.column).sort()).toEqual([...changed].sort());
      for (const entry of row.entries) {
        const at = COLUMNS(table).indexOf(entry.column);
        expect(entry.kind).toBe(kind);
        expect(entry.key).toBe(row.clean[0]);
        expect(entry.cleanValue).toBe(row.clean[at]);
        expect(entry.dirtyValue).toBe(row.fields[at]);
      }
      expect(row.extra).toBeUndefined();
    }
  });
});

function columnProblem(table: TableName, column: string, value: string): string | undefined {
  const schema = SCHEMAS[table].columns.find((candidate) => candidate.name === column);
  if (!schema) throw new Error(column);
  return compileFieldCheck(schema)(value) ?? compileQualityCheck(schema, NOW)?.(value)?.[1];
}

describe('what each kind does, judged by the schema and the rules', () => {
  it.each(TABLE_NAMES)('%s missing_value empties a NOT NULL column', (table) => {
    for (const row of injected(table, 'missing_value')) {
      const [entry] = row.entries;
      expect(entry?.dirtyValue).toBe('');
      expect(columnProblem(table, entry?.column as string, '')).toBe('is NULL in a NOT NULL column');
    }
  });

  it.each(['orders', 'order_items', 'web_events'] as const)('%s orphan_reference points past the parent table', (table) => {
    for (const row of injected(table, 'orphan_reference')) {
      const [entry] = row.entries;
      const parent = ({ customer_id: 'customers', product_id: 'products', order_id: 'orders' } as const)[entry?.column as 'customer_id'];
      const value = Number(entry?.dirtyValue);
      expect(value).toBeGreaterThan(TINY_COUNTS[parent]);
      expect(value).toBeLessThanOrEqual(TINY_COUNTS[parent] + ORPHAN_ID_SPAN);
    }
  });

  it.each(['products', 'orders', 'order_items'] as const)('%s out_of_range breaks the column bounds', (table) => {
    for (const row of injected(table, 'out_of_range')) {
      const [entry] = row.entries;
      expect(columnProblem(table, entry?.column as string, entry?.dirtyValue as string)).toMatch(/below the minimum|above the maximum/);
    }
  });

  it('customers out_of_range makes the customer 150 at registration', () => {
    for (const row of injected('customers', 'out_of_range')) {
      const born = Number(row.fields[COLUMNS('customers').indexOf('date_of_birth')]?.slice(0, 4));
      const registered = Number(row.value('created_at').slice(0, 4));
      expect(registered - born).toBe(150);
    }
  });

  it.each(['customers', 'products', 'orders', 'web_events'] as const)('%s invalid_value is outside the allowed values', (table) => {
    for (const row of injected(table, 'invalid_value')) {
      const [entry] = row.entries;
      expect(columnProblem(table, entry?.column as string, entry?.dirtyValue as string)).toBe('is not one of the allowed values');
    }
  });

  it('arithmetic_mismatch breaks total = subtotal - discount + tax + shipping and line_total = quantity x unit_price - discount', () => {
    const cents = (text: string): number => Math.round(Number(text) * 100);
    for (const row of injected('orders', 'arithmetic_mismatch')) {
      const get = (column: string): number => cents(row.fields[COLUMNS('orders').indexOf(column)] as string);
      expect(get('subtotal') - get('discount_amount') + get('tax_amount') + get('shipping_cost')).not.toBe(get('total_amount'));
    }
    for (const row of injected('order_items', 'arithmetic_mismatch')) {
      const get = (column: string): string => row.fields[COLUMNS('order_items').indexOf(column)] as string;
      expect(Number(get('quantity')) * cents(get('unit_price')) - cents(get('discount_amount'))).not.toBe(cents(get('line_total')));
    }
  });

  it('time_order puts a later event before an earlier one', () => {
    for (const row of injected('orders', 'time_order')) {
      const get = (column: string): string => row.fields[COLUMNS('orders').indexOf(column)] as string;
      const shippedBeforeOrder = get('shipped_at') < get('order_date');
      const deliveredBeforeShipped = get('delivered_at') !== '' && get('delivered_at') < get('shipped_at');
      expect(shippedBeforeOrder || deliveredBeforeShipped).toBe(true);
    }
    for (const row of injected('products', 'time_order')) expect(row.fields[11] as string < (row.fields[10] as string)).toBe(true);
    const events = injected('web_events', 'time_order');
    expect(events.length).toBeGreaterThan(0);
    for (const row of events) expect((row.fields[6] as string) < (row.context.previous(6) as string)).toBe(true);
  });

  it.each(['customers', 'products', 'orders', 'web_events'] as const)('%s future_timestamp is decades after the data', (table) => {
    for (const row of injected(table, 'future_timestamp')) {
      const [entry] = row.entries;
      expect(Number(entry?.dirtyValue.slice(0, 4)) - Number(entry?.cleanValue.slice(0, 4))).toBeGreaterThanOrEqual(20);
      expect(entry?.dirtyValue.slice(4)).toBe(entry?.cleanValue.slice(4));
    }
  });

  it.each(TABLE_NAMES)('%s format_drift breaks the column type or its documented format, and only text columns drift in Parquet', (table) => {
    for (const row of injected(table, 'format_drift')) {
      const [entry] = row.entries;
      expect(columnProblem(table, entry?.column as string, entry?.dirtyValue as string), `${entry?.column} ${entry?.dirtyValue}`).toBeDefined();
    }
    for (const row of injected(table, 'format_drift', 25, true)) {
      const column = SCHEMAS[table].columns.find((candidate) => candidate.name === row.entries[0]?.column);
      expect(column?.type.kind).toBe('VARCHAR');
    }
  });

  it('whitespace_case adds stray spaces or changes case, and keeps the letters', () => {
    for (const table of ['customers', 'products', 'orders'] as const) {
      for (const row of injected(table, 'whitespace_case')) {
        const [entry] = row.entries;
        expect(entry?.dirtyValue.replace(/\s+/g, ' ').trim().toLowerCase()).toBe(entry?.cleanValue.toLowerCase());
      }
    }
  });

  it('mojibake is the UTF-8 bytes of the source spelling read as Windows-1252', () => {
    for (const table of ['customers', 'products', 'orders'] as const) {
      for (const row of injected(table, 'mojibake')) {
        const [entry] = row.entries;
        expect(columnProblem(table, entry?.column as string, entry?.dirtyValue as string)).toMatch(/mojibake/);
      }
    }
    expect(mojibake('José')).toBe('JosÃ©');
    expect(mojibake("O'Brien")).toBe('Oâ€™Brien');
    expect(mojibake('Lumora TV - Black')).toBe('Lumora TV â€“ Black');
    expect(mojibake('Renee')).toBe('RÃ©nee');
    expect(utf8AsLatin1('ñ')).toBe(Buffer.from('ñ', 'utf8').toString('latin1'));
  });

  it('truncated_value keeps a proper prefix', () => {
    for (const table of ['customers', 'products', 'orders', 'web_events'] as const) {
      for (const row of injected(table, 'truncated_value')) {
        const [entry] = row.entries;
        expect(entry?.cleanValue.startsWith(entry.dirtyValue)).toBe(true);
        expect(entry?.dirtyValue.length).toBeLessThan(entry?.cleanValue.length as number);
      }
    }
  });
});

/** Damerau's distance: insertions, deletions, substitutions and transpositions of neighbours. */
function damerau(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      row[j] = Math.min((d[i - 1] as number[])[j] as number + 1, (row[j - 1] as number) + 1, ((d[i - 1] as number[])[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

describe('row-level kinds', () => {
  it.each(TABLE_NAMES)('%s duplicate_row: the same line again', (table) => {
    for (const row of injected(table, 'duplicate_row')) {
      expect(row.extra).toEqual(row.clean);
      expect(row.fields).toEqual(row.clean);
      expect(row.entries).toEqual([{ key: row.clean[0], column: '', kind: 'duplicate_row', cleanValue: '', dirtyValue: '' }]);
    }
  });

  it.each(TABLE_NAMES)('%s duplicate_key: another row under the same key, its differences in the key', (table) => {
    for (const row of injected(table, 'duplicate_key')) {
      const extra = row.extra as string[];
      expect(extra[0]).toBe(row.clean[0]);
      expect(row.entries.map((entry) => entry.column).sort()).toEqual(changedColumns(row, extra).sort());
    }
  });

  it('near_duplicate: a new customer_id past the table, a one-typo name and email', () => {
    const rows = injected('customers', 'near_duplicate');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const extra = row.extra as string[];
      expect(Number(extra[0])).toBe(TINY_COUNTS.customers + NEAR_DUPLICATE_ID_OFFSET + row.context.id);
      for (const entry of row.entries.filter((line) => line.column !== 'customer_id')) {
        expect(entry.key).toBe(extra[0]);
        expect(damerau(entry.cleanValue, entry.dirtyValue), `${entry.cleanValue} ${entry.dirtyValue}`).toBe(1);
      }
      expect(row.entries.some((entry) => entry.column === 'email')).toBe(true);
    }
  });

  it.each(TABLE_NAMES)('%s late_arriving: moved hundreds of rows on', (table) => {
    for (const row of injected(table, 'late_arriving')) {
      expect(row.lateBy).toBeGreaterThanOrEqual(LATE_ROWS.min);
      expect(row.lateBy).toBeLessThanOrEqual(LATE_ROWS.max);
      // The later shards find the move from the id alone: lateRows with the row's generator seeded alike.
      expect(lateRows(new Rng().reseed(12345, row.context.id), row.context.id, TINY_COUNTS[table])).toBe(row.lateBy);
    }
  });

  it("late_arriving: the table's last row stays where it is", () => {
    expect(lateRows(new Rng().reseed(1, 10), 10, 10)).toBe(0);
    expect(lateRows(new Rng().reseed(1, 9), 9, 10)).toBeGreaterThanOrEqual(LATE_ROWS.min);
  });
});

describe('keyboard typos', () => {
  it('are one edit away, and a substituted letter is a key next to the original', () => {
    const neighbours: Record<string, string> = { a: 'qwsz', n: 'bhjm', b: 'vghn' };
    for (let seed = 1; seed <= 300; seed++) {
      const typo = keyboardTypo('banana', new Rng().reseed(7, seed));
      expect(damerau('banana', typo)).toBe(1);
      if (typo.length === 6) {
        const at = [...typo].findIndex((char, index) => char !== 'banana'[index]);
        if (typo[at + 1] === 'banana'[at]) continue; // a transposition
        expect(neighbours['banana'[at] as string]).toContain(typo[at]);
      }
    }
  });
});
