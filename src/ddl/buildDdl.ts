import type { TableName } from '../schema/tableNames.js';
import { UsageError } from '../errors.js';
import type { SchemaSet, TableSchema } from '../schema/schemaTypes.js';
import { dialectRules, NulInSqlText, type Dialect, type DialectRules } from './dialects.js';
import { tableConstraints, type CheckConstraint, type TableConstraints } from './tableConstraints.js';
import { dependencyOrder } from './tableOrder.js';

export type ConstraintPlacement = 'inline' | 'deferred';

export interface DdlOptions {
  /**
   * `inline` (default): keys and checks inside CREATE TABLE. `deferred`: CREATE TABLE holds only the
   * columns and NOT NULL, and `addConstraints` adds keys and checks afterwards (faster after a bulk
   * load, and the database validates every existing row when they are added).
   */
  readonly constraints?: ConstraintPlacement;
  /** Qualify table names with this schema (BigQuery: dataset). */
  readonly schema?: string;
}

/** The statements (without `;`) for one dialect, in the order they must run. */
export interface DdlScript {
  readonly dialect: Dialect;
  readonly constraints: ConstraintPlacement;
  /** Tables in dependency order: every table after the tables it references. */
  readonly tables: readonly TableName[];
  /** Each table's name as the statements spell it (quoted where needed, schema-qualified if asked). */
  readonly tableNames: Readonly<Record<TableName, string>>;
  /** CREATE SCHEMA IF NOT EXISTS, when a schema was given. */
  readonly createSchema: readonly string[];
  /** DROP TABLE IF EXISTS, children first. */
  readonly dropTables: readonly string[];
  /** CREATE TABLE, each followed by its COMMENT ON statements where the dialect uses them. */
  readonly createTables: readonly string[];
  /** Deferred only: primary keys, unique keys and checks of every table, then the foreign keys. */
  readonly addConstraints: readonly NamedStatement[];
  readonly createIndexes: readonly string[];
  /** What the dialect cannot declare, for a comment at the top. */
  readonly notes: readonly string[];
}

interface NamedStatement {
  /** The constraint's name, for messages. */
  readonly name: string;
  readonly sql: string;
}

class Writer {
  constructor(
    private readonly rules: DialectRules,
    private readonly schema: string | undefined,
  ) {}

  id(name: string): string {
    return this.quoted(() => this.rules.quoteIdentifier(name), `the name ${JSON.stringify(name)}`);
  }

  /** A string literal; `where` names the text in the schemas (`orders.status description`) for an error. */
  literal(text: string, where: string): string {
    return this.quoted(() => this.rules.quoteString(text), where);
  }

  private quoted(quote: () => string, where: string): string {
    try {
      return quote();
    } catch (error) {
      if (error instanceof NulInSqlText) throw new UsageError(`--schemas: ${where} ${error.message}`);
      throw error;
    }
  }

  table(name: string): string {
    return this.schema === undefined ? this.id(name) : `${this.id(this.schema)}.${this.id(name)}`;
  }

  columns(names: readonly string[]): string {
    return names.map((name) => this.id(name)).join(', ');
  }

  checkExpression(table: string, check: CheckConstraint): string {
    const column = this.id(check.column);
    const parts: string[] = [];
    if (check.allowedValues) parts.push(`${column} IN (${check.allowedValues.map((value) => this.literal(value, `${table}.${check.column} allowed value`)).join(', ')})`);
    if (check.min !== undefined && check.max !== undefined) parts.push(`${column} BETWEEN ${String(check.min)} AND ${String(check.max)}`);
    else if (check.min !== undefined) parts.push(`${column} >= ${String(check.min)}`);
    else if (check.max !== undefined) parts.push(`${column} <= ${String(check.max)}`);
    return parts.join(' AND ');
  }

