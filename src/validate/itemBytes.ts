// order_items' records checked from their bytes (see plainRows), as web_events' are (webEventBytes): the
// column checks (plain integers in bounds, DECIMALs of at most two places within min and max), both
// foreign keys, and itemRules' checks (ITM-03, ITM-04, ORD-06, ITM-06), each only as "passes"; a record
// any of them is not sure of is left to the string checks, which report it. A record that passes is
// taken as the string path takes it (its row and unique key, the item into its order's sums), with no
// string per field: prod's 1.5M items made a string of each of their 7 fields.
import { byteCheck, decimalCents, plainInteger } from './byteFields.js';
import type { PlainRow, PlainRowSetup } from './plainRows.js';
import type { ItemSink } from './rules/itemRules.js';

const INTEGER = 1;
const DECIMAL = 2;
const COMMA = 44;
const LF = 10;

export interface ItemByteSetup extends PlainRowSetup {
  readonly onItem: ItemSink;
}

/** The byte checker of order_items, or undefined when its schema or facts do not fit it (every record takes the string checks). */
export function itemBytes(setup: ItemByteSetup): PlainRow | undefined {
  const { schema, layout, now, columns, facts, onItem } = setup;
  const { orders, products } = facts;
  if (!orders || !products || !columns.integerKeys) return undefined;
  const width = layout.width;
  const kinds = new Uint8Array(width);
  const lows = new Float64Array(width);
  const highs = new Float64Array(width);
  const wholeDigits = new Uint8Array(width);
  for (const column of schema.columns) {
    if (column.nullable || column.allowedValues) return undefined;
    const at = layout.at(column.name);
    const check = byteCheck(column, now, () => true);
    if (check?.kind === 'decimal') {
      kinds[at] = DECIMAL;
      wholeDigits[at] = check.wholeDigits;
    } else if (check?.kind === 'integer') {
      kinds[at] = INTEGER;
    } else {
      return undefined;
    }
    lows[at] = check.low;
    highs[at] = check.high;
  }
  if (kinds.includes(0)) return undefined;
  const orderAt = layout.at('order_id');
  const productAt = layout.at('product_id');
  const quantityAt = layout.at('quantity');
  const unitAt = layout.at('unit_price');
  const discountAt = layout.at('discount_amount');
  const lineAt = layout.at('line_total');
  // The two foreign keys are itemRules' lookups: any other (or another index) takes the string checks.
  const keys = setup.foreignKeys.filter((foreignKey) => foreignKey.ids !== undefined);
  const expected = [
    [orderAt, orders.ids],
    [productAt, products.ids],
  ] as const;
  if (keys.length !== 2 || !expected.every(([at, ids]) => keys.some((foreignKey) => foreignKey.at === at && foreignKey.ids === ids))) return undefined;
  const numbers = new Float64Array(width);

  /** The record's fields into `numbers` when each passes its column's checks; where it ends, or -1. */
  const valuesPass = (bytes: Uint8Array, lineStart: number, end: number): number => {
    let start = lineStart;
    for (let at = 0; at < width; at++) {
      let stop = start;
      while (stop < end) {
        const byte = bytes[stop] as number;
        if (byte === COMMA || byte === LF) break;
        stop++;
      }
      const integer = kinds[at] === INTEGER;
      const number = integer ? plainInteger(bytes, start, stop) : decimalCents(bytes, start, stop, wholeDigits[at] as number);
      const value = integer ? number : number / 100;
      // NaN fails both bounds.
      if (!(value >= (lows[at] as number) && value <= (highs[at] as number))) return -1;
      numbers[at] = number;
      if (at + 1 < width) {
        if (stop >= end || bytes[stop] !== COMMA) return -1;
      } else if (stop < end && bytes[stop] !== LF) {
        return -1;
      }
      start = stop + 1;
    }
    return start - 1;
  };

  return {
    chunk() {
      // No check here needs a search over the chunk.
    },
    take(bytes, lineStart, end, line) {
      const recordEnd = valuesPass(bytes, lineStart, end);
      if (recordEnd < 0) return -1;
      const orderSlot = orders.ids.get(numbers[orderAt] as number);
      const productSlot = products.ids.get(numbers[productAt] as number);
      if (orderSlot < 0 || productSlot < 0) return -1;
      // ITM-03: in cents, every term an exact integer.
      const unit = numbers[unitAt] as number;
      const lineTotal = numbers[lineAt] as number;
      if (lineTotal !== (numbers[quantityAt] as number) * unit - (numbers[discountAt] as number)) return -1;
      // ITM-04: the product's price, unless it changed after the order (a NaN price is not judged).
      const price = products.priceCents[productSlot] as number;
      const ordered = orders.orderDate[orderSlot] as number;
      if (unit !== price && !((products.updatedAt[productSlot] as number) > ordered) && !Number.isNaN(price)) return -1;
      // ORD-06 and ITM-06 (a NaN discontinued_at compares false).
      if (ordered < (products.createdAt[productSlot] as number) || ordered >= (products.discontinuedAt[productSlot] as number)) return -1;
      columns.addIntegers(line, numbers);
      onItem(orderSlot, lineTotal, numbers[productAt] as number);
      return recordEnd;
    },
  };
}
