// The order and customer hot paths keep answers they would otherwise recompute, or write text in pieces
// instead of joining it first. Each is checked against the plain computation it replaces: Date's ISO text
// for dates, Math.pow for the price acceptance, `field` of the joined text for an address's first line
// and a customer's e-mail, a full search for a guided weighted choice, and a fresh OrderLayout per block
// for the reused scratch arrays.
import { describe, expect, it } from 'vitest';
import { CalendarText, civilDate, isoDateBytes } from '../../../src/core/calendar.js';
import { Rng } from '../../../src/core/random.js';
import { WeightedChoice } from '../../../src/core/weighted.js';
import { csvText } from '../../../src/encoding/csvText.js';
import { RowSink } from '../../../src/encoding/rowSink.js';
import { customerAddressAfter, drawAddress, writeLine1 } from '../../../src/model/addresses.js';
import { ORDERS_PER_BLOCK, OrderBlockCounts } from '../../../src/model/orderBlockCounts.js';
import { OrderItemsDrawer } from '../../../src/model/orderItemsDrawer.js';
import { OrderLayout, type OrderBlockLayout } from '../../../src/model/orderLayout.js';
import { PriceAcceptance } from '../../../src/model/priceAcceptance.js';
import { adversarialText } from '../encoding/adversarialText.js';
import { emailNumber } from '../../../src/model/tables/customers/generator.js';
import { parseCsv } from '../../helpers/csv.js';
import { CONFIG, headerOf, tableRows, worldOf } from '../helpers/memoryDataset.js';

const isoText = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);
const ascii = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');

