import type { TableName } from '../schema/tableNames.js';

interface AnswerKeyPart {
  readonly bytes: Uint8Array;
  readonly rows: number;
}

/**
 * Puts a run's answer-key lines in plan order, table by table, whatever order the shards ran in. A run
 * submits each order_items shard between orders shards (plan/shardOrder.ts, so that it recalls the items
 * the orders pass drew); the lines of a table wait here until every shard of the tables before it has
 * arrived, so `defects.csv` is the same bytes as when the tables ran one after another. What waits is a
 * few answer-key lines per shard (about 1% of its rows), not the shards' data.
 */
export class AnswerKeyInPlanOrder {
  private readonly shardsLeft: Map<TableName, number>;
  private readonly waiting = new Map<TableName, AnswerKeyPart[]>();
  private turn = 0;

  constructor(
    private readonly plan: readonly { readonly table: TableName; readonly shards: number }[],
    private readonly write: (bytes: Uint8Array, rows: number) => Promise<void>,
  ) {
    this.shardsLeft = new Map(plan.map(({ table, shards }) => [table, shards]));
  }

  /** A shard of `table` arrived (each table's shards arrive in plan order), with its answer-key lines if any. */
  async arrived(table: TableName, part: AnswerKeyPart | undefined): Promise<void> {
    const left = this.shardsLeft.get(table);
    if (left === undefined || left <= 0) throw new Error(`answer key: a shard of ${table} arrived that the plan does not have`);
    this.shardsLeft.set(table, left - 1);
    if (part) {
      const parts = this.waiting.get(table);
      if (parts) parts.push(part);
      else this.waiting.set(table, [part]);
    }
    await this.writeInTurn();
  }

  private async writeInTurn(): Promise<void> {
    while (this.turn < this.plan.length) {
      const { table } = this.plan[this.turn] as { table: TableName };
      const parts = this.waiting.get(table);
      if (parts) {
        this.waiting.delete(table);
        for (const part of parts) await this.write(part.bytes, part.rows);
      }
      if ((this.shardsLeft.get(table) ?? 0) > 0) return;
      this.turn++;
    }
  }
}
