import type { TableName } from '../schema/tableNames.js';
import type { TerminalLines } from './terminalLines.js';

export interface ProgressEvent {
  readonly table: TableName;
  readonly tableRowsDone: number;
  readonly tableRows: number;
  readonly rowsDone: number;
  readonly rowsTotal: number;
  readonly elapsedMs: number;
}

const REDRAW_MS = 200;
/** Rows measured for at least this long before an ETA is shown: one shard's rate says little. */
const MIN_MEASURED_MS = 1000;

/** Where the rate is measured from: the first rows written (the start-up before them is not per row). */
export interface RateBase {
  readonly rowsDone: number;
  readonly elapsedMs: number;
}

/** Rows per second since `base`, or undefined while too little has been measured. */
function measuredRate(event: ProgressEvent, base: RateBase): number | undefined {
  const ms = event.elapsedMs - base.elapsedMs;
  const rows = event.rowsDone - base.rowsDone;
  return ms >= MIN_MEASURED_MS && rows > 0 ? (rows * 1000) / ms : undefined;
}

/** The status line: current table, all rows, the measured rate and the time left at that rate. */
export function progressLine(event: ProgressEvent, base: RateBase): string {
  const rate = measuredRate(event, base);
  const percent = event.tableRows > 0 ? Math.floor((100 * event.tableRowsDone) / event.tableRows) : 100;
  const left = event.rowsTotal - event.rowsDone;
  const timing = rate === undefined ? 'ETA ...' : `${Math.round(rate).toLocaleString('en-US')} rows/s | ETA ${left === 0 ? '0' : (left / rate).toFixed(1)}s`;
  return (
    `${event.table} ${event.tableRowsDone.toLocaleString('en-US')}/${event.tableRows.toLocaleString('en-US')} (${percent}%)` +
    ` | all ${event.rowsDone.toLocaleString('en-US')}/${event.rowsTotal.toLocaleString('en-US')} | ${timing}`
  );
}

/** A single status line on a terminal, kept below the log lines (TerminalLines), redrawn at most 5 times a second. */
export class TerminalProgress {
  private lastDraw = Number.NEGATIVE_INFINITY;
  private base: RateBase | undefined;

  constructor(
    private readonly lines: TerminalLines,
    private readonly now: () => number = Date.now,
  ) {}

  update(event: ProgressEvent): void {
    this.base ??= { rowsDone: event.rowsDone, elapsedMs: event.elapsedMs };
    const now = this.now();
    if (now - this.lastDraw < REDRAW_MS && event.rowsDone < event.rowsTotal) return;
    this.lastDraw = now;
    this.lines.status(progressLine(event, this.base));
  }

  finish(): void {
    this.lines.clear();
  }
}
