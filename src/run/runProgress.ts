import type { ProgressEvent } from '../log/progress.js';
import { planRows, type TablePlan } from '../plan/planShards.js';
import type { TableName } from '../schema/tableNames.js';

/** Rows written so far, per table and in all, reported to `onProgress` after every shard. */
export class RunProgress {
  readonly rowsTotal: number;
  private rowsWritten = 0;
  private readonly tableRowsWritten = new Map<TableName, number>();
  private readonly tableRows: ReadonlyMap<TableName, number>;

  constructor(
    plans: readonly TablePlan[],
    private readonly started: number,
    private readonly onProgress: ((event: ProgressEvent) => void) | undefined,
  ) {
    this.tableRows = new Map(plans.map((plan) => [plan.table, planRows(plan)]));
    this.rowsTotal = plans.reduce((sum, plan) => sum + planRows(plan), 0);
  }

  get rowsDone(): number {
    return this.rowsWritten;
  }

  add(table: TableName, rows: number): void {
    this.rowsWritten += rows;
    const tableRowsDone = (this.tableRowsWritten.get(table) ?? 0) + rows;
    this.tableRowsWritten.set(table, tableRowsDone);
    this.onProgress?.({ table, tableRowsDone, tableRows: this.tableRows.get(table) ?? 0, rowsDone: this.rowsWritten, rowsTotal: this.rowsTotal, elapsedMs: Date.now() - this.started });
  }
}
