import type { Logger } from '../log/logger.js';
import type { BatchEvery } from './batchPlan.js';
import type { ChangeFormat } from './batchChanges.js';

/** Options of a change stream; each mirrors a flag of `ecomgen changes` (the dataset's flags as for generate). */
export interface ChangesOptions {
  readonly environment?: string;
  readonly seed?: number;
  readonly customers?: number;
  readonly products?: number;
  readonly orders?: number;
  readonly orderItems?: number;
  readonly webEvents?: number;
  readonly start?: string;
  readonly end?: string;
  readonly configFile?: string;
  readonly schemaDir?: string;
  /** T1: the stream holds the changes after it, `YYYY-MM-DD` (end of that day) or `YYYY-MM-DD HH:MM:SS`, UTC. */
  readonly from: string;
  /** T2: ... up to and including it. */
  readonly to: string;
  /** Batch size (default `day`). */
  readonly every?: BatchEvery | string;
  /** `csv` (default) or `jsonl` (Debezium-style envelopes). */
  readonly format?: ChangeFormat | string;
  /** Share of rows delivered in a later batch (default 0). */
  readonly late?: number;
  /** Share of rows delivered twice (default 0). */
  readonly duplicates?: number;
  /** Write only slice `part` of `parts` of the batches (contiguous, in time order). */
  readonly part?: number;
  readonly parts?: number;
  readonly workers?: number;
  /** Default `sample_data/<environment>-changes`. */
  readonly outputDir?: string;
  /** Replace a change stream already in the output directory. */
  readonly force?: boolean;
  readonly logger?: Logger;
  readonly signal?: AbortSignal;
}
