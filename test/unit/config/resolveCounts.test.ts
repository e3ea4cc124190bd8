// Which preset an --environment names, and how explicit counts override it: read from a parsed config.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseConfig } from '../../../src/config/loadConfig.js';
import { UsageError } from '../../../src/errors.js';
import { DEFAULT_CONFIG_FILE } from '../../../src/paths.js';
import { resolveCounts } from '../../../src/plan/resolveCounts.js';

const CONFIG = parseConfig(readFileSync(DEFAULT_CONFIG_FILE, 'utf8'), DEFAULT_CONFIG_FILE);

describe('resolveCounts', () => {
  it('refuses an environment the config does not define, listing those it does', () => {
    const known = Object.keys(CONFIG.environments);
    expect(known.length).toBeGreaterThan(0);
    expect(() => resolveCounts(CONFIG, 'nope', {})).toThrow(UsageError);
    expect(() => resolveCounts(CONFIG, 'nope', {})).toThrow(`--environment: unknown environment "nope" (the config defines ${known.join(', ')})`);
  });

  it('takes a preset as it stands, and derives items and events from explicit orders by the ratios', () => {
    const preset = CONFIG.environments['dev'];
    expect(resolveCounts(CONFIG, 'dev', {})).toEqual(preset);
    const { orderItemsPerOrder, webEventsPerOrder } = CONFIG.ratios;
    expect(resolveCounts(CONFIG, 'dev', { orders: 101 })).toEqual({
      ...preset,
      orders: 101,
      order_items: Math.round(101 * orderItemsPerOrder),
      web_events: Math.round(101 * webEventsPerOrder),
    });
    expect(resolveCounts(CONFIG, 'dev', { orders: 10, orderItems: 12, webEvents: 0 })).toMatchObject({ orders: 10, order_items: 12, web_events: 0 });
  });
});
