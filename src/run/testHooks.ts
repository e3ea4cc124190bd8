/**
 * Test hook `ECOMGEN_HOLD_AFTER=<table>`: once that table's file is written, the run logs 'holding'
 * and waits for its signal. Tests of SIGINT/SIGTERM and --resume then stop a run at a known point,
 * however fast or loaded the machine, instead of racing a large run with a timer.
 */
export async function holdAfterTable(table: string, signal: AbortSignal, onHold: () => void): Promise<void> {
  if (process.env['ECOMGEN_HOLD_AFTER'] !== table) return;
  onHold();
  await new Promise<never>((_, reject) => {
    const stop = (): void => reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    if (signal.aborted) stop();
    else signal.addEventListener('abort', stop, { once: true });
  });
}
