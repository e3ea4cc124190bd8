// Kept free of heavy imports: main.ts installs these handlers before it loads the rest of the CLI, so a
// SIGINT or SIGTERM in the first moments (loading modules takes a few hundred ms) exits as documented.

/** Exit codes of an interrupted run (README: Exit codes). */
export const SIGNAL_EXIT_CODES: Readonly<Record<'SIGINT' | 'SIGTERM', number>> = { SIGINT: 130, SIGTERM: 143 };

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

// Nothing is written before a command installs its own handler, so exiting at once leaves nothing behind.
const exitNow = (signal: NodeJS.Signals): void => {
  process.stderr.write(`ecomgen: interrupted by ${signal}\n`);
  process.exit(signal === 'SIGINT' ? SIGNAL_EXIT_CODES.SIGINT : SIGNAL_EXIT_CODES.SIGTERM);
};

/** The first thing the CLI does: until a command takes over, a signal ends the process with its exit code. */
export function installEarlySignalHandlers(): void {
  for (const signal of SIGNALS) process.on(signal, exitNow);
}

/** A command that must clean up (generate, merge) replaces the early handlers with its own, once per signal. */
export function takeOverSignals(handler: (signal: NodeJS.Signals) => void): void {
  for (const signal of SIGNALS) {
    process.removeListener(signal, exitNow);
    process.once(signal, handler);
  }
}

/**
 * Test hook `ECOMGEN_HOLD_AT_START=1`: once the handlers are installed, log 'starting' and wait for a
 * signal, so a test can signal the process at its earliest point without racing start-up.
 */
export async function holdAtStart(): Promise<void> {
  if (process.env['ECOMGEN_HOLD_AT_START'] !== '1') return;
  process.stderr.write(`${JSON.stringify({ level: 30, msg: 'starting', pid: process.pid })}\n`);
  await new Promise<never>(() => {
    setInterval(() => undefined, 1 << 30);
  });
}
