// order_items' records checked from their bytes (see plainRows): the column checks (byteRecord), the
// foreign keys, and itemRules' checks, each only as "passes"; a record any of them is not sure of is
// left to the string checks, which report it. A record that passes is taken as the string path takes it
// (its row with the (order_id, product_id) key, its item in its order's sums), without a string per field.
import type { TableSchema } from '../schema/schemaTypes.js';
import { ByteRecord } from './byteRecord.js';
import type { DatasetFacts } from './facts.js';
import type { IdIndex } from './idIndex.js';
import type { PlainRow } from './plainRows.js';
import type { RowColumns } from './rowColumns.js';
import type { ItemSink } from './rules/itemRules.js';
import type { TableLayout } from './tableLayout.js';

export interface ItemByteSetup {
  readonly schema: TableSchema;
  readonly layout: TableLayout;
  readonly now: string;
  readonly foreignKeys: readonly { readonly at: number; readonly ids: IdIndex | undefined }[];
  readonly columns: RowColumns;
  readonly facts: DatasetFacts;
  readonly onItem: ItemSink;
}

/** The byte checker of order_items, or undefined when a column or key has no byte form (its records all take the string checks). */
export function itemBytes(setup: ItemByteSetup): PlainRow | undefined {
  const { schema, layout, now, columns, facts, onItem } = setup;
  if (!columns.numbersOnly) return undefined;
  const record = ByteRecord.compile(schema, layout, now);
  if (!record) return undefined;
  const orderAt = layout.at('order_id');
  const productAt = layout.at('product_id');
  const quantityAt = layout.at('quantity');
  const unitAt = layout.at('unit_price');
  const discountAt = layout.at('discount_amount');
  const lineTotalAt = layout.at('line_total');
  const foreignKeys = setup.foreignKeys.filter((foreignKey) => foreignKey.ids !== undefined).map((foreignKey) => ({ at: foreignKey.at, ids: foreignKey.ids as IdIndex }));
  const { numbers } = record;

  return {
    width: record.width,
    chunk(bytes, start, end) {
      record.chunk(bytes, start, end);
    },
    take(bytes, bounds, line) {
      if (!record.pass(bytes, bounds)) return false;
      for (const foreignKey of foreignKeys) {
        const id = numbers[foreignKey.at] as number;
        if (!Number.isNaN(id) && foreignKey.ids.get(id) < 0) return false;
      }
      // itemRules' checks, as "passes" only: a NULL among their values (NaN) is left to the string path.
      const quantity = numbers[quantityAt] as number;
      const unit = numbers[unitAt] as number;
      const lineTotal = numbers[lineTotalAt] as number;
      const expected = quantity * unit - (numbers[discountAt] as number);
      // ITM-03 (NaN fails it too).
      if (!(lineTotal === expected)) return false;
      const productId = numbers[productAt] as number;
      const orderId = numbers[orderAt] as number;
      const { orders, products } = facts;
      const productSlot = products && !Number.isNaN(productId) ? products.ids.get(productId) : -1;
      const orderSlot = orders && !Number.isNaN(orderId) ? orders.ids.get(orderId) : -1;
      if (products && productSlot >= 0 && orders && orderSlot >= 0) {
        // ITM-04: the price at the order's time, unless the product changed after the order.
        const price = products.priceCents[productSlot] as number;
        const changedSinceOrder = (products.updatedAt[productSlot] as number) > (orders.orderDate[orderSlot] as number);
        if (unit !== price && !changedSinceOrder && !Number.isNaN(price)) return false;
        const ordered = orders.orderDate[orderSlot] as number;
        // ORD-06 and ITM-06 (NaN, still on sale, compares false).
        if (ordered < (products.createdAt[productSlot] as number)) return false;
        if (ordered >= (products.discontinuedAt[productSlot] as number)) return false;
      }
      // Passed: taken as the string path takes it.
      columns.addNumbers(line, numbers);
      if (orders && orderSlot >= 0) onItem(orderSlot, lineTotal, productId);
      return true;
    },
  };
}
