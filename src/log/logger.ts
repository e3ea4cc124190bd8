import { pino, type Logger } from 'pino';
import { TerminalLines } from './terminalLines.js';
import { terminalLogText } from './terminalLog.js';

export type { Logger };

export interface LoggerOptions {
  readonly quiet: boolean;
  /**
   * On a terminal: where log lines go, shared with the progress line so each log line first clears it
   * (default: a TerminalLines of its own on stderr).
   */
  readonly terminal?: TerminalLines;
}

/** Logs go to stderr (stdout stays free for data): one readable line each on a terminal, JSON lines otherwise. */
export function createLogger(options: LoggerOptions): Logger {
  const level = options.quiet ? 'warn' : 'info';
  if (process.stderr.isTTY) return terminalLogger(level, options.terminal ?? new TerminalLines(process.stderr));
  return pino({ level, base: undefined }, pino.destination({ fd: 2, sync: true }));
}

/** A logger writing one readable line a record through `terminal` (pino writes each record synchronously). */
export function terminalLogger(level: string, terminal: TerminalLines): Logger {
  return pino({ level, base: undefined }, { write: (json: string) => terminal.line(terminalLogText(json)) });
}

export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
