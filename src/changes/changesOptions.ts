import type { GenerateOptions } from '../plan/generateOptions.js';
import type { BatchEvery } from './batchPlan.js';
import type { ChangeFormat } from './batchPlan.js';

/** The dataset whose history the stream is: the same options, with the same meaning, as generate's. */
type DatasetOptions = Pick<
  GenerateOptions,
  'environment' | 'seed' | 'customers' | 'products' | 'orders' | 'orderItems' | 'webEvents' | 'start' | 'end' | 'configFile' | 'schemaDir' | 'workers' | 'logger' | 'signal'
>;

/** Options of a change stream; each mirrors a flag of `ecomgen changes`. */
export interface ChangesOptions extends DatasetOptions {
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
  /** Default `sample_data/<environment>-changes`. */
  readonly outputDir?: string;
  /** Replace a change stream already in the output directory. */
  readonly force?: boolean;
}
