// `--workers 1000` used to start a thousand workers and die out of memory, and `--shard-rows
// 2147483647` to hold whole tables in memory (1.6 GB on prod). Both are capped, with a message that
// names the flag, the cap and why; the machine is a parameter so every boundary is tested here.
import { describe, expect, it } from 'vitest';
import { MAX_SHARD_ROWS } from '../../../src/config/loadConfig.js';
import { UsageError } from '../../../src/errors.js';
import { checkShardRows, resolveWorkers, WORKER_MEMORY_BYTES, workerCap, type MachineResources } from '../../../src/plan/resourceCaps.js';
import { resolveOptions } from '../../../src/plan/resolveOptions.js';

const GB = 1024 ** 3;
const TWO_CORES: MachineResources = { parallelism: 2, memoryBytes: 16 * GB };

function usageMessage(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a UsageError, got none');
}

describe('workerCap', () => {
  it.each<[string, MachineResources, number]>([
    ['2 cores: the floor of 8', TWO_CORES, 8],
    ['1 core: the floor of 8', { parallelism: 1, memoryBytes: 16 * GB }, 8],
    ['16 cores: twice the cores', { parallelism: 16, memoryBytes: 64 * GB }, 32],
    ['64 cores, 2 GB: memory binds', { parallelism: 64, memoryBytes: 2 * GB }, Math.floor((2 * GB) / WORKER_MEMORY_BYTES)],
    ['tiny memory: still one worker', { parallelism: 4, memoryBytes: 10 * 1024 * 1024 }, 1],
  ])('%s', (_, machine, cap) => {
    expect(workerCap(machine).cap).toBe(cap);
  });
});

describe('resolveWorkers', () => {
  it.each<[string, number | undefined, MachineResources, number]>([
    ['default: the cores', undefined, TWO_CORES, 2],
    ['default on a machine short of memory: the memory cap', undefined, { parallelism: 16, memoryBytes: 4 * WORKER_MEMORY_BYTES }, 4],
    ['one worker', 1, TWO_CORES, 1],
    ['at the cap', 8, TWO_CORES, 8],
  ])('%s', (_, requested, machine, workers) => {
    expect(resolveWorkers(requested, machine)).toBe(workers);
  });

  it.each<[string, number, MachineResources, string]>([
    ['one past the core cap', 9, TWO_CORES, '--workers: 9 is more than this machine can run: at most 8 (twice the 2 available cores, at least 8; more workers than cores only add memory)'],
    ['the issue\'s 1000', 1000, TWO_CORES, '--workers: 1000 is more than this machine can run: at most 8 (twice the 2 available cores, at least 8; more workers than cores only add memory)'],
    ['past the memory cap', 40, { parallelism: 64, memoryBytes: 3 * GB }, '--workers: 40 is more than this machine can run: at most 32 (3.0 GB of memory is available and a worker takes up to 96 MB)'],
  ])('%s', (_, requested, machine, message) => {
    expect(usageMessage(() => resolveWorkers(requested, machine))).toBe(message);
  });
});

describe('checkShardRows', () => {
  it('accepts the cap', () => {
    expect(MAX_SHARD_ROWS).toBe(100_000);
    expect(() => checkShardRows(MAX_SHARD_ROWS)).not.toThrow();
  });

  it.each([MAX_SHARD_ROWS + 1, 2_147_483_647])('refuses %d', (rows) => {
    expect(usageMessage(() => checkShardRows(rows))).toBe(
      `--shard-rows: ${rows} is more than 100000: each worker holds two shards' bytes in memory, and larger shards are no faster`,
    );
  });
});

describe('resolveOptions applies the caps', () => {
  it('refuses --workers 1000 and --shard-rows 2147483647 on this machine', () => {
    expect(usageMessage(() => resolveOptions({ workers: 1000 }))).toMatch(/^--workers: 1000 is more than this machine can run: at most \d+ \(/);
    expect(usageMessage(() => resolveOptions({ shardRows: 2_147_483_647 }))).toMatch(/^--shard-rows: 2147483647 is more than 100000: /);
  });
});