describe('dates as bytes', () => {
  it('isoDateBytes writes what Date#toISOString does for every day of 1900-2099', () => {
    const first = Date.UTC(1900, 0, 1) / 86_400_000;
    const last = Date.UTC(2099, 11, 31) / 86_400_000;
    const wrong: string[] = [];
    for (let day = first; day <= last; day++) {
      const text = ascii(isoDateBytes(day));
      if (text !== isoText(day)) wrong.push(`${day}: ${text} vs ${isoText(day)}`);
    }
    expect(last - first).toBeGreaterThan(73_000);
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it('civilDate gives what a Date gives, for days from the year 1600 to 2400', () => {
    const wrong: string[] = [];
    let checked = 0;
    for (let day = Date.UTC(1600, 0, 1) / 86_400_000; day <= Date.UTC(2400, 11, 31) / 86_400_000; day += 7) {
      const date = new Date(day * 86_400_000);
      const { year, month, dayOfMonth } = civilDate(day);
      if (year !== date.getUTCFullYear() || month !== date.getUTCMonth() + 1 || dayOfMonth !== date.getUTCDate()) wrong.push(`${day}: ${year}-${month}-${dayOfMonth}`);
      checked++;
    }
    expect(checked).toBeGreaterThan(40_000);
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it('CalendarText.dateBytes answers every day alike, asked in any order, inside and outside its indexed span', () => {
    const calendar = new CalendarText();
    const rng = new Rng();
    const wrong: string[] = [];
    for (let ask = 0; ask < 20_000; ask++) {
      rng.reseed(3, ask);
      // Mostly 1900-2099, some far outside it (years 1200-1899 and 2100-2600), some days asked twice in a row.
      const day = rng.chance(0.8) ? rng.between(-25_567, 47_481) : rng.chance(0.5) ? rng.between(-280_000, -25_568) : rng.between(47_482, 230_000);
      for (const repeat of rng.chance(0.3) ? [day, day] : [day]) {
        const text = ascii(calendar.dateBytes(repeat));
        if (text !== isoText(repeat)) wrong.push(`${repeat}: ${text}`);
      }
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });
});

describe('CalendarText.writeDate', () => {
  it('writes the bytes dateBytes gives, for days inside and outside the indexed span, at any offset', () => {
    const calendar = new CalendarText();
    const rng = new Rng();
    const view = new Uint8Array(64);
    const wrong: string[] = [];
    for (let ask = 0; ask < 20_000; ask++) {
      rng.reseed(9, ask);
      const day = rng.chance(0.8) ? rng.between(-25_567, 47_481) : rng.chance(0.5) ? rng.between(-280_000, -25_568) : rng.between(47_482, 230_000);
      const at = rng.below(40);
      const end = calendar.writeDate(view, at, day);
      const text = ascii(view.subarray(at, end));
      if (text !== isoText(day) || end !== at + 10) wrong.push(`${day}: ${text}`);
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });
});

/** The weighted choice's answer by a scan: the first index whose running sum exceeds unit x total. */
function scanIndex(weights: readonly number[], unit: number): number {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const target = unit * total;
  let sum = 0;
  for (let index = 0; index < weights.length; index++) {
    sum += weights[index] as number;
    if (sum > target) return index;
  }
  return weights.length - 1;
}

describe('WeightedChoice with a guide', () => {
  it('picks what a full scan picks, at random units and at and around every bucket edge', () => {
    const rng = new Rng();
    const wrong: string[] = [];
    let checked = 0;
    // Sizes around the guide's threshold and powers of two; weights skewed, with runs of zeros and ties.
    for (const size of [31, 32, 33, 64, 100, 1000, 1700]) {
      rng.reseed(11, size);
      const weights = Array.from({ length: size }, (_, index) => (index % 7 === 3 ? 0 : index % 11 === 5 ? 1 : Math.floor(1 + 5000 * rng.float() ** 4)));
      const choice = new WeightedChoice(weights.map((_, index) => index), weights);
      const buckets = 2 ** Math.floor(Math.log2(size));
      const units: number[] = [];
      for (let draw = 0; draw < 5000; draw++) units.push(rng.float(), rng.double());
      for (let bucket = 0; bucket <= buckets; bucket++) {
        const edge = bucket / buckets;
        units.push(edge, edge - 2 ** -40, edge + 2 ** -40, edge - Number.EPSILON / 2);
      }
      for (const unit of units) {
        if (!(unit >= 0 && unit < 1)) continue;
        checked++;
        if (choice.indexAt(unit) !== scanIndex(weights, unit)) wrong.push(`${size} @ ${unit}`);
      }
    }
    expect(checked).toBeGreaterThan(70_000);
    expect(wrong.slice(0, 5)).toEqual([]);
  });
});

describe('customer e-mails written in pieces', () => {
  it('writes the e-mail field as field() writes the joined text, a domain needing quotes or non-ASCII included', () => {
    const domains = ['plain.example', 'we,ird.example', 'quo"te.example', 'exämple.example'];
    const config = { ...CONFIG, customers: { ...CONFIG.customers, emailDomains: Object.fromEntries(domains.map((domain) => [domain, 1])) } };
    const world = worldOf({ customers: 400, products: 40, orders: 200, order_items: 560, web_events: 2000 }, 42, config);
    const text = tableRows(world, 'customers');
    const records = parseCsv(headerOf('customers') + text);
    const header = records[0] as string[];
    const emailColumn = header.indexOf('email');
    const idColumn = header.indexOf('customer_id');
    const seen = new Set<string>();
    const lines = text.split('\n');
    expect(records.length - 1).toBeGreaterThan(300);
    records.slice(1).forEach((record, row) => {
      const email = record[emailColumn] as string;
      const id = Number(record[idColumn]);
      const at = email.lastIndexOf('@');
      const domain = email.slice(at + 1);
      seen.add(domain);
      expect(domains).toContain(domain);
      // The local part: letters with one optional dot or underscore, then the id's e-mail number.
      expect(email.slice(0, at)).toMatch(new RegExp(`^[a-z]*[._]?[a-z]*${emailNumber(id)}$`));
      // The raw line holds the field as csvText writes the joined text (quoted when the domain asks for it).
      expect((lines[row] as string).includes(`,${csvText(email)},`)).toBe(true);
    });
    expect([...seen].sort()).toEqual([...domains].sort());
  });
});

describe('order items know their category from the pick', () => {
  it('gives every line the category ProductFacts holds for its product, in a roomy store and in one of one to three products', () => {
    let lines = 0;
    for (const products of [40, 3, 2, 1]) {
      // A catalog of a few products holds one item an order (no order can hold more lines than products).
      const world = worldOf({ customers: 60, products, orders: 300, order_items: products > 3 ? 900 : 300, web_events: 2000 });
      const drawer = new OrderItemsDrawer(world);
      const layout = new OrderLayout(world, new Rng());
      const wrong: string[] = [];
      for (let orderId = 1; orderId <= world.counts.orders; orderId++) {
        const block = layout.layout(layout.blockOf(orderId));
        const index = orderId - block.firstOrderId;
        const count = block.itemCounts[index] as number;
        drawer.draw(orderId, count, block.orderSeconds[index] as number);
        for (const item of drawer.items.slice(0, count)) {
          lines++;
          if (item.category !== world.productFacts.categoryIndex(item.productId)) wrong.push(`${products}: order ${orderId} product ${item.productId}`);
        }
      }
      expect(wrong.slice(0, 5)).toEqual([]);
    }
    expect(lines).toBeGreaterThan(1500);
  });
});

describe('PriceAcceptance', () => {
  it('gives the same double as Math.pow for every price, whatever was asked before (slots shared by prices 2048 apart)', () => {
    const acceptance = new PriceAcceptance(4000, 0.6);
    const rng = new Rng();
    const wrong: number[] = [];
    const prices = new Set<number>();
    for (let ask = 0; ask < 50_000; ask++) {
      rng.reseed(5, ask);
      // A small set of prices, each with neighbours that share its slot, asked in random order.
      const price = 4001 + rng.below(300) * 99 + rng.below(4) * 2048;
      prices.add(price);
      if (acceptance.chance(price) !== Math.pow(4000 / price, 0.6)) wrong.push(price);
    }
    expect(prices.size).toBeGreaterThan(1000);
    expect(wrong.slice(0, 5)).toEqual([]);
  });
});

describe('address lines written in pieces', () => {
  it('numberedField writes the bytes field writes for the joined text, quotes and non-ASCII included', () => {
    const rng = new Rng();
    for (let row = 0; row < 3000; row++) {
      rng.reseed(11, row);
      const number = rng.chance(0.1) ? 2147483647 + rng.below(3) : rng.below(100_000);
      const text = adversarialText(rng);
      const more = rng.chance(0.5) ? '' : adversarialText(rng);
      // Small buffers so that both writers grow them mid-field.
      const pieces = new RowSink(8);
      const joined = new RowSink(8);
      pieces.numberedField(number, text, more);
      joined.field(more === '' ? `${number} ${text}` : `${number} ${text} ${more}`);
      expect(pieces.text()).toBe(joined.text());
    }
  });

  it('writeLine1 writes a drawn address as field(line1) does, home and moved addresses alike', () => {
    const world = worldOf();
    const rng = new Rng();
    const addressRng = new Rng();
    const shapes = new Set<string>();
    for (let id = 1; id <= 3000; id++) {
      const address = id % 2 === 0 ? drawAddress(world, rng.reseed(13, id)) : customerAddressAfter(world, addressRng, id, id % 4);
      const pieces = new RowSink(8);
      const joined = new RowSink(8);
      writeLine1(pieces, address);
      joined.field(address.line1);
      expect(pieces.text()).toBe(joined.text());
      // Both forms of street occur: "<number> <street name>" and "<number> <name> <suffix>".
      shapes.add(address.line1.split(' ').length === 2 ? 'street' : 'name and suffix');
    }
    expect(shapes.size).toBe(2);
  });
});

describe('OrderLayout scratch arrays and kept block counts', () => {
  const world = worldOf({ customers: 300, products: 120, orders: 2000, order_items: 5100, web_events: 1000 }, 42);
  /** The block as a layout draws it with nothing kept: a fresh OrderLayout over an empty store. */
  const drawn = (block: number): OrderBlockLayout => new OrderLayout({ ...world, orderBlockCounts: new OrderBlockCounts(world.counts.orders) }, new Rng()).layout(block);

  function expectSame(layout: OrderBlockLayout, expected: OrderBlockLayout): void {
    expect(Array.from(layout.itemCounts)).toEqual(Array.from(expected.itemCounts));
    expect(Array.from(layout.orderSeconds)).toEqual(Array.from(expected.orderSeconds));
    expect(layout.firstItemId).toBe(expected.firstItemId);
  }

  it('lays out each block as a fresh layout does, blocks asked in any order, with roomy or crowded stores', () => {
    const lastBlock = new OrderLayout(world, new Rng()).blockOf(world.counts.orders);
    // Three passes over one world's store (as orders, order_items and web_events make), and a store of 3
    // slots for 32 blocks, where blocks keep taking each other's slots.
    const crowded = { ...world, orderBlockCounts: new OrderBlockCounts(world.counts.orders, 3) };
    const layouts = [new OrderLayout(world, new Rng()), new OrderLayout(world, new Rng()), new OrderLayout(world, new Rng()), new OrderLayout(crowded, new Rng())];
    const rng = new Rng();
    let kept = 0;
    for (let ask = 0; ask < 300; ask++) {
      const block = rng.reseed(17, ask).between(0, lastBlock);
      const expected = drawn(block);
      for (const layout of layouts) expectSame(layout.layout(block), expected);
      if (world.orderBlockCounts.read(block, expected.orderCount, new Uint16Array(expected.orderCount))) kept++;
    }
    expect(kept).toBe(300);
    // The last block is short (2000 = 31 x 64 + 16): its scratch slots beyond 16 held a full block's values.
    expect(layouts[0]?.layout(lastBlock).orderCount).toBe(16);
  });

  it('keeps no counts a byte cannot hold, and such a block is drawn again', () => {
    const store = new OrderBlockCounts(640);
    store.keep(2, Uint16Array.from([3, 1, 2]));
    const into = new Uint16Array(3);
    expect(store.read(2, 3, into)).toBe(true);
    expect(Array.from(into)).toEqual([3, 1, 2]);
    store.keep(2, Uint16Array.from([300, 1, 2]));
    expect(store.read(2, 3, into)).toBe(false);
    // Block 12 shares block 2's slot (10 slots): keeping it evicts block 2.
    store.keep(2, Uint16Array.from([4, 4, 4]));
    store.keep(12, Uint16Array.from([5, 5, 5]));
    expect(store.read(2, 3, into)).toBe(false);
    expect(store.read(12, 3, into)).toBe(true);
    expect(Array.from(into)).toEqual([5, 5, 5]);
  });

  it('keeps nothing for a block longer than a slot, and leaves the next slot intact', () => {
    const store = new OrderBlockCounts(640);
    store.keep(3, Uint16Array.from([7, 7]));
    store.keep(2, new Uint16Array(ORDERS_PER_BLOCK + 1).fill(1));
    expect(store.read(2, 1, new Uint16Array(1))).toBe(false);
    const into = new Uint16Array(2);
    expect(store.read(3, 2, into)).toBe(true);
    expect(Array.from(into)).toEqual([7, 7]);
  });
});
