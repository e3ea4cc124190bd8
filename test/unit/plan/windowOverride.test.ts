// `--start` / `--end`: the window in effect is the flags', checked like the config's, hashed into the run's
// identity, and the data is what an equivalent config file gives.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfig } from '../../../src/config/loadConfig.js';
import { UsageError } from '../../../src/errors.js';
import { DEFAULT_CONFIG_FILE } from '../../../src/paths.js';
import type { GenerateOptions } from '../../../src/plan/generateOptions.js';
import { resolveOptions } from '../../../src/plan/resolveOptions.js';
import { configTextWithWindow } from '../../../src/plan/windowOverride.js';
import { runIdentity } from '../../../src/run/runIdentity.js';
import { identityDifference } from '../../../src/writer/journal.js';
import { TINY_COUNTS, tableRows, worldOf } from '../helpers/memoryDataset.js';

const LOADED = loadConfig(DEFAULT_CONFIG_FILE);
const TEXT = readFileSync(DEFAULT_CONFIG_FILE, 'utf8');
const TINY: GenerateOptions = { customers: TINY_COUNTS.customers, products: TINY_COUNTS.products, orders: TINY_COUNTS.orders, orderItems: TINY_COUNTS.order_items, webEvents: TINY_COUNTS.web_events };

function refusal(options: GenerateOptions): string {
  try {
    resolveOptions(options);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).not.toContain('\n');
    return (error as Error).message;
  }
  throw new Error('expected a UsageError');
}

describe('--start and --end', () => {
  it('replace the config\'s window; the config hash is the hash of the config in effect', () => {
    const settings = resolveOptions({ ...TINY, start: '2023-01-01', end: '2023-12-31' });
    expect(settings.config.window).toMatchObject({ start: '2023-01-01', end: '2023-12-31', startDay: 19358, endDay: 19722 });
    expect(settings.config.window.localUtcOffsetHours).toBe(LOADED.config.window.localUtcOffsetHours);
    const effective = configTextWithWindow(TEXT, '2023-01-01', '2023-12-31');
    expect(settings.configSha).toBe(createHash('sha256').update(effective).digest('hex'));
    expect(settings.configSha).not.toBe(LOADED.sha256);
    // So a run with another window is another dataset: --resume refuses it, the up-to-date check misses.
    expect(identityDifference(runIdentity(resolveOptions(TINY), '1'), runIdentity(settings, '1'))).toBe('config_sha256');
    // Only one of them: the other end stays the config's.
    expect(resolveOptions({ ...TINY, end: '2023-06-30' }).config.window).toMatchObject({ start: LOADED.config.window.start, end: '2023-06-30' });
  });

  it('giving the config\'s own window changes nothing: same config hash, the same dataset', () => {
    const { start, end } = LOADED.config.window;
    expect(resolveOptions({ ...TINY, start, end }).configSha).toBe(LOADED.sha256);
    expect(resolveOptions({ ...TINY, start }).configSha).toBe(LOADED.sha256);
  });

  it('the edited config is the config file with only the two dates changed, so an equivalent file has the same hash', () => {
    const byHand = TEXT.replace('start: "2022-01-01"', 'start: "2023-01-01"').replace('end: "2024-12-31"', 'end: "2023-12-31"');
    expect(byHand).not.toBe(TEXT);
    expect(configTextWithWindow(TEXT, '2023-01-01', '2023-12-31')).toBe(byHand);
    // Unquoted dates and other key orders are edited in place too.
    expect(configTextWithWindow('seed: 1\nwindow:\n  end: 2024-12-31 # last day\n  start: 2022-01-01\n', '2023-01-01', '2023-12-31')).toBe(
      'seed: 1\nwindow:\n  end: "2023-12-31" # last day\n  start: "2023-01-01"\n',
    );
  });

  it('give the same rows as a config file with that window', () => {
    const byFlags = resolveOptions({ ...TINY, start: '2023-01-01', end: '2023-12-31' }).config;
    const byFile = parseConfig(TEXT.replace('start: "2022-01-01"', 'start: "2023-01-01"').replace('end: "2024-12-31"', 'end: "2023-12-31"'), 'copy.yaml');
    expect(byFlags).toEqual(byFile);
    const orders = tableRows(worldOf(TINY_COUNTS, 42, byFlags), 'orders');
    expect(orders).toBe(tableRows(worldOf(TINY_COUNTS, 42, byFile), 'orders'));
    expect(orders).not.toBe(tableRows(worldOf(TINY_COUNTS, 42), 'orders'));
    // Every order is placed inside the window.
    const orderDates = orders.trim().split('\n').map((row) => row.split(',')[2] ?? '');
    expect(orderDates.every((date) => date >= '2023-01-01' && date < '2024-01-01')).toBe(true);
  });

  it('are checked like the config\'s window, each refusal one line naming the flag', () => {
    expect(refusal({ start: '2023-02-30' })).toBe('--start: must be a date written YYYY-MM-DD (got "2023-02-30")');
    expect(refusal({ end: '2023' })).toBe('--end: must be a date written YYYY-MM-DD (got "2023")');
    expect(refusal({ start: '2024-01-01', end: '2023-01-01' })).toBe('--end: --end 2023-01-01 is before --start 2024-01-01');
    expect(refusal({ start: '2025-01-01' })).toBe("--start: the config's window.end 2024-12-31 is before --start 2025-01-01");
    expect(refusal({ end: '2021-12-31' })).toBe("--end: --end 2021-12-31 is before the config's window.start 2022-01-01");
    expect(refusal({ start: '1800-01-01' })).toBe('--start/--end: the window 1800-01-01..2024-12-31 is refused: window.start must be from 1900-01-01 to 2999-12-31 (got 1800-01-01)');
    expect(refusal({ start: '1950-01-01' })).toMatch(/^--start\/--end: the window 1950-01-01\.\.2024-12-31 is refused: window end must be less than 50 years after start$/);
  });

  it('the count checks see the window in effect', () => {
    // A one-day window still takes the dev preset (checkCounts runs on the edited config without error).
    expect(resolveOptions({ start: '2024-12-31' }).config.window.startDay).toBe(resolveOptions({}).config.window.endDay);
  });
});
