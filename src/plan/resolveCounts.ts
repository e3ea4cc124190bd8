import type { EcomConfig } from '../config/configTypes.js';
import type { TableCounts } from '../schema/tableNames.js';
import { UsageError } from '../errors.js';

export interface CountOverrides {
  readonly customers?: number | undefined;
  readonly products?: number | undefined;
  readonly orders?: number | undefined;
  readonly orderItems?: number | undefined;
  readonly webEvents?: number | undefined;
}

/**
 * Preset counts, overridden by explicit ones. When orders are given but items or events are not,
 * those follow the configured ratios, so `--orders 25000` means 75,000 items and 250,000 events.
 */
export function resolveCounts(config: EcomConfig, environment: string, overrides: CountOverrides): TableCounts {
  const preset = config.environments[environment];
  if (!preset) {
    const known = Object.keys(config.environments).join(', ');
    throw new UsageError(`--environment: unknown environment "${environment}" (the config defines ${known})`);
  }
  const orders = overrides.orders ?? preset.orders;
  const ordersGiven = overrides.orders !== undefined;
  return {
    customers: overrides.customers ?? preset.customers,
    products: overrides.products ?? preset.products,
    orders,
    order_items: overrides.orderItems ?? (ordersGiven ? Math.round(orders * config.ratios.orderItemsPerOrder) : preset.order_items),
    web_events: overrides.webEvents ?? (ordersGiven ? Math.round(orders * config.ratios.webEventsPerOrder) : preset.web_events),
  };
}
