// `--start` / `--end`: the config's window chosen on the command line. The config file's text is edited
// (window.start / window.end) and parsed again, so every check of the config applies to the window in
// effect, and its hash (recorded in the manifest: the run identity, --resume, the up-to-date check) is
// the hash of the config that made the data.
import { createHash } from 'node:crypto';
import { isScalar, parseDocument } from 'yaml';
import type { EcomConfig } from '../config/configTypes.js';
import { parseConfig, type LoadedConfig } from '../config/loadConfig.js';
import { readInputText } from '../config/readInputText.js';
import { parseIsoDate } from '../core/calendar.js';
import { ConfigError, UsageError } from '../errors.js';

export interface WindowOptions {
  readonly start?: string;
  readonly end?: string;
}

function checkDate(text: string | undefined, flag: string): void {
  if (text !== undefined && parseIsoDate(text) === undefined) throw new UsageError(`${flag}: must be a date written YYYY-MM-DD (got ${JSON.stringify(text)})`);
}

/**
 * The text of a config whose window is `start`..`end`: the two dates are replaced where they are written,
 * and every other byte is kept (re-serialising the YAML would reflow its lines and comments).
 */
export function configTextWithWindow(text: string, start: string, end: string): string {
  const document = parseDocument(text);
  const edits: { from: number; to: number; value: string }[] = [];
  for (const [key, value] of [['start', start], ['end', end]] as const) {
    const node = document.getIn(['window', key], true);
    // The config was parsed before, so both dates are there as scalars; the guard is for the type checker.
    if (!isScalar(node) || !node.range) throw new ConfigError(`window.${key} is not a date`);
    edits.push({ from: node.range[0], to: node.range[1], value: JSON.stringify(value) });
  }
  let edited = text;
  for (const edit of edits.sort((a, b) => b.from - a.from)) edited = edited.slice(0, edit.from) + edit.value + edited.slice(edit.to);
  return edited;
}

/**
 * The config with the window the flags give, or `loaded` itself when they give none or the window it
 * already has (same hash: the same dataset). Bad dates are UsageErrors naming the flag.
 */
export function applyWindowOptions(loaded: LoadedConfig, configFile: string, options: WindowOptions): LoadedConfig {
  checkDate(options.start, '--start');
  checkDate(options.end, '--end');
  const start = options.start ?? loaded.config.window.start;
  const end = options.end ?? loaded.config.window.end;
  if ((parseIsoDate(end) as number) < (parseIsoDate(start) as number)) {
    const which = options.end === undefined ? `the config's window.end ${end}` : `--end ${end}`;
    const from = options.start === undefined ? `the config's window.start ${start}` : `--start ${start}`;
    throw new UsageError(`${options.end === undefined ? '--start' : '--end'}: ${which} is before ${from}`);
  }
  if (start === loaded.config.window.start && end === loaded.config.window.end) return loaded;
  const text = configTextWithWindow(readInputText(configFile, 'config', (message) => new ConfigError(message)), start, end);
  let config: EcomConfig;
  try {
    config = parseConfig(text, configFile);
  } catch (error) {
    // The config's other window checks (its calendar, its longest span), said for the flags.
    if (error instanceof ConfigError) throw new UsageError(`--start/--end: the window ${start}..${end} is refused: ${error.message.slice(configFile.length + 2)}`);
    throw error;
  }
  return { config, sha256: createHash('sha256').update(text).digest('hex') };
}
