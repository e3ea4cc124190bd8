// How ids are split: parts of a table, shards of a part, and the block alignment shards keep. Table
// driven over many shapes (after tpchgen-rs's plan tests): each case checks the invariants, not a snapshot.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/loadConfig.js';
import { ORDERS_PER_BLOCK } from '../../../src/model/orderLayout.js';
import { DEFAULT_CONFIG_FILE } from '../../../src/paths.js';
import { partRange, partSuffix, planRows, planTables, type PartSelection, type Shard, type TablePlan } from '../../../src/plan/planShards.js';
import { shardAlignment } from '../../../src/plan/shardAlignment.js';
import { TABLE_NAMES, type TableCounts, type TableName } from '../../../src/schema/tableNames.js';

const { config } = loadConfig(DEFAULT_CONFIG_FILE);

const COUNT_SHAPES: Readonly<Record<string, TableCounts>> = {
  dev: config.environments['dev'] as TableCounts,
  empty: { customers: 0, products: 0, orders: 0, order_items: 0, web_events: 0 },
  single: { customers: 1, products: 1, orders: 1, order_items: 1, web_events: 1 },
  primes: { customers: 997, products: 101, orders: 4099, order_items: 12289, web_events: 16411 },
  blockEdges: { customers: 64, products: 65, orders: 128, order_items: 1023, web_events: 2048 },
};
const PARTS = [undefined, 1, 2, 3, 8, 64];
const SHARD_ROWS = [1, 7, 64, 1000, 20000, 1_000_000];
const TABLE_SUBSETS: readonly (readonly TableName[])[] = [TABLE_NAMES, ['orders'], ['web_events', 'customers'], ['order_items', 'products', 'orders']];

/** The shard size the plan must use: the smallest multiple of the table's block that holds shardRows. */
function expectedShardSize(table: TableName, shardRows: number): number {
  const block = shardAlignment(table, config);
  return Math.max(1, Math.ceil(shardRows / block)) * block;
}

/**
 * What is wrong with a plan's shards (empty when nothing): they must cover from..to exactly once, in
 * order, each non-empty and inside one aligned window. Collected rather than asserted shard by shard,
 * which keeps tens of thousands of shards fast.
 */
function shardFaults(plan: TablePlan, shardRows: number): string[] {
  const size = expectedShardSize(plan.table, shardRows);
  const faults: string[] = [];
  const windows = plan.to < plan.from ? 0 : Math.floor((plan.to - 1) / size) - Math.floor((plan.from - 1) / size) + 1;
  if (plan.shards.length !== windows) faults.push(`${plan.shards.length} shards for ${windows} windows of ${size}`);
  let next = plan.from;
  for (const [position, shard] of plan.shards.entries()) {
    const where = `${plan.table} shard ${position} (${shard.from}..${shard.to})`;
    const last = position === plan.shards.length - 1;
    if (shard.table !== plan.table) faults.push(`${where}: table ${shard.table}`);
    if (shard.from !== next) faults.push(`${where}: expected to start at ${next}`);
    if (shard.to < shard.from) faults.push(`${where}: empty`);
    // One aligned window per shard: no two shards recompute one block.
    if (Math.floor((shard.from - 1) / size) !== Math.floor((shard.to - 1) / size)) faults.push(`${where}: crosses a window of ${size}`);
    if (!last && shard.to % size !== 0) faults.push(`${where}: ends off a multiple of ${size}`);
    if (position > 0 && !last && shard.to - shard.from + 1 !== size) faults.push(`${where}: inner shard is not ${size} rows`);
    next = shard.to + 1;
  }
  if (next - 1 !== Math.max(plan.to, plan.from - 1)) faults.push(`${plan.table}: shards end at ${next - 1}, not ${plan.to}`);
  if (plan.shards.reduce((sum, shard) => sum + shard.to - shard.from + 1, 0) !== planRows(plan)) faults.push(`${plan.table}: rows do not add up`);
  return faults;
}

/** What is wrong with part shards (in part order) against the whole run's shards: they must tile 1..rows, each inside a whole shard. */
function partFaults(whole: TablePlan, partShards: readonly Shard[], rows: number): string[] {
  const faults: string[] = [];
  let next = 1;
  let owner = 0;
  for (const shard of partShards) {
    if (shard.from !== next) faults.push(`${whole.table} part shard ${shard.from}..${shard.to}: expected to start at ${next}`);
    while (owner < whole.shards.length && (whole.shards[owner] as Shard).to < shard.from) owner++;
    const candidate = whole.shards[owner];
    if (!candidate || candidate.from > shard.from || shard.to > candidate.to) faults.push(`${whole.table} part shard ${shard.from}..${shard.to}: inside no shard of the whole run`);
    next = shard.to + 1;
  }
  if (next - 1 !== rows) faults.push(`${whole.table}: parts end at ${next - 1}, not ${rows}`);
  return faults;
}

interface PlanCase {
  readonly name: string;
  readonly counts: TableCounts;
  readonly tables: readonly TableName[];
  readonly parts: number | undefined;
  readonly shardRows: number;
}

