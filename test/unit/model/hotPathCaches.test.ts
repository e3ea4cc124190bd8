// The order and customer hot paths keep answers they would otherwise recompute, or write text in pieces
// instead of joining it first. Each is checked against the plain computation it replaces: Date's ISO text
// for dates, Math.pow for the price acceptance, `field` of the joined text for an address's first line,
// and a fresh OrderLayout per block for the reused scratch arrays.
import { describe, expect, it } from 'vitest';
import { CalendarText, civilDate, isoDateBytes } from '../../../src/core/calendar.js';
import { Rng } from '../../../src/core/random.js';
import { RowSink } from '../../../src/encoding/rowSink.js';
import { customerAddressAfter, drawAddress, writeLine1 } from '../../../src/model/addresses.js';
import { ORDERS_PER_BLOCK, OrderBlockCounts } from '../../../src/model/orderBlockCounts.js';
import { OrderLayout, type OrderBlockLayout } from '../../../src/model/orderLayout.js';
import { PriceAcceptance } from '../../../src/model/priceAcceptance.js';
import { adversarialText } from '../encoding/adversarialText.js';
import { worldOf } from '../helpers/memoryDataset.js';

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
