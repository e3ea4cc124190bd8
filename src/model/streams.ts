// Every random stream the generators draw from, in one place. A stream's name is part of the data's
// definition: its key is hashed from (seed, name), so renaming one changes the bytes it makes. Each
// stream serves one group of related columns, so a group can be recomputed alone on any thread.
import { streamKey } from '../core/random.js';
import type { TableName } from '../schema/tableNames.js';

export const STREAM_NAMES = {
  customerPerson: 'customers.person',
  customerAddress: 'customers.address',
  customerTiers: 'customers.tier',
  customerLine2: 'customers.address_line2',
  customerCreatedAt: 'customers.created_at',
  customerLifecycle: 'customers.lifecycle',
  customerOrders: 'customers.orders',
  customerHistory: 'customers.history',
  customerMoves: 'customers.moves',
  productCore: 'products.core',
  productName: 'products.name',
  productDetail: 'products.detail',
  productTiers: 'products.tier',
  productCreatedAt: 'products.created_at',
  productHistory: 'products.history',
  order: 'orders.header',
  orderDate: 'orders.order_date',
  orderBlock: 'orders.item_layout',
  orderItems: 'orders.items',
  orderCancel: 'orders.cancelled_at',
  webBlock: 'web_events.block',
  webSession: 'web_events.session',
  webPurchase: 'web_events.purchase',
  webSessionMaskHigh: 'web_events.session_mask',
  webSessionMaskLow: 'web_events.session_mask_low',
} as const;

export type StreamName = keyof typeof STREAM_NAMES;

/**
 * The streams of `generate --defects`, one per table: which rows are dirty, with which kind, and how.
 * Kept apart from STREAM_NAMES because no generator draws from them: a clean row never depends on them.
 */
export const DEFECT_STREAM_NAMES: Readonly<Record<TableName, string>> = {
  customers: 'customers.defects',
  products: 'products.defects',
  orders: 'orders.defects',
  order_items: 'order_items.defects',
  web_events: 'web_events.defects',
};

/** The key of every stream under one seed: computed once per worker, not per row. */
export type StreamKeys = Readonly<Record<StreamName, number>>;

export function streamKeys(seed: number): StreamKeys {
  const keys = {} as Record<StreamName, number>;
  for (const name of Object.keys(STREAM_NAMES) as StreamName[]) keys[name] = streamKey(seed, STREAM_NAMES[name]);
  return keys;
}
