import { Command, Option } from 'commander';
import { TABLE_NAMES, type TableName } from '../../schema/tableNames.js';
import { RuntimeFailure, UsageError } from '../../errors.js';
import type { GenerateOptions } from '../../generate.js';
import { fail } from '../exit.js';
import { SIGNAL_EXIT_CODES, takeOverSignals } from '../earlySignals.js';
import { parseCount, parseShare, parseTables } from '../parseFlags.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../../encoding/outputFormat.js';
import type { CompressOption } from '../../plan/compressOption.js';
import { DEFAULT_PARQUET_CODEC, PARQUET_CODECS, type ParquetCodec } from '../../encoding/parquet/parquetCodec.js';

interface GenerateFlags {
  environment: string;
  seed?: number;
  start?: string;
  end?: string;
  asOf?: string;
  customers?: number;
  products?: number;
  orders?: number;
  orderItems?: number;
  webEvents?: number;
  tables?: string[];
  part?: number;
  parts?: number;
  workers?: number;
  shardRows?: number;
  outputDir?: string;
  config?: string;
  schemas?: string;
  force?: boolean;
  resume?: boolean;
  verify?: boolean;
  validate?: boolean;
  quiet?: boolean;
  format: OutputFormat;
  /** Checked by resolveOptions (`none`, `gzip`, `gzip:<level>`), which names the flag when it is wrong. */
  compress: string;
  /** Checked by resolveOptions (snappy, zstd or none; parquet only); absent unless given. */
  parquetCompression?: string;
  samples: boolean;
  defects?: number;
  defectsConfig?: string;
}

async function runGenerate(flags: GenerateFlags): Promise<void> {
  // Each command loads its code when it runs: `ecomgen --help`, a flag error or `validate` load neither
  // the generator nor the logger (pino), which is most of a short command's start-up.
  const [{ createLogger }, { TerminalProgress }, { TerminalLines }] = await Promise.all([
    import('../../log/logger.js'),
    import('../../log/progress.js'),
    import('../../log/terminalLines.js'),
  ]);
  // On a terminal, logs and the progress line share one stream: a log line clears the progress line first.
  const terminal = process.stderr.isTTY ? new TerminalLines(process.stderr) : undefined;
  const logger = createLogger({ quiet: flags.quiet ?? false, terminal });
  const progress = terminal && !flags.quiet ? new TerminalProgress(terminal) : undefined;
  const abort = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    abort.abort(new RuntimeFailure(`interrupted by ${signal}`));
  };
  // From here generate's own handler: it aborts the run, which removes its temporary files before exiting.
  takeOverSignals(onSignal);
  if (flags.validate && (flags.part !== undefined || flags.tables !== undefined)) {
    throw new UsageError('--validate checks a whole dataset: drop --part and --tables (once every part is written, `ecomgen validate <dir>` reads the parts as one dataset)');
  }
  const options: GenerateOptions = {
    environment: flags.environment,
    seed: flags.seed,
    start: flags.start,
    end: flags.end,
    asOf: flags.asOf,
    customers: flags.customers,
    products: flags.products,
    orders: flags.orders,
    orderItems: flags.orderItems,
    webEvents: flags.webEvents,
    tables: flags.tables as TableName[] | undefined,
    part: flags.part,
    parts: flags.parts,
    workers: flags.workers,
    shardRows: flags.shardRows,
    outputDir: flags.outputDir,
    configFile: flags.config,
    schemaDir: flags.schemas,
    force: flags.force ?? false,
    resume: flags.resume ?? false,
    verify: flags.verify ?? false,
    format: flags.format,
    compress: flags.compress as CompressOption,
    parquetCompression: flags.parquetCompression as ParquetCodec | undefined,
    samples: flags.samples,
    defects: flags.defects,
    defectsConfig: flags.defectsConfig,
    logger,
    onProgress: progress ? (event) => progress.update(event) : undefined,
    signal: abort.signal,
  };
  try {
    const { generate } = await import('../../generate.js');
    const result = await generate(options);
    progress?.finish();
    if (result.upToDate) {
      // Said even with --quiet: the run's whole outcome is that nothing needed doing.
      const how = flags.verify ? 'sizes and sha256 checked' : 'sizes checked; --verify also checks sha256';
      process.stderr.write(`${result.outputDir} is up to date: same version, seed, counts, config, schemas and format (${how}); nothing written\n`);
    } else if (!flags.quiet) {
      const rows = result.manifest.files.reduce((sum, file) => sum + file.rows, 0);
      process.stderr.write(`wrote ${rows.toLocaleString('en-US')} rows in ${result.manifest.files.length} files to ${result.outputDir} in ${(result.elapsedMs / 1000).toFixed(1)}s\n`);
    }
    if (flags.validate) {
      // The run's own schemas: the files were written to them, so they are checked against them too.
      const [{ validateDataset }, { formatTextReport }] = await Promise.all([import('../../validate/validateDataset.js'), import('../../validate/formatReport.js')]);
      const report = await validateDataset(result.outputDir, { schemaDir: flags.schemas, workers: flags.workers });
      process.stdout.write(formatTextReport(report));
      process.exitCode = report.valid ? 0 : 1;
    }
  } catch (error) {
    progress?.finish();
    if (abort.signal.aborted) {
      const signalName = String(abort.signal.reason instanceof Error ? abort.signal.reason.message : '');
      fail(signalName || 'interrupted', signalName.includes('SIGTERM') ? SIGNAL_EXIT_CODES.SIGTERM : SIGNAL_EXIT_CODES.SIGINT);
    }
    throw error;
  }
}

