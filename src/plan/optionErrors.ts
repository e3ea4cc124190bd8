// generate() as a library: its input errors are worded for the CLI (`--output-dir: ... pass --force`),
// since every check is shared with the CLI. This turns them into typed errors naming GenerateOptions keys,
// keeping the CLI's words in `cliMessage`, which the CLI prints unchanged.
import { DatasetExistsError, DirectoryInUseError, OptionError, UsageError } from '../errors.js';

/** Each flag of `ecomgen generate` and how a library caller writes it. */
const OPTION_OF_FLAG: Readonly<Record<string, { readonly option: string; readonly written: string }>> = {
  '--environment': { option: 'environment', written: 'environment' },
  '--seed': { option: 'seed', written: 'seed' },
  '--start': { option: 'start', written: 'start' },
  '--end': { option: 'end', written: 'end' },
  '--customers': { option: 'customers', written: 'customers' },
  '--products': { option: 'products', written: 'products' },
  '--orders': { option: 'orders', written: 'orders' },
  '--order-items': { option: 'orderItems', written: 'orderItems' },
  '--web-events': { option: 'webEvents', written: 'webEvents' },
  '--tables': { option: 'tables', written: 'tables' },
  '--part': { option: 'part', written: 'part' },
  '--parts': { option: 'parts', written: 'parts' },
  '--workers': { option: 'workers', written: 'workers' },
  '--shard-rows': { option: 'shardRows', written: 'shardRows' },
  '--output-dir': { option: 'outputDir', written: 'outputDir' },
  '--config': { option: 'configFile', written: 'configFile' },
  '--schemas': { option: 'schemaDir', written: 'schemaDir' },
  '--format': { option: 'format', written: 'format' },
  '--compress': { option: 'compress', written: 'compress' },
  '--parquet-compression': { option: 'parquetCompression', written: 'parquetCompression' },
  '--force': { option: 'force', written: 'force: true' },
  '--resume': { option: 'resume', written: 'resume: true' },
  '--verify': { option: 'verify', written: 'verify: true' },
  '--no-samples': { option: 'samples', written: 'samples: false' },
};

const FLAG = /--[a-z][a-z-]*[a-z]/g;

/**
 * The message with every flag of generate written as a library caller passes it (`force: true`); the
 * flag leading the message (`--resume: ...`) is the option at fault and is named alone (`resume: ...`).
 */
export function libraryWording(cliMessage: string): string {
  const leading = /^(--[a-z][a-z-]*[a-z]):/.exec(cliMessage)?.[1];
  const option = leading === undefined ? undefined : OPTION_OF_FLAG[leading]?.option;
  const head = option === undefined ? '' : `${option}:`;
  const rest = option === undefined ? cliMessage : cliMessage.slice(`${leading}:`.length);
  return head + rest.replace(FLAG, (flag) => OPTION_OF_FLAG[flag]?.written ?? flag);
}

/**
 * An error of generate() as a library caller should see it: a UsageError becomes an OptionError (or the
 * subclass a caller may want to act on); anything else is returned as it is.
 */
export function asLibraryError(error: unknown): unknown {
  if (!(error instanceof UsageError) || error instanceof OptionError) return error;
  const cliMessage = error.message;
  // The flag at fault leads the message (`--seed: ...`, `--start/--end: ...`).
  const leading = /^(--[a-z][a-z-]*[a-z])[:/]/.exec(cliMessage)?.[1];
  const option = leading === undefined ? undefined : OPTION_OF_FLAG[leading]?.option;
  const message = libraryWording(cliMessage);
  if (/ is in use by another ecomgen run /.test(cliMessage)) return new DirectoryInUseError(message, option, cliMessage);
  // What the directory holds, that `force: true` (or `resume: true`) gets past.
  if (leading === '--output-dir' && cliMessage.includes('--force')) return new DatasetExistsError(message, option, cliMessage);
  return new OptionError(message, option, cliMessage);
}
