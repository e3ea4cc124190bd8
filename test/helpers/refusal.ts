import { expect } from 'vitest';
import { UsageError } from 'ecomgen';

/**
 * The message of a library refusal, asserted in process: the CLI says a UsageError as `ecomgen: <message>`
 * with exit 2, so it must be one line. A refusal the library makes is the same in or out of the CLI, and a
 * run of the CLI per refusal costs a process (one that loads DuckDB for `load`); each e2e file keeps one
 * run of the CLI per command for the exit code and the line.
 */
export async function refusal(work: Promise<unknown>): Promise<string> {
  const error = await work.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(UsageError);
  const message = (error as Error).message;
  expect(message.split('\n')).toHaveLength(1);
  return message;
}