/** `ecomgen generate`: the default command. */
export function registerGenerate(program: Command): void {
  program
    .command('generate', { isDefault: true })
    .description('generate the five tables (customers, products, orders, order_items, web_events) and manifest.json')
    .addOption(new Option('-e, --environment <name>', 'preset of row counts from config.yaml (dev, staging, prod)').default('dev'))
    .addOption(new Option('--seed <n>', 'seed of the data: same seed, config and version give the same bytes (default: config.yaml seed, 42)').argParser(parseCount))
    .addOption(new Option('--start <date>', 'first day of the data, YYYY-MM-DD UTC (default: config.yaml window.start)'))
    .addOption(new Option('--end <date>', 'last day of the data, YYYY-MM-DD UTC (default: config.yaml window.end)'))
    .addOption(new Option('--as-of <time>', 'the store as it stood at this instant: YYYY-MM-DD (end of that day) or "YYYY-MM-DD HH:MM:SS", UTC, inside the window (default: the window\'s end)'))
    .addOption(new Option('--customers <n>', 'customers rows (default: from the environment)').argParser(parseCount))
    .addOption(new Option('--products <n>', 'products rows (default: from the environment)').argParser(parseCount))
    .addOption(new Option('--orders <n>', 'orders rows (default: from the environment)').argParser(parseCount))
    .addOption(new Option('--order-items <n>', 'order_items rows (default: orders x ratios.order_items_per_order when --orders is given, else from the environment)').argParser(parseCount))
    .addOption(new Option('--web-events <n>', 'web_events rows (default: orders x ratios.web_events_per_order when --orders is given, else from the environment)').argParser(parseCount))
    .addOption(new Option('--tables <list>', `comma-separated subset of ${TABLE_NAMES.join(',')}; rows are identical to a full run (default: all)`).argParser(parseTables))
    .addOption(new Option('--part <k>', 'write only slice k (1-based) of every table; needs --parts').argParser(parseCount))
    .addOption(new Option('--parts <n>', 'number of slices for --part; files are named <table>.part-KKK-of-NNN.csv').argParser(parseCount))
    .addOption(new Option('-w, --workers <n>', 'worker threads (default: available cores); output never depends on it').argParser(parseCount))
    .addOption(new Option('--shard-rows <n>', 'rows per shard handed to a worker (default: config.yaml generation.shard_rows, 20000); output never depends on it').argParser(parseCount))
    .addOption(new Option('-o, --output-dir <dir>', 'where to write the files (default: sample_data/<environment>)'))
    .addOption(new Option('--config <file>', 'config YAML (default: the package config/config.yaml)'))
    .addOption(new Option('--schemas <dir>', 'schema JSON directory (default: the package schemas/)'))
    .addOption(new Option('--format <format>', 'csv, jsonl (typed JSON lines) or parquet (typed columns)').choices([...OUTPUT_FORMATS]).default('csv'))
    .addOption(new Option('--compress <codec>', 'gzip the csv or jsonl files (<table>.csv.gz); gzip:1 (fastest) to gzip:9 (smallest) set the level, plain gzip is 6').default('none'))
    // No commander default: resolveOptions must see whether it was given, to refuse it with csv or jsonl.
    .addOption(new Option('--parquet-compression <codec>', `codec of the parquet files' pages: ${PARQUET_CODECS.join(', ')} (default: ${DEFAULT_PARQUET_CODEC}; zstd makes smaller files for more CPU)`))
    .addOption(new Option('--defects <rate>', 'dirty data: about this share of each table\'s rows (0-1) carry one defect, listed in defects.csv (default: clean)').argParser(parseShare))
    .addOption(new Option('--defects-config <file>', 'YAML of defect rates per table and weights per kind (default: the package config/defects.yaml)'))
    .addOption(new Option('--no-samples', 'skip <table>.sample.json and orders_nested.sample.json (written beside full runs)'))
    .addOption(new Option('--force', 'replace a dataset already in the output directory (the old one stays whole until the new one is)').default(false))
    .addOption(new Option('--resume', 'finish an interrupted run: keep its complete, verified files and generate the rest').default(false))
    .addOption(new Option('--verify', 'when the output directory already holds this very dataset, check its sha256s too before calling it up to date').default(false))
    .addOption(new Option('--validate', 'after generating, run `ecomgen validate` on the dataset (any format; not with --part or --tables); exit 1 on violations').default(false))
    .addOption(new Option('-q, --quiet', 'only warnings and errors on stderr, no progress').default(false))
    .action(async (flags: GenerateFlags) => runGenerate(flags));
}
