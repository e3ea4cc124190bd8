import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

/** Logs go to stderr (stdout stays free for data): readable on a terminal, JSON lines otherwise. */
export function createLogger(options: { readonly quiet: boolean }): Logger {
  const level = options.quiet ? 'warn' : 'info';
  if (process.stderr.isTTY) {
    return pino({ level }, pretty({ destination: 2, sync: true, ignore: 'pid,hostname', translateTime: 'HH:MM:ss' }));
  }
  return pino({ level, base: undefined }, pino.destination({ fd: 2, sync: true }));
}

export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