  /** Constraint clauses as they appear in CREATE TABLE or after ALTER TABLE ... ADD. */
  keyClauses(table: string, constraints: TableConstraints): NamedStatement[] {
    const clauses: NamedStatement[] = [];
    const key = constraints.primaryKey;
    if (key) {
      clauses.push({
        name: key.name,
        sql: this.rules.notEnforcedKeys
          ? `PRIMARY KEY (${this.columns(key.columns)}) NOT ENFORCED`
          : `CONSTRAINT ${this.id(key.name)} PRIMARY KEY (${this.columns(key.columns)})`,
      });
    }
    if (this.rules.uniques) {
      for (const unique of constraints.uniques) clauses.push({ name: unique.name, sql: `CONSTRAINT ${this.id(unique.name)} UNIQUE (${this.columns(unique.columns)})` });
    }
    if (this.rules.checks) {
      for (const check of constraints.checks) clauses.push({ name: check.name, sql: `CONSTRAINT ${this.id(check.name)} CHECK (${this.checkExpression(table, check)})` });
    }
    return clauses;
  }

  foreignKeyClauses(constraints: TableConstraints): NamedStatement[] {
    const suffix = this.rules.notEnforcedKeys ? ' NOT ENFORCED' : '';
    return constraints.foreignKeys.map((key) => ({
      name: key.name,
      sql: `CONSTRAINT ${this.id(key.name)} FOREIGN KEY (${this.id(key.column)}) REFERENCES ${this.table(key.table)} (${this.id(key.references)})${suffix}`,
    }));
  }

  columnLine(schema: TableSchema, index: number): string {
    const column = schema.columns[index] as TableSchema['columns'][number];
    let line = `${this.id(column.name)} ${this.rules.columnType(column.type)}${column.nullable ? '' : ' NOT NULL'}`;
    const description = (): string => this.literal(column.description, `${schema.tableName}.${column.name} description`);
    if (this.rules.comments === 'inline') line += ` COMMENT ${description()}`;
    if (this.rules.comments === 'options') line += ` OPTIONS(description=${description()})`;
    return line;
  }

  createTable(schema: TableSchema, clauses: readonly string[]): string {
    const lines = [...schema.columns.map((_, index) => this.columnLine(schema, index)), ...clauses];
    let statement = `CREATE TABLE ${this.table(schema.tableName)} (\n${lines.map((line) => `  ${line}`).join(',\n')}\n)`;
    const description = (): string => this.literal(schema.description, `${schema.tableName} description`);
    if (this.rules.comments === 'inline') statement += `\nCOMMENT = ${description()}`;
    if (this.rules.comments === 'options') statement += `\nOPTIONS(description=${description()})`;
    return statement;
  }

  commentStatements(schema: TableSchema): string[] {
    if (this.rules.comments !== 'comment-on') return [];
    const table = this.table(schema.tableName);
    return [
      `COMMENT ON TABLE ${table} IS ${this.literal(schema.description, `${schema.tableName} description`)}`,
      ...schema.columns.map((column) => `COMMENT ON COLUMN ${table}.${this.id(column.name)} IS ${this.literal(column.description, `${schema.tableName}.${column.name} description`)}`),
    ];
  }
}

function dialectNotes(rules: DialectRules, schemas: SchemaSet, tables: readonly TableName[]): string[] {
  const notes: string[] = [];
  if (rules.dialect === 'snowflake') {
    notes.push('Snowflake records PRIMARY KEY, UNIQUE and FOREIGN KEY constraints but enforces only NOT NULL.');
  }
  if (rules.dialect === 'bigquery') {
    notes.push('BigQuery keys are NOT ENFORCED: the optimizer trusts them, nothing checks them.');
    for (const table of tables) {
      for (const unique of tableConstraints(schemas[table]).uniques) {
        notes.push(`${table}.(${unique.columns.join(', ')}) is unique (${unique.name}); BigQuery has no UNIQUE constraint.`);
      }
    }
  }
  if (!rules.checks) notes.push(`${rules.dialect} has no CHECK constraints: allowed values and ranges are listed in schemas/README.md.`);
  if (!rules.indexes) notes.push(`${rules.dialect} has no indexes: the schemas' non-unique indexes are left out.`);
  return notes;
}

