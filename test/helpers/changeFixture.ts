// Hand-made change streams for `load --apply` tests, written to the changes folder contract, and the
// state they lead to, computed here in plain TypeScript (independent of the SQL that applies them).
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TABLE_NAMES, type SchemaSet, type TableName } from 'ecomgen';
import { readTable } from './csv.js';

export type Op = 'I' | 'U' | 'D';

export interface ChangeRow {
  readonly table: TableName;
  readonly op: Op;
  readonly changedAt: string;
  readonly seq: bigint;
  /** The row's fields in schema order; for D only the key is filled. */
  readonly fields: readonly string[];
}

/** A snapshot as field arrays, keyed by primary key text, per table. */
type TableState = Map<string, readonly string[]>;
export type Snapshot = Record<TableName, TableState>;

export function readSnapshot(dir: string): Snapshot {
  return Object.fromEntries(TABLE_NAMES.map((table) => {
    const csv = readTable(dir, `${table}.csv`);
    return [table, new Map(csv.rows.map((row) => [row[0] as string, row]))];
  })) as unknown as Snapshot;
}

const encodeField = (value: string): string => (/[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
const encodeRow = (fields: readonly string[]): string => `${fields.map(encodeField).join(',')}\n`;

/**
 * The rows a stream leads to from `start`: de-duplicated by _seq and applied in _seq order (I inserts,
 * U replaces by key, D deletes), the contract's reading of a stream with delivery faults.
 */
export function replay(start: Snapshot, rows: readonly ChangeRow[]): Snapshot {
  const state = Object.fromEntries(TABLE_NAMES.map((table) => [table, new Map(start[table])])) as unknown as Snapshot;
  const bySeq = new Map(rows.map((row) => [row.seq, row]));
  for (const row of [...bySeq.values()].sort((a, b) => (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0))) {
    const key = row.fields[0] as string;
    if (row.op === 'D') state[row.table].delete(key);
    else state[row.table].set(key, row.fields);
  }
  return state;
}

/** Writes a snapshot as a dataset directory `ecomgen load` takes (no manifest), rows in key order. */
export function writeSnapshot(dir: string, snapshot: Snapshot, schemas: SchemaSet): void {
  mkdirSync(dir, { recursive: true });
  for (const table of TABLE_NAMES) {
    const header = schemas[table].columns.map((column) => column.name).join(',');
    const rows = [...snapshot[table].values()].sort((a, b) => Number(a[0]) - Number(b[0]));
    writeFileSync(join(dir, `${table}.csv`), `${header}\n${rows.map(encodeRow).join('')}`);
  }
}

export interface Batch {
  readonly name: string;
  /** Rows as delivered, in file order (faults included). */
  readonly rows: readonly ChangeRow[];
}

/** A field's text as the JSON value the snapshot's jsonl rows use: numbers and booleans typed, empty as null. */
function typed(schemas: SchemaSet, table: TableName, fields: readonly string[], onlyKey: boolean): Record<string, string | number | boolean | null> {
  const columns = onlyKey ? schemas[table].columns.slice(0, 1) : schemas[table].columns;
  return Object.fromEntries(columns.map((column, index) => {
    const text = fields[index] ?? '';
    const kind = column.type.kind;
    const value = text === '' ? null : kind === 'INTEGER' || kind === 'BIGINT' || kind === 'DECIMAL' ? Number(text) : kind === 'BOOLEAN' ? text === 'true' : text;
    return [column.name, value];
  }));
}

/** One Debezium-style envelope line, as the contract's --format jsonl writes it. */
function envelope(schemas: SchemaSet, row: ChangeRow, batch: string): string {
  const image = typed(schemas, row.table, row.fields, row.op === 'D');
  // _seq is past 2^53: written as its digits, not through a JS number.
  return `${JSON.stringify({
    before: row.op === 'D' ? image : null,
    after: row.op === 'D' ? null : image,
    op: { I: 'c', U: 'u', D: 'd' }[row.op],
    ts_ms: Date.parse(`${row.changedAt.replace(' ', 'T')}Z`),
    source: { name: 'ecomgen', table: row.table, seq: '@SEQ@', batch },
  }).replace('"@SEQ@"', row.seq.toString())}\n`;
}

/** Writes a changes folder: one folder per batch with five files and a manifest, then the top manifest. */
export function writeChangesFolder(dir: string, batches: readonly Batch[], schemas: SchemaSet, schemaVersion: number, format: 'csv' | 'jsonl' = 'csv'): void {
  mkdirSync(dir, { recursive: true });
  for (const batch of batches) {
    const batchDir = join(dir, batch.name);
    mkdirSync(batchDir, { recursive: true });
    const tables: Record<string, unknown> = {};
    for (const table of TABLE_NAMES) {
      const rows = batch.rows.filter((row) => row.table === table);
      const header = ['_op', '_changed_at', '_seq', ...schemas[table].columns.map((column) => column.name)].join(',');
      const width = schemas[table].columns.length;
      const text = format === 'jsonl'
        ? rows.map((row) => envelope(schemas, row, batch.name)).join('')
        : `${header}\n${rows.map((row) => encodeRow([row.op, row.changedAt, String(row.seq), ...row.fields, ...Array<string>(width - row.fields.length).fill('')])).join('')}`;
      writeFileSync(join(batchDir, `${table}.${format}`), text);
      const ops = { I: 0, U: 0, D: 0 };
      for (const row of rows) ops[row.op] += 1;
      tables[table] = { rows: rows.length, ops, sha256: createHash('sha256').update(text).digest('hex') };
    }
    writeFileSync(join(batchDir, 'manifest.json'), `${JSON.stringify({ batch: batch.name, from: `${batch.name} 00:00:00`, to: `${batch.name} 23:59:59`, tables }, null, 2)}\n`);
  }
  const names = batches.map((batch) => batch.name);
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify({
    kind: 'changes', tool_version: 'test', schema_version: schemaVersion, seed: 0, environment: 'test',
    from: `${names[0]} 00:00:00`, to: `${names.at(-1)} 23:59:59`, every: 'day', format, batches: names,
  }, null, 2)}\n`);
}

/** Builds a stream change by change: each gets the next _seq, so _seq order is the order of the calls. */
export class StreamBuilder {
  // Past 2^53 like ecomgen's own (time, table and id packed into a BIGINT): no JS number holds them.
  private nextSeq = (1n << 60n) + 1n;
  readonly all: ChangeRow[] = [];

  change(table: TableName, op: Op, changedAt: string, fields: readonly string[]): ChangeRow {
    const row = { table, op, changedAt, seq: this.nextSeq, fields };
    this.nextSeq += 1n;
    this.all.push(row);
    return row;
  }
}

/** `fields` with columns replaced by name. */
export function withValues(schemas: SchemaSet, table: TableName, fields: readonly string[], values: Readonly<Record<string, string>>): string[] {
  const names = schemas[table].columns.map((column) => column.name);
  const result = [...fields];
  for (const [name, value] of Object.entries(values)) {
    const index = names.indexOf(name);
    if (index < 0) throw new Error(`${table} has no column ${name}`);
    result[index] = value;
  }
  return result;
}
