// Where each schema column sits in a file, from its header. A header with every schema column (even
// reordered, or with extra columns) can still be checked column by column; one that lacks a column
// cannot, and that table's row rules are reported as not checked.
import type { TableName } from '../schema/tableNames.js';
import type { TableSchema } from '../schema/schemaTypes.js';

export interface TableLayout {
  readonly table: TableName;
  readonly file: string;
  readonly schema: TableSchema;
  /** Fields each record must have: the header's count. */
  readonly width: number;
  /** The record index of a schema column. */
  at(column: string): number;
}

export interface HeaderVerdict {
  /** Undefined when the header lacks schema columns: the rows cannot be checked. */
  readonly layout: TableLayout | undefined;
  /** What is wrong with the header, if anything. */
  readonly problem: string | undefined;
}

export function readHeader(schema: TableSchema, file: string, header: readonly string[]): HeaderVerdict {
  const expected = schema.columns.map((column) => column.name);
  const positions = new Map<string, number>();
  const duplicated: string[] = [];
  header.forEach((name, index) => {
    if (positions.has(name)) duplicated.push(name);
    else positions.set(name, index);
  });
  const missing = expected.filter((name) => !positions.has(name));
  const extra = header.filter((name) => !expected.includes(name));
  const problems: string[] = [];
  if (header.length > 0 && (header[0] as string).charCodeAt(0) === 0xfeff) problems.push('the file starts with a byte order mark');
  if (missing.length > 0) problems.push(`missing columns: ${missing.join(', ')}`);
  if (extra.length > 0) problems.push(`extra columns: ${extra.join(', ')}`);
  if (duplicated.length > 0) problems.push(`repeated columns: ${duplicated.join(', ')}`);
  if (problems.length === 0 && header.join(',') !== expected.join(',')) {
    const first = expected.findIndex((name, index) => header[index] !== name);
    problems.push(`columns in another order: column ${first + 1} is ${header[first] ?? '(none)'} where the schema has ${expected[first]}`);
  }
  const problem = problems.length > 0 ? problems.join('; ') : undefined;
  if (missing.length > 0 || duplicated.some((name) => expected.includes(name))) return { layout: undefined, problem };
  const layout: TableLayout = {
    table: schema.tableName,
    file,
    schema,
    width: header.length,
    at(column: string): number {
      const index = positions.get(column);
      if (index === undefined) throw new Error(`${file} has no column ${column}`);
      return index;
    },
  };
  return { layout, problem };
}
