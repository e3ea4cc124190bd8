import { describe, expect, it } from 'vitest';
import { shardWindow } from '../../../src/pool/shardWindow.js';

describe('shardWindow', () => {
  it('keeps four Parquet shards in flight per worker and two CSV or JSON lines shards', () => {
    expect(shardWindow('parquet', 2)).toBe(8);
    expect(shardWindow('parquet', 3)).toBe(12);
    expect(shardWindow('csv', 2)).toBe(4);
    expect(shardWindow('jsonl', 3)).toBe(6);
  });

  it('never goes below two, so one worker still has its next shard while one is written', () => {
    expect(shardWindow('csv', 1)).toBe(2);
    expect(shardWindow('jsonl', 0)).toBe(2);
    expect(shardWindow('parquet', 1)).toBe(4);
  });
});
