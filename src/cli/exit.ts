import { printable } from '../encoding/controlChars.js';

/** Exit codes: 0 success, 1 runtime failure, 2 usage or input error (README: Exit codes). */
export const EXIT_RUNTIME = 1;
export const EXIT_USAGE = 2;

/**
 * One line on stderr and the exit code: never a stack trace. Messages quote paths, keys and file
 * content, so control characters are escaped here once: one line, and nothing that drives a terminal.
 */
export function fail(message: string, code: number): never {
  process.stderr.write(`ecomgen: ${printable(message)}\n`);
  process.exit(code);
}
