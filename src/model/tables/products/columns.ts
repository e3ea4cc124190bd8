// What the products generator writes: its columns in file order, and the random streams its values
// depend on. Pure data, so the schema loader can check schemas/products.json against it without
// loading the generator.
import type { StreamName } from '../../streams.js';

export const PRODUCT_COLUMNS = [
  'product_id', 'sku', 'product_name', 'category', 'subcategory', 'brand', 'price', 'cost', 'stock_quantity',
  'is_active', 'created_at', 'discontinued_at', 'updated_at',
] as const;

export const PRODUCT_STREAMS: readonly StreamName[] = ['productCore', 'productName', 'productDetail', 'productCreatedAt', 'productHistory'];