/**
 * CREATE TABLE statements and the rest for one dialect, from the schemas alone: a pure function, so the
 * `ddl` command prints it and `load` runs it in phases (create, load, add constraints, index).
 */
export function buildDdl(schemas: SchemaSet, dialect: Dialect, options: DdlOptions = {}): DdlScript {
  const rules = dialectRules(dialect);
  const placement = options.constraints ?? 'inline';
  if (placement === 'deferred' && !rules.addConstraintsLater) {
    throw new UsageError(`--constraints deferred: ${dialect} cannot add foreign keys or checks to an existing table; use inline`);
  }
  const writer = new Writer(rules, options.schema);
  const tables = dependencyOrder(schemas);
  const constraints = new Map(tables.map((table) => [table, tableConstraints(schemas[table])]));
  const of = (table: TableName): TableConstraints => constraints.get(table) as TableConstraints;

  const createTables = tables.flatMap((table) => {
    const clauses = placement === 'inline' ? [...writer.keyClauses(table, of(table)), ...writer.foreignKeyClauses(of(table))].map((clause) => clause.sql) : [];
    return [writer.createTable(schemas[table], clauses), ...writer.commentStatements(schemas[table])];
  });
  const addConstraints = placement === 'inline'
    ? []
    : [
        ...tables.flatMap((table) => writer.keyClauses(table, of(table)).map((clause) => ({ name: clause.name, sql: `ALTER TABLE ${writer.table(table)} ADD ${clause.sql}` }))),
        ...tables.flatMap((table) => writer.foreignKeyClauses(of(table)).map((clause) => ({ name: clause.name, sql: `ALTER TABLE ${writer.table(table)} ADD ${clause.sql}` }))),
      ];
  const createIndexes = rules.indexes
    ? tables.flatMap((table) => of(table).indexes.map((index) => `CREATE INDEX ${writer.id(index.name)} ON ${writer.table(table)} (${writer.columns(index.columns)})`))
    : [];
  return {
    dialect,
    constraints: placement,
    tables,
    tableNames: Object.fromEntries(tables.map((table) => [table, writer.table(table)])) as Record<TableName, string>,
    createSchema: options.schema === undefined ? [] : [`CREATE SCHEMA IF NOT EXISTS ${writer.id(options.schema)}`],
    dropTables: [...tables].reverse().map((table) => `DROP TABLE IF EXISTS ${writer.table(table)}${rules.dropSuffix}`),
    createTables,
    addConstraints,
    createIndexes,
    notes: dialectNotes(rules, schemas, tables),
  };
}

/** The script as one SQL text, statements ending in `;`, with the notes as a comment on top. */
export function renderDdl(script: DdlScript, options: { readonly drop?: boolean } = {}): string {
  const sections: string[] = [];
  const header = [`-- ecomgen: tables for ${script.dialect}, in dependency order (${script.tables.join(', ')}); constraints ${script.constraints}.`];
  for (const note of script.notes) header.push(`-- ${note}`);
  sections.push(header.join('\n'));
  const block = (title: string | undefined, statements: readonly string[]): void => {
    if (statements.length === 0) return;
    sections.push([...(title ? [`-- ${title}`] : []), ...statements.map((statement) => `${statement};`)].join('\n'));
  };
  block(undefined, script.createSchema);
  if (options.drop) block('Drop the tables first (children first).', script.dropTables);
  // One blank line between tables: each CREATE TABLE starts a new block with its comments.
  const perTable: string[][] = [];
  for (const statement of script.createTables) {
    if (statement.startsWith('CREATE TABLE')) perTable.push([]);
    (perTable[perTable.length - 1] as string[]).push(statement);
  }
  for (const statements of perTable) block(undefined, statements);
  block(dialectRules(script.dialect).enforcesKeys
    ? 'Load the data here, then add the keys and checks: adding them validates every row.'
    : 'Load the data here, then declare the keys.', script.addConstraints.map((statement) => statement.sql));
  block('Indexes', script.createIndexes);
  return `${sections.join('\n\n')}\n`;
}
