// order_items' records checked from their bytes (see plainRows), as web_events' are (webEventBytes): the
// column checks (plain integers in bounds, DECIMALs of at most two places within min and max), both
// foreign keys, and itemRules' checks (ITM-03, ITM-04, ORD-06, ITM-06), each only as "passes"; a record
// any of them is not sure of is left to the string checks, which report it. A record that passes is
// taken as the string path takes it (its row and unique key, the item into its order's sums), with no
// string per field: prod's 1.5M items made a string of each of their 7 fields.
import { byteCheck, plainInteger } from './byteFields.js';
import type { PlainRow, PlainRowSetup } from './plainRows.js';
import type { ItemSink } from './rules/itemRules.js';

const INTEGER = 1;
const DECIMAL = 2;
const ZERO = 48;
const DOT = 46;
const COMMA = 44;
const LF = 10;

export interface ItemByteSetup extends PlainRowSetup {
  readonly onItem: ItemSink;
}

/**
 * The cents of the DECIMAL with at most two places at `bytes[start, end)`, digits only (no sign, no
 * leading zero, at most `wholeDigits` before the point, one or two after it), as parseCents reads it;
 * NaN for anything else. `end` is where the field must stop (its comma or line end).
 */
export function decimalCents(bytes: Uint8Array, start: number, end: number, wholeDigits: number): number {
  let at = start;
  let whole = 0;
  while (at < end) {
    const digit = (bytes[at] as number) - ZERO;
    if (digit < 0 || digit > 9) break;
    whole = whole * 10 + digit;
    at++;
  }
  const digits = at - start;
  if (digits === 0 || digits > wholeDigits || (digits > 1 && bytes[start] === ZERO)) return Number.NaN;
  if (at === end) return whole * 100;
  if (bytes[at] !== DOT) return Number.NaN;
  const places = end - at - 1;
  if (places < 1 || places > 2) return Number.NaN;
  const tenths = (bytes[at + 1] as number) - ZERO;
  const hundredths = places === 2 ? (bytes[at + 2] as number) - ZERO : 0;
  if (tenths < 0 || tenths > 9 || hundredths < 0 || hundredths > 9) return Number.NaN;
  return whole * 100 + tenths * 10 + hundredths;
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
    const type = column.type;
    if (type.kind === 'DECIMAL') {
      // parseCents reads two places at most.
      if (type.scale !== 2) return undefined;
      kinds[at] = DECIMAL;
      // A value passes min and max as Number(text) does: cents / 100 is the same correctly rounded double.
      lows[at] = column.min ?? -Infinity;
      highs[at] = column.max ?? Infinity;
      wholeDigits[at] = type.precision - type.scale;
      continue;
    }
    const check = byteCheck(column, now, () => true);
    if (check?.kind !== 'integer') return undefined;
    kinds[at] = INTEGER;
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
