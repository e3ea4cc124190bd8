import { Command, Option } from 'commander';
import { RuntimeFailure } from '../../errors.js';
import { BATCH_EVERY, CHANGE_FORMATS } from '../../changes/batchPlan.js';
import { fail } from '../exit.js';
import { SIGNAL_EXIT_CODES, takeOverSignals } from '../earlySignals.js';
import { parseCount } from '../parseFlags.js';

interface ChangesFlags {
  environment: string;
  seed?: number;
  start?: string;
  end?: string;
  customers?: number;
  products?: number;
  orders?: number;
  orderItems?: number;
  webEvents?: number;
  config?: string;
  schemas?: string;
  from: string;
  to: string;
  every: string;
  format: string;
  late: number;
  duplicates: number;
  part?: number;
  parts?: number;
  workers?: number;
  outputDir?: string;
  force?: boolean;
  quiet?: boolean;
}

/** A fraction flag as a number; what is wrong with it is the library's to say, naming the flag. */
function parseFraction(value: string): number {
  return value.trim() === '' ? Number.NaN : Number(value);
}

async function runChanges(flags: ChangesFlags): Promise<void> {
  const [{ createLogger }, { TerminalLines }] = await Promise.all([import('../../log/logger.js'), import('../../log/terminalLines.js')]);
  const terminal = process.stderr.isTTY ? new TerminalLines(process.stderr) : undefined;
  const logger = createLogger({ quiet: flags.quiet ?? false, terminal });
  const abort = new AbortController();
  takeOverSignals((signal) => abort.abort(new RuntimeFailure(`interrupted by ${signal}`)));
  try {
    const { writeChanges } = await import('../../changes/writeChanges.js');
    const result = await writeChanges({
      environment: flags.environment,
      seed: flags.seed,
      start: flags.start,
      end: flags.end,
      customers: flags.customers,
      products: flags.products,
      orders: flags.orders,
      orderItems: flags.orderItems,
      webEvents: flags.webEvents,
      configFile: flags.config,
      schemaDir: flags.schemas,
      from: flags.from,
      to: flags.to,
      every: flags.every,
      format: flags.format,
      late: flags.late,
      duplicates: flags.duplicates,
      part: flags.part,
      parts: flags.parts,
      workers: flags.workers,
      outputDir: flags.outputDir,
      force: flags.force ?? false,
      logger,
      signal: abort.signal,
    });
    if (!flags.quiet) {
      const rows = Object.values(result.manifest.totals).reduce((sum, ops) => sum + ops.I + ops.U + ops.D, 0);
      process.stderr.write(`wrote ${rows.toLocaleString('en-US')} change rows in ${result.manifest.batches.length} batches to ${result.outputDir} in ${(result.elapsedMs / 1000).toFixed(1)}s\n`);
    }
  } catch (error) {
    if (abort.signal.aborted) {
      const reason = String(abort.signal.reason instanceof Error ? abort.signal.reason.message : '');
      fail(reason || 'interrupted', reason.includes('SIGTERM') ? SIGNAL_EXIT_CODES.SIGTERM : SIGNAL_EXIT_CODES.SIGINT);
    }
    throw error;
  }
}

/** `ecomgen changes`: the store's changes between two instants, in CDC batches. */
export function registerChanges(program: Command): void {
  program
    .command('changes')
    .description('write the changes of the store between --from and --to as CDC batches (one folder per batch), which replay exactly onto `generate --as-of`')
    .requiredOption('--from <time>', 'T1: changes after this instant, YYYY-MM-DD (end of that day) or "YYYY-MM-DD HH:MM:SS", UTC')
    .requiredOption('--to <time>', 'T2: changes up to and including this instant (same forms)')
    .addOption(new Option('--every <size>', `batch size: ${BATCH_EVERY.join(', ')}`).default('day'))
    .addOption(new Option('--format <format>', `${CHANGE_FORMATS.join(' or ')} (Debezium-style envelopes)`).default('csv'))
    .addOption(new Option('--late <fraction>', 'share of rows delivered in a later batch (same _changed_at and _seq)').argParser(parseFraction).default(0))
    .addOption(new Option('--duplicates <fraction>', 'share of rows delivered twice (same _seq)').argParser(parseFraction).default(0))
    .addOption(new Option('-e, --environment <name>', 'preset of row counts from config.yaml (dev, staging, prod)').default('dev'))
    .addOption(new Option('--seed <n>', 'seed of the data (default: config.yaml seed)').argParser(parseCount))
    .addOption(new Option('--start <date>', 'first day of the data (default: config.yaml window.start)'))
    .addOption(new Option('--end <date>', 'last day of the data (default: config.yaml window.end)'))
    .addOption(new Option('--customers <n>', 'customers rows').argParser(parseCount))
    .addOption(new Option('--products <n>', 'products rows').argParser(parseCount))
    .addOption(new Option('--orders <n>', 'orders rows').argParser(parseCount))
    .addOption(new Option('--order-items <n>', 'order_items rows').argParser(parseCount))
    .addOption(new Option('--web-events <n>', 'web_events rows').argParser(parseCount))
    .addOption(new Option('--part <k>', 'write only slice k (1-based) of the batches; needs --parts').argParser(parseCount))
    .addOption(new Option('--parts <n>', 'number of slices of the batches for --part').argParser(parseCount))
    .addOption(new Option('-w, --workers <n>', 'worker threads (default: available cores); output never depends on it').argParser(parseCount))
    .addOption(new Option('-o, --output-dir <dir>', 'where the batch folders go (default: sample_data/<environment>-changes)'))
    .addOption(new Option('--config <file>', 'config YAML (default: the package config/config.yaml)'))
    .addOption(new Option('--schemas <dir>', 'schema JSON directory (default: the package schemas/)'))
    .addOption(new Option('--force', 'replace a change stream already in the output directory').default(false))
    .addOption(new Option('-q, --quiet', 'only warnings and errors on stderr').default(false))
    .action(async (flags: ChangesFlags) => runChanges(flags));
}
