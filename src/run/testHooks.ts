/**
 * Test hook `ECOMGEN_HOLD_AFTER=<table>`: once that table's file is written, the run logs 'holding'
 * and waits for its signal. Tests of SIGINT/SIGTERM and --resume then stop a run at a known point,
 * however fast or loaded the machine, instead of racing a large run with a timer.
 */
export async function holdAfterTable(table: string, signal: AbortSignal, onHold: () => void): Promise<void> {
  if (process.env['ECOMGEN_HOLD_AFTER'] !== table) return;
  onHold();
  // A timer keeps the process alive while it holds: with every shard already done (a tiny run), nothing
  // else would, and Node would end it with exit 13 (unsettled top-level await) instead of waiting.
  const keepAlive = setInterval(() => undefined, 1 << 30);
  try {
    await new Promise<never>((_, reject) => {
      const stop = (): void => reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      if (signal.aborted) stop();
      else signal.addEventListener('abort', stop, { once: true });
    });
  } finally {
    clearInterval(keepAlive);
  }
}

/**
 * Test hook `ECOMGEN_CRASH_AT_SWAP_STEP=<n>`: the process dies by SIGKILL (no handler, no clean-up) just
 * before step n of a `--force` swap, so a test can prove every instant of the swap recoverable.
 */
export function crashBeforeSwapStep(step: number): void {
  if (process.env['ECOMGEN_CRASH_AT_SWAP_STEP'] === String(step)) process.kill(process.pid, 'SIGKILL');
}
