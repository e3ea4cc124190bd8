import type { EcomConfig } from '../config/configTypes.js';
import type { TableCounts } from '../schema/tableNames.js';

/** What a worker needs to rebuild the same World as any other worker: plain data, cheap to clone. */
export interface WorldSpec {
  readonly config: EcomConfig;
  readonly counts: TableCounts;
  readonly seed: number;
}

export function worldSpecKey(spec: WorldSpec): string {
  return JSON.stringify(spec);
}
