import type { TableName } from '../schema/tableNames.js';

export interface ProgressEvent {
  readonly table: TableName;
  readonly tableRowsDone: number;
  readonly tableRows: number;
  readonly rowsDone: number;
  readonly rowsTotal: number;
  readonly elapsedMs: number;
}

const REDRAW_MS = 200;

/** A single status line on a terminal: current table, overall rows/s and time left. */
export class TerminalProgress {
  private lastDraw = 0;
  private drawn = false;

  constructor(private readonly stream: NodeJS.WriteStream) {}

  update(event: ProgressEvent): void {
    const now = Date.now();
    if (now - this.lastDraw < REDRAW_MS && event.rowsDone < event.rowsTotal) return;
    this.lastDraw = now;
    const seconds = event.elapsedMs / 1000;
    const rate = seconds > 0 ? event.rowsDone / seconds : 0;
    const left = rate > 0 ? (event.rowsTotal - event.rowsDone) / rate : 0;
    const percent = event.tableRows > 0 ? Math.floor((100 * event.tableRowsDone) / event.tableRows) : 100;
    const line =
      `${event.table} ${event.tableRowsDone.toLocaleString('en-US')}/${event.tableRows.toLocaleString('en-US')} (${percent}%)` +
      ` | all ${event.rowsDone.toLocaleString('en-US')}/${event.rowsTotal.toLocaleString('en-US')}` +
      ` | ${Math.round(rate).toLocaleString('en-US')} rows/s | ETA ${left.toFixed(1)}s`;
    this.stream.write(`\r\x1b[2K${line}`);
    this.drawn = true;
  }

  finish(): void {
    if (this.drawn) this.stream.write('\r\x1b[2K');
    this.drawn = false;
  }
}
