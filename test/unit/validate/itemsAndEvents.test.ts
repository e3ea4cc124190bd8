// order_items' and web_events' ranges go to the runner as one queue (DatasetValidation.readItemsAndEvents),
// web_events' after order_items', so a pool's workers do not idle while order_items is joined; the
// results are still joined table by table. Run in this thread through a runner that records its queues.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEMA_DIR } from '../../../src/paths.js';
import { loadSchemas } from '../../../src/schema/loadSchemas.js';
import { TABLE_NAMES, type TableName } from '../../../src/schema/tableNames.js';
import { inProcessRunner, type ChunkRunner } from '../../../src/validate/chunkRunner.js';
import { memoryDatasetSource } from '../../../src/validate/datasetSource.js';
import { DatasetValidation } from '../../../src/validate/datasetValidation.js';
import { ViolationLog } from '../../../src/validate/ruleBook.js';
import { collectViolations } from '../../../src/validate/violations.js';
import { editableDataset, filesOf, type Tables } from './helpers/editableDataset.js';

const NOW = '2030-01-01 00:00:00';

/** Each run() call's tables, in queue order, and the tables of the results consumed, in order. */
interface Recorded {
  readonly queues: TableName[][];
  readonly consumed: TableName[];
}

async function validate(tables: Tables, rangeBytes: number): Promise<{ recorded: Recorded; files: string; violations: string }> {
  const { schemas } = loadSchemas(DEFAULT_SCHEMA_DIR);
  const local = inProcessRunner(schemas);
  const recorded: Recorded = { queues: [], consumed: [] };
  const runner: ChunkRunner = {
    share: local.share,
    run: (tasks, consume) => {
      recorded.queues.push(tasks.map((task) => task.table));
      let index = 0;
      return local.run(tasks, (result) => {
        // In-memory files hold no whole-input tasks here: one result per task.
        recorded.consumed.push((tasks[index++] as { table: TableName }).table);
        return consume(result);
      });
    },
    close: local.close,
  };
  const source = memoryDatasetSource({ files: filesOf(tables) });
  const log = new ViolationLog();
  const settings = { schemaDir: DEFAULT_SCHEMA_DIR, examples: 1000, now: NOW, rangeBytes, runner, local: runner };
  const validation = new DatasetValidation(await source.tables(TABLE_NAMES), schemas, settings, log);
  for (const table of ['customers', 'products', 'orders'] as const) await validation.readTable(table);
  await validation.readItemsAndEvents();
  await validation.judgeSessions();
  validation.markUnchecked();
  const files = JSON.stringify(validation.files);
  return { recorded, files, violations: JSON.stringify(collectViolations(validation.book)) };
}

/** The run with 1 KB ranges, and the run reading each table whole (one task each, one queue each). */
async function bothWays(tables: Tables): Promise<{ ranged: Awaited<ReturnType<typeof validate>>; whole: Awaited<ReturnType<typeof validate>> }> {
  const whole = await validate(tables, 1 << 30);
  const ranged = await validate(tables, 1024);
  expect(whole.recorded.queues).toEqual(TABLE_NAMES.map((table) => [table]));
  return { ranged, whole };
}

describe('order_items and web_events in one queue', () => {
  it('queues web_events ranges right after order_items ones and joins them after, with the report of tables read whole', async () => {
    const tables = editableDataset();
    // Violations in both tables, the unique key's among them (its set is freed at the boundary).
    const items = tables.order_items;
    items.rows.push([...(items.rows[3] as string[])]);
    items.set(5, 'quantity', 'x');
    tables.web_events.set(2, 'event_type', 'nope');
    const { ranged, whole } = await bothWays(tables);
    const queues = ranged.recorded.queues;
    expect(queues).toHaveLength(4);
    const last = queues[3] as TableName[];
    const itemCount = last.filter((table) => table === 'order_items').length;
    expect(itemCount).toBeGreaterThan(1);
    expect(last).toEqual([...Array<TableName>(itemCount).fill('order_items'), ...Array<TableName>(last.length - itemCount).fill('web_events')]);
    expect(last.length - itemCount).toBeGreaterThan(1);
    expect(ranged.recorded.consumed.slice(-last.length)).toEqual(last);
    expect(ranged.violations).toBe(whole.violations);
    // The unique key over ranges, and ORD-02 judged at the boundary, before web_events' rows.
    for (const rule of ['UQ-uq_order_items_order_product', 'ORD-02', 'WEB-09']) expect(ranged.violations).toContain(`"rule":"${rule}"`);
    expect(ranged.files).toBe(whole.files);
  });

  it('an order_items range that does not parse: the rest of order_items read as one range, then web_events queued again alone', async () => {
    const tables = editableDataset();
    const items = tables.order_items;
    for (let row = 0; row < items.rows.length; row += 7) items.set(row, 'quantity', 'two\nlines, "quoted"\n\nand more');
    const { ranged, whole } = await bothWays(tables);
    const queues = ranged.recorded.queues;
    // The queue of both, the rest of order_items, then web_events' ranges again.
    expect(queues.length).toBe(6);
    expect(queues[4]).toEqual(['order_items']);
    expect(new Set(queues[5])).toEqual(new Set(['web_events']));
    expect(ranged.violations).toBe(whole.violations);
  });
});
