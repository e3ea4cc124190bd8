// What the orders generator writes: its columns in file order, and the random streams its values
// depend on. Pure data, so the schema loader can check schemas/orders.json against it without
// loading the generator.
import type { StreamName } from '../../streams.js';

export const ORDER_COLUMNS = [
  'order_id', 'customer_id', 'order_date', 'status', 'payment_method', 'shipping_method',
  'shipping_address_line1', 'shipping_city', 'shipping_state', 'shipping_zip', 'subtotal', 'discount_amount',
  'tax_amount', 'shipping_cost', 'total_amount', 'shipped_at', 'delivered_at', 'returned_at', 'updated_at',
] as const;

export const ORDER_STREAMS: readonly StreamName[] = ['orderBlock', 'orderDate', 'orderItems', 'order', 'customerTiers', 'customerCreatedAt', 'customerLifecycle', 'customerOrders', 'customerAddress', 'productCreatedAt', 'productTiers', 'productCore', 'productHistory', 'customerHistory', 'customerMoves', 'orderCancel'];