const CASES: PlanCase[] = Object.entries(COUNT_SHAPES).flatMap(([shape, counts]) =>
  PARTS.flatMap((parts) =>
    SHARD_ROWS.flatMap((shardRows, position) =>
      // Every subset with a few shard sizes, every shard size with all tables: many shapes, few seconds.
      TABLE_SUBSETS.filter((tables, subset) => subset === 0 || subset === position % TABLE_SUBSETS.length).map((tables) => ({
        name: `${shape} parts=${parts ?? '-'} shardRows=${shardRows} tables=${tables.join('+')}`,
        counts,
        tables,
        parts,
        shardRows,
      })),
    ),
  ),
);

describe('planTables over counts x parts x shard rows x tables', () => {
  it('has a few hundred cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(250);
  });

  it.each(CASES)('$name', ({ counts, tables, parts, shardRows }) => {
    const selections: (PartSelection | undefined)[] = parts === undefined ? [undefined] : Array.from({ length: parts }, (_, index) => ({ index: index + 1, count: parts }));
    const whole = planTables(config, counts, tables, undefined, shardRows);
    expect(whole.map((plan) => plan.table)).toEqual(TABLE_NAMES.filter((table) => tables.includes(table)));

    // Faults are collected over every part and asserted once (an expect per plan costs more than the plan).
    const faults: string[] = [];
    const byTable = new Map<TableName, Shard[]>();
    for (const part of selections) {
      const plans = planTables(config, counts, tables, part, shardRows, 'jsonl.gz');
      const where = `part ${part ? `${part.index}/${part.count}` : '-'}`;
      if (plans.map((plan) => plan.table).join() !== whole.map((plan) => plan.table).join()) faults.push(`${where}: tables ${plans.map((plan) => plan.table).join()}`);
      for (const plan of plans) {
        if (plan.fileName !== `${plan.table}${partSuffix(part)}.jsonl.gz`) faults.push(`${where}: file name ${plan.fileName}`);
        const range = part ? partRange(counts[plan.table], part) : { from: 1, to: counts[plan.table] };
        if (plan.from !== range.from || plan.to !== range.to) faults.push(`${where} ${plan.table}: ${plan.from}..${plan.to}, expected ${range.from}..${range.to}`);
        faults.push(...shardFaults(plan, shardRows).map((fault) => `${where}: ${fault}`));
        byTable.set(plan.table, [...(byTable.get(plan.table) ?? []), ...plan.shards]);
      }
    }
    // The parts' shards, concatenated in part order, tile the whole table; each sits inside a shard of the whole run.
    for (const plan of whole) faults.push(...partFaults(plan, byTable.get(plan.table) ?? [], counts[plan.table]));
    expect(faults.slice(0, 10)).toEqual([]);
    expect(byTable.size).toBe(whole.length);
  });
});

describe('shard alignment', () => {
  it('is the order block for orders, the configured event block for web events, one row otherwise', () => {
    expect(shardAlignment('orders', config)).toBe(ORDERS_PER_BLOCK);
    expect(shardAlignment('web_events', config)).toBe(config.webEvents.eventsPerBlock);
    for (const table of ['customers', 'products', 'order_items'] as const) expect(shardAlignment(table, config)).toBe(1);
  });

  it('follows a changed events_per_block in the config', () => {
    const changed = { ...config, webEvents: { ...config.webEvents, eventsPerBlock: 100 } };
    const [plan] = planTables(changed, COUNT_SHAPES['primes'] as TableCounts, ['web_events'], undefined, 250);
    expect(plan?.shards.slice(0, 2)).toEqual([
      { table: 'web_events', from: 1, to: 300 },
      { table: 'web_events', from: 301, to: 600 },
    ]);
  });
});

describe('partRange', () => {
  it.each([
    [0, 1],
    [1, 3],
    [10, 3],
    [1_000_003, 13],
    [2_147_483_647, 1000],
  ])('%i rows in %i parts: contiguous slices that cover 1..rows and differ in size by at most one', (total, parts) => {
    let next = 1;
    const sizes: number[] = [];
    for (let index = 1; index <= parts; index++) {
      const range = partRange(total, { index, count: parts });
      expect(range.from).toBe(next);
      sizes.push(range.to - range.from + 1);
      next = range.to + 1;
    }
    expect(next - 1).toBe(total);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  it('stays exact where total x index passes 2^53 (the BigInt path)', () => {
    const total = 2_147_483_647;
    const count = 2 ** 23 + 9;
    for (const index of [1, 2, 4_194_309, count - 1, count]) {
      const expected = (k: number): number => Number((BigInt(total) * BigInt(k)) / BigInt(count));
      expect(total * index > Number.MAX_SAFE_INTEGER || index < 3).toBe(true);
      expect(partRange(total, { index, count })).toEqual({ from: expected(index - 1) + 1, to: expected(index) });
    }
  });
});

describe('partSuffix and planRows', () => {
  it.each([
    [undefined, ''],
    [{ index: 3, count: 8 }, '.part-003-of-008'],
    [{ index: 12, count: 999 }, '.part-012-of-999'],
    [{ index: 12, count: 1000 }, '.part-0012-of-1000'],
  ])('%j -> "%s"', (part, suffix) => {
    expect(partSuffix(part)).toBe(suffix);
  });

  it('counts the rows of a slice, 0 for an empty one', () => {
    expect(planRows({ from: 1, to: 10 })).toBe(10);
    expect(planRows({ from: 5, to: 4 })).toBe(0);
  });
});
