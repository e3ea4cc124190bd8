import type { OutputFormat } from '../encoding/outputFormat.js';
import type { CompressOption } from './compressOption.js';
import type { ParquetCodec } from '../encoding/parquet/parquetCodec.js';
import type { Logger } from '../log/logger.js';
import type { ProgressEvent } from '../log/progress.js';
import type { TableName } from '../schema/tableNames.js';

/** Options of a run; each mirrors a flag of `ecomgen generate`. */
export interface GenerateOptions {
  /** Preset from config.yaml (default `dev`). */
  readonly environment?: string;
  /** Seed of the data (default: config.yaml's `seed`). */
  readonly seed?: number;
  readonly customers?: number;
  readonly products?: number;
  readonly orders?: number;
  readonly orderItems?: number;
  readonly webEvents?: number;
  /** Generate only these tables (row for row identical to a full run). */
  readonly tables?: readonly TableName[];
  /** Write only slice `part` of `parts` of every table. */
  readonly part?: number;
  readonly parts?: number;
  /**
   * Worker threads (default: the machine's available parallelism). At most twice the cores (at least
   * 8) and what the available memory holds at ~96 MB a worker; more is a UsageError.
   */
  readonly workers?: number;
  /** Rows per shard, at most 100,000 (default: config.yaml's generation.shard_rows); never changes the output. */
  readonly shardRows?: number;
  /**
   * First day of the data, YYYY-MM-DD (UTC), instead of config.yaml's `window.start`; the manifest's
   * config hash is then the hash of the config with this window, so it is part of the run's identity.
   */
  readonly start?: string;
  /** Last day of the data, YYYY-MM-DD (UTC), instead of config.yaml's `window.end`. */
  readonly end?: string;
  /**
   * The instant the dataset shows, `YYYY-MM-DD` (the end of that day) or `YYYY-MM-DD HH:MM:SS`, UTC,
   * inside the window: only the rows that existed then, as they were (default: the window's end).
   */
  readonly asOf?: string;
  /** Default `sample_data/<environment>` under the current directory. */
  readonly outputDir?: string;
  readonly configFile?: string;
  readonly schemaDir?: string;
  /** Replace a dataset already in the output directory (the old one stays whole until the new one is). */
  readonly force?: boolean;
  /** Finish an interrupted run: keep its complete, verified files and generate the rest. */
  readonly resume?: boolean;
  /**
   * When the output directory already holds this very dataset, check its files' sha256 too before calling
   * it up to date (sizes alone by default).
   */
  readonly verify?: boolean;
  /** `csv` (default), `jsonl` (typed JSON lines) or `parquet` (typed columns). */
  readonly format?: OutputFormat;
  /**
   * `gzip` for csv and jsonl (default `none`); `gzip:1` (fastest) to `gzip:9` (smallest) choose the level,
   * plain `gzip` is level 6.
   */
  readonly compress?: CompressOption;
  /**
   * The block compression of `parquet` files' pages: `snappy` (default), `zstd` (smaller files, more CPU;
   * what every build before this option wrote) or `none`. Only with format `parquet`.
   */
  readonly parquetCompression?: ParquetCodec;
  /**
   * Dirty data: about this share of each table's rows (0 to 1) carry one defect, with the kinds mixed as
   * config/defects.yaml says; the answer key `defects.csv` lists every one. Absent or 0: clean data.
   */
  readonly defects?: number;
  /** A YAML file of defect rates per table and weights per kind (config/defects.yaml's layout). */
  readonly defectsConfig?: string;
  /** Write `<table>.sample.json` and `orders_nested.sample.json` beside a full run (default true). */
  readonly samples?: boolean;
  readonly logger?: Logger;
  readonly onProgress?: (event: ProgressEvent) => void;
  readonly signal?: AbortSignal;
}
