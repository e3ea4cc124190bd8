// What the order_items generator writes: its columns in file order, and the random streams its values
// depend on. Pure data, so the schema loader can check schemas/order_items.json against it without
// loading the generator.
import type { StreamName } from '../../streams.js';

export const ORDER_ITEM_COLUMNS = [
  'order_item_id', 'order_id', 'product_id', 'quantity', 'unit_price', 'discount_amount', 'line_total',
] as const;

export const ORDER_ITEM_STREAMS: readonly StreamName[] = ['orderBlock', 'orderDate', 'orderItems', 'productCreatedAt', 'productTiers', 'productCore', 'productHistory'];
