// The rules a report lists: checks of files, values and keys under ecomgen's own ids, then every
// business rule the schemas declare, under the schema's id. A declared rule with no check here is listed
// as not checked, never passed.
import { TABLE_NAMES, type TableName } from '../schema/tableNames.js';
import type { SchemaSet } from '../schema/schemaTypes.js';
import { planKeys, type KeyPlan } from './keyPlan.js';
import type { RuleBook, RuleTally } from './ruleBook.js';
import { QUALITY_RULES } from './valueQuality.js';

const DATASET_RULES: readonly { id: string; name: string; description: string }[] = [
  { id: 'FILE-HEADER', name: 'header', description: "each file's header holds the schema's columns, in the schema's order" },
  { id: 'FILE-UTF8', name: 'utf8', description: 'each file is valid UTF-8' },
  { id: 'FILE-FIELDS', name: 'field_count', description: 'every record has as many fields as the header' },
  { id: 'FILE-NUL', name: 'no_nul', description: "no file holds a NUL byte (PostgreSQL's COPY rejects it)" },
  { id: 'MAN-FORMAT', name: 'manifest_readable', description: 'manifest.json, when present, is valid and lists each file' },
  { id: 'MAN-ROWS', name: 'manifest_rows', description: 'each file has the number of rows manifest.json gives it' },
  { id: 'MAN-SHA256', name: 'manifest_sha256', description: "each file's size and sha256 are those in manifest.json" },
  { id: 'COL-TYPE', name: 'column_values', description: 'every value fits its column: type (with DECIMAL scale and VARCHAR length), NULL, allowed values, min and max' },
  { id: 'PK-UNIQUE', name: 'primary_key', description: "every table's primary key is non-NULL and unique" },
  ...QUALITY_RULES,
];

/** The tables whose rows a business rule reads; when one could not be checked, neither can the rule. */
const RULE_NEEDS: Readonly<Record<string, readonly TableName[]>> = {
  'CUS-01': ['customers'],
  'CUS-02': ['customers'],
  'CUS-03': ['customers'],
  'CUS-04': ['customers'],
  'CUS-05': ['customers'],
  'PRD-01': ['products'],
  'PRD-02': ['products'],
  'PRD-03': ['products'],
  'PRD-04': ['products'],
  'PRD-05': ['products'],
  'PRD-06': ['products'],
  'ORD-01': ['orders', 'customers'],
  'ORD-02': ['orders', 'order_items'],
  'ORD-03': ['orders'],
  'ORD-04': ['orders', 'order_items'],
  'ORD-05': ['orders', 'customers'],
  'ORD-06': ['orders', 'order_items', 'products'],
  'ORD-07': ['orders'],
  'ORD-08': ['orders'],
  'ORD-09': ['orders'],
  'ORD-10': ['orders'],
  'ORD-11': ['orders'],
  'ORD-12': ['orders'],
  'ORD-13': ['orders'],
  'ITM-01': ['order_items', 'orders'],
  'ITM-02': ['order_items', 'products'],
  'ITM-03': ['order_items'],
  'ITM-04': ['order_items', 'products', 'orders'],
  'ITM-05': ['order_items'],
  'ITM-06': ['order_items', 'orders', 'products'],
  'WEB-01': ['web_events', 'customers'],
  'WEB-02': ['web_events', 'products'],
  'WEB-03': ['web_events', 'customers'],
  'WEB-04': ['web_events'],
  'WEB-05': ['web_events'],
  'WEB-06': ['web_events'],
  'WEB-07': ['web_events'],
  'WEB-08': ['web_events'],
  'WEB-09': ['web_events'],
  'WEB-10': ['web_events'],
  'WEB-11': ['web_events'],
  'WEB-12': ['web_events', 'orders'],
  'WEB-13': ['web_events', 'orders'],
  'WEB-14': ['web_events', 'orders'],
  'WEB-15': ['web_events', 'orders', 'order_items'],
  'WEB-16': ['web_events', 'orders'],
};

export interface RuleCatalog {
  readonly plan: KeyPlan;
  /** The tables each check depends on. */
  readonly needs: ReadonlyMap<RuleTally, readonly TableName[]>;
}

export function defineRules(book: RuleBook, schemas: SchemaSet): RuleCatalog {
  for (const rule of DATASET_RULES) book.define({ ...rule, table: null });
  const plan = planKeys(schemas, book);
  const needs = new Map<RuleTally, readonly TableName[]>();
  for (const check of plan.foreignKeys) needs.set(check.tally, [check.table, check.target]);
  for (const check of plan.uniques) needs.set(check.tally, [check.table]);
  for (const table of TABLE_NAMES) {
    for (const rule of schemas[table].businessRules) {
      const tally = book.define({ id: rule.id, table, name: rule.name, description: rule.rule }, plan.sharedByRule.get(rule.id));
      const tables = RULE_NEEDS[rule.id];
      if (tables) needs.set(tally, [...new Set([...(needs.get(tally) ?? []), ...tables])]);
      else tally.skip(`this version of ecomgen has no check for ${rule.id}`);
    }
  }
  return { plan, needs };
}
