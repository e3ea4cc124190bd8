/** Exit codes: 0 success, 1 runtime failure, 2 usage or input error (README: Exit codes). */
export const EXIT_RUNTIME = 1;
export const EXIT_USAGE = 2;

/** One line on stderr and the exit code: never a stack trace. */
export function fail(message: string, code: number): never {
  process.stderr.write(`ecomgen: ${message}\n`);
  process.exit(code);
}
