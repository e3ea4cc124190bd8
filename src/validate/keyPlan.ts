// Which key checks run: primary keys, the foreign keys and unique indexes the schemas declare, and the
// ones business rules imply (ORD-01 is orders.customer_id -> customers). A check is computed once and
// reported under every rule id that names it.
import { TABLE_NAMES, type TableName } from '../schema/tableNames.js';
import type { SchemaSet } from '../schema/schemaTypes.js';
import { RuleBook, RuleTally } from './ruleBook.js';
import { IntTupleSet } from './intTupleSet.js';
import { StringTable } from './stringTable.js';

/** Tables whose key -> row facts are kept (IdIndex), so other tables can reference them. */
const REFERENCEABLE: readonly TableName[] = ['customers', 'products', 'orders'];

interface ForeignKeyCheck {
  readonly table: TableName;
  readonly column: string;
  readonly target: TableName;
  readonly tally: RuleTally;
}

interface UniqueCheck {
  readonly table: TableName;
  readonly columns: readonly string[];
  readonly tally: RuleTally;
  /** Integer tuples for all-INTEGER keys, else the joined text. */
  readonly keys: StringTable | IntTupleSet;
}

export interface KeyPlan {
  readonly foreignKeys: readonly ForeignKeyCheck[];
  readonly uniques: readonly UniqueCheck[];
  /** Business rule id -> the key check's tally it shares. */
  readonly sharedByRule: ReadonlyMap<string, RuleTally>;
}

const IMPLIED_FOREIGN_KEYS: readonly { rule: string; table: TableName; column: string; target: TableName }[] = [
  { rule: 'ORD-01', table: 'orders', column: 'customer_id', target: 'customers' },
  { rule: 'ITM-01', table: 'order_items', column: 'order_id', target: 'orders' },
  { rule: 'ITM-02', table: 'order_items', column: 'product_id', target: 'products' },
  { rule: 'WEB-01', table: 'web_events', column: 'customer_id', target: 'customers' },
  { rule: 'WEB-02', table: 'web_events', column: 'product_id', target: 'products' },
  { rule: 'WEB-12', table: 'web_events', column: 'order_id', target: 'orders' },
];

const IMPLIED_UNIQUES: readonly { rule: string; table: TableName; columns: readonly string[] }[] = [
  { rule: 'CUS-01', table: 'customers', columns: ['email'] },
  { rule: 'PRD-01', table: 'products', columns: ['sku'] },
  { rule: 'ITM-05', table: 'order_items', columns: ['order_id', 'product_id'] },
];

function keyStore(schemas: SchemaSet, table: TableName, columns: readonly string[]): StringTable | IntTupleSet {
  const integers = columns.every((name) => schemas[table].columns.find((column) => column.name === name)?.type.kind === 'INTEGER');
  return integers ? new IntTupleSet(columns.length) : new StringTable();
}

function sameColumns(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((name) => b.includes(name));
}

export function planKeys(schemas: SchemaSet, book: RuleBook): KeyPlan {
  const declaredRules = new Set(TABLE_NAMES.flatMap((table) => schemas[table].businessRules.map((rule) => rule.id)));
  const foreignKeys: ForeignKeyCheck[] = [];
  const uniques: UniqueCheck[] = [];
  const sharedByRule = new Map<string, RuleTally>();

  for (const table of TABLE_NAMES) {
    for (const column of schemas[table].columns) {
      const key = column.foreignKey;
      if (!key) continue;
      const tally = book.define({
        id: `FK-${table}.${column.name}`,
        table,
        name: 'foreign_key',
        description: `every non-NULL ${table}.${column.name} is a ${key.table}.${key.column}`,
      });
      const targetPrimary = schemas[key.table].columns.find((candidate) => candidate.primaryKey);
      const readBefore = TABLE_NAMES.indexOf(key.table) < TABLE_NAMES.indexOf(table);
      if (!REFERENCEABLE.includes(key.table) || targetPrimary?.name !== key.column || !readBefore) {
        tally.skip(`only references to the primary key of ${REFERENCEABLE.join(', ')} from a table read after it can be checked`);
        continue;
      }
      foreignKeys.push({ table, column: column.name, target: key.table, tally });
    }
  }
  for (const implied of IMPLIED_FOREIGN_KEYS) {
    if (!declaredRules.has(implied.rule)) continue;
    let check = foreignKeys.find((fk) => fk.table === implied.table && fk.column === implied.column && fk.target === implied.target);
    if (!check) {
      check = { table: implied.table, column: implied.column, target: implied.target, tally: book.newTally() };
      foreignKeys.push(check);
    }
    sharedByRule.set(implied.rule, check.tally);
  }

  for (const table of TABLE_NAMES) {
    const primary = schemas[table].columns.filter((column) => column.primaryKey).map((column) => column.name);
    for (const index of schemas[table].indexes) {
      if (!index.unique || sameColumns(index.columns, primary)) continue;
      const tally = book.define({
        id: `UQ-${index.name}`,
        table,
        name: 'unique_index',
        description: `no two ${table} rows share (${index.columns.join(', ')}) when none of them is NULL`,
      });
      uniques.push({ table, columns: index.columns, tally, keys: keyStore(schemas, table, index.columns) });
    }
  }
  for (const implied of IMPLIED_UNIQUES) {
    if (!declaredRules.has(implied.rule)) continue;
    let check = uniques.find((unique) => unique.table === implied.table && sameColumns(unique.columns, implied.columns));
    if (!check) {
      check = { table: implied.table, columns: implied.columns, tally: book.newTally(), keys: keyStore(schemas, implied.table, implied.columns) };
      uniques.push(check);
    }
    sharedByRule.set(implied.rule, check.tally);
  }
  return { foreignKeys, uniques, sharedByRule };
}
