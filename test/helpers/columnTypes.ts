import type { ColumnType } from '../../src/schema/schemaTypes.js';

/** One column of each type the schemas allow, for encoder tests that must cover every type. */
export const EVERY_COLUMN_TYPE: readonly ColumnType[] = [
  { kind: 'INTEGER' },
  { kind: 'BIGINT' },
  { kind: 'DECIMAL', precision: 12, scale: 2 },
  { kind: 'DATE' },
  { kind: 'TIMESTAMP' },
  { kind: 'BOOLEAN' },
  { kind: 'VARCHAR', length: 50 },
];
